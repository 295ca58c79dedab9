"""The clause library's suggestions for an open review, in the window's suggestion list.

A library match becomes an ordinary ``Suggestion`` (marked ``library``) so the item panel
shows it, reveals it and links it (only on the assessor's Link) like any other; its
section reads "Library" and its heading says where the clause was used before, how it
differs and why it was accepted. Matching a review's documents is done once per library
state and document set (every item's matches come from one pass) and then reused.
"""

from __future__ import annotations

from pathlib import Path

from reviewer_app.core.caseload.index import CaseloadError, default_index_path
from reviewer_app.core.library.masking import agency_words
from reviewer_app.core.library.matching import LibraryIndex, LibraryMatch, best_per_item, leads
from reviewer_app.core.library.store import ClauseLibrary
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.suggest.engine import Suggestion

_CACHE: dict[tuple, list[LibraryMatch]] = {}


def review_matches(store: ReviewStore, db: Path) -> list[LibraryMatch]:
    """Every library clause found in the review's documents (cached)."""
    docs = tuple(d.id for d in store.documents())
    stat = db.stat()
    key = (str(store.path), docs, str(db), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        with ClauseLibrary.open(db) as library:
            clauses = library.clauses({i.id for i in store.standards().ordered_items()},
                                      without=frozenset({store.review_uuid()}))
        index = LibraryIndex(clauses)
        agency = agency_words([store.review().agency_name])
        _CACHE.clear()
        _CACHE[key] = [m for d in docs
                       for m in index.match(store.document_text(d).text, d, agency)]
    return _CACHE[key]


def with_library(store: ReviewStore, item_id: str, lexical: list[Suggestion],
                 db: Path | None = None) -> list[Suggestion]:
    """``lexical`` with the library's leading matches for the item first (a lexical
    suggestion at the same place gives way to it). No library yet: ``lexical`` as is."""
    db = db or default_index_path()
    if not db.exists():
        return lexical
    try:
        matches = [m for m in review_matches(store, db) if m.item_id == item_id]
    except CaseloadError:
        return lexical  # a library this app cannot read is not the review's problem
    spans = {item_id: [(s.doc_id, s.start, s.end, s.confident) for s in lexical]}
    code = store.standards().item(item_id).code
    found = [m for m in best_per_item(matches, spans).get(item_id, []) if leads(m, spans)]
    out = [as_suggestion(store, m, code) for m in found]
    rest = [s for s in lexical if not any(o.doc_id == s.doc_id and o.start < s.end
                                          and s.start < o.end for o in out)]
    return out + rest


def as_suggestion(store: ReviewStore, m: LibraryMatch, code: str) -> Suggestion:
    text = store.document_text(m.doc_id)
    about = m.headline().format(code=code)
    if m.differences:
        about += " · differs: " + "; ".join(d.text() for d in m.differences[:4])
    else:
        about += " · word for word"
    if m.places > 1:
        about += f" · {m.places} places, best shown"
    if m.clause.rationale:
        about += f" · earlier rationale: \u201c{m.clause.rationale}\u201d"
    return Suggestion(m.doc_id, text.page_of(m.start), m.start, m.end, "Library:", about,
                      text.text[m.start:m.end], round(m.ratio / 100, 2), ("library",))


def library_summary(db: Path) -> tuple[bool, str]:
    """(usable, one sentence) about the library database at ``db``, for the window's
    setting: how many clauses it holds, or why it cannot be used. A missing file is usable
    (it is created by the first ``library build`` or caseload scan)."""
    if not db.exists():
        return True, ("No library there yet: `reviewer-app library build DIR --db PATH` or a "
                      "caseload scan creates it; suggestions are lexical until then.")
    try:
        with db.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False, f"{db.name} is not a caseload database (not an SQLite file)."
    except OSError as exc:
        return False, f"{db.name} cannot be read ({exc.strerror or exc})."
    try:
        with ClauseLibrary.open(db) as library:
            clauses, uses, reviews = library.counts()
    except CaseloadError as exc:
        return False, str(exc)
    return True, (f"{clauses:,} clause(s) from {reviews:,} review(s), used {uses:,} time(s).")
