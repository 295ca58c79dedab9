"""A small picture of the caseload: determinations per week, and the mix of outcomes.

Drawn with QPainter (PySide6-Essentials has no QtCharts). Colours follow the outcome
colours of the rest of the window, and every bar and segment is also labelled in text.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer_app.core.caseload.queries import OUTCOMES
from reviewer_app.core.checklist.outcome import CERTIFIED, NOT_CERTIFIED
from reviewer_app.ui.common.theme import OUTCOME_COLORS

WEEKS = 26
TEXT = QColor("#4A5461")
GRID = QColor("#E3E7EC")


class CaseloadChart(QWidget):
    """Left: stacked weekly bars (certified, not certified) for the last 26 weeks.
    Right: one bar split by outcome, with counts."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.weeks: list[tuple[date, int, int]] = []
        self.mix: dict[str, int] = {}
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Caseload chart")

    def sizeHint(self) -> QSize:
        return QSize(800, 132)

    def set_data(self, weeks: list[tuple[date, int, int]], mix: dict[str, int]) -> None:
        self.weeks, self.mix = weeks, mix
        total = sum(c + n for _, c, n in weeks)
        parts = ", ".join(f"{k}: {v}" for k, v in mix.items())
        self.setAccessibleDescription(f"{total} determinations in the last {len(weeks)} "
                                      f"weeks; outcomes {parts}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        split = r.left() + r.width() * 0.62
        self._paint_weeks(p, QRectF(r.left(), r.top(), split - r.left() - 24, r.height()))
        self._paint_mix(p, QRectF(split, r.top(), r.right() - split, r.height()))
        p.end()

    def _paint_weeks(self, p: QPainter, r: QRectF) -> None:
        fm = p.fontMetrics()
        line = fm.height()
        total = sum(c + n for _, c, n in self.weeks)
        p.setPen(TEXT)
        p.drawText(QRectF(r.left(), r.top(), r.width(), line), Qt.AlignmentFlag.AlignLeft,
                   f"Determinations per week, last {len(self.weeks) or WEEKS} weeks "
                   f"({total})")
        plot = QRectF(r.left(), r.top() + line + 6, r.width(), r.height() - 2 * line - 10)
        peak = max([c + n for _, c, n in self.weeks] + [1])
        p.setPen(GRID)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.weeks:
            return
        step = plot.width() / len(self.weeks)
        bar = max(step * 0.7, 1.0)
        for i, (_monday, cert, notc) in enumerate(self.weeks):
            x = plot.left() + i * step + (step - bar) / 2
            y = plot.bottom()
            for count, outcome in ((cert, CERTIFIED), (notc, NOT_CERTIFIED)):
                h = plot.height() * count / peak
                if h:
                    p.fillRect(QRectF(x, y - h, bar, h), OUTCOME_COLORS[outcome])
                    y -= h
        p.setPen(TEXT)
        first, last = self.weeks[0][0], self.weeks[-1][0]
        p.drawText(QRectF(plot.left(), plot.bottom() + 2, 120, line),
                   Qt.AlignmentFlag.AlignLeft, first.strftime("%b %d"))
        p.drawText(QRectF(plot.right() - 120, plot.bottom() + 2, 120, line),
                   Qt.AlignmentFlag.AlignRight, last.strftime("%b %d"))
        p.drawText(QRectF(r.left(), r.top(), r.width(), line), Qt.AlignmentFlag.AlignRight,
                   f"highest week: {peak}")

    def _paint_mix(self, p: QPainter, r: QRectF) -> None:
        fm = p.fontMetrics()
        line = fm.height()
        total = sum(self.mix.values())
        p.setPen(TEXT)
        p.drawText(QRectF(r.left(), r.top(), r.width(), line), Qt.AlignmentFlag.AlignLeft,
                   f"Outcomes ({total} reviews)")
        bar = QRectF(r.left(), r.top() + line + 10, r.width(), 18)
        p.fillRect(bar, GRID)
        x = bar.left()
        for outcome in OUTCOMES:
            w = bar.width() * self.mix.get(outcome, 0) / max(total, 1)
            p.fillRect(QRectF(x, bar.top(), w, bar.height()), OUTCOME_COLORS[outcome])
            x += w
        y = bar.bottom() + 8
        for outcome in OUTCOMES:
            n = self.mix.get(outcome, 0)
            p.fillRect(QRectF(r.left(), y + (line - 10) / 2, 10, 10), OUTCOME_COLORS[outcome])
            p.setPen(TEXT)
            share = f"{100 * n / total:.0f}%" if total else "0%"
            p.drawText(QRectF(r.left() + 16, y, r.width() - 16, line),
                       Qt.AlignmentFlag.AlignLeft, f"{outcome}: {n} ({share})")
            y += line + 2
