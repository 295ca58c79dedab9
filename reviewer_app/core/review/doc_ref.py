"""Which document a user means by ``--doc`` (or ``replace-doc OLD``).

A short reference must never pick the wrong policy: replacing a document by mistake
orphans its evidence. An exact title or file name wins over everything; a SHA-256
prefix counts only from ``MIN_HASH_PREFIX`` characters and only when one document has
it; a part of a title only when one title holds it. Otherwise the user is shown the
candidates and chooses.
"""

from __future__ import annotations

import re

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.records import DocumentRecord

MIN_HASH_PREFIX = 8
_HEX = re.compile(r"^[0-9a-f]+$")


def _listing(docs: list[DocumentRecord]) -> str:
    return "; ".join(f"{d.title} ({d.sha256[:MIN_HASH_PREFIX]})" for d in docs)


def match_document(docs: list[DocumentRecord], ref: str | None) -> DocumentRecord:
    """The one document ``ref`` names among ``docs`` (``ReviewError`` otherwise)."""
    if ref is None:
        if len(docs) > 1:
            raise ReviewError("the review has several documents, choose one with --doc: "
                              + _listing(docs))
        return docs[0]
    key = " ".join(ref.split())
    low = key.lower()
    for hits in ([d for d in docs if d.title == key],
                 [d for d in docs if d.title.lower() == low or d.filename.lower() == low]):
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise ReviewError(f"{len(hits)} documents are titled '{key}'; give the start of "
                              f"the SHA-256 of the one you mean: {_listing(hits)}")
    if _HEX.match(low):
        hits = [d for d in docs if d.sha256.startswith(low)]
        if hits and len(low) < MIN_HASH_PREFIX:
            raise ReviewError(f"'{key}' is too short to name a document by its SHA-256: give "
                              f"at least {MIN_HASH_PREFIX} characters or the exact title: "
                              + _listing(docs))
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise ReviewError(f"{len(hits)} documents have a SHA-256 starting '{key}'; give "
                              f"more characters: {_listing(hits)}")
    hits = [d for d in docs if low and low in d.title.lower()]
    if len(hits) == 1:
        return hits[0]
    what = "no document" if not hits else f"{len(hits)} documents"
    raise ReviewError(f"{what} match '{key}'; documents: " + _listing(hits or docs))
