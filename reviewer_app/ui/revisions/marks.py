"""How revision states look: evidence statuses and the "re-review" badge.

Each state has a shape of its own (arrow disc, "not equal" square, warning triangle,
circular arrow) plus words, so none is told by colour alone. Painted rather than taken
from a font, so they look the same on every system.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPainterPath, QPen, QPixmap

from reviewer_app.core.vocabulary import EvidenceStatus

MOVED_COLOR = QColor("#1F5FA8")
CHANGED_COLOR = QColor("#A35F00")
ORPHANED_COLOR = QColor("#B42318")
REREVIEW_COLOR = QColor("#A35F00")
REREVIEW_FILL = QColor("#FFF1D6")

ES = EvidenceStatus
# keyed by the enum, typed by str: Qt roles hand statuses back as plain str
STATUS_COLORS: dict[str, QColor]
STATUS_COLORS = {ES.MOVED: MOVED_COLOR, ES.CHANGED: CHANGED_COLOR, ES.ORPHANED: ORPHANED_COLOR}
# status -> (label for counts, line on an evidence row, full explanation)
STATUS_TEXT: dict[str, tuple[str, str, str]] = {
    ES.INTACT: (ES.INTACT.label, "", ES.INTACT.description),
    ES.MOVED: (ES.MOVED.label, "Moved in the current revision", ES.MOVED.description),
    ES.CHANGED: (ES.CHANGED.label, "Wording changed \u2014 accept or relink",
                 "The clause was found in the current revision with different words. Accept "
                 "the new wording (right-click) or link the clause again."),
    ES.ORPHANED: (ES.ORPHANED.label, "Not in the current revision", ES.ORPHANED.description),
}
INTACT_COLOR = QColor("#2E7D32")


def status_color(status: str) -> QColor:
    return STATUS_COLORS.get(status, INTACT_COLOR)


def _white(width: float) -> QPen:
    return QPen(QColor("white"), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin)


def draw_status_glyph(p: QPainter, rect: QRectF, status: str) -> None:
    """The status's shape inside ``rect`` (a square)."""
    s = min(rect.width(), rect.height())
    r = QRectF(0, 0, s, s)
    r.moveCenter(rect.center())
    c, k = r.center(), s / 2
    stroke = max(1.4, s / 8)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(status_color(status))
    if status == ES.MOVED:  # a disc with an arrow to the right
        p.drawEllipse(r.adjusted(0.5, 0.5, -0.5, -0.5))
        p.setPen(_white(stroke))
        p.drawLine(QPointF(c.x() - k * 0.45, c.y()), QPointF(c.x() + k * 0.4, c.y()))
        head = QPainterPath(QPointF(c.x() + k * 0.05, c.y() - k * 0.35))
        head.lineTo(QPointF(c.x() + k * 0.42, c.y()))
        head.lineTo(QPointF(c.x() + k * 0.05, c.y() + k * 0.35))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(head)
    elif status == ES.CHANGED:  # a rounded square with a "not equal" sign
        p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), s * 0.2, s * 0.2)
        p.setPen(_white(stroke * 0.85))
        for dy in (-0.2, 0.2):
            p.drawLine(QPointF(c.x() - k * 0.45, c.y() + k * dy),
                       QPointF(c.x() + k * 0.45, c.y() + k * dy))
        p.drawLine(QPointF(c.x() + k * 0.22, c.y() - k * 0.5),
                   QPointF(c.x() - k * 0.22, c.y() + k * 0.5))
    elif status == ES.ORPHANED:  # a warning triangle
        tri = QPainterPath(QPointF(c.x(), r.top() + s * 0.06))
        tri.lineTo(QPointF(r.right() - s * 0.02, r.bottom() - s * 0.08))
        tri.lineTo(QPointF(r.left() + s * 0.02, r.bottom() - s * 0.08))
        tri.closeSubpath()
        p.drawPath(tri)
        p.setPen(_white(stroke * 0.9))
        p.drawLine(QPointF(c.x(), c.y() - k * 0.28), QPointF(c.x(), c.y() + k * 0.22))
        p.drawPoint(QPointF(c.x(), c.y() + k * 0.55))
    else:  # intact: a check in a disc
        p.drawEllipse(r.adjusted(0.5, 0.5, -0.5, -0.5))
        path = QPainterPath(QPointF(c.x() - k * 0.42, c.y() + k * 0.02))
        path.lineTo(QPointF(c.x() - k * 0.1, c.y() + k * 0.34))
        path.lineTo(QPointF(c.x() + k * 0.45, c.y() - k * 0.32))
        p.setPen(_white(stroke))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    p.restore()


def draw_rereview_glyph(p: QPainter, rect: QRectF, color: QColor = REREVIEW_COLOR) -> None:
    """A circular arrow: "look at this again"."""
    s = min(rect.width(), rect.height())
    r = QRectF(0, 0, s, s)
    r.moveCenter(rect.center())
    inner = r.adjusted(s * 0.16, s * 0.16, -s * 0.16, -s * 0.16)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(1.3, s / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(inner, 60 * 16, 280 * 16)
    # the arrow head at the arc's end (angle 60 degrees, going counter-clockwise)
    a = math.radians(60)
    tip = QPointF(inner.center().x() + inner.width() / 2 * math.cos(a),
                  inner.center().y() - inner.height() / 2 * math.sin(a))
    d = s * 0.26
    head = QPainterPath(QPointF(tip.x() - d * 0.1, tip.y() - d))
    head.lineTo(tip)
    head.lineTo(QPointF(tip.x() + d, tip.y() + d * 0.05))
    p.drawPath(head)
    p.restore()


def badge_width(font: QFont, text: str = "RE-REVIEW") -> int:
    fm = QFontMetrics(font)
    return fm.horizontalAdvance(text) + fm.height() + 12


def draw_rereview_badge(p: QPainter, rect: QRectF, font: QFont,
                        text: str = "RE-REVIEW") -> None:
    """A small amber pill with the circular arrow and ``text``, inside ``rect``."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(REREVIEW_COLOR.lighter(135), 1))
    p.setBrush(REREVIEW_FILL)
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2,
                      rect.height() / 2)
    g = rect.height() - 4
    draw_rereview_glyph(p, QRectF(rect.left() + 4, rect.top() + 2, g, g))
    p.setFont(font)
    p.setPen(REREVIEW_COLOR.darker(115))
    p.drawText(rect.adjusted(g + 7, 0, -5, 0),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    p.restore()


def glyph_icon(draw, *args, size: int = 16) -> QIcon:
    """An icon (1x and 2x) from one of the draw functions above."""
    ic = QIcon()
    for scale in (1, 2):
        pm = QPixmap(size * scale, size * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        draw(p, QRectF(0, 0, size, size), *args)
        p.end()
        ic.addPixmap(pm)
    return ic


def status_icon(status: str, size: int = 16) -> QIcon:
    return glyph_icon(draw_status_glyph, status, size=size)


def rereview_icon(size: int = 16) -> QIcon:
    return glyph_icon(draw_rereview_glyph, size=size)
