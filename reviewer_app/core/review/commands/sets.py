"""Commands on a review's standards sets: adding further sets (with the crosswalks between
them) and accepting proposed evidence. Each is one undoable step."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reviewer_app.core.checklist.crosswalk import (
    Crosswalk,
    bundled_crosswalks,
    check_against,
    load_crosswalk,
)
from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.errors import ReviewError, StandardsError
from reviewer_app.core.records import Evidence
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.commands.evidence import next_evidence_id
from reviewer_app.core.review.extra_sets import (
    crosswalk_json,
    crosswalk_sha256,
    crosswalks,
    find_set,
)
from reviewer_app.core.review.proposals import Proposal, proposals
from reviewer_app.core.review.store import ReviewStore, now_iso


def check_new_sets(current: list[StandardsSet], new: list[StandardsSet],
                   walks: list[Crosswalk], have: list[Crosswalk] | None = None,
                   bundled: bool = True, notes: list[str] | None = None) -> list[Crosswalk]:
    """Refuse what cannot be added (a set the review has, twice the same set, a crosswalk
    whose sets are not both in the review or naming items they lack); return the
    crosswalks to store, checked. Without crosswalks given, the bundled ones that join two
    of the sets are used where they check (``notes`` says why one was not)."""
    ids = [s.id for s in current]
    for s in new:
        if s.id in ids:
            raise ReviewError(f"the review already assesses the set '{s.id}'; nothing was "
                              "added.")
        ids.append(s.id)
    by_id = {s.id: s for s in [*current, *new]}
    known = {c.id for c in have or []}
    out: list[Crosswalk] = []
    if bundled and not walks:
        for path in bundled_crosswalks().values():
            cw = load_crosswalk(path)
            if cw.source_set in by_id and cw.target_set in by_id and cw.id not in known:
                try:
                    out.append(check_against(cw, by_id[cw.source_set], by_id[cw.target_set]))
                except StandardsError as exc:
                    if notes is not None:
                        notes.append(f"the bundled crosswalk {cw.id} was not used: "
                                     f"{str(exc).splitlines()[0]}; give one that fits with "
                                     "--crosswalk")
        return out
    for cw in walks:
        missing = [s for s in (cw.source_set, cw.target_set) if s not in by_id]
        if missing:
            raise StandardsError(f"{cw.name}: the crosswalk maps '{cw.source_set}' onto "
                                 f"'{cw.target_set}', but the review does not assess "
                                 f"'{missing[0]}' (its sets: {', '.join(by_id)}); nothing "
                                 "was added.")
        if cw.id in known or any(c.id == cw.id for c in out):
            raise ReviewError(f"{cw.name}: the review already uses a crosswalk '{cw.id}'; "
                              "nothing was added.")
        out.append(check_against(cw, by_id[cw.source_set], by_id[cw.target_set]))
    return out


@dataclass
class AddSets(Command):
    """Assess further sets in the review, with the crosswalks that join its sets."""

    sets: list[StandardsSet]
    walks: list[Crosswalk] = field(default_factory=list)  # already checked
    action = "add_sets"

    @property
    def label(self) -> str:
        names = ", ".join(s.id for s in self.sets) or ", ".join(c.id for c in self.walks)
        return f"Add {'standards set' if self.sets else 'crosswalk'} {names}"

    def apply(self, store: ReviewStore) -> None:
        check_new_sets([s.standards for s in store.sets()], list(self.sets), [],
                       crosswalks(store.conn), bundled=False)
        start = store.conn.execute("SELECT coalesce(max(position), 0) FROM review_sets"
                                   ).fetchone()[0]
        at = now_iso()
        for n, s in enumerate(self.sets, start + 1):
            store.db.table("review_sets").insert({
                "set_id": s.id, "position": n, "standards_json": s.to_json(),
                "standards_sha256": s.sha256, "added_at": at})
        for cw in self.walks:
            store.db.table("review_crosswalks").insert({
                "crosswalk_id": cw.id, "from_set": cw.source_set, "to_set": cw.target_set,
                "crosswalk_json": crosswalk_json(cw), "sha256": crosswalk_sha256(cw),
                "added_at": at})

    def revert(self, store: ReviewStore) -> None:
        for s in self.sets:
            prefix = s.id + "/"
            used = store.conn.execute(
                "SELECT (SELECT count(*) FROM evidence WHERE substr(item_id, 1, ?) = ?) + "
                "(SELECT count(*) FROM findings WHERE substr(item_id, 1, ?) = ?)",
                (len(prefix), prefix, len(prefix), prefix)).fetchone()[0]
            if used:
                raise ReviewError(f"the set '{s.id}' has evidence or findings now; undo "
                                  "those first.")
            store.conn.execute("DELETE FROM review_sets WHERE set_id = ?", (s.id,))
        for cw in self.walks:
            store.conn.execute("DELETE FROM review_crosswalks WHERE crosswalk_id = ?",
                               (cw.id,))

    def payload(self) -> dict:
        return {"sets": [{"id": s.id, "sha256": s.sha256} for s in self.sets],
                "crosswalks": [{"id": c.id, "sha256": crosswalk_sha256(c)}
                               for c in self.walks]}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(review=True, evidence=True, findings=True)


@dataclass
class AcceptProposals(Command):
    """Make proposed evidence real on the items of one set: each proposal becomes
    evidence of its own (same document, same anchor, a note saying where it came from)."""

    set_id: str
    item: str | None = None  # an item (id or code) of ``set_id``; None: every proposal
    created: list[Evidence] | None = None
    action = "accept_proposals"

    @property
    def label(self) -> str:
        what = f"{self.set_id} {self.item}" if self.item else f"all of {self.set_id}"
        return f"Accept proposed evidence for {what}"

    def apply(self, store: ReviewStore) -> None:
        if self.created is None:
            s = find_set(store.sets(), self.set_id)
            if self.item is not None:
                self.item = s.standards.item(self.item).id
            found = proposals(store.whole(), self.set_id, self.item)  # every set's
            if not found:
                what = f"{self.set_id} {self.item}" if self.item else self.set_id
                raise ReviewError(f"no evidence is proposed for {what}; nothing was accepted.")
            first = next_evidence_id(store)
            self.created = [self._evidence(store, p, first + n) for n, p in enumerate(found)]
        for ev in self.created:
            store.db.table("evidence").insert(ev.to_row())

    @staticmethod
    def _evidence(store: ReviewStore, p: Proposal, new_id: int) -> Evidence:
        note = (f"Accepted from {p.source.label} ({p.target.relation}, crosswalk "
                f"{p.target.crosswalk})")  # the set named: the packet of another set shows it
        return replace(p.evidence, id=new_id, item_id=p.target_stored, note=note,
                       created_by=store.actor, created_at=now_iso())

    def revert(self, store: ReviewStore) -> None:
        assert self.created is not None, "revert before apply"
        for ev in self.created:
            store.conn.execute("DELETE FROM evidence WHERE id = ?", (ev.id,))

    def payload(self) -> dict:
        return {"set": self.set_id, "item": self.item,
                "evidence_ids": [e.id for e in self.created or []],
                "evidence_id": max((e.id for e in self.created or []), default=None)}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True,
                       items=frozenset(e.item_id for e in self.created or []))
