"""Where each page sits in the scrolled document, in logical pixels, at a given zoom.

Pages are stacked vertically and centred; the layout knows nothing of widgets, so it can
be tested and reused (thumbnails, benchmarks). Zoom 1.0 is "actual size": one point is
96/72 logical pixels, as on a standard-density screen.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF

from reviewer_app.core.pdf.geometry import PageGeometry

PX_PER_PT = 96.0 / 72.0
PAGE_GAP = 12.0  # logical px between pages
MARGIN = 16.0  # around the stack of pages
TILE = 2048  # device px; pages are rendered in tiles of at most TILE x TILE


class DocumentLayout:
    """Page rectangles at one zoom; maps viewport-independent document points to pages."""

    def __init__(self, pages: Sequence[PageGeometry] = (), zoom: float = 1.0):
        self.pages: list[PageGeometry] = list(pages)
        self.zoom = zoom
        self._tops: list[float] = []
        self._rects: list[QRectF] = []
        self.width = 0.0
        self.height = 0.0
        self.relayout()

    @property
    def px_per_pt(self) -> float:
        return self.zoom * PX_PER_PT

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.relayout()

    def relayout(self) -> None:
        k = self.px_per_pt
        sizes = [g.display_size for g in self.pages]
        widest = max((w for w, _ in sizes), default=0.0) * k
        self.width = widest + 2 * MARGIN
        y = MARGIN
        self._tops, self._rects = [], []
        for w, h in sizes:
            pw, ph = w * k, h * k
            x = MARGIN + (widest - pw) / 2
            self._tops.append(y)
            self._rects.append(QRectF(round(x), round(y), pw, ph))
            y += ph + PAGE_GAP
        self.height = (y - PAGE_GAP + MARGIN) if sizes else 0.0

    def __len__(self) -> int:
        return len(self.pages)

    def page_rect(self, pno: int) -> QRectF:
        return QRectF(self._rects[pno])

    def pages_between(self, y0: float, y1: float) -> range:
        """Pages whose rectangles intersect the band [y0, y1]."""
        if not self._rects:
            return range(0)
        first = max(bisect_right(self._tops, y0) - 1, 0)
        if self._rects[first].bottom() < y0 and first + 1 < len(self._rects):
            first += 1
        last = max(bisect_right(self._tops, y1) - 1, first)
        return range(first, last + 1)

    def page_at(self, point: QPointF, slack: float = 0.0) -> int | None:
        """Page under a document point (``slack`` px around each page also counts)."""
        for pno in self.pages_between(point.y() - slack, point.y() + slack):
            if self._rects[pno].adjusted(-slack, -slack, slack, slack).contains(point):
                return pno
        return None

    def nearest_page(self, point: QPointF) -> int | None:
        """Page nearest a document point vertically (for drags into the gaps)."""
        if not self._rects:
            return None
        i = max(bisect_right(self._tops, point.y()) - 1, 0)
        best = min((j for j in (i - 1, i, i + 1) if 0 <= j < len(self._rects)),
                   key=lambda j: _distance_y(self._rects[j], point.y()))
        return best

    # page space <-> document pixels

    def to_doc(self, pno: int, x: float, y: float) -> QPointF:
        """Unrotated page point (points) -> document pixel point."""
        dx, dy = self.pages[pno].point_to_display(x, y)
        r = self._rects[pno]
        k = self.px_per_pt
        return QPointF(r.x() + dx * k, r.y() + dy * k)

    def rect_to_doc(self, pno: int, rect: tuple[float, float, float, float]) -> QRectF:
        x0, y0, x1, y1 = self.pages[pno].to_display(rect)
        r = self._rects[pno]
        k = self.px_per_pt
        return QRectF(r.x() + x0 * k, r.y() + y0 * k, (x1 - x0) * k, (y1 - y0) * k)

    def from_doc(self, pno: int, point: QPointF) -> tuple[float, float]:
        """Document pixel point -> unrotated page point (may lie outside the page)."""
        r = self._rects[pno]
        k = self.px_per_pt
        return self.pages[pno].from_display((point.x() - r.x()) / k, (point.y() - r.y()) / k)

    # zoom fitting

    def fit_width_zoom(self, viewport_width: float, pno: int | None = None) -> float:
        w = self._widest_pt(pno)
        return max((viewport_width - 2 * MARGIN) / (w * PX_PER_PT), 0.05) if w else 1.0

    def fit_page_zoom(self, viewport_w: float, viewport_h: float, pno: int) -> float:
        if not self.pages:
            return 1.0
        w, h = self.pages[pno].display_size
        zw = (viewport_w - 2 * MARGIN) / (w * PX_PER_PT)
        zh = (viewport_h - 2 * PAGE_GAP) / (h * PX_PER_PT)
        return max(min(zw, zh), 0.05)

    def _widest_pt(self, pno: int | None) -> float:
        if pno is not None and 0 <= pno < len(self.pages):
            return self.pages[pno].display_size[0]
        return max((g.display_size[0] for g in self.pages), default=0.0)


def page_pixels(w_pt: float, h_pt: float, scale: float) -> tuple[int, int]:
    """Device-pixel size of a whole page rendered at ``scale`` (as MuPDF rounds it)."""
    return math.ceil(w_pt * scale - 1e-3), math.ceil(h_pt * scale - 1e-3)


def tiles_for(page_w_px: int, page_h_px: int) -> list[tuple[int, int]]:
    """Tile grid (column, row) covering a page of the given device-pixel size."""
    cols = max(math.ceil(page_w_px / TILE), 1)
    rows = max(math.ceil(page_h_px / TILE), 1)
    return [(c, r) for r in range(rows) for c in range(cols)]


def _distance_y(rect: QRectF, y: float) -> float:
    if rect.top() <= y <= rect.bottom():
        return 0.0
    return min(abs(y - rect.top()), abs(y - rect.bottom()))
