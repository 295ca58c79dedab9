"""The state of a review as typed records: per item result and evidence, and the outcome.

Shared by ``status`` (``to_json`` is the shape of ``status --json``), the packet and the
window, so that they can never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from reviewer_app.core.checklist.determination import (
    Problems,
    met_without_evidence,
    outcome_label,
    review_problems,
)
from reviewer_app.core.checklist.outcome import Outcome, certification_outcome, result_of
from reviewer_app.core.checklist.standards import Item, StandardsSet
from reviewer_app.core.records import DocumentRecord, Evidence, ReviewInfo
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.review.workflow.people import Person, people
from reviewer_app.core.review.workflow.stage import Stage, read_stage
from reviewer_app.core.text.furniture import span_reads
from reviewer_app.core.vocabulary import Result


def anchor_intact(store: ReviewStore, ev: Evidence) -> bool:
    """True when the evidence points at its quote in its document's stored canonical text
    (evidence a revision moved is anchored afresh; changed and orphaned need the assessor)."""
    if not ev.status.anchored:
        return False
    if ev.kind == "area":
        return True
    return span_reads(store.document_text(ev.doc_id), ev.start, ev.end, ev.exact)


@dataclass(frozen=True)
class EvidenceState:
    """One evidence with its document, and whether it still points at its quote."""

    evidence: Evidence
    document: DocumentRecord
    intact: bool

    @property
    def page_label(self) -> str:
        return self.document.page_label(self.evidence.page)

    def to_json(self) -> dict:
        ev, doc = self.evidence, self.document
        return {"id": ev.id, "kind": ev.kind, "doc": doc.title, "doc_sha256": doc.sha256,
                "page": ev.page + 1, "page_label": self.page_label, "quote": ev.exact,
                "status": ev.status, "intact": self.intact}


@dataclass(frozen=True)
class ItemState:
    """One checklist item's finding (``NOT_ASSESSED`` when there is none) and evidence."""

    item: Item
    result: Result
    rationale: str
    needs_rereview: bool
    evidence: tuple[EvidenceState, ...]

    @property
    def met_without_evidence(self) -> bool:
        """Met, but no linked evidence supports it."""
        return self.result == "met" and not self.evidence

    def to_json(self) -> dict:
        item = self.item
        out = {"id": item.id, "code": item.code, "title": item.title,
               "mandatory": item.mandatory, "result": self.result,
               "result_label": self.result.label, "rationale": self.rationale,
               "needs_rereview": self.needs_rereview,
               "evidence": [e.to_json() for e in self.evidence]}
        out["met_without_evidence"] = met_without_evidence(out)
        return out


@dataclass(frozen=True)
class ReviewStatus:
    info: ReviewInfo
    standards: StandardsSet
    documents: tuple[DocumentRecord, ...]  # all, replaced revisions included
    outcome: Outcome
    items: tuple[ItemState, ...]  # in the standards' order
    problems: Problems = Problems((), ())  # what keeps a packet from being final
    stage: Stage = Stage()
    people: tuple[Person, ...] = ()

    @property
    def outcome_label(self) -> str:
        """The outcome as the window and ``status`` say it: never "Certified" early, and
        the assessor's recommendation until the approving official signs off."""
        o = self.outcome
        return outcome_label(o.status, o.assessed, o.total, bool(self.problems.blockers),
                             self.stage.signed_off)

    def item(self, item_id: str) -> ItemState:
        return next(i for i in self.items if i.item.id == item_id)

    def to_json(self) -> dict:
        """The shape of ``status --json``, read by scripts: keep its keys and their order."""
        s, o = self.standards, self.outcome
        return {
            "review": {k: v for k, v in asdict(self.info).items() if k != "notes"},
            "standards": {"id": s.id, "title": s.title, "edition": s.edition},
            "documents": [{"title": d.title, "filename": d.filename, "sha256": d.sha256,
                           "pages": d.page_count, "active": d.active} for d in self.documents],
            "outcome": {"status": o.status, "reasons": list(o.reasons),
                        "assessed": o.assessed, "total": o.total, "label": self.outcome_label},
            "items": [i.to_json() for i in self.items],
            "problems": {"blockers": list(self.problems.blockers),
                         "warnings": list(self.problems.warnings)},
            "stage": {"stage": self.stage.stage, "label": self.stage.label,
                      "signed_by": self.stage.signed_by, "signed_role": self.stage.signed_role,
                      "signed_at": self.stage.signed_at,
                      "people": [{"name": p.name, "role": p.role} for p in self.people]},
        }


def review_status(store: ReviewStore) -> ReviewStatus:
    standards = store.standards()
    findings = store.findings()
    docs = {d.id: d for d in store.documents(include_inactive=True)}
    items = []
    for item in standards.ordered_items():
        f = findings.get(item.id)
        evidence = tuple(EvidenceState(ev, docs[ev.doc_id], anchor_intact(store, ev))
                         for ev in store.evidence(item_id=item.id))
        items.append(ItemState(item, result_of(findings, item.id), f.rationale if f else "",
                               bool(f and f.needs_rereview), evidence))
    status = ReviewStatus(store.review(), standards, tuple(docs.values()),
                          certification_outcome(standards, findings), tuple(items),
                          stage=read_stage(store.conn), people=tuple(people(store.conn)))
    return replace(status, problems=review_problems(status.to_json()))
