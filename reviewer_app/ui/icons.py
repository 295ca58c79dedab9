"""Toolbar and menu icons from ``resources/icons`` (SVG, sharp at any scale).

The SVG icon engine does not fade icons of disabled actions under every style, so faded
pixmaps are added for the Disabled mode explicitly: a disabled button must look disabled.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reviewer_app.resources import resource_path

ICON_DIR = resource_path("resources", "icons")
DISABLED_OPACITY = 0.35
SIZES = (16, 18, 20, 24, 32)


@cache
def icon(name: str) -> QIcon:
    """The named icon, or an empty icon when the file is missing (never an error)."""
    path = ICON_DIR / f"{name}.svg"
    if not path.exists():
        return QIcon()
    ic = QIcon(str(path))
    renderer = QSvgRenderer(str(path))
    for size in SIZES:
        for scale in (1, 2):
            pm = QPixmap(size * scale, size * scale)
            pm.setDevicePixelRatio(scale)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setOpacity(DISABLED_OPACITY)
            renderer.render(p, QRectF(0, 0, size, size))
            p.end()
            ic.addPixmap(pm, QIcon.Mode.Disabled)
    return ic


def app_icon() -> QIcon:
    ic = QIcon()
    for name in ("reviewer-app.svg", "reviewer-app.png", "reviewer-app-512.png"):
        path = ICON_DIR / name
        if path.exists():
            ic.addFile(str(path))
    return ic
