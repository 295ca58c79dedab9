"""Before the window starts on Linux/X11: can Qt's xcb platform plugin load?

Qt aborts with a message about ``libxcb-cursor0`` whatever is really missing, and takes
the process down with it. This check asks the dynamic loader (``ldd``) which libraries the
plugin cannot find and names the Debian/Ubuntu packages that provide them, so a fresh
machine gets one line to run instead of a core dump. Used by ``reviewer-app`` before it
creates the application, and by ``make run`` (``python -m reviewer_app.platform_check``).
It never imports Qt.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

EXIT_MISSING = 3

# shared library -> Debian/Ubuntu package providing it
PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    """Qt's xcb platform plugin in the installed PySide6 (or the frozen bundle)."""
    roots: list[Path] = []
    if getattr(sys, "frozen", False):
        roots.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "PySide6")
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        roots += [Path(p) for p in spec.submodule_search_locations]
    for root in roots:
        for sub in ("Qt/plugins/platforms", "plugins/platforms"):
            plugin = root / sub / "libqxcb.so"
            if plugin.is_file():
                return plugin
    return None


def not_found(ldd_output: str) -> list[str]:
    """Libraries ``ldd`` reports as "not found", each once, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def unresolved(plugin: Path, env: dict[str, str] | None = None) -> list[str]:
    """The libraries the loader cannot find for the plugin ([] when ldd is unavailable)."""
    ldd = shutil.which("ldd", path=(env or os.environ).get("PATH"))
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                             env=env, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return not_found(out)


def packages_for(libraries: list[str]) -> list[str]:
    return list(dict.fromkeys(PACKAGES.get(lib, f"(the package providing {lib})")
                              for lib in libraries))


def message(libraries: list[str]) -> str:
    known = [p for p in packages_for(libraries) if not p.startswith("(")]
    unknown = [p for p in packages_for(libraries) if p.startswith("(")]
    text = ("reviewer-app: the window cannot start: Qt's X11 platform plugin (xcb) needs "
            f"system libraries that are missing: {', '.join(libraries)}.")
    if known:
        text += f" Install them with:  sudo apt-get install {' '.join(known)}"
    if unknown:
        text += " " + "; ".join(unknown) + "."
    return text + " (The command-line tools work without them.)"


def applies(env: dict[str, str]) -> bool:
    """Only Linux, and only when Qt would use xcb (no other platform was asked for)."""
    platform = env.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux"):
        return False
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def check_for_window(env: dict[str, str] | None = None) -> str | None:
    """The message to print instead of starting the window, or None when it can start."""
    env = dict(os.environ if env is None else env)
    if not applies(env):
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    missing = unresolved(plugin, env)
    bundle = getattr(sys, "_MEIPASS", None)
    if missing and bundle:  # the standalone app carries some libraries of its own
        missing = [m for m in missing if next(Path(bundle).rglob(m), None) is None]
    return message(missing) if missing else None


def main() -> int:
    problem = check_for_window()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_MISSING
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
