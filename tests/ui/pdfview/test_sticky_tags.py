"""Issue 16: at 100% on a 1366-wide screen the page is wider than the view and scrolled to
its middle; the item tags in its left margin must stay in view, not scroll off."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from reviewer_app.ui.pdfview.painting import TAG_MIN_X, draw_tag


def _chip_columns(edge_x: float) -> list[int]:
    img = QImage(200, 40, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    reach = draw_tag(p, QPointF(edge_x, 20), 0, 11.0, "B", QColor("#2e7d32"), QFont(), False)
    p.end()
    assert reach > 0
    return [x for x in range(200) if QColor(img.pixel(x, 20)).green() < 200]


def test_tag_of_a_margin_scrolled_off_stays_at_the_left_edge(qapp):
    cols = _chip_columns(-80.0)  # the page's left edge 80 px left of the view
    assert cols and TAG_MIN_X - 1 <= min(cols) <= TAG_MIN_X + 2


def test_tag_in_view_is_not_moved(qapp):
    cols = _chip_columns(30.0)
    assert cols and min(cols) >= 30 + 11 - 1
