"""A review indexed by an older segmenter: which documents are stale, and their rebuild."""

from __future__ import annotations

import pytest

from reviewer_app.core.index import passages as indexing
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from tests.factories.reviews import age_the_index


def _passages(store, doc_id: int) -> int:
    return store.conn.execute("SELECT count(*) FROM passages WHERE doc_id = ?",
                              (doc_id,)).fetchone()[0]


def test_adding_a_document_leaves_the_older_documents_stale(review, force_policy_pdf):
    """Defect 1 of issue 14: adding a document marked the whole index current, so the old
    documents' passages were never rebuilt."""
    store, old_doc = review
    age_the_index(store.conn)
    add = cmd.run(store, cmd.AddDocument(force_policy_pdf, "policy.pdf",
                                         inspect_pdf(force_policy_pdf, "policy.pdf")))
    assert not indexing.index_is_current(store.db)
    assert indexing.stale_documents(store.db) == [old_doc]
    fresh = _passages(store, add.doc_id)
    assert fresh > 10

    with store.transaction():
        assert indexing.reindex_stale(store.db) == [old_doc]
    assert indexing.index_is_current(store.db)
    assert _passages(store, old_doc) > 0
    assert _passages(store, add.doc_id) == fresh  # the fresh document was left alone


def test_undoing_the_added_document_keeps_the_others_stale(review, force_policy_pdf):
    store, old_doc = review
    age_the_index(store.conn)
    stack = cmd.CommandStack(store)
    stack.execute(cmd.AddDocument(force_policy_pdf, "policy.pdf",
                                  inspect_pdf(force_policy_pdf, "policy.pdf")))
    stack.undo()
    assert indexing.stale_documents(store.db) == [old_doc]
    stack.redo()
    assert indexing.stale_documents(store.db) == [old_doc]


def test_a_fully_rebuilt_review_is_current(review):
    store, doc_id = review
    age_the_index(store.conn)
    with store.transaction():
        indexing.reindex_all(store.db)
    assert indexing.index_is_current(store.db) and _passages(store, doc_id) > 0


def test_rebuild_is_a_logged_command_that_is_not_undone(review, force_policy_pdf):
    """Defect 2 of issue 14 (core side): the rebuild goes through the write path once."""
    from reviewer_app.core.errors import ReviewError
    from reviewer_app.core.review.index_rebuild import RebuildIndex, rebuild_stale_index
    from reviewer_app.core.suggest.engine import suggest

    store, old_doc = review
    age_the_index(store.conn)
    cmd.run(store, cmd.AddDocument(force_policy_pdf, "policy.pdf",
                                   inspect_pdf(force_policy_pdf, "policy.pdf")))
    prepared = RebuildIndex.prepare(store)
    assert list(prepared.passages) == [old_doc] and prepared.needed(store)
    assert suggest(store, "chokehold")["chokehold"]  # a writable review: rebuilt here
    entries = [e for e in store.log_entries() if e.action == "rebuild_index"]
    assert [e.payload["doc_ids"] for e in entries] == [[old_doc]]
    assert entries[0].summary == "Rebuild the search index of 1 document"
    assert indexing.index_is_current(store.db) and not prepared.needed(store)
    assert rebuild_stale_index(store) is None  # once: nothing left to do
    suggest(store, "duty_to_intervene")
    assert sum(e.action == "rebuild_index" for e in store.log_entries()) == 1
    with pytest.raises(ReviewError, match="not a change that can be undone"):
        cmd.revert(store, prepared)
