"""Suggested clauses for the selected item, ranked by ``core.suggest``.

Each row shows the section and a snippet: activating it shows the passage in the view;
its Link button records it as evidence after the assessor has read it.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.errors import ReviewError
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.plain_text import plain_label
from reviewer_app.ui.common.theme import font_scaled

SNIPPET_CHARS = 180
MIN_SCORE = 0.3  # below this a passage is noise rather than a lead


_LIBRARY_DB: list[Path | None] = [None]  # the window's choice (None: the default database)


def set_library_database(path: Path | None) -> None:
    """The caseload database whose clause library suggestions consult (None: default)."""
    _LIBRARY_DB[0] = path


def compute_suggestions(store, item_id: str, top: int = 4) -> list[Any]:
    """The item's suggestions, the office's clause library's first (when it has one)."""
    from reviewer_app.core.library.for_review import with_library
    from reviewer_app.core.suggest.engine import suggest

    return with_library(store, item_id, suggest(store, item_id, top).get(item_id, []),
                        _LIBRARY_DB[0])


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
        body = plain_label(QLabel(snippet))  # text of the PDF
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


class SuggestionWorker(QObject):
    """Runs ``suggest`` in a thread on its own read-only connection to the review file.

    On a 700-page manual one item can take many seconds (the FTS queries run inside
    SQLite, which releases the GIL, so the window stays fluid). A newer request
    interrupts the older query; results of stale requests are dropped by the panel.
    """

    finished = Signal(int, str, object)  # request number, item id, list | str (error)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._request = 0
        self._running: dict[int, Any] = {}
        self._lock = threading.Lock()

    def request(self, path: Path, item_id: str, set_id: str | None = None) -> int:
        """Suggest for ``item_id`` of the set ``set_id`` (the review's first set: None)."""
        self._request += 1
        self.cancel()
        threading.Thread(target=self._run, args=(self._request, Path(path), item_id, set_id),
                         name="reviewer-suggest", daemon=True).start()
        return self._request

    def cancel(self) -> None:
        with self._lock:
            for store in self._running.values():
                try:
                    store.conn.interrupt()
                except sqlite3.Error:
                    pass

    def _run(self, number: int, path: Path, item_id: str, set_id: str | None = None) -> None:
        from reviewer_app.core.review.set_view import set_store
        from reviewer_app.core.review.store import ReviewStore

        result: Any
        try:
            store = ReviewStore.open(path, read_only=True)
        except ReviewError as exc:
            self._emit(number, item_id, str(exc))
            return
        with self._lock:
            self._running[number] = store
        try:
            result = compute_suggestions(set_store(store, set_id), item_id)
        except sqlite3.OperationalError as exc:
            result = "" if "interrupt" in str(exc) else f"search failed ({exc})"
        except ReviewError as exc:
            result = str(exc)
        finally:
            with self._lock:
                self._running.pop(number, None)
            store.close()
        self._emit(number, item_id, result)

    def _emit(self, number: int, item_id: str, result) -> None:
        try:
            self.finished.emit(number, item_id, result)
        except RuntimeError:  # the window was closed meanwhile
            pass


class SuggestionsPanel(QWidget):
    revealRequested = Signal(object)
    acceptRequested = Signal(object)
    updated = Signal()  # rows (or the empty message) changed

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
        self.worker = SuggestionWorker(self)
        self.worker.finished.connect(self._arrived)
        self._cache: dict[str, list] = {}
        self._pending = 0
        self._session = None
        self._item_id = ""
        self._set_id = ""
        self._painted = False  # searches wait for the window's first paint (see _search)

    def invalidate(self) -> None:
        """Documents changed: computed suggestions no longer hold."""
        self._cache.clear()

    def busy(self) -> bool:
        return self._pending != 0

    def show_suggestions(self, session, item_id: str) -> None:
        set_id = session.set_id if session is not None else ""
        if session is not self._session or set_id != self._set_id:
            self._cache.clear()  # another review, or another of its standards sets
        self._session, self._item_id, self._set_id = session, item_id, set_id
        self._clear_rows()
        if not item_id or session is None:
            self._pending = 0
            self.worker.cancel()
            self.empty.setText("")
            return
        if item_id in self._cache:
            self._pending = 0
            self._show(self._cache[item_id])
            return
        self.empty.setText("Looking for likely passages\u2026")
        self.empty.show()
        self._search()

    DEFER_MS = 500  # at most this long before the first search if the panel is not painted

    def _search(self) -> None:
        """Start the search, unless the window has not been painted yet: a search thread
        competes for the GIL with the window being built and shown (start-up), so the
        first one waits for this panel's first paint (or ``DEFER_MS``)."""
        if self._session is None or not self._item_id:
            return
        if self._painted:
            self._pending = self.worker.request(self._session.path, self._item_id,
                                                self._set_id or None)
        elif self._pending != -1:
            self._pending = -1  # busy: a search is due
            QTimer.singleShot(self.DEFER_MS, self._first_search)

    def _first_search(self) -> None:
        if not self._painted:
            self._painted = True
            if self._pending == -1:
                self._search()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            QTimer.singleShot(0, self._first_search)

    def _arrived(self, number: int, item_id: str, result) -> None:
        if number != self._pending:
            return  # a newer request replaced this one
        self._pending = 0
        if isinstance(result, str):
            if result:
                self.empty.setText(f"No suggestions: {result}")
            self.updated.emit()
            return
        self._cache[item_id] = result
        if item_id == self._item_id:
            self._show(result)

    def _clear_rows(self) -> None:
        for row in self.rows:
            self._lay.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []

    def _show(self, found: list) -> None:
        session, item_id = self._session, self._item_id
        assert session is not None  # results of a closed review never arrive (cancelled)
        self._clear_rows()
        linked = [(e.doc_id, e.start, e.end) for e in session.evidence_for_item(item_id)
                  if e.start is not None and e.end is not None]
        found = [s for s in found if getattr(s, "score", 1.0) >= MIN_SCORE
                 and not any(d == s.doc_id and a < s.end and s.start < b for d, a, b in linked)]
        if not found and not session.documents():
            self.empty.setText("Add the agency's policy documents to see passages that "
                               "likely address this item.")
            self.empty.show()
            self.updated.emit()
            return
        if not found and not any(session.store.document_text(d.id).has_text
                                 for d in session.documents()):
            self.empty.setText("The documents have no text layer (scans), so passages "
                               "cannot be suggested; mark areas on the pages instead.")
            self.empty.show()
            self.updated.emit()
            return
        if not found:
            self.empty.setText("No likely passages left to show. If the policy does not "
                               "seem to address this item, search it with Ctrl+F to be sure.")
            self.empty.show()
            self.updated.emit()
            return
        self.empty.hide()
        for s in found:
            doc = session.document(s.doc_id)
            if doc is None:
                continue
            row = SuggestionRow(s, doc.title, doc.page_label(s.page))
            row.revealRequested.connect(self.revealRequested)
            row.acceptRequested.connect(self.acceptRequested)
            self._lay.addWidget(row)
            row.show()
            self.rows.append(row)
        self.updated.emit()
