"""What the frozen build leaves out, and why; the spec applies these rules to its file lists.

PyInstaller collects every Qt plugin of each imported Qt module and every translation
file; the app is an English-only widgets program that never touches the network, so
most of that is dead weight (and some plugins would drag in QtQuick, QtNetwork or
QtOpenGL). The rules are plain data so they can be read, tested and extended in one place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination, source, type code)

# Python modules never used at run time (tests, tooling, other GUI toolkits, unused Qt).
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib",
    "unittest", "doctest", "pydoc", "pydoc_data", "lib2to3", "test", "tests",
    "setuptools", "pkg_resources", "distutils", "pip", "wheel",
    "pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "importlinter", "grimp",
    "IPython", "matplotlib", "numpy", "pandas", "scipy",
    # ssl stays: pyHanko (signed packets) imports it unconditionally through its fetchers,
    # though the app never fetches (allow_fetching=False; the self-test's network guard)
    # Pillow (reportlab reads the report's JPEG crops with it) without the AVIF and WebP
    # codecs (6 MB of libraries; its plugins fall back cleanly) or its Tk and Qt glue.
    "PIL._avif", "PIL._webp", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",

    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuickTest", "PySide6.QtQmlFeatures",
    "PySide6.QtSql", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools",
    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtLabsStyleKit",
    "PySide6.Qt3DCore", "PySide6.QtWebEngineCore", "PySide6.QtMultimedia",
]

# Qt plugin folders kept whole or in part (file-name stems); any other plugin folder is
# dropped. None keeps the whole folder.
KEPT_PLUGINS: dict[str, set[str] | None] = {
    # xcb and wayland for desktops; offscreen for --self-test and CI; cocoa and windows
    # are the only platform plugins on macOS and Windows.
    "platforms": {"libqxcb", "libqwayland", "libqoffscreen", "libqcocoa", "qwindows",
                  "qoffscreen", "libqwayland-generic"},
    "xcbglintegrations": None,  # small; lets xcb pick GLX or EGL if a style asks for GL
    # Portal dialogs only: the GTK theme would load the desktop's GTK against the bundled,
    # older GLib and Cairo (a known cause of crashes), and drags in 10 MB of them.
    "platformthemes": {"libqxdgdesktopportal"},
    "platforminputcontexts": {"libcomposeplatforminputcontextplugin",
                              "libibusplatforminputcontextplugin"},  # not the QML keyboard
    "iconengines": None,  # SVG icons
    "imageformats": {"libqsvg", "libqico", "libqjpeg", "libqgif", "qsvg", "qico", "qjpeg",
                     "qgif"},
    "styles": None,  # Windows and macOS native styles
    "wayland-shell-integration": {"libxdg-shell"},
    "wayland-decoration-client": None,
}

# Qt libraries the app must never ship: only unused modules or dropped plugins need them.
# Matches libQt6Network.so.6 (Linux), Qt6Network.dll (Windows), QtNetwork.framework (macOS).
_DROPPED_QT = re.compile(
    r"^(?:lib)?Qt6?(?:Qml|Quick|Network|Sql|Test|Designer|Help|WebEngine|Multimedia|3D|Pdf|"
    r"Lottie|Labs|VirtualKeyboard|WaylandCompositor|WaylandEgl|WlShell|EglFS|EglFsKms|OpenGL|"
    r"UiTools|Concurrent|Xml|ShaderTools|SpatialAudio|Charts|DataVisualization)", re.I)


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def _dropped_qt(parts: list[str]) -> bool:
    return any(_DROPPED_QT.match(p) for p in parts)


def keep_binary(dest: str) -> bool:
    """False for a Qt plugin or library the app does not need."""
    parts = _parts(dest)
    name = parts[-1]
    if parts[0] == "PySide6" and "plugins" in parts:
        at = parts.index("plugins")
        folder = parts[at + 1] if len(parts) > at + 2 else ""
        if folder not in KEPT_PLUGINS:
            return False
        stems = KEPT_PLUGINS[folder]
        return stems is None or name.split(".")[0] in stems
    return not _dropped_qt(parts)


def keep_data(dest: str) -> bool:
    """False for Qt translations, type stubs, headers and other build-time files."""
    parts = _parts(dest)
    if _dropped_qt(parts):
        return False  # e.g. the Resources of a dropped macOS framework
    if "translations" in parts and parts[0] == "PySide6":
        return False  # the interface is English only
    if parts[0] in ("PySide6", "shiboken6") and parts[-1].endswith((".pyi", ".h", ".cmake")):
        return False
    if parts[0] == "PySide6" and "qml" in parts:
        return False  # QML imports: the app is widgets only
    if parts[0] == "resources" and parts[-1].endswith((".py", ".pyc")):
        return False  # scripts that made the demo PDF and icons, not needed to run
    return not any(p in ("tests", "test", "__pycache__") for p in parts[:-1])


def _name(dest: str) -> str:
    return _parts(dest)[-1]


def prune(entries: Iterable[Entry], keep: Callable[[str], bool]) -> list[Entry]:
    return [e for e in entries if e[2] == "SYMLINK" or keep(e[0])]


def drop_dangling_symlinks(binaries: list[Entry], datas: list[Entry]
                           ) -> tuple[list[Entry], list[Entry]]:
    """Remove symlinks whose target was pruned (PyInstaller links Qt libs to the top)."""
    present = {e[0].replace("\\", "/") for e in (*binaries, *datas) if e[2] != "SYMLINK"}

    def alive(e: Entry) -> bool:
        return e[2] != "SYMLINK" or e[1].replace("\\", "/") in present

    return [e for e in binaries if alive(e)], [e for e in datas if alive(e)]


SYSTEM_LIB_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def drop_unneeded_system_libs(binaries: list[Entry],
                              get_imports: Callable[[str], Iterable[tuple[str, str]]]
                              ) -> tuple[list[Entry], list[str]]:
    """Drop system libraries that only pruned binaries needed (Linux).

    PyInstaller resolves dependencies before the spec prunes plugins, so e.g. Kerberos
    (for QtNetwork) and Cairo (for the GTK theme) would stay. ``get_imports(path)`` gives
    the (name, path) closure of a binary's needs (``bindepend.get_imports``).
    """
    system = {_name(e[0]): e for e in binaries
              if e[2] != "SYMLINK" and "/" not in e[0].replace("\\", "/")
              and os.path.realpath(e[1]).startswith(SYSTEM_LIB_DIRS)}
    needed: set[str] = set()
    stack = [e[1] for e in binaries if e[2] != "SYMLINK" and _name(e[0]) not in system]
    seen: set[str] = set()
    while stack:
        src = stack.pop()
        if src in seen:
            continue
        seen.add(src)
        for name, _path in get_imports(src):
            if name in system and name not in needed:
                needed.add(name)
                stack.append(system[name][1])
    dropped = sorted(set(system) - needed)
    return [e for e in binaries if _name(e[0]) not in dropped or e[2] == "SYMLINK"], dropped
