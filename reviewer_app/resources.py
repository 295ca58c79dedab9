"""Where the app's bundled files live, from a source checkout and from the frozen build.

Running from source, ``standards/`` and ``resources/`` sit at the top of the checkout.
In the PyInstaller build they are unpacked beside the program's libraries, in the folder
PyInstaller names ``sys._MEIPASS`` (``_internal/`` in a one-folder build, ``Contents/
Resources`` in a macOS bundle). Every module that opens a bundled file asks here, so the
same code finds it in both cases.
"""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[1]


def is_frozen() -> bool:
    """True inside the PyInstaller build."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def app_root() -> Path:
    """The folder holding ``standards/`` and ``resources/``."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return _SOURCE_ROOT


def resource_path(*parts: str) -> Path:
    """A bundled file or folder, e.g. ``resource_path("resources", "demo", "x.pdf")``.

    The path is returned whether or not it exists, so callers can say which file is
    missing from an incomplete installation.
    """
    return app_root().joinpath(*parts)
