"""Evidence highlights: what the window hands the view, indexed by page for paint and hit tests."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Highlight:
    """One evidence item drawn over the page; ``quads`` are (page, rect) in unrotated space."""

    evidence_id: int
    label: str
    tooltip: str
    color: QColor
    quads: tuple[tuple[int, Rect], ...]


class HighlightIndex:
    """Highlights per page, and which one lies under a point."""

    def __init__(self, highlights: list[Highlight] | tuple[Highlight, ...] = ()):
        self.items: list[Highlight] = list(highlights)
        self.by_page: dict[int, list[tuple[Highlight, Rect]]] = {}
        self.first_quad: dict[int, tuple[int, Rect]] = {}
        for hl in self.items:
            for i, (pno, rect) in enumerate(hl.quads):
                self.by_page.setdefault(pno, []).append((hl, _normalized(rect)))
                if i == 0:
                    self.first_quad[hl.evidence_id] = (pno, _normalized(rect))

    def on_page(self, pno: int) -> list[tuple[Highlight, Rect]]:
        return self.by_page.get(pno, [])

    def get(self, evidence_id: int) -> Highlight | None:
        return next((h for h in self.items if h.evidence_id == evidence_id), None)

    def hit(self, pno: int, x: float, y: float, slack: float = 1.0) -> Highlight | None:
        """The highlight under an unrotated page point; the smallest box wins on overlap."""
        best, best_area = None, float("inf")
        for hl, (x0, y0, x1, y1) in self.on_page(pno):
            if x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack:
                area = (x1 - x0) * (y1 - y0)
                if area < best_area:
                    best, best_area = hl, area
        return best


def _normalized(rect: Rect) -> Rect:
    x0, y0, x1, y1 = rect
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
