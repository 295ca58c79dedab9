import sqlite3

import pytest

from reviewer_app.core.checklist.outcome import (
    CERTIFIED,
    IN_PROCESS,
    NOT_CERTIFIED,
    certification_outcome,
)
from reviewer_app.core.errors import NewerVersionError, ReviewError, ReviewFileError
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.schema import SCHEMA_VERSION
from reviewer_app.core.review.status import review_status
from reviewer_app.core.review.store import ReviewStore
from tests.factories.reviews import text_evidence


def test_file_settings_and_document_stored_inside(review, sample_pdf):
    store, doc_id = review
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    doc = store.document(doc_id)
    assert store.document_data(doc_id) == sample_pdf
    assert doc.page_count == 2 and len(doc.sha256) == 64 and doc.pdf_id.startswith("[<")
    info = store.review()
    assert info.standards_id == "doj-2020" and info.standards_sha256 == store.standards().sha256


def test_undo_redo_keeps_ids_and_logs_everything(review):
    store, doc_id = review
    stack = cmd.CommandStack(store)
    stack.execute(text_evidence(store, "chokehold", doc_id, "Chokeholds are prohibited"))
    stack.execute(cmd.SetFinding("chokehold", "met", "Clear ban"))
    ev_id = store.evidence()[0].id
    assert stack.undo().label.startswith("Set chokehold")
    assert store.findings() == {}
    assert stack.undo().label == "Link evidence to B"  # the item's code, as the app passes it
    assert store.evidence() == []
    stack.redo()
    assert [e.id for e in store.evidence()] == [ev_id]
    stack.redo()
    assert store.findings()["chokehold"].result == "met"
    actions = [e.action for e in store.log_entries()]
    assert actions == ["create", "add_document", "add_evidence", "set_finding", "undo", "undo",
                       "add_evidence", "set_finding"]


def test_remove_and_edit_evidence_undo(review):
    store, doc_id = review
    stack = cmd.CommandStack(store)
    ev = stack.execute(text_evidence(store, "medical_aid", doc_id, "render first aid")).evidence
    stack.execute(cmd.EditEvidence(ev.id, {"note": "good"}))
    assert store.evidence_by_id(ev.id).note == "good"
    stack.execute(cmd.RemoveEvidence(ev.id))
    assert store.evidence() == []
    stack.undo()
    stack.undo()
    assert store.evidence_by_id(ev.id).note == "" and store.evidence_by_id(ev.id).exact == ev.exact


def test_rationale_edits_keep_result(review):
    store, _ = review
    cmd.run(store, cmd.SetFinding("chokehold", "partial"))
    cmd.run(store, cmd.SetFinding("chokehold", rationale="only airway holds"))
    f = store.findings()["chokehold"]
    assert (f.result, f.rationale) == ("partial", "only airway holds")
    with pytest.raises(ReviewError, match="unknown result"):
        cmd.run(store, cmd.SetFinding("chokehold", "maybe"))
    with pytest.raises(Exception, match="no item"):
        cmd.run(store, cmd.SetFinding("nope", "met"))


def test_failed_command_leaves_nothing(review):
    store, doc_id = review
    before = len(store.log_entries())
    bad = text_evidence(store, "chokehold", doc_id, "Chokeholds are prohibited")
    bad.item_id = "not-an-item"
    with pytest.raises(ReviewError, match="no item"):
        cmd.run(store, bad)
    assert store.evidence() == [] and len(store.log_entries()) == before


def test_log_is_append_only(review):
    store, _ = review
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM log")


def test_outcome_follows_mandatory_items(review):
    store, _ = review
    s = store.standards()
    assert certification_outcome(s, store.findings()).status == IN_PROCESS
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    cmd.run(store, cmd.SetFinding("duty_to_intervene", "not_met"))
    assert certification_outcome(s, store.findings()).status == IN_PROCESS
    cmd.run(store, cmd.SetFinding("legal_compliance", "met"))
    out = certification_outcome(s, store.findings())
    assert out.status == CERTIFIED and out.assessed == 3 and out.total == 14
    cmd.run(store, cmd.SetFinding("chokehold", "partial"))
    assert certification_outcome(s, store.findings()).status == NOT_CERTIFIED


def test_status_reports_anchor_intact(review):
    store, doc_id = review
    cmd.run(store, text_evidence(store, "chokehold", doc_id, "Chokeholds are prohibited"))
    item = review_status(store).item("chokehold")
    assert item.evidence[0].intact and item.evidence[0].evidence.page == 0
    store.conn.execute("UPDATE evidence SET exact = 'something else'")
    item = review_status(store).item("chokehold")
    assert not item.evidence[0].intact


def test_reopen_and_refuse_newer_or_foreign_files(review, tmp_path):
    store, _ = review
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    path = store.path
    store.close()
    with ReviewStore.open(path) as again:
        assert again.findings()["chokehold"].result == "met"
        again.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerVersionError, match="newer version"):
        ReviewStore.open(path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(ReviewFileError, match="not a review file"):
        ReviewStore.open(other)
    junk = tmp_path / "junk.review"
    junk.write_bytes(b"hello")
    with pytest.raises(ReviewFileError, match="not a review file"):
        ReviewStore.open(junk)


def test_undo_of_document_refused_while_evidence_remains(review, sample_pdf, pdf_factory):
    from reviewer_app.core.pdf.documents import inspect_pdf

    store, _ = review
    stack = cmd.CommandStack(store)
    data = pdf_factory(["Early intervention system thresholds."])
    add = stack.execute(cmd.AddDocument(data, "eis.pdf", inspect_pdf(data, "eis.pdf")))
    n_passages = store.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    stack.execute(text_evidence(store, "early_intervention", add.doc_id, "Early intervention"))
    stack.undo()
    stack.undo()
    assert len(store.documents()) == 1
    assert store.conn.execute("SELECT count(*) FROM passages").fetchone()[0] < n_passages
    with pytest.raises(ReviewError, match="already in the review"):
        cmd.run(store, cmd.AddDocument(sample_pdf, "again.pdf", inspect_pdf(sample_pdf)))


def test_rename_document_is_undoable(review):
    store, doc_id = review
    stack = cmd.CommandStack(store)
    old = store.document(doc_id).title
    stack.execute(cmd.RenameDocument(doc_id, "  Use of   Force Policy "))
    assert store.document(doc_id).title == "Use of Force Policy"
    stack.undo()
    assert store.document(doc_id).title == old
    with pytest.raises(ReviewError, match="must not be empty"):
        cmd.run(store, cmd.RenameDocument(doc_id, "  "))


def test_mandatory_finding_awaiting_rereview_keeps_review_in_process(review):
    store, _ = review
    s = store.standards()
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    cmd.run(store, cmd.SetFinding("legal_compliance", "met"))
    assert certification_outcome(s, store.findings()).status == CERTIFIED
    store.conn.execute("UPDATE findings SET needs_rereview = 1 WHERE item_id = 'chokehold'")
    out = certification_outcome(s, store.findings())
    assert out.status == IN_PROCESS and any("review it again" in r for r in out.reasons)
    cmd.run(store, cmd.SetFinding("chokehold", "met"))  # the assessor confirms it
    assert certification_outcome(s, store.findings()).status == CERTIFIED
