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

SELECTION = QColor(38, 110, 220, 80)
FIND_HIT = QColor(255, 226, 80)
FIND_CURRENT = QColor(255, 150, 40)
AREA = QColor(38, 110, 220)


def background_color(window: QColor) -> QColor:
    """The grey around the pages: a shade darker than the window, lighter in dark themes."""
    if window.lightness() < 110:
        return window.lighter(125)
    return window.darker(118)


def _over(bg: QColor, alpha: int) -> QColor:
    """Black at ``alpha`` over ``bg``, as an opaque colour (solid fills are fast)."""
    k = 1 - alpha / 255
    return QColor(round(bg.red() * k), round(bg.green() * k), round(bg.blue() * k))


def draw_page_frame(p: QPainter, rect: QRectF, bg: QColor, fill: bool = True) -> None:
    """White page with a hairline border and a soft shadow below and beside it.

    Drawn as opaque one-pixel bands outside the page only: translucent or page-sized
    shapes cost milliseconds per frame (vertical alpha lines blend per scanline).
    """
    r0 = rect.toAlignedRect()
    x0, y0, w, h = r0.x(), r0.y(), r0.width(), r0.height()
    for i, alpha in enumerate((40, 22, 11, 5)):
        d = i + 1
        band = _over(bg, alpha)
        p.fillRect(x0 - d, y0 + h + d - 1, w + 2 * d, 1, band)  # below
        p.fillRect(x0 - d, y0 + 2 + d, 1, h - 2, band)  # left
        p.fillRect(x0 + w + d - 1, y0 + 2 + d, 1, h - 2, band)  # right
    border = _over(bg, 70)
    p.fillRect(x0 - 1, y0 - 1, w + 2, 1, border)
    p.fillRect(x0 - 1, y0 + h, w + 2, 1, border)
    p.fillRect(x0 - 1, y0, 1, h, border)
    p.fillRect(x0 + w, y0, 1, h, border)
    if fill:  # the placeholder until the pixels arrive
        p.fillRect(rect, Qt.GlobalColor.white)


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


def draw_highlights(p: QPainter, items: list[tuple[Highlight, Rect]], to_view: ToView,
                    active: int | None, first_quads: dict, pno: int, font: QFont,
                    margin: Callable[[Rect], tuple[QPointF, int]]) -> None:
    """Marker-style fills; the active highlight outlined; its label chip in the margin.

    ``margin(quad)`` gives the point on the page edge where the quad's line starts (in
    the text's own frame, so rotated pages get their chips above/below the line) and
    the rotation, which says which way is "into the page".
    """
    by_id: dict[int, tuple[Highlight, list[QRectF]]] = {}
    for hl, rect in items:
        by_id.setdefault(hl.evidence_id, (hl, []))[1].append(to_view(rect))
    for eid, (hl, rects) in by_id.items():
        strong = eid == active
        fill_rects(p, rects, _tint(hl.color, 0.35 if strong else 0.55), multiply=True)
        if strong:
            p.save()
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(QPen(hl.color.darker(125), 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for r in rects:
                p.drawRoundedRect(r.adjusted(-2, -1.5, 2, 1.5), 3, 3)
            p.restore()
    queued: dict[int, float] = {}  # line -> how far chips on it already reach inward
    for eid, (hl, _rects) in sorted(by_id.items(), key=lambda kv: kv[0] == active):
        quads = [q for hq, q in items if hq.evidence_id == eid]
        draw_margin_bar(p, margin(quads[0]), margin(quads[-1]), hl.color, eid == active)
        first = first_quads.get(eid)
        if hl.label and first and first[0] == pno:
            x0, y0, x1, y1 = first[1]
            edge, rotation = margin(first[1])
            line = round((y0 + y1) / 8)
            queued[line] = draw_tag(p, edge, rotation, queued.get(line, BAR_INSET + 6),
                                    hl.label, hl.color, font, eid == active) + 3


BAR_INSET = 5.0
TAG_MIN_X = 2.0  # view x a left-margin tag never goes below


def _inward(rotation: int) -> QPointF:
    return {90: QPointF(0, 1), 180: QPointF(-1, 0), 270: QPointF(0, -1)}.get(
        rotation % 360, QPointF(1, 0))


def draw_margin_bar(p: QPainter, first: tuple[QPointF, int], last: tuple[QPointF, int],
                    color: QColor, strong: bool) -> None:
    """A bar in the page margin alongside the highlighted lines, like a change bar."""
    (a, rotation), (b, _) = first, last
    d = _inward(rotation) * BAR_INSET
    along = QPointF(abs(d.y()), abs(d.x())) * (7 / BAR_INSET)  # half a line either way
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(color).darker(105) if strong else QColor(color), 3.5 if strong else 2.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(a + d - along, b + d + along)
    p.restore()


def draw_tag(p: QPainter, edge: QPointF, rotation: int, inset: float, label: str,
             color: QColor, font: QFont, strong: bool) -> float:
    """A label chip ``inset`` px into the page from ``edge``; returns how far in it reaches."""
    fm = QFontMetricsF(font)
    w, h = fm.horizontalAdvance(label) + 10, fm.height() + 3
    r = rotation % 360
    if r == 90:
        chip = QRectF(edge.x() - w / 2, edge.y() + inset, w, h)
        reach = inset + h
    elif r == 180:
        chip = QRectF(edge.x() - inset - w, edge.y() - h / 2, w, h)
        reach = inset + w
    elif r == 270:
        chip = QRectF(edge.x() - w / 2, edge.y() - inset - h, w, h)
        reach = inset + h
    else:
        chip = QRectF(edge.x() + inset, edge.y() - h / 2, w, h)
        # a page wider than the view, scrolled right (100% on a laptop), hides its left
        # margin: the chip stays at the view's left edge instead of scrolling off
        shift = max(0.0, TAG_MIN_X - chip.left())
        chip.translate(shift, 0)
        reach = inset + w + shift
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.setFont(font)
    base = QColor(color) if strong else QColor(color).darker(108)
    p.setPen(QPen(base.darker(150), 1.5 if strong else 1))
    p.setBrush(base)
    p.drawRoundedRect(chip, 4, 4)
    light = (0.299 * base.red() + 0.587 * base.green() + 0.114 * base.blue()) > 150
    p.setPen(QColor(20, 20, 20) if light else QColor(255, 255, 255))
    p.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
    p.restore()
    return reach


def draw_area(p: QPainter, rect: QRectF) -> None:
    p.save()
    fill = QColor(AREA)
    fill.setAlpha(40)
    p.fillRect(rect, fill)
    pen = QPen(AREA, 1.5, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawRect(rect)
    p.restore()


PROPOSAL = QColor(0, 120, 110)


def draw_proposal(p: QPainter, rects: list[QRectF], tag: str, font: QFont) -> None:
    """A suggested span: a light tint and a dashed outline per line, the tag above it."""
    if not rects:
        return
    p.save()
    fill = QColor(PROPOSAL)
    fill.setAlpha(28)
    pen = QPen(PROPOSAL, 1.5, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(fill)
    for r in rects:
        p.drawRect(r.adjusted(-1.5, -1.0, 1.5, 1.0))
    if tag:
        fm = QFontMetricsF(font)
        first = rects[0]
        box = QRectF(first.left() - 1.5, first.top() - fm.height() - 5,
                     fm.horizontalAdvance(tag) + 10, fm.height() + 3)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(PROPOSAL)
        p.drawRoundedRect(box, 3, 3)
        p.setPen(QColor(255, 255, 255))
        p.setFont(font)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, tag)
    p.restore()
