"""Selecting in PdfView (a mixin: state lives on the view): the text selection as a
span of the canonical text, area selections on pages without text, and the notice that
says a page has none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:  # what the mixin needs of the view, for the type checker only
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QAbstractScrollArea as _ViewBase
    from PySide6.QtWidgets import QLabel

    from reviewer_app.core.text.textmap import DocumentText
    from reviewer_app.ui.pdfview.selection import TextSelection
else:
    _ViewBase = object


class SelectingMixin(_ViewBase):
    """Needs the view's ``_sel``, ``_area``, ``_area_mode``, ``_text``, ``_current`` and
    ``_notice``, and its ``page_has_text``."""

    if TYPE_CHECKING:
        _sel: TextSelection
        _area: tuple[int, tuple[float, float, float, float]] | None
        _area_mode: bool
        _text: DocumentText | None
        _current: int
        _notice: QLabel
        selectionChanged: Signal
        areaSelected: Signal

        def page_has_text(self, pno: int) -> bool: ...

    # -- notice for pages without text ------------------------------------------------------

    @property
    def area_mode(self) -> bool:
        """True: drags always mark rectangles. False: only on pages without text."""
        return self._area_mode

    @area_mode.setter
    def area_mode(self, on: bool) -> None:
        self._area_mode = bool(on)

    def area_selection(self) -> tuple[int, tuple[float, float, float, float]] | None:
        return self._area

    def _update_notice(self) -> None:
        show = self._current >= 0 and self._text is not None and not self.page_has_text(
            self._current)
        self._notice.setVisible(show)
        if show:
            self._place_notice()

    def _place_notice(self) -> None:
        self._notice.adjustSize()
        vw = self.viewport().width()
        self._notice.move(max((vw - self._notice.width()) // 2, 4), 10)

    def notice_visible(self) -> bool:
        return self._notice.isVisibleTo(self)

    # -- selection ------------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The selected span as global [start, end) offsets into ``text.text``."""
        return self._sel.span()

    def selected_text(self) -> str:
        span = self._sel.span()
        if span is None or self._text is None:
            return ""
        return self._text.text[span[0]:span[1]]

    def clear_selection(self) -> None:
        had = self._sel.span() is not None or self._area is not None
        self._sel.reset()
        self._area = None
        self.viewport().update()
        if had:
            self.selectionChanged.emit()

    def select_range(self, start: int, end: int) -> None:
        if self._text is None:
            return
        n = len(self._text.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        self._area = None
        self._sel.set_span(min(start, end), max(start, end))
        self.viewport().update()
        self.selectionChanged.emit()

    def copy_selection(self) -> bool:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def _set_area(self, pno: int, rect: tuple[float, float, float, float]) -> None:
        had = self._sel.span() is not None
        self._sel.reset()
        self._area = (pno, rect)
        self.viewport().update()
        if had:
            self.selectionChanged.emit()
        self.areaSelected.emit(pno, rect)
