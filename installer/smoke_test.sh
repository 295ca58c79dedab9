#!/usr/bin/env bash
# Smoke test of the built app: unpack the Linux archive into an empty folder, run the frozen
# program's --self-test offscreen with a fresh HOME and no Python around, and fail if
#   - the self-test fails (it opens the demo review, links a quote, exports and verifies
#     a packet, and records any network attempt made from Python),
#   - the process (Qt and every C library included) attempts a network connection: strace
#     records every connect/sendto/sendmsg, and any AF_INET/AF_INET6 address fails the
#     test; the run also happens in a new network namespace (unshare -n) where no network
#     exists, so an attempt cannot succeed or hang,
#   - the program reads any file of the source checkout or of the Python that built it
#     (it would then not work on a computer without them), or writes into its own folder
#     (installed for all users, that folder is read-only).
# Usage: installer/smoke_test.sh [ARCHIVE.tar.gz | FOLDER]   (default: the one in dist/)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
PY=${VENV:-.venv}/bin/python
[ -x "$PY" ] || PY=python3

VERSION=$("$PY" installer/app_meta.py version)
TAG=$("$PY" installer/app_meta.py platform)
TARGET=${1:-dist/reviewer-app-$VERSION-$TAG.tar.gz}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/reviewer-app-smoke.XXXXXX")
if [ -z "${KEEP_SMOKE:-}" ]; then trap 'rm -rf "$WORK"' EXIT; fi

if [ -f "$TARGET" ]; then
    tar -xzf "$TARGET" -C "$WORK"
elif [ -d "$TARGET" ]; then
    cp -R "$TARGET" "$WORK/reviewer-app"
else
    echo "smoke_test: $TARGET not found; build it first with 'make installer'" >&2
    exit 2
fi
APP="$WORK/reviewer-app/reviewer-app"
[ -x "$APP" ] || { echo "smoke_test: no program at $APP" >&2; exit 2; }
mkdir -p "$WORK/home" "$WORK/run"
chmod 700 "$WORK/run"

# Only what a desktop session would have: no Python paths, no virtualenv, a new HOME.
ENVIRONMENT=(env -i "PATH=/usr/bin:/bin" "HOME=$WORK/home" "LANG=C.UTF-8"
    "XDG_RUNTIME_DIR=$WORK/run" "QT_QPA_PLATFORM=offscreen" "TMPDIR=$WORK")

WRAP=()
if unshare -n true 2>/dev/null; then
    WRAP+=(unshare -n)
    NETNS="new empty network namespace (unshare -n)"
else
    NETNS="host network (unshare -n not permitted here)"
fi
TRACE="$WORK/trace.log"
if command -v strace >/dev/null 2>&1; then
    WRAP+=(strace -f -qq -e trace=connect,sendto,sendmsg,openat,open -o "$TRACE")
    WATCH="strace (whole process)"
else
    WATCH="Python audit hook only (strace not installed)"
fi

echo "smoke test of $TARGET"
if [ -n "${WATCH##Python*}" ]; then
    # Canary: the watcher must see a connection attempt before its silence means anything.
    # (Loopback only; inside the empty namespace it cannot even reach that.)
    CANARY=(unshare -n strace -f -qq -e trace=connect -o "$WORK/canary.log")
    [ "${WRAP[0]}" = unshare ] || CANARY=("${CANARY[@]:2}")
    "${CANARY[@]}" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>/dev/null || true
    if ! grep -qE 'connect\(.*AF_INET' "$WORK/canary.log"; then
        echo "FAIL: strace did not record a deliberate connection attempt; cannot check" >&2
        exit 2
    fi
fi
echo "  network: $NETNS; watched by $WATCH"
STATUS=0
version_out=$("${ENVIRONMENT[@]}" "$APP" --version 2>&1) || STATUS=1
echo "  --version: $version_out"
case "$version_out" in *"$VERSION"*) ;; *) echo "FAIL: --version does not say $VERSION"; STATUS=1 ;; esac

START=$(date +%s%N)
(cd "$WORK" && "${ENVIRONMENT[@]}" "${WRAP[@]}" "$APP" --self-test) || STATUS=1
echo "  self-test wall time under the tracer: $(( ($(date +%s%N) - START) / 1000000 )) ms"

if [ -f "$TRACE" ]; then
    inet=$(grep -E '(connect|sendto|sendmsg)\(.*AF_INET6?[,}]' "$TRACE" || true)
    unix=$(grep -cE 'connect\(.*AF_UNIX' "$TRACE" || true)
    if [ -n "$inet" ]; then
        echo "FAIL: network connection attempts:"
        echo "$inet" | head -20
        STATUS=1
    else
        echo "PASS  no network: no AF_INET/AF_INET6 connect/sendto/sendmsg in any thread" \
             "($unix local AF_UNIX connects, e.g. D-Bus, are not network)"
    fi
    PYPREFIX=$("$PY" -c 'import sys; print(sys.base_prefix)')
    leaks=$(grep -E 'open(at)?\(.*= [0-9]+$' "$TRACE" \
            | grep -oE '"/[^"]*"' | tr -d '"' \
            | grep -E "^($REPO|$PYPREFIX)/" | sort -u || true)
    if [ -n "$leaks" ]; then
        echo "FAIL: the frozen app read files outside its folder (not standalone):"
        echo "$leaks" | head -20
        STATUS=1
    else
        echo "PASS  standalone: opened nothing from $REPO or $PYPREFIX"
    fi
    writes=$(grep -E 'open(at)?\(.*O_(WRONLY|RDWR).*= [0-9]+$' "$TRACE" \
             | grep -oE '"/[^"]*"' | tr -d '"' | grep -E "^$WORK/reviewer-app/" | sort -u || true)
    if [ -n "$writes" ]; then
        echo "FAIL: the app wrote into its installation folder (must work read-only):"
        echo "$writes" | head -20
        STATUS=1
    else
        echo "PASS  read-only install: wrote nothing into $WORK/reviewer-app"
    fi
fi

if [ "$STATUS" -eq 0 ]; then echo "smoke test passed"; else echo "smoke test FAILED"; fi
exit "$STATUS"
