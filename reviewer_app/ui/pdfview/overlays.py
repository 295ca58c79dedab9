"""What the view draws over a page's pixels: find hits, evidence highlights, the selection
and area rectangles. All of it is stored in unrotated page space and mapped here."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from reviewer_app.core.text.textmap import DocumentText
from reviewer_app.ui.pdfview import painting


def _page_span(text: DocumentText, pno: int) -> tuple[int, int]:
    base = text.page_starts[pno]
    return base, base + len(text.pages[pno].text)


def find_rects(text: DocumentText, pno: int, hits: list[tuple[int, int]],
               current: int) -> tuple[list, list]:
    """Unrotated boxes of the find hits on a page: (others, the current hit)."""
    base, end = _page_span(text, pno)
    page = text.pages[pno]
    others: list = []
    cur: list = []
    # hits are sorted and short: start a little before the page to catch one crossing in
    i = max(bisect_left(hits, (base, -1)) - 1, 0)
    while i < len(hits) and hits[i][0] < end:
        s, e = hits[i]
        if e > base:
            boxes = page.rects_for_range(max(s - base, 0), e - base)
            (cur if i == current else others).extend(boxes)
        i += 1
    return others, cur


def paint_overlays(p: QPainter, view, pno: int) -> None:
    def to_view(r) -> QRectF:
        return view._rect_to_view(pno, r)

    text = view.document_text()
    has_text = text is not None and pno < len(text.pages)
    if has_text and view._find_hits:
        others, cur = find_rects(text, pno, view._find_hits, view._find_index)
        painting.fill_rects(p, [to_view(r) for r in others], painting.FIND_HIT, multiply=True)
        painting.fill_rects(p, [to_view(r) for r in cur], painting.FIND_CURRENT, multiply=True)
    items = view._highlights.on_page(pno)
    if items:
        layout = view.layout_model
        rotation = layout.pages[pno].rotation

        def margin(quad):
            y = (quad[1] + quad[3]) / 2
            return view.doc_to_view(layout.to_doc(pno, 0.0, y)), rotation

        painting.draw_highlights(p, items, to_view, view.active_highlight(),
                                 view._highlights.first_quad, pno, view._tag_font, margin)
    span = view.selection()
    if has_text and span:
        base, end = _page_span(text, pno)
        lo, hi = max(span[0], base) - base, min(span[1], end) - base
        if hi > lo:
            rects = [to_view(r) for r in text.pages[pno].rects_for_range(lo, hi)]
            painting.fill_rects(p, rects, painting.SELECTION, multiply=False)
    for area in (view.area_selection(), view.interaction.drag_area()):
        if area is not None and area[0] == pno:
            painting.draw_area(p, to_view(area[1]))
