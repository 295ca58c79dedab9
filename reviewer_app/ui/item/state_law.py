"""The state law an item must also meet in the review's state (the set's state notes).

An Illinois review always needs Illinois's chokehold statute: the notes come with the
standards set (``core/checklist/state_notes.py``) and are shown under the item's guidance
for the state in the review's details, with the address where the statute can be read.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from reviewer_app.core.checklist.state_notes import StateNote, cited_at, notes_for
from reviewer_app.ui.common.theme import font_scaled


class StateLawNotes(QFrame):
    """Hidden unless the review's state has notes for the item. One line per statute
    (citation, title, where the policy cites it) keeps the result buttons in view; Details
    adds what each requires, its words and its source."""

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
        self.details = QToolButton()
        self.details.setText("Details")
        self.details.setCheckable(True)
        self.details.setAutoRaise(True)
        self.details.setToolTip("Show what each statute requires, its words and its source")
        self.details.setAccessibleName("Show state law details")
        self.details.toggled.connect(self._render)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.details)
        lay.addLayout(head)
        self.rows: list[QLabel] = []
        self._cited_text: list[str] = []
        self.notes: list[StateNote] = []
        self._cited: dict[tuple[int, str], list[int]] = {}  # (doc, citation) -> pages
        self._shown: tuple = ()
        self.setVisible(False)

    def invalidate(self) -> None:
        """The review's documents changed: where a statute is cited may have too."""
        self._cited.clear()
        self._shown = ()

    def show_for(self, session: Any, item_id: str) -> None:
        """The notes of ``session``'s standards set for the item in the review's state."""
        state = session.store.review().agency_state
        notes = notes_for(session.standards.state_notes, item_id, state)
        self.setVisible(bool(notes))
        key = (id(session), tuple(notes))
        if key == self._shown:
            return
        self._shown, self.notes = key, notes
        if not notes:
            return
        self.title.setText(f"STATE LAW ({self.notes[0].state}): ALSO CONSIDER")
        self._cited_text = [self._where_cited(session, n.citation) for n in notes]
        self._render()

    def _render(self, *_args: object) -> None:
        for row in self.rows:
            self.lay.removeWidget(row)
            row.setParent(None)  # gone now, not at the next event loop turn
            row.deleteLater()
        full = self.details.isChecked()
        self.rows = [self._row(n, cited, full)
                     for n, cited in zip(self.notes, self._cited_text, strict=True)]

    def _where_cited(self, session: Any, citation: str) -> str:
        """Where the review's documents cite the statute ("Use of Force p. 3, 7"), or ""."""
        places = []
        for doc in session.documents():
            key = (doc.id, citation)
            if key not in self._cited:
                text = session.store.document_text(doc.id)
                self._cited[key] = sorted({text.page_of(at)
                                           for at in cited_at(text.text, citation)})
            if self._cited[key]:
                pages = ", ".join(doc.page_label(p) for p in self._cited[key][:6])
                places.append(f"{doc.title} p. {pages}")
        return "; ".join(places)

    def text(self) -> str:
        return "\n".join(row.text() for row in self.rows)

    def _row(self, n: StateNote, cited: str, full: bool) -> QLabel:
        row = QLabel(_note_html(n, cited) if full else _note_line(n, cited))
        row.setWordWrap(True)
        row.setTextFormat(Qt.TextFormat.RichText)
        row.setOpenExternalLinks(True)  # the statute's official page, in a browser
        row.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        row.setAccessibleName(f"{n.citation}, {n.statute}: {n.requires}")
        self.lay.addWidget(row)
        return row


def _note_line(n: StateNote, cited: str) -> str:
    where = f"cited: {escape(cited)}" if cited else "not cited in the documents"
    return (f"<b>{escape(n.citation)}</b> · {escape(n.statute)} "
            f"<small>({where})</small>")


def _note_html(n: StateNote, cited: str) -> str:
    quote = f"<br/><i>\u201c{escape(n.quote)}\u201d</i>" if n.quote else ""
    where = (f"Section cited in: {escape(cited)}" if cited
             else "The section is not cited in the review's documents.")
    return (f"<b>{escape(n.citation)}</b> · {escape(n.statute)}<br/>{escape(n.requires)}"
            f"{quote}<br/><small>{where}<br/>Source: <a href='{escape(n.source, quote=True)}'>"
            f"{escape(n.source)}</a></small>")
