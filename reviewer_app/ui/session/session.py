"""One open review in the window: the store, its undo stack, and cached reads.

Widgets read through the session and change the review only through ``execute`` (a core
command, run at once in its own transaction, then pushed onto the QUndoStack). After each
change or undo the session drops its caches and emits ``changed`` with the command, so
views refresh what concerns them.

One change at a time: while a command is saved in a worker (``runner``), the window keeps
handling events, so other edits are refused with a ``blocked`` message, except the
rationale autosave, which is queued and saved right after (typed text is never lost).
A failed undo or redo puts the history back where it was (``undo.step_back``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reviewer_app.core.checklist.outcome import result_of
from reviewer_app.core.checklist.standards import Item, StandardsSet
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.records import DocumentRecord, Evidence, Finding
from reviewer_app.core.review.commands import Command
from reviewer_app.core.review.extra_sets import ReviewSet
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.review.workflow.stage import Stage, read_stage
from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.session.undo import CoreUndoCommand, apply_command, step_back

if TYPE_CHECKING:
    from reviewer_app.core.review.proposals import Proposal

Runner = Callable[[Callable[[], None]], None]  # runs the write it is given (in a worker)


class ReviewSession(QObject):
    changed = Signal(object)  # the core ``Changes`` of a command just applied or reverted
    failed = Signal(str)  # a message for the user (a ReviewError's text)
    blocked = Signal(str)  # an edit refused while another change is being saved
    busyChanged = Signal(bool)  # a change is (no longer) being saved in a worker

    def __init__(self, store: ReviewStore, parent: QObject | None = None,
                 read_only_reason: str = ""):
        super().__init__(parent)
        self.whole = store  # the review; ``store`` is the set shown (a ``SetView`` or it)
        self.store = store
        self._read_only_reason = read_only_reason
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.last_saved = time.time()
        self._findings: dict[str, Finding] | None = None
        self._evidence: list[Evidence] | None = None
        self._documents: list[DocumentRecord] | None = None
        self._stage: Stage | None = None
        self._proposals: list[Proposal] | None = None
        self._proposed: Counter[str] | None = None  # the shown set's item -> proposals
        self._saving = ""  # label of the command a worker is saving
        self._queued: list[tuple[Command, object]] = []
        self._step_errors: list[str] | None = None  # collected during an undo/redo
        self.is_open = True

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
    def editable(self) -> bool:
        """Whether results and evidence can change now: not read-only, not signed off."""
        return not self.read_only and not self.stage().signed_off

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

    # -- several standards sets (issue 17) ---------------------------------------------------
    @property
    def set_id(self) -> str:
        """The set the checklist shows: item ids the views use are bare ids of it."""
        return self.store.standards().id

    def review_sets(self) -> list[ReviewSet]:
        return self.whole.sets()

    def switch_set(self, set_id: str) -> None:
        """Show another of the review's sets; nothing in the file changes."""
        from reviewer_app.core.review.set_view import set_store

        self.store = set_store(self.whole, set_id)
        self.invalidate()

    def pending_proposals(self) -> list[Proposal]:
        """Clauses a crosswalk proposes and nobody accepted yet (cached until a change)."""
        from reviewer_app.core.review.proposals import proposals

        if self._proposals is None:
            try:
                self._proposals = proposals(self.whole) if len(self.review_sets()) > 1 else []
            except ReviewError:
                self._proposals = []
        return self._proposals

    def proposal_counts(self) -> dict[str, int]:
        """Clauses proposed for each set by a crosswalk and not yet accepted."""
        return dict(Counter(p.target.set_id for p in self.pending_proposals()))

    def proposed_for(self, item_id: str) -> int:
        """How many clauses are proposed for ``item_id`` of the set shown (asked per row
        at every paint: counted once per change)."""
        if self._proposed is None:
            sid = self.set_id
            self._proposed = Counter(p.target.item_id for p in self.pending_proposals()
                                     if p.target.set_id == sid)
        return self._proposed[item_id]

    def stored_id(self, item_id: str) -> str:
        """How an item of the shown set is named in the review (``calea/4.1.1``)."""
        return self.store.item_ref(item_id)

    # -- cached reads --------------------------------------------------------------------
    def stage(self) -> Stage:
        if self._stage is None:
            self._stage = read_stage(self.store.conn)
        return self._stage

    @property
    def blind(self) -> bool:
        """A second review is under way: every view shows the second reviewer's own
        results and rationales, never the assessor's (the evidence stays visible)."""
        return self.stage().blind

    def findings(self) -> dict[str, Finding]:
        """The findings every view shows: the assessor's, or during a second review the
        second reviewer's (``blind``)."""
        if self._findings is None:
            if self.blind:  # the second review covers the primary set; others stay hidden
                from reviewer_app.core.review.workflow.people import second_results

                self._findings = {
                    i: Finding(i, r.result, r.rationale, False, r.person, r.at)
                    for i, r in second_results(self.store.conn).items()
                } if self.store is self.whole else {}
            else:
                self._findings = self.store.findings()
        return self._findings

    def finding_command(self, item_id: str, result: str | None = None,
                        rationale: str | None = None, item_code: str = "") -> Command:
        """The command that records a result or rationale for the person at work: the
        assessor's finding, or the second reviewer's blind result."""
        from reviewer_app.core.review.commands import RecordSecondResult, SetFinding

        if self.blind and self.store is self.whole:  # (a further set's: refused, frozen)
            return RecordSecondResult(
                item_id, Result(result) if result is not None else self.result(item_id),
                rationale if rationale is not None else self.rationale(item_id), item_code)
        return SetFinding(item_id, result=Result(result) if result is not None else None,
                          rationale=rationale, item_code=item_code)

    def result(self, item_id: str) -> Result:
        return result_of(self.findings(), item_id)

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
        self._stage = None
        self._proposals = self._proposed = None

    # -- changes ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a command is being saved in a worker (edits wait or are refused)."""
        return bool(self._saving)

    @property
    def saving(self) -> str:
        """The label of the command being saved in a worker ("" when none)."""
        return self._saving

    def execute(self, cmd: Command, merge_token: object = None,
                runner: Runner | None = None, queue: bool = False) -> bool:
        """Run a command now (saved when this returns) and make it undoable.

        ``runner`` may run the write elsewhere (a worker thread behind a progress dialog,
        for a 700-page document); the call still returns only when it is saved. While
        such a write runs, the command is refused (False, ``blocked`` says why), or with
        ``queue`` (the rationale autosave) saved once the write is done (True)."""
        if self._saving:
            if queue:
                self._queued.append((cmd, merge_token))
                return True
            self.blocked.emit(f"Wait a moment: {self._saving} is still being saved; "
                              f"{cmd.label} was not made.")
            return False
        ok = self._apply(cmd, False, runner)
        if ok:
            self.undo_stack.push(CoreUndoCommand(cmd, self._apply, merge_token))
        self._run_queued()
        return ok

    def update_derived(self, cmd: Command, runner: Runner | None = None) -> bool:
        """Write derived data (a rebuilt search index, ``core.review.index_rebuild``) through the
        same path as a change, one transaction and a log line, but not as an undo step:
        undoing it would restore nothing the assessor made. False when it was not written
        (another change is being saved, the disk is full); it is derived, so nothing is
        lost and the caller says so quietly instead of in an error box."""
        if self._saving or not self.is_open or self.read_only:
            return False
        ok = self._apply(cmd, False, runner, report=False)
        self._run_queued()
        return ok

    def _run_queued(self) -> None:
        queued, self._queued = self._queued, []
        for later, token in queued:
            self.execute(later, token)

    def undo(self) -> bool:
        """Undo the last change; False (and a message) when that is not possible now."""
        return self._step(True)

    def redo(self) -> bool:
        return self._step(False)

    def _step(self, undo: bool) -> bool:
        stack = self.undo_stack
        what = "undo" if undo else "redo"
        if not (stack.canUndo() if undo else stack.canRedo()):
            return False
        if self._saving:
            self.blocked.emit(f"Wait a moment: {self._saving} is still being saved; "
                              f"nothing was {what}ne.")
            return False
        label = stack.undoText() if undo else stack.redoText()
        top = stack.command(stack.index() - 1 if undo else stack.index())
        self._step_errors = []
        try:
            stack.undo() if undo else stack.redo()
            if not self._step_errors:
                return True
            if step_back(stack, top, undo):
                after = "The review and the undo history are as they were."
            else:
                stack.clear()
                after = "The undo history was cleared, as it no longer matched the file."
            message = f"Could not {what} \u201c{label}\u201d: {self._step_errors[0]} {after}"
        finally:
            self._step_errors = None
        self.invalidate()
        self.failed.emit(message)
        return False

    def _apply(self, cmd: Command, undo: bool, runner: Runner | None = None,
               report: bool = True) -> bool:
        store = self.whole  # commands always see the whole review (documents, evidence)
        try:
            if not cmd.__dict__.get("_item_named"):
                # an item of the set shown is named as the review stores it (calea/4.1.1)
                # once, before it first runs: undo and redo then mean the same item
                # whichever set is shown later
                item = getattr(cmd, "item_id", None)
                if isinstance(item, str) and item and self.store is not self.whole:
                    cmd.item_id = self.store.item_ref(item)  # type: ignore[attr-defined]
                cmd.__dict__["_item_named"] = True
            if runner is None:
                apply_command(store, cmd, undo)
            else:
                self._set_saving(cmd.label)
                try:
                    runner(lambda: apply_command(store, cmd, undo))
                finally:
                    self._set_saving("")
        except ReviewError as exc:
            self.invalidate()
            if self._step_errors is not None:  # reported once the stack is back in step
                self._step_errors.append(str(exc))
            elif report:
                self.failed.emit(str(exc))
            return False
        self.last_saved = time.time()
        self.invalidate()
        self.changed.emit(cmd.touched(undone=undo))
        return True

    def _set_saving(self, label: str) -> None:
        self._saving = label
        self.busyChanged.emit(bool(label))

    def close(self) -> None:
        self.is_open = False
        self.undo_stack.clear()
        self.whole.close()
