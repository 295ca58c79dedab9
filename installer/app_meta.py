"""Facts about the app that the spec, the build script and the platform files share.

Read without importing reviewer_app (the build may run before it is installed):
``python installer/app_meta.py version`` prints the version for shell scripts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "Reviewer"  # shown in menus, the macOS bundle and the Windows installer
EXE_NAME = "reviewer-app"  # the program file and the one-folder build's folder
BUNDLE_ID = "org.reviewerapp.reviewer"
PUBLISHER = "reviewer_app contributors"
DESCRIPTION = "Offline reviewer workstation for safe-policing certification assessments"
REVIEW_EXTENSION = "review"

# Icon files looked for, in order, in resources/icons/ (owned by the window's helper).
ICON_STEMS = ("app", "reviewer-app-512", "reviewer-app", "reviewer", "icon")


def version() -> str:
    text = (ROOT / "reviewer_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
    if not match:
        raise SystemExit("reviewer_app/__init__.py has no __version__")
    return match.group(1)


def find_icon(*suffixes: str) -> Path | None:
    """The app icon with the first suffix found (".ico", ".icns", ".png", ".svg")."""
    folder = ROOT / "resources" / "icons"
    for suffix in suffixes:
        for stem in ICON_STEMS:
            path = folder / f"{stem}{suffix}"
            if path.is_file():
                return path
    return None


def write_ico(out: Path) -> None:
    """A multi-size .ico from the largest PNG icon (Pillow, a dependency of reportlab)."""
    from PIL import Image

    source = ROOT / "resources" / "icons" / "reviewer-app-512.png"
    if not source.is_file():
        source = find_icon(".png")
    if source is None:
        raise SystemExit("no PNG app icon in resources/icons/")
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.open(source).save(out, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                        (128, 128), (256, 256)])


def platform_tag() -> str:
    import platform

    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform,
                                                                          sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{system}-{machine}"


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "version"
    if what == "version":
        print(version())
    elif what == "platform":
        print(platform_tag())
    elif what == "icon":
        icon = find_icon(*(sys.argv[2:] or [".png", ".svg"]))
        print(icon or "")
    elif what == "ico":  # Windows icon for Inno Setup: app_meta.py ico build/reviewer-app.ico
        write_ico(Path(sys.argv[2]))
    else:
        raise SystemExit(f"unknown query {what!r}; use version, platform, icon or ico")
