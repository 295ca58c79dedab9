"""A review indexed by an older segmenter: which documents are stale, and their rebuild."""

from __future__ import annotations

from reviewer_app.core import commands as cmd
from reviewer_app.core import indexing
from reviewer_app.core.documents import inspect_pdf


def _as_if_indexed_by_an_older_segmenter(store) -> None:
    """What a file of the previous release holds: one whole-review version key, older than
    this build's segmenter, and passages of that segmenter (here: none at all)."""
    store.conn.execute("DELETE FROM meta WHERE key LIKE ?", (indexing.INDEX_KEY + "%",))
    store.conn.execute("INSERT INTO meta (key, value) VALUES (?, '0')", (indexing.INDEX_KEY,))
    store.conn.execute("INSERT INTO passages_fts(passages_fts) VALUES('delete-all')")
    store.conn.execute("DELETE FROM passages")


def _passages(store, doc_id: int) -> int:
    return store.conn.execute("SELECT count(*) FROM passages WHERE doc_id = ?",
                              (doc_id,)).fetchone()[0]


def test_adding_a_document_leaves_the_older_documents_stale(review, force_policy_pdf):
    """Defect 1 of issue 14: adding a document marked the whole index current, so the old
    documents' passages were never rebuilt."""
    store, old_doc = review
    _as_if_indexed_by_an_older_segmenter(store)
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
    _as_if_indexed_by_an_older_segmenter(store)
    stack = cmd.CommandStack(store)
    stack.execute(cmd.AddDocument(force_policy_pdf, "policy.pdf",
                                  inspect_pdf(force_policy_pdf, "policy.pdf")))
    stack.undo()
    assert indexing.stale_documents(store.db) == [old_doc]
    stack.redo()
    assert indexing.stale_documents(store.db) == [old_doc]


def test_a_fully_rebuilt_review_is_current(review):
    store, doc_id = review
    _as_if_indexed_by_an_older_segmenter(store)
    with store.transaction():
        indexing.reindex_all(store.db)
    assert indexing.index_is_current(store.db) and _passages(store, doc_id) > 0
