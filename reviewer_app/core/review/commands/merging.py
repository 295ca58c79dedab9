"""Merging a copy of the review edited elsewhere, and settling what it left in conflict.

``MergeCopy`` is one command: one transaction, one log entry (its payload lists the
actions of the other copy it brought in, so the review then knows them), one undo step.
``SettleConflict`` puts the chosen candidate of a conflict in place (see
``core/review/merge``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.merge.apply import MergeWriter, Reanchor
from reviewer_app.core.review.merge.plan import Conflict, Plan, item_names, plan_merge
from reviewer_app.core.review.merge.snapshot import Copy, read_copy
from reviewer_app.core.review.merge.tables import spec_of
from reviewer_app.core.review.stable_ids import MERGE_ACTION, new_uid
from reviewer_app.core.review.store import ReviewStore, now_iso


def preview(store: ReviewStore, theirs: Copy) -> Plan:
    """What merging ``theirs`` would do, without writing anything."""
    return plan_merge(read_copy(store.conn, store.path.name), theirs, new_uid(),
                      item_names(store.standards()))


@dataclass
class MergeCopy(Command):
    """Bring in what another copy of this review holds that this one does not."""

    theirs: Copy
    reanchor: Reanchor | None = None
    mine_name: str = ""  # how the report names this copy (default: its file name)
    plan: Plan | None = field(default=None, repr=False)
    writer: MergeWriter | None = field(default=None, repr=False)
    action = MERGE_ACTION

    @property
    def label(self) -> str:
        return f"Merge copy {self.theirs.name}"

    def apply(self, store: ReviewStore) -> None:
        mine = read_copy(store.conn, self.mine_name or store.path.name)
        self.plan = plan_merge(mine, self.theirs, store.action_uid,
                               item_names(store.standards()))
        if self.plan.empty:
            raise ReviewError(f"{store.path.name} already holds everything in "
                              f"{self.theirs.name}; nothing to merge.")
        self.writer = MergeWriter(self.plan, store.action_uid, now_iso(), self.reanchor)
        self.writer.apply(store)

    def revert(self, store: ReviewStore) -> None:
        assert self.writer is not None, "revert before apply"
        self.writer.revert(store)

    def came_in(self) -> Counter:
        """How many rows of each kind changed: ("evidence", "added") -> 3."""
        out: Counter = Counter()
        for w in (self.plan.writes.values() if self.plan else ()):
            out[(w.table, w.why)] += 1
        return out

    def payload(self) -> dict:
        plan = self.plan
        if plan is None:
            return {"copy": self.theirs.name}
        return {"copy": self.theirs.name, "merged_actions": plan.new_actions,
                "came_in": {f"{t} {why}": n for (t, why), n in sorted(self.came_in().items())},
                "conflicts": [c.uid for c in plan.conflicts],
                "stranded": len(plan.stranded)}

    def touched(self, undone: bool = False) -> Changes:
        return Changes.everything()


@dataclass(frozen=True)
class OpenConflict:
    uid: str
    table: str
    key: str
    label: str
    candidates: tuple[dict, ...]  # {"copy", "row", "stamp"}
    settled: bool
    choice: int | None


def conflicts(store: ReviewStore, open_only: bool = True) -> list[OpenConflict]:
    """The conflicts merges recorded (open ones by default), oldest first."""
    sql = "SELECT uid, tbl, key, label, candidates, settled, choice FROM merge_conflicts"
    if open_only:
        sql += " WHERE settled = 0"
    return [OpenConflict(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), bool(r[5]), r[6])
            for r in store.conn.execute(sql + " ORDER BY created_at, rowid")]


def find_conflict(store: ReviewStore, ref: str) -> OpenConflict:
    """An open conflict by its number in ``conflicts`` (1-based), uid prefix or key."""
    found = conflicts(store)
    if ref.isdigit() and 1 <= int(ref) <= len(found):
        return found[int(ref) - 1]
    hits = [c for c in found if c.uid.startswith(ref) or c.key == ref]
    if len(hits) == 1:
        return hits[0]
    listing = ", ".join(f"{n}: {c.label}" for n, c in enumerate(found, 1)) or "none"
    raise ReviewError(f"no single open conflict '{ref}'; open conflicts: {listing}.")


@dataclass
class SettleConflict(Command):
    """Put candidate ``choice`` (1-based) of a conflict in place and mark it settled."""

    conflict_uid: str
    choice: int
    writer: MergeWriter | None = field(default=None, repr=False)
    label_text: str = ""
    action = "settle_conflict"

    @property
    def label(self) -> str:
        return f"Settle conflict on {self.label_text or self.conflict_uid[:8]}"

    def apply(self, store: ReviewStore) -> None:
        row = store.conn.execute("SELECT tbl, key, label, candidates, settled FROM "
                                 "merge_conflicts WHERE uid = ?",
                                 (self.conflict_uid,)).fetchone()
        if row is None:
            raise ReviewError(f"no conflict {self.conflict_uid[:8]} in this review.")
        table, key, self.label_text, candidates, settled = row
        candidates = json.loads(candidates)
        if settled:
            raise ReviewError(f"the conflict on {self.label_text} is settled already.")
        if not 1 <= self.choice <= len(candidates):
            raise ReviewError(f"choose 1 to {len(candidates)} for {self.label_text}.")
        chosen = candidates[self.choice - 1]["row"]
        self.writer = MergeWriter(None, store.action_uid, now_iso())
        uid = store.action_uid
        if table == "revision":  # the chosen revision stays current, the others not
            for c in candidates:
                doc = c["row"]
                current = store.conn.execute("SELECT * FROM documents WHERE sha256 = ?",
                                             (doc["sha256"],)).fetchone()
                if current is not None:
                    natural = {**doc, "active": 1 if c["row"] is chosen else 0,
                               "title": current["title"]}
                    self.writer.put(store, "documents", doc["sha256"], natural, uid)
        else:
            self.writer.put(store, table, key, chosen, uid)
        conflict = spec_of("merge_conflicts")
        current = store.conn.execute(f"SELECT {', '.join(conflict.columns)} FROM "
                                     "merge_conflicts WHERE uid = ?",
                                     (self.conflict_uid,)).fetchone()
        self.writer.put(store, "merge_conflicts", self.conflict_uid,
                        {**dict(current), "settled": 1, "choice": self.choice}, uid)

    def revert(self, store: ReviewStore) -> None:
        assert self.writer is not None, "revert before apply"
        self.writer.revert(store)

    def payload(self) -> dict:
        return {"conflict": self.conflict_uid, "choice": self.choice}

    def touched(self, undone: bool = False) -> Changes:
        return Changes.everything()


__all__ = ["MergeCopy", "SettleConflict", "Conflict", "conflicts", "find_conflict", "preview"]
