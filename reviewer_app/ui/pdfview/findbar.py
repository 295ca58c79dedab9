"""Find in document: query box, "3 of 12", previous/next; Enter and Shift+Enter step, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

SEARCH_DELAY_MS = 250  # search as you type, once typing pauses
MIN_LIVE_QUERY = 3  # shorter queries (thousands of hits) wait for Enter


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Find in document")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._view = None
        box = QHBoxLayout(self)
        box.setContentsMargins(6, 3, 6, 3)
        box.setSpacing(4)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Find in document")
        self.query.setAccessibleName("Find text")
        self.query.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setAccessibleName("Match count")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 of 0000") + 6)
        self.prev_button = QToolButton(self)
        self.prev_button.setArrowType(Qt.ArrowType.UpArrow)
        self.prev_button.setToolTip("Previous match (Shift+Enter)")
        self.prev_button.setAccessibleName("Previous match")
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip("Next match (Enter)")
        self.next_button.setAccessibleName("Next match")
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.setAccessibleName("Close find")
        for w in (self.query, self.count, self.prev_button, self.next_button, self.close_button):
            box.addWidget(w)
        box.setStretch(0, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.query.textEdited.connect(self._edited)
        self.query.returnPressed.connect(self._enter)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close_bar)
        self.query.installEventFilter(self)
        self._searched = None
        self.set_view(view)
        self._show_count(-1, 0)

    def eventFilter(self, obj, event) -> bool:
        """Esc closes; Shift+Enter steps back (keys of the query box)."""
        if obj is self.query and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self.previous()
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def set_view(self, view) -> None:
        if self._view is not None:
            self._view.findChanged.disconnect(self._show_count)
        self._view = view
        if view is not None:
            view.findChanged.connect(self._show_count)

    def open(self, text: str | None = None) -> None:
        """Show the bar with the query box focused (and optionally a query filled in)."""
        self.show()
        if text:
            self.query.setText(text)
            self.search_now()
        self.query.setFocus()
        self.query.selectAll()

    def _edited(self, text: str) -> None:
        if len(text.strip()) >= MIN_LIVE_QUERY:
            self._timer.start()
        else:
            self._timer.stop()
            if self._view is not None and self._searched is not None:
                self._searched = None
                self._view.clear_find()

    def search_now(self) -> int:
        self._timer.stop()
        if self._view is None:
            return 0
        q = self.query.text()
        self._searched = q
        if not q.strip():
            self._view.clear_find()
            return 0
        # the first search of a long document builds its matching views (~0.3 s)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self._view.find(q)
        finally:
            QApplication.restoreOverrideCursor()

    def _enter(self) -> None:
        if self._searched != self.query.text():
            self.search_now()
        else:
            self.next()

    def next(self) -> None:
        if self._searched != self.query.text():
            self.search_now()
        elif self._view is not None:
            self._view.find_next()

    def previous(self) -> None:
        if self._searched != self.query.text():
            self.search_now()
        elif self._view is not None:
            self._view.find_previous()

    def close_bar(self) -> None:
        self._timer.stop()
        if self._view is not None:
            self._view.clear_find()
            self._view.setFocus()
        self._searched = None
        self.hide()
        self.closed.emit()

    def _show_count(self, index: int, count: int) -> None:
        has_query = bool(self.query.text().strip()) and self._searched is not None
        if not has_query:
            self.count.setText("")
        elif count == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{index + 1} of {count}" if index >= 0 else f"{count} matches")
        self.count.setStyleSheet("QLabel { color: #b03a2e; }" if has_query and count == 0
                                 else "")
        self.prev_button.setEnabled(count > 1)
        self.next_button.setEnabled(count > 1)
