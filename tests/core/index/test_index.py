"""The passage index lives in the review file and follows AddDocument, undo and redo."""

from __future__ import annotations

import shutil

from reviewer_app.core.index import passages as indexing
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.suggest.engine import suggest
from tests.factories.reviews import create_review


def _fts_hits(store, word: str) -> int:
    return store.conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?",
                              (word,)).fetchone()[0]


def _integrity(store) -> None:
    store.conn.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)")


def test_add_document_indexes_and_undo_removes_it(tmp_path, force_policy_pdf):
    store = create_review(tmp_path / "r.review")
    stack = cmd.CommandStack(store)
    info = inspect_pdf(force_policy_pdf, "policy.pdf")
    add = stack.execute(cmd.AddDocument(force_policy_pdf, "policy.pdf", info))
    rows = store.conn.execute("SELECT count(*) FROM passages WHERE doc_id = ?",
                              (add.doc_id,)).fetchone()[0]
    assert rows > 10 and _fts_hits(store, "chokehold") >= 2
    _integrity(store)

    stack.undo()
    assert store.conn.execute("SELECT count(*) FROM passages").fetchone()[0] == 0
    assert _fts_hits(store, "chokehold") == 0
    _integrity(store)
    assert suggest(store, "chokehold")["chokehold"] == []

    stack.redo()
    assert _fts_hits(store, "chokehold") >= 2
    assert suggest(store, "chokehold")["chokehold"][0].section == "300.3.3"
    _integrity(store)
    store.close()


def test_undo_one_of_two_documents_keeps_the_other(tmp_path, force_policy_pdf, sample_pdf):
    store = create_review(tmp_path / "r.review")
    stack = cmd.CommandStack(store)
    stack.execute(cmd.AddDocument(sample_pdf, "sample.pdf", inspect_pdf(sample_pdf, "s.pdf")))
    stack.execute(cmd.AddDocument(force_policy_pdf, "policy.pdf",
                                  inspect_pdf(force_policy_pdf, "policy.pdf")))
    assert {s.doc_id for s in suggest(store, "chokehold")["chokehold"]} == {1, 2}
    stack.undo()
    assert {s.doc_id for s in suggest(store, "chokehold")["chokehold"]} == {1}
    _integrity(store)
    store.close()


def test_file_from_before_m002_is_reindexed_on_open(tmp_path, force_policy_pdf):
    """A review saved by the foundation build (schema 1, one passage per block) gets the
    outline index when opened, after the usual backup."""
    store = create_review(tmp_path / "r.review")
    info = inspect_pdf(force_policy_pdf, "policy.pdf")
    cmd.run(store, cmd.AddDocument(force_policy_pdf, "policy.pdf", info))
    path = store.path
    store.close()
    old = tmp_path / "old.review"
    shutil.copy(path, old)
    from sqlite_utils import Database
    db = Database(str(old))
    db.execute("DROP TABLE passages_fts")
    db.execute("DELETE FROM passages")
    db.execute("ALTER TABLE passages DROP COLUMN context")
    db.execute("ALTER TABLE passages DROP COLUMN kind")
    db.execute("CREATE VIRTUAL TABLE passages_fts USING fts5(text, heading, content='passages', "
               "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO passages (doc_id, page, start, end, text) VALUES (1, 0, 0, 5, 'x')")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_passage_outline'")
    db.execute("DELETE FROM meta WHERE key = ?", [indexing.INDEX_KEY])
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()

    with ReviewStore.open(old) as upgraded:
        assert (tmp_path / "old.review.v1.bak").exists()
        assert indexing.index_is_current(upgraded.db)
        kinds = {r[0] for r in upgraded.conn.execute("SELECT kind FROM passages")}
        assert {"opening", "item", "list"} <= kinds
        assert suggest(upgraded, "chokehold")["chokehold"][0].section == "300.3.3"
        _integrity(upgraded)


def test_stale_index_is_rebuilt_before_suggesting(review):
    store, doc_id = review
    store.conn.execute("DELETE FROM meta WHERE key LIKE ?", (indexing.INDEX_KEY + "%",))
    store.conn.execute("INSERT INTO passages_fts(passages_fts) VALUES('delete-all')")
    store.conn.execute("DELETE FROM passages")
    assert not indexing.index_is_current(store.db)
    assert suggest(store, "chokehold")["chokehold"][0].doc_id == doc_id
    assert indexing.index_is_current(store.db)
