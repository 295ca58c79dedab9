"""Proposed evidence: a clause linked to an item of one set, offered for the items a
crosswalk maps it to in another set of the same review.

Proposals are computed from the evidence and the review's crosswalk snapshots every time
they are asked for, never stored: nothing counts for a set until the assessor accepts it
(``commands.sets.AcceptProposals``, one undoable step), and a clause unlinked from its
item stops being proposed at once. A crosswalk proposes in both directions (a state's
table onto the DOJ set serves a review whose primary set is either one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reviewer_app.core.checklist.crosswalk import Crosswalk
from reviewer_app.core.records import Evidence
from reviewer_app.core.review.extra_sets import (
    ReviewSet,
    crosswalks,
    qualify,
    split_qualified,
)
from reviewer_app.core.review.reads import ReviewReads


@dataclass(frozen=True)
class Link:
    """An item of one set that counts (partly or fully) for an item of another."""

    set_id: str
    item_id: str  # bare id in ``set_id``
    code: str
    title: str
    relation: str  # "equivalent" or "partial"
    crosswalk: str
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.set_id} {self.code}"


@dataclass(frozen=True)
class Proposal:
    target: Link  # where the evidence would count
    source: Link  # the item it is linked to
    evidence: Evidence  # the linked evidence (its item id as stored)
    target_stored: str  # the item id the evidence gets when accepted (qualified if need be)


def _edges(sets: list[ReviewSet], walks: list[Crosswalk]) -> dict[str, list[Link]]:
    """Stored item id -> the items of other sets it maps to (both directions)."""
    by_id = {s.id: s for s in sets}
    out: dict[str, list[Link]] = defaultdict(list)

    def add(src: ReviewSet, src_item: str, dst: ReviewSet, dst_item: str, cw: Crosswalk,
            relation: str, note: str) -> None:
        if not (src.standards.has_item(src_item) and dst.standards.has_item(dst_item)):
            return
        item = dst.standards.item(dst_item)
        link = Link(dst.id, item.id, item.code, item.title, relation, cw.id, note)
        key = src.stored_id(src_item)
        if link not in out[key]:
            out[key].append(link)

    for cw in walks:
        a, b = by_id.get(cw.source_set), by_id.get(cw.target_set)
        if a is None or b is None:
            continue
        for m in cw.mappings:
            for t in m.target_items:
                add(a, m.source_item, b, t, cw, m.relation, m.note)
                add(b, t, a, m.source_item, cw, m.relation, m.note)
    return out


def also_counts_for(store: ReviewReads, stored_item: str) -> list[Link]:
    """The items of the review's other sets that an item maps to."""
    return _edges(store.sets(), crosswalks(store.conn)).get(stored_item, [])


def anchor_key(ev: Evidence) -> tuple:
    """Two evidence rows with this key mark the same place of the same document."""
    if ev.kind == "text":
        return (ev.doc_id, "text", ev.start, ev.end)
    return (ev.doc_id, ev.kind, ev.page, ev.quads)


def proposals(store: ReviewReads, set_id: str | None = None,
              item_id: str | None = None) -> list[Proposal]:
    """Evidence proposed for items of ``set_id`` (every set when None; one bare item of it
    with ``item_id``), each place once per item, none the item already has."""
    sets = store.sets()
    primary = sets[0].id
    edges = _edges(sets, crosswalks(store.conn))
    if not edges:
        return []
    evidence = store.evidence()
    by_item: dict[str, list[Evidence]] = defaultdict(list)
    for ev in evidence:
        by_item[ev.item_id].append(ev)
    out: list[Proposal] = []
    seen: set[tuple] = set()
    for src_stored, links in edges.items():
        src_set, src_item = split_qualified(src_stored, primary)
        src = next(s for s in sets if s.id == src_set).standards.item(src_item)
        for link in links:
            if (set_id is not None and link.set_id != set_id) or \
                    (item_id is not None and link.item_id != item_id):
                continue
            target = qualify(link.set_id, link.item_id, primary)
            have = {anchor_key(e) for e in by_item.get(target, [])}
            for ev in by_item.get(src_stored, []):
                key = (target, anchor_key(ev))
                if anchor_key(ev) in have or key in seen:
                    continue
                seen.add(key)
                source = Link(src_set, src.id, src.code, src.title, link.relation,
                              link.crosswalk, link.note)
                out.append(Proposal(link, source, ev, target))
    order = {s.id: n for n, s in enumerate(sets)}
    return sorted(out, key=lambda p: (order.get(p.target.set_id, 99), p.target.code,
                                      p.evidence.id))
