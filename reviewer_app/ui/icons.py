"""Toolbar and menu icons from ``resources/icons`` (SVG, sharp at any scale)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from reviewer_app.resources import resource_path

ICON_DIR = resource_path("resources", "icons")


@cache
def icon(name: str) -> QIcon:
    """The named icon, or an empty icon when the file is missing (never an error)."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    ic = QIcon()
    for name in ("reviewer-app.svg", "reviewer-app.png", "reviewer-app-512.png"):
        path = ICON_DIR / name
        if path.exists():
            ic.addFile(str(path))
    return ic
