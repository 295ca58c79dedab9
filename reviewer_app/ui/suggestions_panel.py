"""Suggested clauses for the selected item (from ``core.suggest`` when it is installed).

Each row shows the section and a snippet: activating it shows the passage in the view;
its Link button records it as evidence after the assessor has read it.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.errors import ReviewError
from reviewer_app.ui.icons import icon
from reviewer_app.ui.theme import font_scaled

SNIPPET_CHARS = 180


def suggestions_available() -> bool:
    return find_spec("reviewer_app.core.suggest") is not None


def compute_suggestions(store, item_id: str, top: int = 4) -> list[Any]:
    from reviewer_app.core.suggest import suggest

    return suggest(store, item_id, top).get(item_id, [])


class SuggestionRow(QFrame):
    revealRequested = Signal(object)
    acceptRequested = Signal(object)

    def __init__(self, suggestion, doc_title: str, page_label: str, parent=None):
        super().__init__(parent)
        self.suggestion = suggestion
        self.setObjectName("SuggestionRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        text = " ".join(suggestion.text.split())
        snippet = text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"
        score = getattr(suggestion, "score", 0.0)
        head = QLabel(f"<b>{_esc(suggestion.label or 'Passage')}</b>"
                      f" <span style='color:palette(placeholder-text)'>· {_esc(doc_title)} "
                      f"· p. {_esc(page_label)} · {round(score * 100)}%</span>")
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        body = QLabel(snippet)
        body.setWordWrap(True)
        body.setObjectName("Snippet")
        accept = QToolButton()
        accept.setIcon(icon("link"))
        accept.setIconSize(QSize(16, 16))
        accept.setText("Link")
        accept.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        accept.setToolTip("Link this passage as evidence")
        accept.setAccessibleName(f"Link suggested passage {suggestion.label}")
        accept.clicked.connect(lambda: self.acceptRequested.emit(self.suggestion))
        self.accept_button = accept
        col = QVBoxLayout()
        col.setSpacing(2)
        col.addWidget(head)
        col.addWidget(body)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 6, 6)
        lay.addLayout(col, 1)
        lay.addWidget(accept, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(f"Suggested passage {suggestion.label}, page {page_label}: "
                               f"{snippet}")
        self.setToolTip("Click (or Enter) to show it in the document")

    def mousePressEvent(self, event) -> None:
        self.setFocus()
        self.revealRequested.emit(self.suggestion)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.revealRequested.emit(self.suggestion)
            return
        super().keyPressEvent(event)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SuggestionsPanel(QWidget):
    revealRequested = Signal(object)
    acceptRequested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Suggested passages")
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(4)
        self.empty = QLabel()
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        self.empty.setFont(font_scaled(None, 0.95))
        self._lay.addWidget(self.empty)
        self.rows: list[SuggestionRow] = []

    def show_suggestions(self, session, item_id: str) -> None:
        for row in self.rows:
            self._lay.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        if not item_id or session is None:
            self.empty.setText("")
            return
        linked = [(e.doc_id, e.start, e.end) for e in session.evidence_for_item(item_id)
                  if e.start is not None and e.end is not None]
        try:
            found = compute_suggestions(session.store, item_id)
        except ReviewError as exc:
            self.empty.setText(f"No suggestions: {exc}")
            return
        found = [s for s in found
                 if not any(d == s.doc_id and a < s.end and s.start < b for d, a, b in linked)]
        if not found:
            self.empty.setText("No likely passages found. The policy may not address this "
                               "item; search with Ctrl+F to be sure.")
            self.empty.show()
            return
        self.empty.hide()
        for s in found:
            doc = session.document(s.doc_id)
            row = SuggestionRow(s, doc.title if doc else "", doc.page_label(s.page) if doc
                                else str(s.page + 1))
            row.revealRequested.connect(self.revealRequested)
            row.acceptRequested.connect(self.acceptRequested)
            self._lay.addWidget(row)
            row.show()
            self.rows.append(row)
