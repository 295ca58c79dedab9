#!/usr/bin/env bash
# Build the standalone app with PyInstaller (one folder) and pack it for this platform.
#   Linux: dist/reviewer-app/  and  dist/reviewer-app-<version>-linux-<arch>.tar.gz
#   macOS: dist/Reviewer.app   and  dist/reviewer-app-<version>-macos-<arch>.zip
# Windows builds use the commands in installer/README.md (PowerShell + Inno Setup).
# Environment: PYTHON (default python3) makes VENV (default .venv) if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
PY="$VENV/bin/python"

if [ ! -x "$PY" ]; then
    "$PYTHON" -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
fi
# The app itself plus PyInstaller (the "installer" extra once pyproject.toml has it).
mkdir -p build
EXTRA=". pyinstaller>=6.10"
if grep -q '^installer *= *\[' pyproject.toml; then EXTRA=".[installer]"; fi
# shellcheck disable=SC2086
if ! "$PY" -m pip install --quiet -e $EXTRA > build/pip-install.log 2>&1; then
    cat build/pip-install.log >&2
    exit 1
fi

VERSION=$("$PY" installer/app_meta.py version)
TAG=$("$PY" installer/app_meta.py platform)
NAME=reviewer-app
START=$(date +%s)

rm -rf "dist/$NAME" dist/Reviewer.app
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/reviewer_app.spec

case "$(uname -s)" in
Linux)
    # Desktop integration files travel inside the folder; install.sh puts them in place.
    cp installer/linux/reviewer-app.desktop installer/linux/install.sh \
       installer/linux/uninstall.sh "dist/$NAME/"
    ICON=$("$PY" installer/app_meta.py icon .svg .png)
    if [ -n "$ICON" ]; then
        cp "$ICON" "dist/$NAME/reviewer-app.${ICON##*.}"
    fi
    chmod +x "dist/$NAME/install.sh" "dist/$NAME/uninstall.sh"
    for lib in libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-cursor.so.0; do
        if [ ! -e "dist/$NAME/_internal/$lib" ]; then
            echo "warning: $lib is not bundled (not installed here); the X11 plugin will need" \
                 "it on the user's computer (apt-get install libxcb-icccm4 libxcb-keysyms1" \
                 "libxcb-cursor0 before building bundles it)" >&2
        fi
    done
    ARCHIVE="dist/$NAME-$VERSION-$TAG.tar.gz"
    # Reproducible: sorted names, no owner, fixed time stamps, gzip without a name/time.
    EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
        -C dist -cf - "$NAME" | gzip -n > "$ARCHIVE"
    ;;
Darwin)
    ARCHIVE="dist/$NAME-$VERSION-$TAG.zip"
    ditto -c -k --sequesterRsrc --keepParent dist/Reviewer.app "$ARCHIVE"
    ;;
*)
    ARCHIVE=""
    ;;
esac

echo "built reviewer-app $VERSION ($TAG) in $(( $(date +%s) - START )) s"
if [ -d "dist/$NAME" ]; then
    echo "  folder:  dist/$NAME  $(du -sh "dist/$NAME" | cut -f1)"
fi
if [ -n "$ARCHIVE" ]; then
    echo "  archive: $ARCHIVE  $(du -h "$ARCHIVE" | cut -f1)"
fi
