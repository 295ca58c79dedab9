"""Page box for a PdfView: the document's own page label, its position, previous/next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget

if TYPE_CHECKING:
    from reviewer_app.ui.pdfview.view import PdfView


def resolve_page(typed: str, labels: list[str]) -> int | None:
    """Page index for what the user typed: a page label first ("iv", "3-2"), else a number."""
    typed = typed.strip()
    if not typed:
        return None
    lowered = [lbl.lower() for lbl in labels]
    if typed.lower() in lowered:
        return lowered.index(typed.lower())
    if typed.isdigit() and 1 <= int(typed) <= len(labels):
        return int(typed) - 1
    return None


class PageNavigator(QWidget):
    """Shows "iv (4 / 758)"; type a label or a number and press Enter to go there."""

    def __init__(self, view=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Page navigation")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._view: PdfView | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.prev_button = QToolButton(self)
        self.prev_button.setArrowType(Qt.ArrowType.UpArrow)
        self.prev_button.setToolTip("Previous page")
        self.prev_button.setAccessibleName("Previous page")
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip("Next page")
        self.next_button.setAccessibleName("Next page")
        self.page_box = QLineEdit(self)
        self.page_box.setAccessibleName("Page")
        self.page_box.setToolTip("Page label or number; press Enter to go there")
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box.setMaximumWidth(self.fontMetrics().horizontalAdvance("MMMMMM") + 12)
        self.position = QLabel(self)
        self.position.setAccessibleName("Page position")
        for w in (self.prev_button, self.page_box, self.position, self.next_button):
            box.addWidget(w)
        self.prev_button.clicked.connect(lambda: self._view and self._view.previous_page())
        self.next_button.clicked.connect(lambda: self._view and self._view.next_page())
        self.page_box.returnPressed.connect(self._go)
        self.set_view(view)

    def set_view(self, view) -> None:
        if self._view is not None:
            for sig, slot in self._connections():
                sig.disconnect(slot)
        self._view = view
        if view is not None:
            for sig, slot in self._connections():
                sig.connect(slot)
        self._refresh()

    def _connections(self):
        v = self._view
        assert v is not None
        return ((v.currentPageChanged, self._refresh), (v.documentChanged, self._refresh),
                (v.textChanged, self._refresh))

    def text(self) -> str:
        """What the navigator shows, e.g. "iv (4 / 758)"."""
        return f"{self.page_box.text()} {self.position.text()}".strip()

    def _refresh(self, *_args) -> None:
        v = self._view
        count = v.page_count() if v is not None else 0
        self.setEnabled(count > 0)
        if v is None or count == 0:
            self.page_box.clear()
            self.position.setText("")
            return
        pno = max(v.current_page(), 0)
        label = v.page_label(pno)
        self.page_box.setText(label)
        self.position.setText(f"({pno + 1} / {count})" if label != str(pno + 1)
                              else f"of {count}")
        self.prev_button.setEnabled(pno > 0)
        self.next_button.setEnabled(pno < count - 1)

    def _go(self) -> None:
        v = self._view
        if v is None:
            return
        pno = resolve_page(self.page_box.text(), v.page_labels())
        if pno is None:
            self.page_box.setStyleSheet("QLineEdit { border: 1px solid #c0392b; }")
            self.page_box.setToolTip(f"No page \"{self.page_box.text()}\" in this document")
            return
        self.page_box.setStyleSheet("")
        self.page_box.setToolTip("Page label or number; press Enter to go there")
        v.go_to_page(pno)
        v.setFocus()
