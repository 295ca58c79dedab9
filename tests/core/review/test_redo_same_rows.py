"""A redo restores the very same document row, even when the clock moved on (the full suite
under load failed tests/robust/test_revisions.py::test_undo_and_redo_restore_every_row when
a second boundary fell between the run and the redo)."""

from __future__ import annotations

from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.commands import documents


def test_redo_of_add_document_keeps_its_added_at(review, pdf_factory, monkeypatch):
    store, _ = review
    data = pdf_factory(["Another order."])
    stack = cmd.CommandStack(store)
    add = stack.execute(cmd.AddDocument(data, "other.pdf", inspect_pdf(data, "other.pdf")))
    first = store.document(add.doc_id).added_at
    stack.undo()
    monkeypatch.setattr(documents, "now_iso", lambda: "2099-01-01T00:00:00Z")
    stack.redo()
    assert store.document(add.doc_id).added_at == first
