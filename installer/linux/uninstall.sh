#!/bin/sh
# Remove what install.sh put in place (add --system for a system-wide install).
# Reviews, settings and the demo review in your data folder are left alone.
set -eu

if [ "${1:-}" = "--system" ]; then
    APP_DIR=/opt/reviewer-app
    BIN_DIR=/usr/local/bin
    SHARE=/usr/share
else
    APP_DIR="$HOME/.local/opt/reviewer-app"
    BIN_DIR="$HOME/.local/bin"
    SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi

if [ -L "$BIN_DIR/reviewer-app" ]; then rm -f "$BIN_DIR/reviewer-app"; fi
rm -f "$SHARE/applications/reviewer-app.desktop" "$SHARE/mime/packages/reviewer-app.xml"
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$SHARE/mime" || true
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$SHARE/applications" || true
if [ -x "$APP_DIR/reviewer-app" ]; then rm -rf "$APP_DIR"; fi
echo "Removed Reviewer from $APP_DIR (your reviews and settings are kept)"
