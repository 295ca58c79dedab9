#!/bin/sh
# Install Reviewer from this unpacked folder, for the current user (no administrator
# rights needed) or, run as root with --system, for everyone on the computer.
#   ./install.sh            -> ~/.local/opt/reviewer-app, menu entry, "reviewer-app" command
#   sudo ./install.sh --system  -> /opt/reviewer-app, /usr/local/bin, /usr/share/applications
# Nothing is downloaded; uninstall.sh removes what this put in place (never your reviews).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--system" ]; then
    APP_DIR=/opt/reviewer-app
    BIN_DIR=/usr/local/bin
    SHARE=/usr/share
else
    APP_DIR="$HOME/.local/opt/reviewer-app"
    BIN_DIR="$HOME/.local/bin"
    SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi

if [ ! -x "$HERE/reviewer-app" ]; then
    echo "install.sh: run it from the unpacked reviewer-app folder (reviewer-app not found)" >&2
    exit 1
fi

if [ "$HERE" != "$APP_DIR" ]; then
    rm -rf "$APP_DIR.new"
    mkdir -p "$(dirname "$APP_DIR")"
    cp -R "$HERE" "$APP_DIR.new"
    rm -rf "$APP_DIR"
    mv "$APP_DIR.new" "$APP_DIR"
fi

mkdir -p "$BIN_DIR" "$SHARE/applications" "$SHARE/mime/packages"
ln -sf "$APP_DIR/reviewer-app" "$BIN_DIR/reviewer-app"

ICON=reviewer-app
for ext in svg png; do
    if [ -f "$APP_DIR/reviewer-app.$ext" ]; then ICON="$APP_DIR/reviewer-app.$ext"; break; fi
done
sed -e "s|^Exec=.*|Exec=\"$APP_DIR/reviewer-app\" %f|" -e "s|^Icon=.*|Icon=$ICON|" \
    "$APP_DIR/reviewer-app.desktop" > "$SHARE/applications/reviewer-app.desktop"

cat > "$SHARE/mime/packages/reviewer-app.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-reviewer-review">
    <comment>Certification review</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <glob pattern="*.review"/>
  </mime-type>
</mime-info>
XML

command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$SHARE/mime" || true
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$SHARE/applications" || true

echo "Installed Reviewer in $APP_DIR"
echo "  menu entry: $SHARE/applications/reviewer-app.desktop"
echo "  command:    $BIN_DIR/reviewer-app (check it works: reviewer-app --self-test)"
case ":$PATH:" in *":$BIN_DIR:"*) ;; *) echo "  note: $BIN_DIR is not on your PATH" ;; esac
