"""Core helpers behind the window's robustness features: a consistent copy of a review,
and OCR text for scanned pages as an undoable command."""

from __future__ import annotations

import json
import os
from dataclasses import asdict

import pytest

from reviewer_app.core.errors import ReviewFileError, ReviewLocked
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.copying import save_copy
from reviewer_app.core.review.lock import LockOwner
from reviewer_app.core.review.ocr_command import OcrDocument, scanned_pages
from reviewer_app.core.review.store import ReviewStore
from tests.factories.pdfs import AID, SCAN_TEXT, partly_scanned_pdf
from tests.factories.reviews import link


def rows(store) -> dict:
    return {t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
            for t in ("documents", "evidence", "findings", "log")}


# -- save a copy --------------------------------------------------------------------------
def test_copy_holds_everything_and_opens(review, tmp_path):
    store, doc_id = review
    link(store, "medical_aid", doc_id, AID)
    cmd.run(store, cmd.SetFinding("medical_aid", "met", "clause 300.4"))
    dest = save_copy(store, tmp_path / "copy.review")
    assert not (tmp_path / "copy.review-wal").exists()
    assert not (tmp_path / "copy.review.lock").exists()  # the copy is not left locked
    with ReviewStore.open(dest) as copy:
        assert rows(copy) == rows(store)
        assert copy.damage() == ""


def test_copy_of_a_read_only_review(review, tmp_path):
    store, doc_id = review
    link(store, "medical_aid", doc_id, AID)
    path = store.path
    store.close()
    with ReviewStore.open(path, read_only=True) as ro:
        dest = save_copy(ro, tmp_path / "mine.review")
        expected = rows(ro)
    with ReviewStore.open(dest) as copy:
        assert not copy.read_only and rows(copy) == expected


def test_copy_refuses_itself_a_missing_folder_and_a_copy_in_use(review, tmp_path):
    store, _ = review
    before = store.path.read_bytes()
    with pytest.raises(ReviewFileError, match="that is the review itself"):
        save_copy(store, store.path)
    assert store.path.read_bytes() == before
    with pytest.raises(ReviewFileError, match="does not exist"):
        save_copy(store, tmp_path / "nowhere" / "c.review")
    dest = tmp_path / "taken.review"
    dest.write_bytes(b"someone's file")
    lock_file = tmp_path / "taken.review.lock"  # opened on another computer, not closed
    other = LockOwner("kim", "other-host", 4242, "2024-01-01T00:00:00Z")
    lock_file.write_text(json.dumps(asdict(other)))
    with pytest.raises(ReviewLocked, match="kim on other-host"):
        save_copy(store, dest)
    assert dest.read_bytes() == b"someone's file"


def test_copy_replaces_an_old_copy_and_its_stale_wal(review, tmp_path):
    store, _ = review
    dest = tmp_path / "c.review"
    dest.write_bytes(b"old")
    (tmp_path / "c.review-wal").write_bytes(b"stale wal of the old file")
    save_copy(store, dest)
    assert not (tmp_path / "c.review-wal").exists()
    with ReviewStore.open(dest) as copy:
        assert copy.review().agency_name == "Test PD"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".copy")]


# -- OCR ----------------------------------------------------------------------------------
@pytest.fixture
def scanned(new_review):
    store = new_review("scan.review")
    data = partly_scanned_pdf()
    c = cmd.run(store, cmd.AddDocument(data, "scan.pdf", inspect_pdf(data, "scan.pdf")))
    return store, c.doc_id, data


@pytest.mark.ocr
def test_ocr_gives_scanned_pages_text_and_keeps_evidence_on_its_words(scanned):
    store, doc_id, data = scanned
    assert scanned_pages(store.document_text(doc_id)) == [0]
    # on page 2, after the scanned page
    ev = store.evidence_by_id(link(store, "medical_aid", doc_id, AID))
    area = cmd.run(store, cmd.AddEvidence(item_id="deescalation", doc_id=doc_id, kind="area",
                                          page=0, quads=((0, (72.0, 72.0, 300.0, 120.0)),)))
    before = rows(store)
    text = inspect_pdf(data, "scan.pdf", ocr=True).text
    c = cmd.run(store, OcrDocument(doc_id, text))
    assert c.pages == [0]
    new = store.document_text(doc_id)
    assert "excessive force" in new.pages[0].text and scanned_pages(new) == []
    moved = store.evidence_by_id(ev.id)
    assert moved.start > ev.start and new.text[moved.start:moved.end] == AID
    assert moved.exact == AID and moved.quads == ev.quads
    assert store.evidence_by_id(area.evidence.id) == area.evidence  # areas untouched
    hits = store.conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH "
                              "'excessive' ").fetchone()[0]
    assert hits >= 1  # the scanned page's clauses can be found by suggestions
    cmd.revert(store, c)
    assert rows(store) | {"log": []} == before | {"log": []}
    assert scanned_pages(store.document_text(doc_id)) == [0]
    assert store.evidence_by_id(ev.id) == ev
    cmd.run(store, c)  # redo
    assert store.evidence_by_id(ev.id) == moved


def test_ocr_that_reads_nothing_changes_nothing(scanned):
    store, doc_id, _ = scanned
    same = store.document_text(doc_id)
    from reviewer_app.core.errors import ReviewError

    with pytest.raises(ReviewError, match="no readable text"):
        cmd.run(store, OcrDocument(doc_id, same))
    assert SCAN_TEXT not in store.document_text(doc_id).text


def test_the_note_on_a_partly_scanned_pdf_says_which_pages_lack_text():
    (note,) = [n for n in inspect_pdf(partly_scanned_pdf(), "scan.pdf").notes
               if "text layer" in n]
    assert note.startswith("page 1 has no text layer (scanned?)")
