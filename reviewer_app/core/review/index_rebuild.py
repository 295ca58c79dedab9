"""Rebuilding the passages an older segmenter made, through the review's write path.

Passages are derived data: the segmenter computes them from the pages' text stored in the
review. When a newer build segments differently, the stale documents' passages
(``index.passages.stale_documents``) are rebuilt once and written back, so suggestions and the
packet's section headings read this build's passages, not an in-memory copy rebuilt on
every request.

``RebuildIndex`` is a command (one transaction, one log line) but not an undo step:
undoing it would only bring back passages this build no longer reads, no change of the
assessor's depends on it, and the commands that do touch passages (adding a document, OCR)
remove or rebuild a document's passages whole, so their undo and redo stay correct after
it. The window runs it without pushing it on its undo stack; ``revert`` refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command, run
from reviewer_app.core.review.store import ReviewStore

if TYPE_CHECKING:
    from reviewer_app.core.index.segment import Passage


@dataclass
class RebuildIndex(Command):
    """Write this build's passages of the documents an older segmenter indexed."""

    passages: dict[int, list[Passage]] = field(repr=False)
    version: str
    rebuilt: list[int] = field(default_factory=list)
    action = "rebuild_index"
    allowed_when_signed = True  # derived data, not an edit: a signed-off review is indexed

    @classmethod
    def prepare(cls, store: ReviewStore) -> RebuildIndex:
        """Segment the stale documents' stored text: the slow part, safe in a worker on a
        read-only store of its own (``apply`` then only writes rows)."""
        from reviewer_app.core.index.segment import segment_document

        return cls({doc_id: segment_document(store.document_text(doc_id))
                    for doc_id in indexing.stale_documents(store.db)},
                   indexing.index_version())

    def needed(self, store: ReviewStore) -> bool:
        """Whether any prepared document is still stale (another rebuild may have won)."""
        return bool(set(self.passages) & set(indexing.stale_documents(store.db)))

    @property
    def label(self) -> str:
        n = len(self.rebuilt or self.passages)
        return f"Rebuild the search index of {n} document{'s' if n != 1 else ''}"

    def apply(self, store: ReviewStore) -> None:
        if self.version != indexing.index_version():
            raise ReviewError("the passages were segmented by another build; not written.")
        stale = set(indexing.stale_documents(store.db))  # as it is now, not when prepared
        self.rebuilt = [doc_id for doc_id in self.passages if doc_id in stale]
        for doc_id in self.rebuilt:
            indexing.remove_document(store.db, doc_id)
            indexing.index_passages(store.db, doc_id, self.passages[doc_id])

    def revert(self, store: ReviewStore) -> None:
        raise ReviewError("rebuilding the search index is not a change that can be undone.")

    def payload(self) -> dict:
        return {"doc_ids": self.rebuilt, "segmenter": self.version}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(passages=True)


def rebuild_stale_index(store: ReviewStore) -> RebuildIndex | None:
    """Rebuild the stale documents' passages now, when the review can be written; the
    command run, or None when the index was current (or the review is read-only)."""
    if store.read_only or indexing.index_is_current(store.db):
        return None
    return run(store, RebuildIndex.prepare(store))
