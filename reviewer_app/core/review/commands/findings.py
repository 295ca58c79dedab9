"""The command that records an item's result and rationale (typing merges into one step)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.store import ReviewStore, now_iso
from reviewer_app.core.vocabulary import Result


@dataclass
class SetFinding(Command):
    """Set an item's result and/or rationale; ``None`` keeps the current value."""

    item_id: str
    result: Result | None = None
    rationale: str | None = None
    item_code: str = ""
    before: dict | None = field(default=None, repr=False)
    after: dict | None = field(default=None, repr=False)
    action = "set_finding"

    @property
    def label(self) -> str:
        code = self.item_code or self.item_id
        if self.result is not None:
            return f"Set {code} to {Result(self.result).label}"
        return f"Edit rationale of {code}"

    def apply(self, store: ReviewStore) -> None:
        self.item_id = store.item_ref(self.item_id)
        if self.result is not None and self.result not in tuple(Result):
            raise ReviewError(f"unknown result '{self.result}'; use one of {', '.join(Result)}")
        row = store.conn.execute("SELECT * FROM findings WHERE item_id = ?",
                                 (self.item_id,)).fetchone()
        self.before = dict(row) if row else None
        current = self.before or {"item_id": self.item_id, "result": Result.NOT_ASSESSED,
                                  "rationale": "", "needs_rereview": 0}
        self.after = {**current,
                      "result": self.result if self.result is not None else current["result"],
                      "rationale": (self.rationale if self.rationale is not None
                                    else current["rationale"]),
                      "needs_rereview": 0 if self.result is not None else current["needs_rereview"],
                      "updated_by": store.actor, "updated_at": now_iso()}
        store.db.table("findings").upsert(self.after, pk="item_id")

    def revert(self, store: ReviewStore) -> None:
        if self.before is None:
            store.conn.execute("DELETE FROM findings WHERE item_id = ?", (self.item_id,))
        else:
            store.db.table("findings").upsert(self.before, pk="item_id")

    @property
    def mergeable(self) -> bool:
        return self.result is None  # a rationale edit

    def merge(self, later: Command) -> bool:
        """Fold a later rationale edit of the same item into this command (typing)."""
        if not isinstance(later, SetFinding) or later.item_id != self.item_id \
                or later.result is not None or self.result is not None:
            return False
        self.rationale, self.after = later.rationale, later.after
        return True

    def payload(self) -> dict:
        return {"item_id": self.item_id, "result": self.result, "rationale": self.rationale}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(findings=True, items=frozenset({self.item_id}))
