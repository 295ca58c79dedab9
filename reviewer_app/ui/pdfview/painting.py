"""Drawing one page: frame and shadow, rendered tiles (or a preview), and the overlays.

Overlays (find hits, evidence highlights, the selection) are painted by the app over the
pixels, never into the PDF, so they can change without re-rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from reviewer_app.ui.pdfview.cache import Tile, TileKey
from reviewer_app.ui.pdfview.highlights import Highlight

Rect = tuple[float, float, float, float]
ToView = Callable[[Rect], QRectF]  # unrotated page rect -> viewport rect

PAGE_BORDER = QColor(0, 0, 0, 46)
SELECTION = QColor(38, 110, 220, 80)
FIND_HIT = QColor(255, 226, 80)
FIND_CURRENT = QColor(255, 150, 40)
AREA = QColor(38, 110, 220)


def background_color(window: QColor) -> QColor:
    """The grey around the pages: a shade darker than the window, lighter in dark themes."""
    if window.lightness() < 110:
        return window.lighter(125)
    return window.darker(118)


def draw_page_frame(p: QPainter, rect: QRectF) -> None:
    """White page with a hairline border and a soft shadow below it."""
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    for i, alpha in enumerate((22, 14, 9, 5)):
        grow = i + 1.0
        p.setBrush(QColor(0, 0, 0, alpha))
        p.drawRoundedRect(rect.adjusted(-grow + 0.5, -grow + 1.5, grow - 0.5, grow + 1.5),
                          grow + 1, grow + 1)
    p.fillRect(rect, Qt.GlobalColor.white)
    p.setPen(QPen(PAGE_BORDER, 0))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
    p.restore()


def draw_tiles(p: QPainter, origin: QPointF, tiles: Iterable[Tile], dpr: float) -> None:
    """Tiles of the current scale: placed at their device-pixel offsets, unscaled."""
    for tile in tiles:
        p.drawImage(QPointF(origin.x() + tile.x / dpr, origin.y() + tile.y / dpr), tile.image)


def draw_preview(p: QPainter, page_rect: QRectF, px_per_pt: float,
                 tiles: Iterable[tuple[TileKey, Tile]]) -> None:
    """Tiles of another scale, stretched to the current one while the new render is due."""
    p.save()
    p.setClipRect(page_rect, Qt.ClipOperation.IntersectClip)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    for key, tile in sorted(tiles, key=lambda kt: kt[0].scale_milli):
        k = px_per_pt / key.scale
        img = tile.image
        target = QRectF(page_rect.x() + tile.x * k, page_rect.y() + tile.y * k,
                        img.width() * k, img.height() * k)
        p.drawImage(target, img, QRectF(0, 0, img.width(), img.height()))
    p.restore()


def draw_failed(p: QPainter, rect: QRectF, message: str) -> None:
    p.save()
    p.setPen(QColor(150, 40, 40))
    p.drawText(rect.adjusted(20, 20, -20, -20),
               Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
               f"This page could not be rendered.\n{message}")
    p.restore()


def fill_rects(p: QPainter, rects: Iterable[QRectF], color: QColor, multiply: bool) -> None:
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    if multiply:
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for r in rects:
        path.addRect(r.adjusted(-1, -0.5, 1, 0.5))
    p.fillPath(path, color)
    p.restore()


def _tint(color: QColor, amount: float) -> QColor:
    """``color`` mixed toward white; multiplied over the page it reads like a marker."""
    c = QColor(color)
    r, g, b = c.red(), c.green(), c.blue()
    return QColor(round(r + (255 - r) * amount), round(g + (255 - g) * amount),
                  round(b + (255 - b) * amount))


def draw_highlights(p: QPainter, page_rect: QRectF, items: list[tuple[Highlight, Rect]],
                    to_view: ToView, active: int | None, first_quads: dict,
                    pno: int, font: QFont) -> None:
    """Marker-style fills; the active highlight outlined; the label tag at its first quad."""
    by_id: dict[int, tuple[Highlight, list[QRectF]]] = {}
    for hl, rect in items:
        by_id.setdefault(hl.evidence_id, (hl, []))[1].append(to_view(rect))
    for eid, (hl, rects) in by_id.items():
        strong = eid == active
        fill_rects(p, rects, _tint(hl.color, 0.35 if strong else 0.55), multiply=True)
        if strong:
            p.save()
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(QPen(hl.color.darker(135), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for r in rects:
                p.drawRoundedRect(r.adjusted(-2, -1.5, 2, 1.5), 2, 2)
            p.restore()
    chips_right: dict[int, float] = {}  # line (rounded y) -> right edge of chips so far
    for eid, (hl, _rects) in sorted(by_id.items(), key=lambda kv: kv[0] == active):
        first = first_quads.get(eid)
        if hl.label and first and first[0] == pno:
            quad = to_view(first[1])
            line = round(quad.top() / 4)
            x = chips_right.get(line, page_rect.left() + 4)
            chips_right[line] = draw_tag(p, page_rect, quad, x, hl.label, hl.color, font,
                                         eid == active) + 3


def draw_tag(p: QPainter, page_rect: QRectF, quad: QRectF, x: float, label: str,
             color: QColor, font: QFont, strong: bool) -> float:
    """A label chip in the page's left margin, level with the quad; returns its right edge.

    In the margin it never covers text; chips of highlights starting on one line queue
    up from the left.
    """
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setFont(font)
    fm = QFontMetricsF(font)
    w, h = fm.horizontalAdvance(label) + 8, fm.height() + 2
    y = min(max(quad.top() + (quad.height() - h) / 2, page_rect.top() + 2),
            page_rect.bottom() - h - 2)
    chip = QRectF(x, y, w, h)
    base = QColor(color)
    if not strong:
        base = base.darker(108)
    p.setPen(QPen(base.darker(150), 1.5 if strong else 1))
    p.setBrush(base)
    p.drawRoundedRect(chip, 3, 3)
    light = (0.299 * base.red() + 0.587 * base.green() + 0.114 * base.blue()) > 150
    p.setPen(QColor(20, 20, 20) if light else QColor(255, 255, 255))
    p.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
    p.restore()
    return chip.right()


def draw_area(p: QPainter, rect: QRectF) -> None:
    p.save()
    fill = QColor(AREA)
    fill.setAlpha(40)
    p.fillRect(rect, fill)
    pen = QPen(AREA, 1.5, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawRect(rect)
    p.restore()
