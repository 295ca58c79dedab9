"""Giving scanned pages the text Tesseract reads from them, as one undoable command.

A page without a text layer holds no text in the canonical text of its document, so
reading it with OCR inserts text there and moves every later page's global offsets. The
command therefore rewrites the scanned pages' rows, shifts the offsets (and context) of
the document's text evidence to match, and rebuilds its clause index; area evidence,
stored as page rectangles, is unaffected. Undo restores all of it.

The slow part, OCR itself, happens before the command, off the interface thread
(``reader.prepare(data, name, ocr=True)`` gives the new text and its clauses): applying it
only writes rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.records import Evidence
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.anchoring import anchor_span
from reviewer_app.core.text.textmap import DocumentText, PageText

if TYPE_CHECKING:
    from reviewer_app.core.index.segment import Passage


def scanned_pages(text: DocumentText) -> list[int]:
    """0-based pages without a text layer: what OCR could read."""
    return [i for i, p in enumerate(text.pages) if not p.has_text]


def _page_row(page: PageText) -> dict:
    return {"text": page.text, "words": page.to_blob(), "width": page.width,
            "height": page.height, "rotation": page.rotation}


@dataclass
class OcrDocument(Command):
    """Store OCR text for the pages of ``doc_id`` that had none."""

    doc_id: int
    text: DocumentText = field(repr=False)
    passages: list[Passage] | None = field(default=None, repr=False)
    title: str = ""
    pages: list[int] = field(default_factory=list)  # the pages given text
    before_pages: dict[int, dict] = field(default_factory=dict, repr=False)
    before: list[Evidence] = field(default_factory=list, repr=False)
    after: list[Evidence] = field(default_factory=list, repr=False)
    action = "ocr_document"

    @property
    def label(self) -> str:
        return f"Read scanned pages of {self.title or 'document'} with OCR"

    def apply(self, store: ReviewStore) -> None:
        doc = store.document(self.doc_id)
        self.title = doc.title
        old = store.document_text(self.doc_id)
        if len(self.text.pages) != len(old.pages):
            raise ReviewError(f"{doc.title}: the OCR text has {len(self.text.pages)} pages, "
                              f"the document {len(old.pages)}; nothing was changed.")
        if not self.pages:
            self.pages = [p for p in scanned_pages(old) if self.text.pages[p].has_text]
        if not self.pages:
            raise ReviewError(f"{doc.title}: OCR found no readable text on its scanned "
                              "pages; mark evidence there as areas.")
        if not self.after:
            self.before_pages = {p: _page_row(old.pages[p]) for p in self.pages}
            self.before = [e for e in store.evidence(doc_id=self.doc_id) if e.kind == "text"
                           and e.start is not None and e.end is not None]
            self.after = [_shifted(e, old, self.text) for e in self.before]
        for p in self.pages:
            store.db.table("doc_pages").update((self.doc_id, p), _page_row(self.text.pages[p]))
        for ev in self.after:
            store.db.table("evidence").update(ev.id, ev.to_row())
        indexing.remove_document(store.db, self.doc_id)
        indexing.index_document(store.db, self.doc_id, self.text, self.passages)
        store.forget_text(self.doc_id)

    def revert(self, store: ReviewStore) -> None:
        for p, row in self.before_pages.items():
            store.db.table("doc_pages").update((self.doc_id, p), row)
        for ev in self.before:
            store.db.table("evidence").update(ev.id, ev.to_row())
        store.forget_text(self.doc_id)
        indexing.remove_document(store.db, self.doc_id)
        indexing.index_document(store.db, self.doc_id, store.document_text(self.doc_id))

    def payload(self) -> dict:
        return {"doc_id": self.doc_id, "pages": [p + 1 for p in self.pages],
                "evidence_shifted": sum(1 for a, b in zip(self.before, self.after, strict=True)
                                        if a.start != b.start)}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(documents=True, evidence=True, passages=True,
                       text_of=frozenset({self.doc_id}))


def _shifted(ev: Evidence, old: DocumentText, new: DocumentText) -> Evidence:
    """The same words at their offsets in the new text, with the context around them."""
    assert ev.start is not None and ev.end is not None  # text evidence
    first, last = old.page_of(ev.start), old.page_of(max(ev.end - 1, ev.start))
    start = ev.start - old.page_starts[first] + new.page_starts[first]
    end = ev.end - old.page_starts[last] + new.page_starts[last]
    a = anchor_span(new, start, end)
    # a span reaching over a scanned page now includes that page's words: exact follows
    return replace(ev, start=a.start, end=a.end, exact=a.exact, prefix=a.prefix,
                   suffix=a.suffix)
