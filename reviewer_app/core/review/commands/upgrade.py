"""Applying a new edition of one of the review's standards sets, as one undoable command.

Findings of unchanged items stay as they are; reworded items keep theirs flagged for
re-review; a renamed (renumbered) item takes its findings and evidence along, flagged; the
findings and evidence of dropped items leave the review, and the command (and the log's
payload) keep every row so that undo puts them back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer_app.core.checklist.editions import ItemChange, compare_editions, summary
from reviewer_app.core.checklist.standards import StandardsSet, standards_from_json
from reviewer_app.core.errors import StandardsError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.extra_sets import ReviewSet, find_set
from reviewer_app.core.review.store import ReviewStore


def plan_upgrade(store: ReviewStore, new: StandardsSet) -> tuple[ReviewSet, list[ItemChange]]:
    """The set ``new`` is an edition of, and what changes item by item (nothing written)."""
    sets = store.sets()
    if new.id not in [x.id for x in sets]:
        raise StandardsError(f"the new edition is of the set '{new.id}', which this review "
                             f"does not assess (its sets: {', '.join(x.id for x in sets)}); "
                             "an upgrade replaces an edition of a set the review has. "
                             "Nothing was changed.")
    s = find_set(sets, new.id)
    return s, compare_editions(s.standards, new)


@dataclass
class UpgradeSet(Command):
    new: StandardsSet
    changes: list[ItemChange] = field(default_factory=list)
    old_json: str = ""
    old_sha: str = ""
    primary: bool = True
    dropped_findings: list[dict] = field(default_factory=list)
    dropped_evidence: list[dict] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)  # stored id -> needs_rereview before
    action = "upgrade_standards"

    @property
    def label(self) -> str:
        return f"Upgrade {self.new.id} to edition {self.new.edition or self.new.sha256[:8]}"

    def apply(self, store: ReviewStore) -> None:
        s, self.changes = plan_upgrade(store, self.new)
        self.primary = s.primary
        self.old_json, self.old_sha = s.standards.to_json(), s.sha256
        sid = s.stored_id
        self.dropped_findings, self.dropped_evidence, self.flags = [], [], {}
        conn = store.conn
        for c in self.changes:
            if c.kind == "dropped":
                self.dropped_findings += [dict(r) for r in conn.execute(
                    "SELECT * FROM findings WHERE item_id = ?", (sid(c.old_id),))]
                self.dropped_evidence += [dict(r) for r in conn.execute(
                    "SELECT * FROM evidence WHERE item_id = ? ORDER BY id", (sid(c.old_id),))]
                conn.execute("DELETE FROM findings WHERE item_id = ?", (sid(c.old_id),))
                conn.execute("DELETE FROM evidence WHERE item_id = ?", (sid(c.old_id),))
            elif c.kind in ("reworded", "renamed"):
                row = conn.execute("SELECT needs_rereview FROM findings WHERE item_id = ?",
                                   (sid(c.old_id),)).fetchone()
                if row is not None:
                    self.flags[sid(c.new_id)] = row[0]
                conn.execute("UPDATE findings SET item_id = ?, needs_rereview = 1 WHERE "
                             "item_id = ?", (sid(c.new_id), sid(c.old_id)))
                conn.execute("UPDATE evidence SET item_id = ? WHERE item_id = ?",
                             (sid(c.new_id), sid(c.old_id)))
        self._write_snapshot(store, self.new.to_json(), self.new.sha256)

    def _write_snapshot(self, store: ReviewStore, text: str, sha: str) -> None:
        if self.primary:
            store.conn.execute("UPDATE review SET standards_json = ?, standards_sha256 = ?",
                               (text, sha))
            store._standards = None
        else:
            store.conn.execute("UPDATE review_sets SET standards_json = ?, standards_sha256 "
                               "= ? WHERE set_id = ?", (text, sha, self.new.id))

    def revert(self, store: ReviewStore) -> None:
        old = standards_from_json(self.old_json)
        sid = ReviewSet(old, self.old_sha, 0, self.primary).stored_id
        conn = store.conn
        for c in self.changes:
            if c.kind in ("reworded", "renamed"):
                conn.execute("UPDATE findings SET item_id = ?, needs_rereview = ? WHERE "
                             "item_id = ?", (sid(c.old_id), self.flags.get(sid(c.new_id), 0),
                                             sid(c.new_id)))
                conn.execute("UPDATE evidence SET item_id = ? WHERE item_id = ?",
                             (sid(c.old_id), sid(c.new_id)))
        for row in self.dropped_findings:
            store.db.table("findings").insert(row)
        for row in self.dropped_evidence:
            store.db.table("evidence").insert(row)
        self._write_snapshot(store, self.old_json, self.old_sha)

    def payload(self) -> dict:
        return {"set": self.new.id, "edition": self.new.edition,
                "from_sha256": self.old_sha, "to_sha256": self.new.sha256,
                "summary": summary(self.changes),
                "reworded": [c.new_id for c in self.changes if c.kind == "reworded"],
                "renamed": {c.old_id: c.new_id for c in self.changes if c.kind == "renamed"},
                "dropped": [c.old_id for c in self.changes if c.kind == "dropped"],
                "dropped_findings": self.dropped_findings,
                "dropped_evidence": self.dropped_evidence}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(review=True, evidence=True, findings=True)
