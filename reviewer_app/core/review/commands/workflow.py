"""The second review and sign-off as commands: submit, the second reviewer's blind result,
finishing the second review, reconciling, signing off and reopening.

Each remembers the rows it replaced (the stage, people it added, the result it overwrote),
so undo restores exactly what was there. The stage guard (``workflow.stage``) keeps each
to its stage; ``base.run`` refuses everything but ``Reopen`` once the review is signed off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.fields import storable_text
from reviewer_app.core.review.store import ReviewStore, now_iso
from reviewer_app.core.review.workflow import people as ppl
from reviewer_app.core.review.workflow import stage as stg
from reviewer_app.core.review.workflow.agreement import review_agreement
from reviewer_app.core.review.workflow.snapshot import SUBMIT_ACTION, findings_snapshot
from reviewer_app.core.vocabulary import Result

_STAGE_COLUMNS = ("stage", "signed_by", "signed_role", "signed_at")
WORKFLOW_CHANGES = Changes(findings=True, review=True)


class _WorkflowCommand(Command):
    """Shared bookkeeping: the stage row and the people rows a command adds."""

    stage_before: dict | None = None
    added_people: list[str]

    def _set_stage(self, store: ReviewStore, **values: str) -> None:
        row = store.conn.execute("SELECT stage, signed_by, signed_role, signed_at FROM stage "
                                 "WHERE id = 1").fetchone()
        self.stage_before = dict(zip(_STAGE_COLUMNS, row, strict=True))
        store.db.table("stage").update(1, values)

    def _add_person(self, store: ReviewStore, name: str, role: str) -> None:
        name = " ".join(name.split())
        if not name or name in ppl.people_in(store.conn, role):
            return
        row_id = ppl.new_row_id()
        store.db.table("people").insert({"id": row_id, "name": name, "role": role,
                                         "added_at": now_iso()})
        self.added_people.append(row_id)

    def _undo_bookkeeping(self, store: ReviewStore) -> None:
        for row_id in self.added_people:
            store.conn.execute("DELETE FROM people WHERE id = ?", (row_id,))
        self.added_people = []
        if self.stage_before is not None:
            store.db.table("stage").update(1, self.stage_before)

    def touched(self, undone: bool = False) -> Changes:
        return WORKFLOW_CHANGES


@dataclass
class SubmitForSecondReview(_WorkflowCommand):
    """The assessor hands the review to a second reviewer; the findings are frozen in the
    log's payload (``snapshot``), which the agreement is later computed against."""

    second_reviewer: str = ""
    snapshot: dict = field(default_factory=dict, repr=False)
    added_people: list[str] = field(default_factory=list, repr=False)
    action = SUBMIT_ACTION

    @property
    def label(self) -> str:
        return "Submit for second review"

    def apply(self, store: ReviewStore) -> None:
        stg.refuse_unless(store.conn, (stg.ASSESSMENT,), self.label)
        self.snapshot = findings_snapshot(store.conn)
        if not self.snapshot:
            raise ReviewError(f"{self.label}: no item has a result yet; record the "
                              "assessor's findings first.")
        self._add_person(store, store.review().assessor or store.actor, ppl.ASSESSOR)
        self._add_person(store, self.second_reviewer, ppl.SECOND_REVIEWER)
        self._set_stage(store, stage=stg.SECOND_REVIEW)

    def revert(self, store: ReviewStore) -> None:
        self._undo_bookkeeping(store)

    def payload(self) -> dict:
        return {"snapshot": self.snapshot, "second_reviewer": self.second_reviewer}


@dataclass
class RecordSecondResult(_WorkflowCommand):
    """The second reviewer's own result on one item, recorded blind."""

    item_id: str
    result: Result
    rationale: str = ""
    item_code: str = ""
    before: dict | None = field(default=None, repr=False)
    added_people: list[str] = field(default_factory=list, repr=False)
    action = "second_result"

    @property
    def label(self) -> str:
        return f"Second review: {self.item_code or self.item_id} {Result(self.result).label}"

    def apply(self, store: ReviewStore) -> None:
        stg.refuse_unless(store.conn, (stg.SECOND_REVIEW,), self.label)
        item = store.standards().item(self.item_id)
        self.item_id, self.item_code = item.id, self.item_code or item.code
        if self.result not in tuple(Result):
            raise ReviewError(f"unknown result '{self.result}'; use one of {', '.join(Result)}")
        row = store.conn.execute("SELECT * FROM second_results WHERE item_id = ?",
                                 (self.item_id,)).fetchone()
        self.before = dict(row) if row else None
        self.rationale = storable_text("rationale", self.rationale or "")
        store.db.table("second_results").upsert(
            {"item_id": self.item_id, "result": str(self.result), "rationale": self.rationale,
             "person": store.actor, "at": now_iso()}, pk="item_id")
        self._add_person(store, store.actor, ppl.SECOND_REVIEWER)

    def revert(self, store: ReviewStore) -> None:
        store.conn.execute("DELETE FROM second_results WHERE item_id = ?", (self.item_id,))
        if self.before is not None:
            store.db.table("second_results").insert(self.before)
        self._undo_bookkeeping(store)

    def payload(self) -> dict:
        return {"item_id": self.item_id, "result": str(self.result),
                "rationale": self.rationale}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(findings=True, items=frozenset({self.item_id}))


@dataclass
class SubmitSecondReview(_WorkflowCommand):
    """The second reviewer is done: the results are compared and reconciliation begins."""

    agreement: str = ""
    added_people: list[str] = field(default_factory=list, repr=False)
    action = "submit_second_review"

    @property
    def label(self) -> str:
        return "Submit the second review"

    def apply(self, store: ReviewStore) -> None:
        stg.refuse_unless(store.conn, (stg.SECOND_REVIEW,), self.label)
        if not ppl.second_results(store.conn):
            raise ReviewError(f"{self.label}: the second reviewer recorded no result yet.")
        self._set_stage(store, stage=stg.RECONCILIATION)
        found = review_agreement(store.conn, store.standards())
        self.agreement = found.summary() if found else ""

    def revert(self, store: ReviewStore) -> None:
        self._undo_bookkeeping(store)

    def payload(self) -> dict:
        return {"agreement": self.agreement}


@dataclass
class Reconcile(_WorkflowCommand):
    """Settle an item with a final result and a note; the final result becomes the
    finding (the note its rationale when the result changed)."""

    item_id: str
    result: Result
    note: str
    item_code: str = ""
    before: dict | None = field(default=None, repr=False)
    finding_before: dict | None = field(default=None, repr=False)
    added_people: list[str] = field(default_factory=list, repr=False)
    action = "reconcile"

    @property
    def label(self) -> str:
        return f"Reconcile {self.item_code or self.item_id}: {Result(self.result).label}"

    def apply(self, store: ReviewStore) -> None:
        stg.refuse_unless(store.conn, (stg.RECONCILIATION,), self.label)
        item = store.standards().item(self.item_id)
        self.item_id, self.item_code = item.id, self.item_code or item.code
        if self.result not in tuple(Result):
            raise ReviewError(f"unknown result '{self.result}'; use one of {', '.join(Result)}")
        self.note = storable_text("reconciliation note", self.note or "")
        if not self.note.strip():
            raise ReviewError(f"{self.label}: a reconciliation note is required; say why "
                              "this result was chosen.")
        conn = store.conn
        row = conn.execute("SELECT * FROM reconciliations WHERE item_id = ?",
                           (self.item_id,)).fetchone()
        self.before = dict(row) if row else None
        row = conn.execute("SELECT * FROM findings WHERE item_id = ?",
                           (self.item_id,)).fetchone()
        self.finding_before = dict(row) if row else None
        at = now_iso()
        store.db.table("reconciliations").upsert(
            {"item_id": self.item_id, "result": str(self.result), "note": self.note,
             "person": store.actor, "at": at}, pk="item_id")
        old = self.finding_before or {"result": Result.NOT_ASSESSED, "rationale": ""}
        rationale = old["rationale"] if old["result"] == self.result else self.note
        store.db.table("findings").upsert(
            {"item_id": self.item_id, "result": str(self.result), "rationale": rationale,
             "needs_rereview": 0, "updated_by": store.actor, "updated_at": at}, pk="item_id")

    def revert(self, store: ReviewStore) -> None:
        for table, before in (("reconciliations", self.before),
                              ("findings", self.finding_before)):
            store.conn.execute(f"DELETE FROM {table} WHERE item_id = ?", (self.item_id,))
            if before is not None:
                store.db.table(table).insert(before)

    def payload(self) -> dict:
        return {"item_id": self.item_id, "result": str(self.result), "note": self.note}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(findings=True, items=frozenset({self.item_id}))


@dataclass
class SignOff(_WorkflowCommand):
    """The approving official signs the determination off: the review closes to edits and
    the determination date (and the certification's months) start now."""

    name: str
    role: str = "Approving official"
    at: str = ""
    added_people: list[str] = field(default_factory=list, repr=False)
    action = "sign_off"

    @property
    def label(self) -> str:
        return f"Sign off ({self.name})"

    def apply(self, store: ReviewStore) -> None:
        stage = stg.refuse_unless(store.conn, (stg.ASSESSMENT, stg.RECONCILIATION),
                                  "Sign off")
        self.name = storable_text("name", self.name or "").strip()
        self.role = storable_text("role", self.role or "").strip() or "Approving official"
        if not self.name:
            raise ReviewError("Sign off: give the approving official's name.")
        if stage.stage == stg.RECONCILIATION:
            found = review_agreement(store.conn, store.standards())
            open_items = [c.code for c in found.unsettled] if found else []
            if open_items:
                raise ReviewError(f"Sign off: {len(open_items)} disagreement(s) are not "
                                  f"reconciled yet ({', '.join(open_items)}).")
        blockers = _determination_blockers(store)
        if blockers:  # a signed-off draft would be a determination nobody can make
            more = f" (and {len(blockers) - 1} more: see `status`)" if len(blockers) > 1 else ""
            raise ReviewError(f"Sign off: the review does not support a determination yet: "
                              f"{blockers[0]}{more}")
        self.at = self.at or now_iso()
        self._add_person(store, self.name, ppl.APPROVING_OFFICIAL)
        self._set_stage(store, stage=stg.SIGNED_OFF, signed_by=self.name,
                        signed_role=self.role, signed_at=self.at)

    def revert(self, store: ReviewStore) -> None:
        self._undo_bookkeeping(store)

    def payload(self) -> dict:
        return {"name": self.name, "role": self.role, "at": self.at}


def _determination_blockers(store: ReviewStore) -> tuple[str, ...]:
    """What keeps the packet a draft (items not assessed, Met without evidence...)."""
    from reviewer_app.core.review.status import review_status  # status reads every table

    return review_status(store).problems.blockers


@dataclass
class Reopen(_WorkflowCommand):
    """Open a signed-off review again; the reason is required and kept in the log."""

    reason: str
    signed: dict = field(default_factory=dict, repr=False)
    added_people: list[str] = field(default_factory=list, repr=False)
    action = "reopen"
    allowed_when_signed = True

    @property
    def label(self) -> str:
        return "Reopen the review"

    def apply(self, store: ReviewStore) -> None:
        stage = stg.read_stage(store.conn)
        if not stage.signed_off:
            raise ReviewError(f"{self.label}: the review is not signed off "
                              f"(it is in {stage.label.lower()}).")
        self.reason = storable_text("reason", self.reason or "").strip()
        if not self.reason:
            raise ReviewError(f"{self.label}: give a reason (it is kept in the log).")
        self.signed = {"signed_by": stage.signed_by, "signed_role": stage.signed_role,
                       "signed_at": stage.signed_at}
        back = stg.RECONCILIATION if review_agreement(store.conn, store.standards()) \
            else stg.ASSESSMENT
        self._set_stage(store, stage=back, signed_by="", signed_role="", signed_at="")

    def revert(self, store: ReviewStore) -> None:
        self._undo_bookkeeping(store)

    def payload(self) -> dict:
        return {"reason": self.reason, "signed_off": self.signed}
