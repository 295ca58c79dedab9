"""Reading a review file: the records everyone else consumes (the window, the CLI, the
packet), straight from SQL. ``ReviewStore`` inherits these; writes are the commands'."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.core.checklist.standards import StandardsSet, standards_from_json
from reviewer_app.core.errors import ReviewError, ReviewFileError
from reviewer_app.core.records import DocumentRecord, Evidence, Finding, LogEntry, ReviewInfo
from reviewer_app.core.review.extra_sets import ReviewSet
from reviewer_app.core.review.review_id import stored_review_uuid
from reviewer_app.core.text.textmap import DocumentText, PageText

# A record's columns: never ``*``, which would read each PDF (megabytes) to list documents.
_DOC_COLUMNS = ", ".join(DocumentRecord.__dataclass_fields__)


class ReviewReads:
    """Needs the store's ``conn``, ``path``, ``read_only`` and its caches."""

    if TYPE_CHECKING:
        path: Path
        conn: sqlite3.Connection
        read_only: bool
        _texts: dict[int, DocumentText]
        _standards: StandardsSet | None
        _user: str

    @property
    def actor(self) -> str:
        """Who the log names: the review's assessor as the file holds it now (else the
        computer's user), so an undone or failed change of the assessor leaves no trace."""
        row = self.conn.execute("SELECT assessor FROM review WHERE id = 1").fetchone()
        return "" if row is None else row[0] or self._user

    def review(self) -> ReviewInfo:
        row = dict(self.conn.execute("SELECT * FROM review WHERE id = 1").fetchone())
        return ReviewInfo(**{k: row[k] for k in ReviewInfo.__dataclass_fields__})

    def review_uuid(self) -> str:
        """The review's stable id (kept by copies, moves and renames)."""
        return stored_review_uuid(self.conn)

    def standards(self) -> StandardsSet:
        if self._standards is None:
            row = self.conn.execute("SELECT standards_json FROM review").fetchone()
            self._standards = standards_from_json(row[0])
        return self._standards

    def sets(self) -> list[ReviewSet]:
        """Every standards set the review assesses, the primary (``standards()``) first."""
        from reviewer_app.core.review.extra_sets import all_sets

        sha = self.conn.execute("SELECT standards_sha256 FROM review").fetchone()[0]
        return all_sets(self.conn, ReviewReads.standards(self), sha)

    def item_ref(self, ref: str) -> str:
        """The stored id of the item ``ref`` names (``B``, ``chokehold``, ``calea/4.1.1``);
        a clear ``StandardsError`` for anything else."""
        from reviewer_app.core.review.extra_sets import stored_item_id

        return stored_item_id(self.sets(), ref)

    def whole(self) -> ReviewReads:
        """The review itself (a per-set view answers with the review it shows)."""
        return self

    def documents(self, include_inactive: bool = False) -> list[DocumentRecord]:
        sql = f"SELECT {_DOC_COLUMNS} FROM documents" + ("" if include_inactive
                                                         else " WHERE active = 1")
        return [DocumentRecord.from_row(dict(r)) for r in self.conn.execute(sql + " ORDER BY id")]

    def document(self, doc_id: int) -> DocumentRecord:
        row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?",
                                (doc_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no document with id {doc_id} in this review.")
        return DocumentRecord.from_row(dict(row))

    def find_document(self, ref: str | None) -> DocumentRecord:
        """A document by exact title or file name (case-insensitive), by an unambiguous
        SHA-256 prefix of at least 8 characters, or by a part of one title; the only
        one if None. Anything else is refused with the candidates listed."""
        from reviewer_app.core.review.doc_ref import match_document

        docs = self.documents()
        if not docs:
            raise ReviewError("the review has no documents yet; add one with add-doc.")
        return match_document(docs, ref)

    def document_data(self, doc_id: int) -> bytes:
        row = self.conn.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no document with id {doc_id} in this review.")
        return bytes(row[0])

    def document_text(self, doc_id: int) -> DocumentText:
        if doc_id not in self._texts:
            rows = self.conn.execute(
                "SELECT text, words, width, height, rotation FROM doc_pages WHERE doc_id = ? "
                "ORDER BY page", (doc_id,)).fetchall()
            self._texts[doc_id] = DocumentText([PageText.from_blob(*r) for r in rows])
        return self._texts[doc_id]

    def forget_text(self, doc_id: int) -> None:
        self._texts.pop(doc_id, None)

    def evidence(self, item_id: str | None = None, doc_id: int | None = None) -> list[Evidence]:
        sql, args = "SELECT * FROM evidence WHERE 1=1", list[object]()
        if item_id is not None:
            sql, args = sql + " AND item_id = ?", [*args, item_id]
        if doc_id is not None:
            sql, args = sql + " AND doc_id = ?", [*args, doc_id]
        return [Evidence.from_row(dict(r)) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def evidence_by_id(self, evidence_id: int) -> Evidence:
        row = self.conn.execute("SELECT * FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no evidence with id {evidence_id}.")
        return Evidence.from_row(dict(row))

    def findings(self) -> dict[str, Finding]:
        rows = self.conn.execute("SELECT * FROM findings")
        return {r["item_id"]: Finding.from_row(dict(r)) for r in rows}

    def log_entries(self) -> list[LogEntry]:
        out = []
        for r in self.conn.execute("SELECT id, at, actor, action, summary, payload FROM log "
                                   "ORDER BY id"):
            try:
                payload = json.loads(r["payload"])
            except ValueError:
                raise ReviewFileError(f"{self.path}: log entry #{r['id']} is damaged (its "
                                      "details are not JSON); run reviewer-app check.") from None
            out.append(LogEntry(**{**dict(r), "payload": payload}))
        return out

    def outside_changes(self) -> list[str]:
        """What was changed in the file outside the app (the log chain and the state it
        seals, the standards copy, the documents' bytes); [] when the file is as the app
        left it. A few milliseconds for a usual review, ~0.1 s for a 50 MB one."""
        from reviewer_app.core.review.integrity import seal_problems

        return seal_problems(self.conn)

    def damage(self) -> str:
        """What ``PRAGMA quick_check`` finds wrong with the file ("" when sound). Reads the
        whole file (about 70 ms for 40 MB), so it is offered, not run on every open."""
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return "" if rows == ["ok"] else "; ".join(rows)

    def file_sha256(self) -> str:
        """Hash of the review file as it is on disk after a checkpoint."""
        import hashlib
        if not self.read_only:
            self.conn.execute("PRAGMA wal_checkpoint(FULL)")
        return hashlib.sha256(self.path.read_bytes()).hexdigest()
