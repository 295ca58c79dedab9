"""Colours, shapes and type for results and outcomes, in one place.

Every result has a colour AND a glyph (check, half disc, cross, dash, ring) and a label, so
no state is told by colour alone. Sizes derive from the application font, so the window
follows the system's text size.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from reviewer_app.core.checklist.outcome import CERTIFIED, IN_PROCESS, NOT_CERTIFIED
from reviewer_app.core.vocabulary import Result

RESULT_ORDER = tuple(Result)
# keyed by the enum, typed by str: Qt roles and signals hand results back as plain str
RESULT_KEYS: dict[str, str]
SHORT_LABELS: dict[str, str]
RESULT_COLORS: dict[str, QColor]
RESULT_KEYS = {Result.MET: "1", Result.PARTIAL: "2", Result.NOT_MET: "3",
               Result.NOT_APPLICABLE: "4", Result.NOT_ASSESSED: "0"}
SHORT_LABELS = {Result.MET: "Met", Result.PARTIAL: "Partial", Result.NOT_MET: "Not met",
                Result.NOT_APPLICABLE: "N/A", Result.NOT_ASSESSED: "Not assessed"}

RESULT_COLORS = {
    Result.MET: QColor("#2E7D32"),
    Result.PARTIAL: QColor("#C77700"),
    Result.NOT_MET: QColor("#C62828"),
    Result.NOT_APPLICABLE: QColor("#5F6B7A"),
    Result.NOT_ASSESSED: QColor("#8A94A3"),
}
# Highlights of evidence whose item is not yet judged are blue: visible, and clearly "open".
HIGHLIGHT_COLORS = {**RESULT_COLORS, Result.NOT_ASSESSED: QColor("#1E6FD9"),
                    Result.NOT_APPLICABLE: QColor("#6E7C8C")}

OUTCOME_COLORS = {CERTIFIED: QColor("#2E7D32"), NOT_CERTIFIED: QColor("#C62828"),
                  IN_PROCESS: QColor("#B56A00")}
OUTCOME_GLYPH = {CERTIFIED: Result.MET, NOT_CERTIFIED: Result.NOT_MET, IN_PROCESS: Result.PARTIAL}

ACCENT = QColor("#1F5FA8")
MANDATORY = QColor("#8A1C1C")


def result_label(result: str) -> str:
    return Result(result).label if result in RESULT_ORDER else result


def tinted(color: QColor, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def draw_result_glyph(p: QPainter, rect: QRectF, result: str, color: QColor | None = None
                      ) -> None:
    """The result's shape inside ``rect`` (a square)."""
    color = color or RESULT_COLORS.get(result, RESULT_COLORS[Result.NOT_ASSESSED])
    s = min(rect.width(), rect.height())
    r = QRectF(0, 0, s, s)
    r.moveCenter(rect.center())
    pen_w = max(1.2, s / 11)
    inner = r.adjusted(pen_w / 2, pen_w / 2, -pen_w / 2, -pen_w / 2)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    white = QPen(QColor("white"), max(1.6, s / 7.5), Qt.PenStyle.SolidLine,
                 Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    c = inner.center()
    k = inner.width() / 2
    if result == Result.MET:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(inner)
        path = QPainterPath(QPointF(c.x() - k * 0.45, c.y() + k * 0.02))
        path.lineTo(QPointF(c.x() - k * 0.1, c.y() + k * 0.36))
        path.lineTo(QPointF(c.x() + k * 0.48, c.y() - k * 0.34))
        p.setPen(white)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    elif result == Result.PARTIAL:
        p.setPen(QPen(color, pen_w))
        p.setBrush(QColor("white"))
        p.drawEllipse(inner)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawPie(inner, 90 * 16, 180 * 16)
    elif result == Result.NOT_MET:
        # an octagon (stop sign) with a cross: a different outline from the discs
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        import math
        poly = QPainterPath()
        for n in range(8):
            a = math.pi / 8 + n * math.pi / 4
            pt = QPointF(c.x() + k * 1.04 * math.cos(a), c.y() + k * 1.04 * math.sin(a))
            poly.moveTo(pt) if n == 0 else poly.lineTo(pt)
        poly.closeSubpath()
        p.drawPath(poly)
        p.setPen(white)
        d = k * 0.36
        p.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        p.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
    elif result == Result.NOT_APPLICABLE:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(inner)
        p.setPen(white)
        p.drawLine(QPointF(c.x() - k * 0.45, c.y()), QPointF(c.x() + k * 0.45, c.y()))
    else:
        pen = QPen(color, pen_w)
        pen.setDashPattern([1.6, 1.4])
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(inner)
    p.restore()


def result_icon(result: str, size: int = 16) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):
        pm = QPixmap(size * scale, size * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        draw_result_glyph(p, QRectF(0, 0, size, size), result)
        p.end()
        icon.addPixmap(pm)
    return icon


def font_scaled(base: QFont | None = None, factor: float = 1.0, bold: bool = False,
                weight: QFont.Weight | None = None) -> QFont:
    f = QFont(base or QApplication.font())
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * factor)
    else:
        f.setPixelSize(max(8, round(f.pixelSize() * factor)))
    if bold:
        f.setBold(True)
    if weight is not None:
        f.setWeight(weight)
    return f


def wrap_lines(fm: QFontMetrics, text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; the last one elided with "…"."""
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if fm.horizontalAdvance(trial) <= width or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines] or [""]
