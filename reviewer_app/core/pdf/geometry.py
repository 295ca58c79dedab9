"""Page geometry without MuPDF: unrotated page space and the rotated display.

All geometry the review stores is in UNROTATED page space (what MuPDF reports for words
and what PDF annotations take): origin at the top-left of the crop box, y down. A page is
*displayed* rotated by its /Rotate; ``PageGeometry`` converts between the two with the
same matrix as ``pymupdf.Page.rotation_matrix`` so the interface thread can map points
without touching a Document.
"""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[float, float, float, float]
Matrix6 = tuple[float, float, float, float, float, float]


def rotation_matrix(rotation: int, width: float, height: float) -> Matrix6:
    """Unrotated -> display matrix (a, b, c, d, e, f) for a crop box of ``width`` x ``height``.

    Identical to ``pymupdf.Page.rotation_matrix`` (checked by a test).
    """
    r = rotation % 360
    if r == 90:
        return (0.0, 1.0, -1.0, 0.0, height, 0.0)
    if r == 180:
        return (-1.0, 0.0, 0.0, -1.0, width, height)
    if r == 270:
        return (0.0, -1.0, 1.0, 0.0, 0.0, width)
    return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _apply(m: Matrix6, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _invert(m: Matrix6) -> Matrix6:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(ia * e + ic * f), -(ib * e + id_ * f))


def _map_rect(m: Matrix6, rect: Rect) -> Rect:
    x0, y0, x1, y1 = rect
    pts = [_apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class PageGeometry:
    """Size and rotation of one page; maps unrotated <-> display coordinates (points)."""

    width: float  # unrotated crop box width
    height: float
    rotation: int = 0

    @property
    def display_size(self) -> tuple[float, float]:
        if self.rotation % 180:
            return self.height, self.width
        return self.width, self.height

    @property
    def matrix(self) -> Matrix6:
        return rotation_matrix(self.rotation, self.width, self.height)

    def to_display(self, rect: Rect) -> Rect:
        return _map_rect(self.matrix, rect)

    def point_to_display(self, x: float, y: float) -> tuple[float, float]:
        return _apply(self.matrix, x, y)

    def from_display(self, x: float, y: float) -> tuple[float, float]:
        return _apply(_invert(self.matrix), x, y)

    def rect_from_display(self, rect: Rect) -> Rect:
        return _map_rect(_invert(self.matrix), rect)


@dataclass(frozen=True)
class DocumentInfo:
    """What a viewer needs to know about a document before rendering any page.

    Parts can be left out (see ``PageRenderer.info``): ``pages`` may hold only the first
    page's geometry (``page_count`` says how many there are), and ``has_outline`` is
    False when the outline was not read.
    """

    pages: tuple[PageGeometry, ...]
    outline: tuple[tuple[int, str, int], ...]
    page_labels: tuple[str, ...]
    page_count: int = -1  # -1: len(pages)
    has_outline: bool = True

    @property
    def count(self) -> int:
        return self.page_count if self.page_count >= 0 else len(self.pages)
