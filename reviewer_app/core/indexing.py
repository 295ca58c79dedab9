"""Search index of a document's passages, built inside the review file when it is added.

Segmentation and ranking live in ``segment`` and ``suggest``; this module only writes and
removes the rows so that adding and undoing a document keep the index in step.
"""

from __future__ import annotations

from sqlite_utils import Database

from reviewer_app.core.textmap import DocumentText


def index_document(db: Database, doc_id: int, text: DocumentText) -> None:
    from reviewer_app.core.segment import segment_document

    rows = [{"doc_id": doc_id, "page": p.page, "start": p.start, "end": p.end,
             "section": p.section, "heading": p.heading, "text": p.text}
            for p in segment_document(text)]
    if not rows:
        return
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
    for n, row in enumerate(rows):
        row["id"] = first + n
    db["passages"].insert_all(rows)
    db.execute("INSERT INTO passages_fts(rowid, text, heading) "
               "SELECT id, text, heading FROM passages WHERE doc_id = ?", [doc_id])


def remove_document(db: Database, doc_id: int) -> None:
    db.execute("INSERT INTO passages_fts(passages_fts, rowid, text, heading) "
               "SELECT 'delete', id, text, heading FROM passages WHERE doc_id = ?", [doc_id])
    db.execute("DELETE FROM passages WHERE doc_id = ?", [doc_id])
