"""Search index of a document's passages, built inside the review file when it is added.

Segmentation and ranking live in ``segment`` and ``suggest``; this module only writes and
removes the rows so that adding and undoing a document keep the index in step.

Each document's ``meta`` key ``passage_index:<doc id>`` records which segmenter built its
rows; a document without one falls back to the whole-review key ``passage_index`` (all
that files of earlier releases hold). So adding a document to a review indexed by an older
segmenter marks only that document current, and ``reindex_stale`` rebuilds the others
instead of the review mixing two kinds of passages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer_app.core.text.textmap import DocumentText, PageText

if TYPE_CHECKING:  # the segmenter is imported when a document is indexed, not at start-up
    from sqlite_utils import Database

    from reviewer_app.core.index.segment import Passage

INDEX_KEY = "passage_index"


def index_version() -> str:
    """Which segmenter builds the passages (stored under ``INDEX_KEY``)."""
    from reviewer_app.core.index.segment import SEGMENTER_VERSION

    return str(SEGMENTER_VERSION)


def __getattr__(name: str):
    if name == "INDEX_VERSION":
        return index_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def create_passage_index(db: Database) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE passages_fts USING fts5("
        "text, heading, context, content='passages', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')")


def index_document(db: Database, doc_id: int, text: DocumentText,
                   passages: list[Passage] | None = None) -> None:
    """Index a document's clauses; ``passages`` when they were segmented beforehand
    (``AddDocument.prepare``), else segmented from ``text`` now."""
    if passages is None:
        from reviewer_app.core.index.segment import segment_document

        passages = segment_document(text)
    index_passages(db, doc_id, passages)


def index_passages(db: Database, doc_id: int, passages: list[Passage]) -> None:
    """Write a document's passages and their full-text index rows."""
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
    db.conn.executemany(
        "INSERT INTO passages (id, doc_id, page, start, end, section, heading, text, context, "
        "kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + n, doc_id, p.page, p.start, p.end, p.section, p.heading, p.text, p.context,
          p.kind) for n, p in enumerate(passages)])
    db.execute("INSERT INTO passages_fts (rowid, text, heading, context) "
               "SELECT id, text, heading, context FROM passages WHERE doc_id = ?", [doc_id])
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
               [_doc_key(doc_id), index_version()])


def remove_document(db: Database, doc_id: int) -> None:
    db.execute("INSERT INTO passages_fts (passages_fts, rowid, text, heading, context) "
               "SELECT 'delete', id, text, heading, context FROM passages WHERE doc_id = ?",
               [doc_id])
    db.execute("DELETE FROM passages WHERE doc_id = ?", [doc_id])
    db.execute("DELETE FROM meta WHERE key = ?", [_doc_key(doc_id)])


def stored_text(db: Database, doc_id: int) -> DocumentText:
    rows = db.execute("SELECT text, words, width, height, rotation FROM doc_pages "
                      "WHERE doc_id = ? ORDER BY page", [doc_id]).fetchall()
    return DocumentText([PageText.from_blob(*r) for r in rows])


def reindex_all(db: Database) -> None:
    """Rebuild every document's passages with this build's segmenter."""
    for (doc_id,) in db.execute("SELECT id FROM documents ORDER BY id").fetchall():
        remove_document(db, doc_id)
        index_document(db, doc_id, stored_text(db, doc_id))
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
               [INDEX_KEY, index_version()])


def stale_documents(db: Database) -> list[int]:
    """Ids of the documents whose passages an older segmenter built (or none recorded)."""
    rows = db.execute(
        "SELECT d.id, coalesce(own.value, review.value) FROM documents d "
        "LEFT JOIN meta own ON own.key = ? || d.id "
        "LEFT JOIN meta review ON review.key = ? ORDER BY d.id",
        [INDEX_KEY + ":", INDEX_KEY]).fetchall()
    version = index_version()
    return [doc_id for doc_id, built_by in rows if built_by != version]


def reindex_stale(db: Database) -> list[int]:
    """Rebuild the stale documents' passages (see ``stale_documents``); their ids."""
    stale = stale_documents(db)
    for doc_id in stale:
        remove_document(db, doc_id)
        index_document(db, doc_id, stored_text(db, doc_id))
    return stale


def index_is_current(db: Database) -> bool:
    return not stale_documents(db)


def _doc_key(doc_id: int) -> str:
    return f"{INDEX_KEY}:{doc_id}"
