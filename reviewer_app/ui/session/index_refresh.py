"""Rebuilding a review's stale search index once, from the window, off the interface thread.

A review indexed by an older segmenter (see ``core.review.index_rebuild``) gets its passages
rebuilt when it is opened: a worker thread segments the stale documents on a read-only
connection of its own, then the session writes the rows, in a worker too (0.4 s for a
758-page manual), as a derived change that is not an undo step; edits meanwhile wait as
for any write. Until then the suggestion worker falls back to an in-memory index, as for
a read-only review.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.review.index_rebuild import RebuildIndex
from reviewer_app.ui.common.workers import run_with_progress
from reviewer_app.ui.session.session import ReviewSession

RETRY_MS = 300  # while another change is being saved


class IndexRefresher(QObject):
    """Starts the rebuild for a session whose index is stale; at most one at a time."""

    _prepared = Signal(object, object)  # session, RebuildIndex | str (what went wrong)
    message = Signal(str)  # a line for the status bar
    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: ReviewSession | None = None
        self._prepared.connect(self._write)

    def running(self) -> bool:
        return self._running is not None

    def refresh(self, session: ReviewSession | None) -> bool:
        """Rebuild the session's stale passages in the background; False when there is
        nothing to do (current index, read-only review, a rebuild already running)."""
        if (session is None or session.read_only or self._running is not None
                or indexing.index_is_current(session.store.db)):
            return False
        self._running = session
        threading.Thread(target=self._prepare, args=(session, session.path),
                         name="reviewer-reindex", daemon=True).start()
        return True

    def _prepare(self, session: ReviewSession, path: Path) -> None:
        result: RebuildIndex | str
        try:
            result = _prepare(path)
        except ReviewError as exc:
            result = str(exc)
        try:
            self._prepared.emit(session, result)
        except RuntimeError:  # the window was closed meanwhile
            pass

    def _write(self, session: ReviewSession, result: RebuildIndex | str) -> None:
        if not session.is_open or session.read_only:
            self._done()
            return
        if session.busy:  # a document is being saved: write once it is done
            QTimer.singleShot(RETRY_MS, lambda: self._write(session, result))
            return
        if isinstance(result, str):
            self.message.emit(f"The search index could not be rebuilt ({result}); "
                              "suggestions are slower until it is.")
        elif result.needed(session.store) and not session.update_derived(
                result, runner=lambda call: run_with_progress(
                    None, "Search index", "Updating the search index\u2026", call,
                    modal=False)):
            self.message.emit("The search index could not be saved; suggestions are "
                              "slower until it is (it is tried again on the next opening).")
        self._done()

    def _done(self) -> None:
        self._running = None
        self.finished.emit()


def rebuild_before_export(parent: QWidget | None, session: ReviewSession | None) -> None:
    """Rebuild a stale index now, behind a progress dialog: the packet's section headings
    read the passages. Read-only reviews are exported as they are."""
    if session is None or session.read_only or indexing.index_is_current(session.store.db):
        return
    try:
        cmd = run_with_progress(parent, "Export packet", "Updating the search index\u2026",
                                _prepare, session.path)
    except ReviewError:
        return  # the export reads the passages as they are
    if cmd.needed(session.store):
        session.update_derived(cmd, runner=lambda call: run_with_progress(
            parent, "Export packet", "Updating the search index\u2026", call))


def _prepare(path: Path) -> RebuildIndex:
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(path, read_only=True) as store:
        return RebuildIndex.prepare(store)
