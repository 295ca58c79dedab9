"""Re-anchoring, for a merge, evidence one copy added on a document the other copy
replaced by a revision (the review layer's merge cannot import this package, so the
command line and the window hand ``reanchor_onto`` to ``MergeCopy``)."""

from __future__ import annotations

from dataclasses import replace

from reviewer_app.core.records import Evidence
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.revisions.reanchor import CHANGED, reanchor
from reviewer_app.core.text.textmap import EXTRACTOR_VERSION


def reanchor_onto(store: ReviewStore, ev: Evidence, new_doc_id: int) -> Evidence | None:
    """``ev`` carried over to document ``new_doc_id`` (status moved/changed/intact), or
    None when its clause is not found there (it then stays orphaned on the old one)."""
    if ev.kind != "text":
        return None
    r = reanchor(ev, store.document_text(new_doc_id), store.document_text(ev.doc_id))
    if r.anchor is None:
        return None
    a = r.anchor
    return replace(ev, doc_id=new_doc_id, page=a.page, start=a.start, end=a.end,
                   exact=a.exact, prefix=a.prefix, suffix=a.suffix, quads=a.quads,
                   extractor_version=EXTRACTOR_VERSION, status=r.status,
                   previous_exact=ev.exact if r.status == CHANGED else "")
