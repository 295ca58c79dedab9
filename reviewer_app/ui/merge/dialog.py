"""The merge summary: what came in from the other copy, and each conflict with its
candidates to choose from (or to leave for later: the item stays flagged)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.review.commands.merging import OpenConflict
from reviewer_app.core.review.merge.report import describe

LATER = 0


class MergeSummaryDialog(QDialog):
    """Lists what came in and the open conflicts; ``choices()`` after it is accepted."""

    def __init__(self, parent: QWidget | None, heading: str, came_in: list[str],
                 conflicts: list[OpenConflict]):
        super().__init__(parent)
        self.setObjectName("merge_summary")
        self.setWindowTitle("Merge a copy")
        self.resize(760, 560)
        self._groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        title = QLabel(heading)
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        layout.addWidget(QLabel(f"Came in ({len(came_in)}):" if came_in else
                                "Nothing else came in."))
        self.came_in = QListWidget()
        self.came_in.setObjectName("merge_came_in")
        self.came_in.addItems(came_in)
        self.came_in.setMaximumHeight(160 if came_in else 0)
        layout.addWidget(self.came_in)
        if conflicts:
            note = QLabel(f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''}: "
                          "changed differently in both copies. Choose what to keep; an "
                          "item left for later stays flagged for re-review (undo with "
                          "Ctrl+Z).")
        else:
            note = QLabel("No conflicts.")
        note.setWordWrap(True)
        layout.addWidget(note)
        area = QScrollArea()
        area.setWidgetResizable(True)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        for n, conflict in enumerate(conflicts, 1):
            rows.addWidget(self._conflict_box(n, conflict))
        rows.addStretch(1)
        area.setWidget(inner)
        layout.addWidget(area, 1)
        buttons = QDialogButtonBox()
        self.settle = buttons.addButton("Keep the chosen results",
                                        QDialogButtonBox.ButtonRole.AcceptRole)
        self.settle.setObjectName("merge_settle")
        self.settle.setEnabled(bool(conflicts))
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _conflict_box(self, n: int, conflict: OpenConflict) -> QGroupBox:
        box = QGroupBox(f"{n}. {conflict.label}")
        col = QVBoxLayout(box)
        group = QButtonGroup(box)
        for k, cand in enumerate(conflict.candidates, 1):
            what = describe(conflict.table, cand.get("row"))
            button = QRadioButton(f"{cand.get('copy')}: {what}")
            button.setToolTip(button.text())
            group.addButton(button, k)
            col.addWidget(button)
        later = QRadioButton("Decide later (the item stays flagged for re-review)")
        later.setChecked(True)
        group.addButton(later, LATER)
        col.addWidget(later)
        self._groups[conflict.uid] = group
        return box

    def choose(self, uid: str, choice: int) -> None:
        button = self._groups[uid].button(choice)
        if button is not None:
            button.setChecked(True)

    def choices(self) -> dict[str, int]:
        """Conflict uid -> the candidate chosen (1-based); those left for later omitted."""
        return {uid: g.checkedId() for uid, g in self._groups.items() if g.checkedId() > 0}
