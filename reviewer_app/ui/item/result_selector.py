"""Segmented buttons for an item's result, each with its glyph, name and shortcut key.

Met, Partially met, Not met and Not applicable are the four choices; "Not assessed" is the
absence of a choice (no segment pressed) and the Clear button (key 0) returns to it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QSizePolicy, QToolButton, QWidget

from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.common.theme import RESULT_KEYS, SHORT_LABELS, result_icon, result_label

CHOICES = Result.choices()


class ResultSelector(QWidget):
    resultChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ResultSelector")
        self.setAccessibleName("Result")
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that "not assessed" can show no segment pressed
        self.buttons: dict[str, QToolButton] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(0)
        for result in CHOICES:
            b = self._button(result, SHORT_LABELS[result])
            b.setObjectName("Segment")
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.group.addButton(b)
        clear = self._button(Result.NOT_ASSESSED, "Clear")
        clear.setObjectName("ClearResult")
        clear.setToolTip(f"Back to {result_label(Result.NOT_ASSESSED)}  (key 0)")
        clear.setAccessibleName(f"Clear the result ({result_label(Result.NOT_ASSESSED)}), "
                                "shortcut 0")
        clear.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._current: str = Result.NOT_ASSESSED
        self._compact: bool | None = None
        self._arrange(False)

    def _row_width(self) -> int:
        return sum(self.buttons[r].sizeHint().width() for r in CHOICES) + \
            self.buttons[Result.NOT_ASSESSED].sizeHint().width() + 12

    def _arrange(self, compact: bool) -> None:
        """One row of segments when there is room, else two rows of two (narrow panels)."""
        if compact == self._compact:
            return
        self._compact = compact
        for b in self.buttons.values():
            self.grid.removeWidget(b)
        for col in range(6):
            self.grid.setColumnStretch(col, 0)
        if compact:
            self.grid.setSpacing(4)
            for n, r in enumerate(CHOICES):
                self.grid.addWidget(self.buttons[r], n // 2, n % 2)
                self._set_position(self.buttons[r], "single")
            self.grid.addWidget(self.buttons[Result.NOT_ASSESSED], 1, 2)
            self.grid.setColumnStretch(3, 1)
        else:
            self.grid.setSpacing(0)
            for n, r in enumerate(CHOICES):
                self.grid.addWidget(self.buttons[r], 0, n)
                self._set_position(self.buttons[r], "first" if n == 0 else "last"
                                   if n == len(CHOICES) - 1 else "middle")
            self.grid.setColumnStretch(4, 1)
            self.grid.addWidget(self.buttons[Result.NOT_ASSESSED], 0, 5)

    @staticmethod
    def _set_position(b: QToolButton, position: str) -> None:
        b.setProperty("position", position)
        b.style().unpolish(b)
        b.style().polish(b)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width() < self._row_width())

    def _button(self, result: str, text: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setIcon(result_icon(result, 16))
        b.setIconSize(QSize(16, 16))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setMinimumWidth(10)
        b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        key = RESULT_KEYS[result]
        b.setToolTip(f"{result_label(result)}  (key {key})")
        b.setAccessibleName(f"{result_label(result)}, shortcut {key}")
        b.clicked.connect(lambda _=False, r=result: self._clicked(r))
        self.buttons[result] = b
        return b

    def _clicked(self, result: str) -> None:
        self.set_result(self._current)  # the session's answer decides what shows pressed
        self.resultChosen.emit(result)

    def set_result(self, result: str) -> None:
        self._current = result
        for r in CHOICES:
            b = self.buttons[r]
            if b.isChecked() != (r == result):
                b.setChecked(r == result)
        self.buttons[Result.NOT_ASSESSED].setEnabled(result != Result.NOT_ASSESSED)

    def result(self) -> str:
        return self._current

    def result_button_for_focus(self) -> QToolButton:
        """The pressed segment (or the first): where F6 lands in the item panel."""
        return self.buttons.get(self._current if self._current in CHOICES else Result.MET,
                                self.buttons[Result.MET])
