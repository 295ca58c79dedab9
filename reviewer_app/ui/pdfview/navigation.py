"""Zoom, page navigation and find for PdfView (a mixin: state lives on the view).

Zooming keeps a chosen point fixed on screen (the cursor for Ctrl+wheel, the centre for
keys and buttons): the point is remembered as a fraction of its page before the zoom and
scrolled back under the same viewport pixel after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from reviewer_app.ui.pdfview.layout import MARGIN, PAGE_GAP

if TYPE_CHECKING:  # what the mixin needs of the view, for the type checker only
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QAbstractScrollArea as _ViewBase

    from reviewer_app.core.text.textmap import DocumentText
    from reviewer_app.ui.pdfview.layout import DocumentLayout
else:
    _ViewBase = object

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5,
              3.0, 4.0, 5.0, 6.4, 8.0)
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0

Anchor = tuple[int, float, float]  # page, fraction across, fraction down


class NavigationMixin(_ViewBase):
    """Needs the view's ``_layout``, ``_fit``, ``_text``, ``_find_*`` and scroll bars."""

    if TYPE_CHECKING:
        _layout: DocumentLayout
        _fit: str | None
        _text: DocumentText | None
        _current: int
        _find_query: str
        _find_hits: list[tuple[int, int]]
        _find_index: int
        currentPageChanged: Signal
        zoomChanged: Signal
        findChanged: Signal

        def view_to_doc(self, pos: QPointF) -> QPointF: ...
        def _update_scrollbars(self) -> None: ...
        def _after_scroll(self) -> None: ...
        def _search(self, query: str) -> list[tuple[int, int]]: ...

    # -- zoom -----------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._layout.zoom

    def fit_mode(self) -> str | None:
        """"width", "page", or None for a fixed zoom."""
        return self._fit

    def set_zoom(self, factor: float, anchor_pos: QPointF | None = None) -> None:
        """Zoom to ``factor`` (1.0 = actual size), keeping ``anchor_pos`` (viewport) fixed."""
        self._fit = None
        pos = anchor_pos if anchor_pos is not None else self._viewport_centre()
        self._apply_zoom(factor, self._anchor_at(pos), pos)

    def zoom_in(self) -> None:
        z = self.zoom()
        self.set_zoom(next((s for s in ZOOM_STEPS if s > z * 1.01), MAX_ZOOM))

    def zoom_out(self) -> None:
        z = self.zoom()
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < z / 1.01), MIN_ZOOM))

    def fit_width(self) -> None:
        self._fit = "width"
        pos = self._viewport_centre()
        self._apply_zoom(self._fit_zoom("width"), self._anchor_at(pos), pos)

    def fit_page(self) -> None:
        self._fit = "page"
        page = max(self.current_page(), 0)
        self._apply_zoom(self._fit_zoom("page"), None, QPointF())
        if self._layout.pages:
            self.go_to_page(page)

    def _fit_zoom(self, mode: str) -> float:
        vp = self.viewport().size()
        if mode == "page":
            z = self._layout.fit_page_zoom(vp.width(), vp.height(), max(self.current_page(), 0))
        else:
            z = self._layout.fit_width_zoom(vp.width())
        return min(max(z, MIN_ZOOM), MAX_ZOOM)

    def _viewport_centre(self) -> QPointF:
        vp = self.viewport().size()
        return QPointF(vp.width() / 2, vp.height() / 2)

    def _anchor_at(self, pos: QPointF) -> Anchor | None:
        if not self._layout.pages:
            return None
        doc = self.view_to_doc(pos)
        pno = self._layout.page_at(doc)
        if pno is None:
            pno = self._layout.nearest_page(doc)
        assert pno is not None  # there are pages
        r = self._layout.page_rect(pno)
        return pno, (doc.x() - r.x()) / r.width(), (doc.y() - r.y()) / r.height()

    def _apply_zoom(self, zoom: float, anchor: Anchor | None, pos: QPointF) -> None:
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        changed = abs(zoom - self._layout.zoom) > 1e-6
        self._layout.set_zoom(zoom)
        self._update_scrollbars()
        if anchor is not None:
            pno, fx, fy = anchor
            r = self._layout.page_rect(pno)
            doc = QPointF(r.x() + fx * r.width(), r.y() + fy * r.height())
            self.horizontalScrollBar().setValue(round(doc.x() - pos.x()))
            self.verticalScrollBar().setValue(round(doc.y() - pos.y()))
        self.viewport().update()
        self._after_scroll()
        if changed:
            self.zoomChanged.emit(zoom)

    # -- pages ----------------------------------------------------------------------------

    def current_page(self) -> int:
        return self._current

    def go_to_page(self, pno: int) -> None:
        if not self._layout.pages:
            return
        pno = min(max(int(pno), 0), len(self._layout) - 1)
        top = self._layout.page_rect(pno).top() - (MARGIN if pno == 0 else PAGE_GAP / 2)
        self.verticalScrollBar().setValue(round(top))
        self._after_scroll()
        if self._current != pno and self.verticalScrollBar().value() < self.verticalScrollBar(
                ).maximum():
            self._current = pno
            self.currentPageChanged.emit(pno)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def reveal_range(self, start: int, end: int) -> None:
        """Scroll so the span [start, end) is in view (its first line a quarter down)."""
        if self._text is None:
            return
        boxes = self._text.rects_for_range(start, max(end, start + 1))
        if not boxes:
            self.go_to_page(self._text.page_of(start))
            return
        pno = boxes[0][0]
        doc_rect = QRectF()
        for page, rect in boxes:
            if page == pno:
                doc_rect = doc_rect.united(self._layout.rect_to_doc(page, rect))
        self._reveal_doc_rect(doc_rect)

    def reveal_rect(self, page: int, rect: tuple[float, float, float, float]) -> None:
        if 0 <= page < len(self._layout):
            self._reveal_doc_rect(self._layout.rect_to_doc(page, rect))

    def _reveal_doc_rect(self, doc_rect: QRectF) -> None:
        v, h = self.verticalScrollBar(), self.horizontalScrollBar()
        vp = self.viewport().size()
        top, left = v.value(), h.value()
        if not (doc_rect.top() >= top + 8 and doc_rect.bottom() <= top + vp.height() - 8):
            v.setValue(round(doc_rect.top() - vp.height() / 4))
        if self._layout.width > vp.width() and not (
                doc_rect.left() >= left and doc_rect.right() <= left + vp.width()):
            h.setValue(round(doc_rect.left() - 24))
        self._after_scroll()
        self.viewport().update()

    # -- find -----------------------------------------------------------------------------

    def find(self, query: str) -> int:  # type: ignore[override]  # hides QWidget.find(id)
        """Highlight every hit of ``query``; go to the first from the current page. Count."""
        self._find_query = query
        self._find_hits = self._search(query)
        self._find_index = -1
        if self._find_hits and self._text is not None:
            here = self._text.page_starts[max(self.current_page(), 0)]
            self._find_index = next(
                (i for i, (s, _) in enumerate(self._find_hits) if s >= here), 0)
            self.reveal_range(*self._find_hits[self._find_index])
        self.viewport().update()
        self.findChanged.emit(self._find_index, len(self._find_hits))
        return len(self._find_hits)

    def find_next(self) -> int:
        return self._step_find(+1)

    def find_previous(self) -> int:
        return self._step_find(-1)

    def _step_find(self, step: int) -> int:
        if not self._find_hits:
            return -1
        self._find_index = (self._find_index + step) % len(self._find_hits)
        self.reveal_range(*self._find_hits[self._find_index])
        self.viewport().update()
        self.findChanged.emit(self._find_index, len(self._find_hits))
        return self._find_index

    def find_hits(self) -> list[tuple[int, int]]:
        return list(self._find_hits)

    def find_index(self) -> int:
        return self._find_index

    def clear_find(self) -> None:
        self._find_query, self._find_hits, self._find_index = "", [], -1
        self.viewport().update()
        self.findChanged.emit(-1, 0)
