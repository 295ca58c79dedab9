"""Toolbar and menu icons from ``resources/icons`` (SVG, sharp at any scale).

The SVG icon engine does not fade icons of disabled actions under every style, so this
engine draws the Disabled mode faded itself. It renders each size when first painted
(drawing every size of 27 icons up front took ~50 ms of start-up).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reviewer_app.resources import resource_path

ICON_DIR = resource_path("resources", "icons")
DISABLED_OPACITY = 0.35


class _SvgIconEngine(QIconEngine):
    """An SVG drawn at the size asked for, faded when disabled; pixmaps kept per size."""

    def __init__(self, path: str):
        super().__init__()
        self._path = path
        self._svg: QSvgRenderer | None = None
        self._pixmaps: dict[tuple, QPixmap] = {}

    def _renderer(self) -> QSvgRenderer:
        if self._svg is None:
            self._svg = QSvgRenderer(self._path)
        return self._svg

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(painter.opacity() * DISABLED_OPACITY)
        self._renderer().render(painter, QRectF(rect))
        painter.restore()

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        faded = mode == QIcon.Mode.Disabled
        key = (size.width(), size.height(), faded, round(scale * 100))
        pm = self._pixmaps.get(key)
        if pm is None:
            pm = QPixmap(round(size.width() * scale), round(size.height() * scale))
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            self.paint(p, pm.rect(), mode, state)
            p.end()
            pm.setDevicePixelRatio(scale)
            self._pixmaps[key] = pm
        return pm

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        return size

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._path)

    def isNull(self) -> bool:  # noqa: N802
        return False


@cache
def icon(name: str) -> QIcon:
    """The named icon, or an empty icon when the file is missing (never an error)."""
    path = ICON_DIR / f"{name}.svg"
    if not path.exists():
        return QIcon()
    return QIcon(_SvgIconEngine(str(path)))


def app_icon() -> QIcon:
    ic = QIcon()
    for name in ("reviewer-app.svg", "reviewer-app.png", "reviewer-app-512.png"):
        path = ICON_DIR / name
        if path.exists():
            ic.addFile(str(path))
    return ic
