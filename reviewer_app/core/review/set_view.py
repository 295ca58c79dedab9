"""One standards set of a review, seen as if the review assessed only that set.

``status`` and the packet read a review through ``standards()``, ``findings()``,
``evidence()`` and ``review()``; a ``SetView`` answers those for one further set (its own
items, bare ids, its own findings and evidence) and everything else from the review, so the
existing status and export code serve every set unchanged: one packet per set, each with
its own outcome. ``whole()`` is the review itself (the packet's content hash, which
``verify --review`` compares, is of the whole file).
"""

from __future__ import annotations

from dataclasses import replace

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.records import Evidence, Finding, ReviewInfo
from reviewer_app.core.review.extra_sets import SEP, ReviewSet
from reviewer_app.core.review.reads import ReviewReads
from reviewer_app.core.review.store import ReviewStore


class SetView(ReviewStore):
    """Read-only in spirit: commands go to the review (``whole()``), never to a view."""

    def __init__(self, base: ReviewStore, review_set: ReviewSet):
        super().__init__(base.path, base.conn, base.read_only, lock=None,
                         read_only_reason=base.read_only_reason)
        self._texts = base._texts  # share the document text cache
        self._writing = base._writing  # one transaction at a time on the one connection
        self._standards = review_set.standards
        self.base = base
        self.review_set = review_set
        self.prefix = review_set.id + SEP

    def standards(self) -> StandardsSet:
        return self.review_set.standards

    def review(self) -> ReviewInfo:
        return replace(self.base.review(), standards_id=self.review_set.id,
                       standards_sha256=self.review_set.sha256)

    def findings(self) -> dict[str, Finding]:
        n = len(self.prefix)
        return {k[n:]: replace(f, item_id=k[n:]) for k, f in self.base.findings().items()
                if k.startswith(self.prefix)}

    def evidence(self, item_id: str | None = None, doc_id: int | None = None
                 ) -> list[Evidence]:
        n = len(self.prefix)
        rows = self.base.evidence(None if item_id is None else self.prefix + item_id, doc_id)
        return [replace(e, item_id=e.item_id[n:]) for e in rows
                if e.item_id.startswith(self.prefix)]

    def evidence_by_id(self, evidence_id: int) -> Evidence:
        """As stored (qualified): commands read it to restore the very row on undo."""
        return self.base.evidence_by_id(evidence_id)

    def sets(self) -> list[ReviewSet]:
        return self.base.sets()

    def item_ref(self, ref: str) -> str:
        """A bare ref names an item of this set; ``SETID/ITEM`` any set's."""
        if SEP in ref:
            return self.base.item_ref(ref)
        return self.prefix + self.review_set.standards.item(ref).id

    def whole(self) -> ReviewReads:
        return self.base

    def close(self) -> None:  # the review stays open: its owner closes it
        pass


def set_store(store: ReviewStore, set_id: str | None) -> ReviewStore:
    """The review as seen for one of its sets (the review itself for the primary set)."""
    from reviewer_app.core.review.extra_sets import find_set

    if set_id is None:
        return store
    s = find_set(store.sets(), set_id)
    return store if s.primary else SetView(store, s)
