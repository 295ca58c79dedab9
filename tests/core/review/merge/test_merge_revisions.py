"""Merging copies of which one (or both) replaced a document by a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.commands.merging import SettleConflict, conflicts
from reviewer_app.core.review.integrity import all_problems
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.revisions.replace import ReplaceDocument
from tests.factories.merging import content_of, copy_review, merged
from tests.factories.pdfs import AID, CHOKE, INTERVENE, SAMPLE_PAGES, make_pdf, revised_pdf
from tests.factories.reviews import add_document, create_review, link, set_finding


@pytest.fixture
def ancestor(tmp_path) -> Path:
    path = tmp_path / "ancestor.review"
    with create_review(path) as store:
        doc = add_document(store, make_pdf(SAMPLE_PAGES), "policy.pdf")
        link(store, "chokehold", doc, CHOKE)
        set_finding(store, "chokehold", "met", "ban")
        set_finding(store, "duty_to_intervene", "met", "duty")
        set_finding(store, "medical_aid", "met", "aid")
    return path


def _replace(path: Path, data: bytes, name: str) -> None:
    with ReviewStore.open(path) as store:
        old = store.documents()[0]
        info = inspect_pdf(data, name)
        cmd.run(store, ReplaceDocument(old.id, info.data, name, info))


def test_evidence_added_on_a_document_the_other_copy_replaced(ancestor, tmp_path):
    a = copy_review(ancestor, tmp_path / "a.review")
    b = copy_review(ancestor, tmp_path / "b.review")
    _replace(a, revised_pdf(), "policy-rev2.pdf")
    with ReviewStore.open(b) as store:  # b links two clauses on the old revision
        doc = store.documents()[0].id
        link(store, "duty_to_intervene", doc, INTERVENE)
        link(store, "medical_aid", doc, AID)
    c = merged(a, b, tmp_path / "ab.review")
    merged(b, a, tmp_path / "ba.review")
    assert content_of(tmp_path / "ab.review") == content_of(tmp_path / "ba.review")
    assert c is not None and c.plan is not None and len(c.plan.stranded) == 2
    with ReviewStore.open(tmp_path / "ab.review") as store:
        assert all_problems(store.conn) == []
        current = store.documents()
        assert [d.filename for d in current] == ["policy-rev2.pdf"]
        ev = {e.item_id: e for e in store.evidence()}
        # the revision and its re-anchored evidence win; b's clauses are carried over to
        # it (reworded: changed) or, where the revision dropped them, kept orphaned on
        # the old revision; both items are flagged for re-review
        assert ev["chokehold"].doc_id == current[0].id
        assert ev["chokehold"].status == "moved"
        assert ev["duty_to_intervene"].doc_id == current[0].id
        assert ev["duty_to_intervene"].status == "changed"
        assert ev["medical_aid"].status == "orphaned"
        assert ev["medical_aid"].doc_id != current[0].id
        findings = store.findings()
        assert findings["duty_to_intervene"].needs_rereview
        assert findings["medical_aid"].needs_rereview
        assert not findings["chokehold"].needs_rereview
        assert conflicts(store) == []


def test_both_copies_replaced_the_same_document_differently(ancestor, tmp_path):
    a = copy_review(ancestor, tmp_path / "a.review")
    b = copy_review(ancestor, tmp_path / "b.review")
    _replace(a, revised_pdf(), "rev-a.pdf")
    other = make_pdf([SAMPLE_PAGES[0] + "\n300.9 NOTE\nAdded by the other office.",
                      SAMPLE_PAGES[1]])
    _replace(b, other, "rev-b.pdf")
    merged(a, b, tmp_path / "ab.review")
    merged(b, a, tmp_path / "ba.review")
    assert content_of(tmp_path / "ab.review") == content_of(tmp_path / "ba.review")
    with ReviewStore.open(tmp_path / "ab.review") as store:
        # both revisions are kept and current, the old one replaced; the revision and
        # the evidence each copy carried over are conflicts to settle
        assert sorted(d.filename for d in store.documents()) == ["rev-a.pdf", "rev-b.pdf"]
        open_ = conflicts(store)
        kinds = sorted(c.table for c in open_)
        assert kinds == ["evidence", "revision"]
        revision = next(c for c in open_ if c.table == "revision")
        take = 1 + [c["row"]["filename"] for c in revision.candidates].index("rev-b.pdf")
        stack = cmd.CommandStack(store)
        stack.execute(SettleConflict(revision.uid, take))
        assert [d.filename for d in store.documents()] == ["rev-b.pdf"]
        rev_b = store.documents()[0]
        evidence = next(c for c in conflicts(store) if c.table == "evidence")
        on_b = 1 + [c["row"]["doc_id"] for c in evidence.candidates].index(rev_b.sha256)
        stack.execute(SettleConflict(evidence.uid, on_b))
        assert store.evidence()[0].doc_id == rev_b.id
        assert conflicts(store) == [] and all_problems(store.conn) == []
        stack.undo()
        stack.undo()
        assert len(conflicts(store)) == 2 and len(store.documents()) == 2
