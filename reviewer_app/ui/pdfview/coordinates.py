"""What PdfView knows of the document's pages, and their coordinates (a mixin: state
lives on the view): labels, outline, text, and the mapping between viewport pixels, the
document's laid-out pixels and unrotated page points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF

if TYPE_CHECKING:  # what the mixin needs of the view, for the type checker only
    from PySide6.QtWidgets import QAbstractScrollArea as _ViewBase

    from reviewer_app.core.text.textmap import DocumentText
    from reviewer_app.ui.pdfview.layout import DocumentLayout
else:
    _ViewBase = object


class CoordinatesMixin(_ViewBase):
    """Needs the view's ``_layout``, ``_text``, ``_labels``, ``_outline*`` and scroll bars."""

    if TYPE_CHECKING:
        _layout: DocumentLayout
        _text: DocumentText | None
        _labels: list[str]
        _outline: list[tuple[int, str, int]]
        _outline_known: bool

    def document_text(self) -> DocumentText | None:
        return self._text

    def page_count(self) -> int:
        return len(self._layout)

    def page_label(self, pno: int) -> str:
        if 0 <= pno < len(self._labels) and self._labels[pno]:
            return self._labels[pno]
        return str(pno + 1)

    def page_labels(self) -> list[str]:
        return [self.page_label(i) for i in range(self.page_count())]

    def outline(self) -> list[tuple[int, str, int]]:
        return list(self._outline)

    def outline_known(self) -> bool:
        """False until a worker has read the document's outline (shortly after load)."""
        return self._outline_known

    def page_has_text(self, pno: int) -> bool:
        t = self._text
        return t is not None and 0 <= pno < len(t.pages) and t.pages[pno].has_text

    @property
    def layout_model(self) -> DocumentLayout:
        return self._layout

    def _offset(self) -> QPointF:
        """Document pixel shown at the viewport's top-left corner (negative when centred)."""
        vw = self.viewport().width()
        x: float = self.horizontalScrollBar().value()
        if self._layout.width < vw:
            x = -(vw - self._layout.width) / 2
        return QPointF(x, self.verticalScrollBar().value())

    def view_to_doc(self, pos: QPointF) -> QPointF:
        return pos + self._offset()

    def doc_to_view(self, point: QPointF) -> QPointF:
        return point - self._offset()

    def page_point_to_view(self, pno: int, x: float, y: float) -> QPoint:
        """Unrotated page coordinates (points) -> viewport pixel."""
        return self.doc_to_view(self._layout.to_doc(pno, x, y)).toPoint()

    def page_rect_in_view(self, pno: int) -> QRectF:
        return self._layout.page_rect(pno).translated(-self._offset())

    def _rect_to_view(self, pno: int, rect) -> QRectF:
        return self._layout.rect_to_doc(pno, rect).translated(-self._offset())

    def view_to_page(self, pos: QPointF, nearest: bool = False
                     ) -> tuple[int, float, float] | None:
        """(page, x, y) in unrotated page space under a viewport point."""
        doc = self.view_to_doc(QPointF(pos))
        pno = self._layout.page_at(doc)
        if pno is None and nearest:
            pno = self._layout.nearest_page(doc)
        if pno is None:
            return None
        x, y = self._layout.from_doc(pno, doc)
        return pno, x, y
