"""One open review in the window: the store, its undo stack, and cached reads.

Widgets read through the session and change the review only through ``execute`` (a core
command, run at once in its own transaction, then pushed onto the QUndoStack). After each
change or undo the session drops its caches and emits ``changed`` with the command, so
views refresh what concerns them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reviewer_app.core.checklist.standards import Item, StandardsSet
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.records import DocumentRecord, Evidence, Finding
from reviewer_app.core.review.commands import Command
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.ui.session.undo import CoreUndoCommand, apply_command


class ReviewSession(QObject):
    changed = Signal(object)  # the core Command just applied or reverted
    failed = Signal(str)  # a message for the user (a ReviewError's text)

    def __init__(self, store: ReviewStore, parent: QObject | None = None,
                 read_only_reason: str = ""):
        super().__init__(parent)
        self.store = store
        self._read_only_reason = read_only_reason
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.last_saved = time.time()
        self._findings: dict[str, Finding] | None = None
        self._evidence: list[Evidence] | None = None
        self._documents: list[DocumentRecord] | None = None

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None, read_only: bool = False,
             take_over: bool = False, read_only_reason: str = "") -> ReviewSession:
        """Open a review file; raises ``ReviewError`` with a message for the user
        (``ReviewLocked`` when another program has it open, see ``ReviewStore.open``).
        ``read_only_reason`` says why the user chose to open it read-only."""
        store = ReviewStore.open(path, read_only=read_only, take_over=take_over)
        return cls(store, parent, read_only_reason if read_only else "")

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_reason(self) -> str:
        """Why changes cannot be saved, as the end of a sentence ("the file is
        write-protected"); empty when the review is writable."""
        if not self.store.read_only:
            return ""
        why = self._read_only_reason or self.store.read_only_reason
        return why.split(" is read-only: ", 1)[-1] if why else "it was opened read-only"

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def standards(self) -> StandardsSet:
        return self.store.standards()

    def item(self, item_id: str) -> Item:
        return self.standards.item(item_id)

    # -- cached reads --------------------------------------------------------------------
    def findings(self) -> dict[str, Finding]:
        if self._findings is None:
            self._findings = self.store.findings()
        return self._findings

    def result(self, item_id: str) -> str:
        f = self.findings().get(item_id)
        return f.result if f else "not_assessed"

    def rationale(self, item_id: str) -> str:
        f = self.findings().get(item_id)
        return f.rationale if f else ""

    def all_evidence(self) -> list[Evidence]:
        if self._evidence is None:
            self._evidence = self.store.evidence()
        return self._evidence

    def evidence_for_item(self, item_id: str) -> list[Evidence]:
        return [e for e in self.all_evidence() if e.item_id == item_id]

    def evidence_for_doc(self, doc_id: int) -> list[Evidence]:
        return [e for e in self.all_evidence() if e.doc_id == doc_id]

    def evidence_by_id(self, evidence_id: int) -> Evidence | None:
        return next((e for e in self.all_evidence() if e.id == evidence_id), None)

    def evidence_counts(self) -> Counter:
        return Counter(e.item_id for e in self.all_evidence())

    def documents(self) -> list[DocumentRecord]:
        if self._documents is None:
            self._documents = self.store.documents()
        return self._documents

    def document(self, doc_id: int) -> DocumentRecord | None:
        """A document of the review as it stands (a replaced revision is None)."""
        return next((d for d in self.documents() if d.id == doc_id), None)

    def any_document(self, doc_id: int) -> DocumentRecord | None:
        """A document, including revisions replaced since (orphaned evidence stays there)."""
        doc = self.document(doc_id)
        if doc is None:
            try:
                doc = self.store.document(doc_id)
            except ReviewError:
                return None
        return doc

    def invalidate(self) -> None:
        self._findings = self._evidence = self._documents = None

    # -- changes ---------------------------------------------------------------------------
    def execute(self, cmd: Command, merge_token: object = None,
                runner: Callable[[Callable[[], None]], None] | None = None) -> bool:
        """Run a command now (saved when this returns) and make it undoable.

        ``runner`` may run the write elsewhere (a worker thread behind a progress dialog,
        for a 700-page document); the call still returns only when it is saved."""
        if not self._apply(cmd, False, runner):
            return False
        self.undo_stack.push(CoreUndoCommand(cmd, self._apply, merge_token))
        return True

    def _apply(self, cmd: Command, undo: bool,
               runner: Callable[[Callable[[], None]], None] | None = None) -> bool:
        try:
            if runner is None:
                apply_command(self.store, cmd, undo)
            else:
                runner(lambda: apply_command(self.store, cmd, undo))
        except ReviewError as exc:
            self.invalidate()
            self.failed.emit(str(exc))
            return False
        self.last_saved = time.time()
        self.invalidate()
        self.changed.emit(cmd)
        return True

    def close(self) -> None:
        self.undo_stack.clear()
        self.store.close()
