"""The state law an item must also meet in the review's state (the set's state notes).

An Illinois review always needs Illinois's chokehold statute: the notes come with the
standards set (``core/checklist/state_notes.py``) and are shown under the item's guidance
for the state in the review's details, with the address where the statute can be read.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.checklist.state_notes import StateNote, notes_for
from reviewer_app.ui.common.theme import font_scaled


class StateLawNotes(QFrame):
    """Hidden unless the review's state has notes for the item."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StateLawNotes")
        self.setAccessibleName("State law")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = self.lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(4)
        self.title = QLabel()
        self.title.setObjectName("SectionTitle")
        self.title.setFont(font_scaled(None, 0.82, bold=True))
        lay.addWidget(self.title)
        self.rows: list[QLabel] = []
        self.notes: list[StateNote] = []
        self.setVisible(False)

    def show_for(self, standards: StandardsSet, item_id: str, state: str) -> None:
        notes = notes_for(standards.state_notes, item_id, state)
        self.setVisible(bool(notes))
        if notes == self.notes:
            return
        self.notes = notes
        if not notes:
            return
        self.title.setText(f"STATE LAW ({self.notes[0].state}): ALSO CONSIDER")
        for row in self.rows:
            self.lay.removeWidget(row)
            row.setParent(None)  # gone now, not at the next event loop turn
            row.deleteLater()
        self.rows = [self._row(n) for n in self.notes]

    def text(self) -> str:
        return "\n".join(row.text() for row in self.rows)

    def _row(self, n: StateNote) -> QLabel:
        row = QLabel(_note_html(n))
        row.setWordWrap(True)
        row.setTextFormat(Qt.TextFormat.RichText)
        row.setOpenExternalLinks(True)  # the statute's official page, in a browser
        row.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        row.setAccessibleName(f"{n.citation}, {n.statute}: {n.requires}")
        self.lay.addWidget(row)
        return row


def _note_html(n: StateNote) -> str:
    quote = f"<br/><i>\u201c{escape(n.quote)}\u201d</i>" if n.quote else ""
    return (f"<b>{escape(n.citation)}</b> · {escape(n.statute)}<br/>{escape(n.requires)}"
            f"{quote}<br/><small>Source: <a href='{escape(n.source, quote=True)}'>"
            f"{escape(n.source)}</a></small>")
