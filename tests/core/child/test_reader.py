"""Adding a document with its reading done beforehand: in a child process (core.reader),
with the clauses segmented before the command runs, undo and redo intact."""

from __future__ import annotations

import pymupdf
import pytest

from reviewer_app.core.child import reader
from reviewer_app.core.errors import DocumentError, PasswordRequired
from reviewer_app.core.index.segment import segment_document
from reviewer_app.core.pdf.render_client import RenderError
from reviewer_app.core.review import commands as cmd
from tests.factories.pdfs import SAMPLE_PAGES, make_pdf
from tests.factories.reviews import create_review


def _dir(tmp_path, name):
    path = tmp_path / name
    path.mkdir()
    return path


def _long_pdf() -> bytes:
    return make_pdf(SAMPLE_PAGES * 30)  # more pages and passages than one frame holds


def _passage_rows(store, doc_id):
    return store.conn.execute(
        "SELECT page, start, end, section, heading, text, context, kind FROM passages "
        "WHERE doc_id = ? ORDER BY start", (doc_id,)).fetchall()


def test_child_process_reads_what_this_process_would():
    data = _long_pdf()
    here = cmd.AddDocument.prepare(data, "policy.pdf")
    there = reader.prepare(data, "policy.pdf")
    assert there.data is data  # not sent back: the caller has the bytes
    assert len(there.info.text.pages) == len(here.info.text.pages) > reader.PAGES_PER_FRAME
    assert [p.text for p in there.info.text.pages] == [p.text for p in here.info.text.pages]
    assert [p.to_blob() for p in there.info.text.pages] == [
        p.to_blob() for p in here.info.text.pages]
    assert there.info.text.text == here.info.text.text
    assert len(there.passages) > 1
    assert there.passages == here.passages == segment_document(here.info.text)
    for field in ("sha256", "page_count", "pdf_id", "title", "page_labels"):
        assert getattr(there.info, field) == getattr(here.info, field)


def test_child_process_errors_reach_the_caller_as_document_errors():
    with pytest.raises(DocumentError, match="not a PDF"):
        reader.prepare(b"hello, not a pdf", "notes.pdf")
    locked = pymupdf.open(stream=make_pdf(SAMPLE_PAGES)).tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw!")
    with pytest.raises(PasswordRequired):
        reader.prepare(locked, "locked.pdf")
    opened = reader.prepare(locked, "locked.pdf", "pw")
    assert opened.data != locked and opened.info.was_encrypted
    assert pymupdf.open(stream=opened.data).needs_pass == 0  # stored decrypted


def test_reading_in_this_thread_when_no_child_can_start(monkeypatch):
    def no_child():
        raise RenderError("this build does not route --render-worker")

    monkeypatch.setattr(reader, "worker_command", no_child)
    prepared = reader.prepare(make_pdf(SAMPLE_PAGES), "policy.pdf")
    assert prepared.passages and prepared.info.page_count == len(SAMPLE_PAGES)


def test_precomputed_passages_are_written_and_survive_undo_redo(tmp_path):
    data = _long_pdf()
    plain_store = create_review(_dir(tmp_path, "a") / "r.review")
    plain = cmd.run(plain_store, cmd.AddDocument(
        data, "policy.pdf", cmd.AddDocument.prepare(data, "policy.pdf").info))
    expected = _passage_rows(plain_store, plain.doc_id)
    plain_store.close()

    store = create_review(_dir(tmp_path, "b") / "r.review")
    stack = cmd.CommandStack(store)
    prepared = reader.prepare(data, "policy.pdf")
    stack.execute(prepared)
    assert _passage_rows(store, prepared.doc_id) == expected
    assert store.document_text(prepared.doc_id).text == prepared.info.text.text
    stack.undo()
    assert store.documents() == [] and _passage_rows(store, prepared.doc_id) == []
    stack.redo()
    assert _passage_rows(store, prepared.doc_id) == expected
    hits = store.conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH "
                              "'force'").fetchone()[0]
    assert hits > 0
    store.close()
