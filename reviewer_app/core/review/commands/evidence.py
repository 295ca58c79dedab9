"""Commands on evidence: linking a clause (or an area) to an item, removing it, editing
it. Evidence ids are never reused, so a log row always names one clause."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reviewer_app.core.records import Evidence
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.store import ReviewStore, now_iso
from reviewer_app.core.text.textmap import EXTRACTOR_VERSION
from reviewer_app.core.vocabulary import EvidenceStatus


def next_evidence_id(store: ReviewStore) -> int:
    """An id no evidence of this review ever had: ids named in the log (of evidence since
    removed) are never given again, so "evidence 7" always means the same clause."""
    row = store.conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM evidence), 0), coalesce((SELECT "
        "max(CAST(json_extract(payload, '$.evidence_id') AS INTEGER)) FROM log), 0))"
    ).fetchone()
    return int(row[0]) + 1


def _insert_evidence(store: ReviewStore, ev: Evidence) -> None:
    store.db.table("evidence").insert(ev.to_row())


@dataclass
class AddEvidence(Command):
    """Link a quote (text evidence) or a page area to an item."""

    item_id: str
    doc_id: int
    kind: str
    page: int
    quads: tuple
    start: int | None = None
    end: int | None = None
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    item_code: str = ""
    evidence: Evidence | None = None
    action = "add_evidence"

    @property
    def label(self) -> str:
        return f"Link evidence to {self.item_code or self.item_id}"

    def apply(self, store: ReviewStore) -> None:
        self.item_id = store.item_ref(self.item_id)  # refuses unknown items (any set)
        if self.evidence is None:
            self.evidence = Evidence(
                id=next_evidence_id(store), item_id=self.item_id, doc_id=self.doc_id,
                kind=self.kind,
                page=self.page, start=self.start, end=self.end, exact=self.exact,
                prefix=self.prefix, suffix=self.suffix, quads=tuple(self.quads),
                extractor_version=EXTRACTOR_VERSION, note=self.note, status=EvidenceStatus.INTACT,
                previous_exact="", created_by=store.actor, created_at=now_iso())
        _insert_evidence(store, self.evidence)

    def revert(self, store: ReviewStore) -> None:
        assert self.evidence is not None, "revert before apply"
        store.conn.execute("DELETE FROM evidence WHERE id = ?", (self.evidence.id,))

    def payload(self) -> dict:
        ev = self.evidence
        return {"evidence_id": ev.id if ev else None, "item_id": self.item_id,
                "doc_id": self.doc_id, "page": self.page + 1, "kind": self.kind,
                "exact": self.exact}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True, items=frozenset({self.item_id}))


@dataclass
class RemoveEvidence(Command):
    evidence_id: int
    item_code: str = ""
    removed: Evidence | None = None
    action = "remove_evidence"

    @property
    def label(self) -> str:
        return f"Remove evidence from {self.item_code or (self.removed and self.removed.item_id)}"

    def apply(self, store: ReviewStore) -> None:
        self.removed = store.evidence_by_id(self.evidence_id)
        store.conn.execute("DELETE FROM evidence WHERE id = ?", (self.evidence_id,))

    def revert(self, store: ReviewStore) -> None:
        assert self.removed is not None, "revert before apply"
        _insert_evidence(store, self.removed)

    def payload(self) -> dict:
        ev = self.removed
        return {"evidence_id": self.evidence_id, "item_id": ev.item_id if ev else None,
                "exact": ev.exact if ev else "", "page": ev.page + 1 if ev else None,
                "doc_id": ev.doc_id if ev else None}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True)


@dataclass
class EditEvidence(Command):
    """Change fields of one evidence row (note, item, status after re-anchoring...)."""

    evidence_id: int
    changes: dict
    description: str = "Edit evidence"
    before: Evidence | None = None
    action = "edit_evidence"

    @property
    def label(self) -> str:
        return self.description

    def apply(self, store: ReviewStore) -> None:
        self.before = store.evidence_by_id(self.evidence_id)
        after = replace(self.before, **self.changes)
        store.db.table("evidence").update(self.evidence_id, after.to_row())

    def revert(self, store: ReviewStore) -> None:
        assert self.before is not None, "revert before apply"
        store.db.table("evidence").update(self.evidence_id, self.before.to_row())

    def payload(self) -> dict:
        return {"evidence_id": self.evidence_id,
                "changes": {k: v for k, v in self.changes.items() if k != "quads"}}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True)
