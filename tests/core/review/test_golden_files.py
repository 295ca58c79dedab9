"""Golden review files (tests/data/, written by earlier releases) open with the current code
and still hold everything they were saved with. Migration tests build on this: a file of
an older schema is upgraded on open and must pass the same checks."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from reviewer_app.core.review.schema import SCHEMA_VERSION
from reviewer_app.core.review.status import review_status
from reviewer_app.core.review.store import ReviewStore
from tests.data import make_golden_reviews as golden
from tests.factories.pdfs import INTERVENE

FILES = sorted(golden.DATA.glob("review-schema*-v*.review"))


def test_this_schema_has_a_golden_file():
    assert any(f.name.startswith(f"review-schema{SCHEMA_VERSION}-") for f in FILES), (
        f"no golden file for schema {SCHEMA_VERSION}: run "
        "python -m tests.data.make_golden_reviews and commit the file it writes")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_file_says_its_schema_in_its_name(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert f"review-schema{version}-" in path.name
    assert version <= SCHEMA_VERSION


@pytest.fixture(params=FILES, ids=lambda p: p.name)
def store(request, tmp_path):
    """A copy of the golden file opened for writing (so an older one is upgraded)."""
    copy = tmp_path / request.param.name
    shutil.copyfile(request.param, copy)
    with ReviewStore.open(copy) as opened:
        yield opened


def test_review_details_and_documents(store):
    info = store.review()
    assert {k: getattr(info, k) for k in golden.DETAILS} == golden.DETAILS
    assert info.notes == golden.NOTES and info.standards_id == "doj-2020"
    assert store.damage() == ""
    docs = {d.filename: d for d in store.documents(include_inactive=True)}
    assert set(docs) == {golden.POLICY, golden.SCAN, golden.REVISION}
    old, scan, new = docs[golden.POLICY], docs[golden.SCAN], docs[golden.REVISION]
    assert [d.id for d in store.documents()] == sorted([scan.id, new.id])
    assert not old.active and new.replaces == old.id
    assert old.title == new.title == golden.POLICY_TITLE
    for doc in docs.values():
        assert hashlib.sha256(store.document_data(doc.id)).hexdigest() == doc.sha256
    assert (old.page_count, scan.page_count, new.page_count) == (2, 1, 2)
    assert store.document_text(scan.id).text.strip() == ""  # a scan: no text layer
    assert "REVISION NOTE" in store.document_text(new.id).text


def test_evidence_keeps_its_words_places_and_statuses(store):
    docs = {d.filename: d.id for d in store.documents(include_inactive=True)}
    evidence = {e.item_id: e for e in store.evidence()}
    assert set(evidence) == set(golden.TEXT_LINKS) | {golden.AREA[0]}
    for item, quote in golden.TEXT_LINKS.items():
        ev = evidence[item]
        assert ev.kind == "text" and ev.status == golden.REVISION_STATUS[item], item
        assert store.document_text(ev.doc_id).text[ev.start:ev.end] == ev.exact, item
        assert ev.quads and all(page == ev.page for page, _ in ev.quads)
        if ev.status == "moved":
            assert ev.doc_id == docs[golden.REVISION] and ev.exact == quote
        elif ev.status == "changed":
            assert ev.doc_id == docs[golden.REVISION] and ev.previous_exact == quote
            assert "must intervene" in ev.exact and quote == INTERVENE
        else:  # orphaned: kept on the old revision, where it was
            assert ev.doc_id == docs[golden.POLICY] and ev.exact == quote
    item, page, rect, note = golden.AREA
    area = evidence[item]
    assert (area.kind, area.doc_id, area.page, area.note, area.status) == (
        "area", docs[golden.SCAN], page, note, "intact")
    assert area.quads == ((page, rect),)


def test_findings_log_and_status(store):
    findings = store.findings()
    assert {k: (f.result, f.rationale) for k, f in findings.items()} == golden.FINDINGS
    assert {k for k, f in findings.items() if f.needs_rereview} == {
        k for k, s in golden.REVISION_STATUS.items() if s in ("changed", "orphaned")}
    actions = [e.action for e in store.log_entries()]
    assert actions[0] == "create" and actions[-1] == "replace_document"
    assert actions.count("add_evidence") == 5 and actions.count("set_finding") == 5
    status = review_status(store)
    assert status.outcome.assessed == len(golden.FINDINGS)
    assert status.outcome.status == "Not certified"  # legal_compliance is not met
    assert {i.item.id: i.result for i in status.items if i.result != "not_assessed"} == {
        k: result for k, (result, _) in golden.FINDINGS.items()}
