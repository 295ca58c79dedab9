"""The state of a review as plain data: per item result and evidence, and the outcome.

Shared by ``status``, the packet and the window so that they can never disagree.
"""

from __future__ import annotations

from dataclasses import asdict

from reviewer_app.core.checklist.determination import (
    met_without_evidence,
    outcome_label,
    review_problems,
)
from reviewer_app.core.checklist.outcome import certification_outcome, result_of
from reviewer_app.core.records import RESULT_LABELS, Evidence
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.furniture import span_reads


def anchor_intact(store: ReviewStore, ev: Evidence) -> bool:
    """True when the evidence points at its quote in its document's stored canonical text
    (evidence a revision moved is anchored afresh; changed and orphaned need the assessor)."""
    if ev.status not in ("intact", "moved"):
        return False
    if ev.kind == "area":
        return True
    return span_reads(store.document_text(ev.doc_id), ev.start, ev.end, ev.exact)


def review_status(store: ReviewStore) -> dict:
    standards = store.standards()
    findings = store.findings()
    docs = {d.id: d for d in store.documents(include_inactive=True)}
    outcome = certification_outcome(standards, findings)
    items = []
    for item in standards.ordered_items():
        f = findings.get(item.id)
        result = result_of(findings, item.id)
        items.append({
            "id": item.id, "code": item.code, "title": item.title,
            "mandatory": item.mandatory, "result": result, "result_label": RESULT_LABELS[result],
            "rationale": f.rationale if f else "",
            "needs_rereview": bool(f and f.needs_rereview),
            "evidence": [{
                "id": ev.id, "kind": ev.kind, "doc": docs[ev.doc_id].title,
                "doc_sha256": docs[ev.doc_id].sha256, "page": ev.page + 1,
                "page_label": docs[ev.doc_id].page_label(ev.page), "quote": ev.exact,
                "status": ev.status, "intact": anchor_intact(store, ev),
            } for ev in store.evidence(item_id=item.id)],
        })
    info = store.review()
    status = {
        "review": {k: v for k, v in asdict(info).items() if k != "notes"},
        "standards": {"id": standards.id, "title": standards.title, "edition": standards.edition},
        "documents": [{"title": d.title, "filename": d.filename, "sha256": d.sha256,
                       "pages": d.page_count, "active": d.active} for d in docs.values()],
        "outcome": {"status": outcome.status, "reasons": list(outcome.reasons),
                    "assessed": outcome.assessed, "total": outcome.total},
        "items": items,
    }
    problems = review_problems(status)
    status["problems"] = {"blockers": list(problems.blockers),
                          "warnings": list(problems.warnings)}
    status["outcome"]["label"] = outcome_label(outcome.status, outcome.assessed, outcome.total,
                                               bool(problems.blockers))
    for item in items:
        item["met_without_evidence"] = met_without_evidence(item)
    return status
