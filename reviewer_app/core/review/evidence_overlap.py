"""Whether a new quote repeats evidence the item already has: the same clause linked twice,
or a clause inside (or around) one already linked, is reported rather than silently kept."""

from __future__ import annotations

from reviewer_app.core.records import Evidence
from reviewer_app.core.review.store import ReviewStore

SAME, INSIDE, CONTAINS, OVERLAPS = "same", "inside", "contains", "overlaps"


def overlapping_evidence(store: ReviewStore, item_id: str, doc_id: int, start: int,
                         end: int) -> list[tuple[Evidence, str]]:
    """The item's text evidence in the same document that shares characters with
    [start, end), each with how it relates to the new span."""
    out: list[tuple[Evidence, str]] = []
    for ev in store.evidence(item_id=item_id):
        if ev.doc_id != doc_id or ev.kind != "text" or ev.start is None or ev.end is None:
            continue
        if ev.end <= start or end <= ev.start:
            continue
        if (ev.start, ev.end) == (start, end):
            relation = SAME
        elif ev.start <= start and end <= ev.end:
            relation = INSIDE
        elif start <= ev.start and ev.end <= end:
            relation = CONTAINS
        else:
            relation = OVERLAPS
        out.append((ev, relation))
    return out


def describe(ev: Evidence, relation: str, code: str) -> str:
    """One sentence for the user about an overlap."""
    what = {SAME: "is already linked", INSIDE: "lies inside evidence already linked",
            CONTAINS: "contains evidence already linked",
            OVERLAPS: "overlaps evidence already linked"}[relation]
    quote = ev.exact if len(ev.exact) <= 60 else ev.exact[:57] + "..."
    return f"this quote {what} to {code} as evidence {ev.id} (page {ev.page + 1}: \"{quote}\")"
