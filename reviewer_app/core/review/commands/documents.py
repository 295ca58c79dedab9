"""Commands on the review's documents: adding a policy PDF (its text, passages and
index with it) and renaming one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.store import ReviewStore, now_iso
from reviewer_app.core.text.textmap import EXTRACTOR_VERSION

if TYPE_CHECKING:  # documents imports MuPDF, which running a command does not need
    from reviewer_app.core.index.segment import Passage
    from reviewer_app.core.pdf.documents import PdfInfo


@dataclass
class AddDocument(Command):
    """Store a PDF, its pages' text and its clause index.

    ``passages`` may be segmented beforehand (``prepare``, in a worker) so that applying
    the command, on the interface thread, only writes rows.
    """

    data: bytes
    filename: str
    info: PdfInfo
    title: str | None = None
    doc_id: int | None = None
    passages: list[Passage] | None = field(default=None, repr=False)
    added_at: str = ""  # kept from the first run, so a redo restores the very same row
    action = "add_document"

    @classmethod
    def prepare(cls, data: bytes, filename: str, password: str | None = None,
                ocr: bool = False) -> AddDocument:
        """Everything slow about adding a PDF, done before the command runs: checking and
        extracting it (``inspect_pdf``) and segmenting its clauses. Safe off the
        interface thread; raises ``DocumentError``/``PasswordRequired`` like inspect_pdf."""
        from reviewer_app.core.index.segment import segment_document
        from reviewer_app.core.pdf.documents import inspect_pdf

        info = inspect_pdf(data, filename, password, ocr=ocr)
        return cls(info.data or data, filename, info,
                   passages=segment_document(info.text))

    @property
    def label(self) -> str:
        return f"Add document {self.title or self.info.title}"

    def apply(self, store: ReviewStore) -> None:
        if store.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?",
                              (self.info.sha256,)).fetchone():
            raise ReviewError(f"{self.filename}: this exact PDF is already in the review.")
        row = {"sha256": self.info.sha256, "title": self.title or self.info.title,
               "filename": self.filename, "page_count": self.info.page_count,
               "pdf_id": self.info.pdf_id, "page_labels": json.dumps(self.info.page_labels),
               "extractor_version": EXTRACTOR_VERSION,
               "added_at": self.added_at or now_iso(),
               "added_by": store.actor, "active": 1, "data": self.data}
        if self.doc_id is not None:
            row["id"] = self.doc_id
        self.added_at = str(row["added_at"])
        self.doc_id = store.db.table("documents").insert(row).last_pk
        assert self.doc_id is not None
        store.db.table("doc_pages").insert_all(
            {"doc_id": self.doc_id, "page": n, "text": p.text, "words": p.to_blob(),
             "width": p.width, "height": p.height, "rotation": p.rotation}
            for n, p in enumerate(self.info.text.pages))
        indexing.index_document(store.db, self.doc_id, self.info.text, self.passages)

    def revert(self, store: ReviewStore) -> None:
        assert self.doc_id is not None, "revert before apply"
        if store.evidence(doc_id=self.doc_id):
            raise ReviewError("the document still has evidence; remove that first.")
        indexing.remove_document(store.db, self.doc_id)
        store.conn.execute("DELETE FROM doc_pages WHERE doc_id = ?", (self.doc_id,))
        store.conn.execute("DELETE FROM documents WHERE id = ?", (self.doc_id,))
        store.forget_text(self.doc_id)

    def payload(self) -> dict:
        return {"doc_id": self.doc_id, "sha256": self.info.sha256, "filename": self.filename,
                "pages": self.info.page_count}

    def touched(self, undone: bool = False) -> Changes:
        if undone:
            return Changes(documents=True, evidence=True, passages=True)
        return Changes(documents=True, passages=True, show_document=self.doc_id,
                       added_document=self.doc_id, notes=tuple(self.info.notes))


@dataclass
class RenameDocument(Command):
    """Give a document the title the assessor wants on tabs and in the packet."""

    doc_id: int
    title: str
    before: str | None = None
    action = "rename_document"

    @property
    def label(self) -> str:
        return f"Rename document to {self.title}"

    def apply(self, store: ReviewStore) -> None:
        title = " ".join(self.title.split())
        if not title:
            raise ReviewError("a document title must not be empty.")
        self.before = store.document(self.doc_id).title
        store.db.table("documents").update(self.doc_id, {"title": title})

    def revert(self, store: ReviewStore) -> None:
        store.db.table("documents").update(self.doc_id, {"title": self.before})

    def payload(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "before": self.before}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(documents=True)
