"""The rationale editor: saves as you type, ~600 ms after the last keystroke.

Each pause produces one ``SetFinding`` command; the undo stack folds the commands of one
editing session (same item, focus not left) into a single "Edit rationale of B" step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

DEBOUNCE_MS = 600


class RationaleEditor(QPlainTextEdit):
    commitRequested = Signal(str, str, object)  # item id, text, merge token
    pendingChanged = Signal(bool)  # True while typed text waits to be saved

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RationaleEditor")
        self.setAccessibleName("Rationale")
        self.setPlaceholderText("Why this result? Cite the section, note gaps, questions for "
                                "the agency…")
        self.setTabChangesFocus(True)
        self.item_id = ""
        self.token = object()
        self._saved_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._typed)
        self._loading = False

    def set_item(self, item_id: str, text: str) -> None:
        self.flush()
        self.item_id = item_id
        self.token = object()
        self._load(text)
        self.setEnabled(bool(item_id))

    def show_saved_text(self, text: str) -> None:
        """The stored rationale changed (undo, redo): show it unless the user is typing it."""
        if self._timer.isActive() or text == self.toPlainText():
            return
        pos = self.textCursor().position()
        self._load(text)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.setTextCursor(cursor)

    def _load(self, text: str) -> None:
        self._loading = True
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)
        self._loading = False
        self._saved_text = text
        self._timer.stop()
        self.pendingChanged.emit(False)

    def _typed(self) -> None:
        if self._loading or not self.item_id:
            return
        self._timer.start()
        self.pendingChanged.emit(True)

    def is_pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Save now what was typed (called on pause, focus loss, item switch, close)."""
        was_pending = self._timer.isActive()
        self._timer.stop()
        text = self.toPlainText()
        if self.item_id and text != self._saved_text:
            self._saved_text = text
            self.commitRequested.emit(self.item_id, text, self.token)
        if was_pending:
            self.pendingChanged.emit(False)

    def focusInEvent(self, event) -> None:
        self.token = object()  # a new editing session: a new undo step
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.flush()
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.flush()
            self.clearFocus()
            return
        super().keyPressEvent(event)
