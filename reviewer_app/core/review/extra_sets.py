"""The standards sets a review assesses besides the one it was created with (issue 17).

The primary set lives in ``review`` (unchanged since m001); further sets and the crosswalks
between sets are snapshots in ``review_sets`` and ``review_crosswalks`` (m007). Findings
and evidence share one table for every set, so an item of a further set is stored under a
*qualified* id, ``SETID/ITEM`` (``qualify``): ids of sets never hold a ``/``, so this can
never collide with an item of the primary set, whose ids stay bare and whose files are
therefore unchanged. Users may name any item the same way (``--item calea/4.1.1``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict, dataclass

from reviewer_app.core.checklist.crosswalk import Crosswalk, Mapping
from reviewer_app.core.checklist.standards import Item, StandardsSet, standards_from_json
from reviewer_app.core.errors import ReviewError, ReviewFileError, StandardsError

SEP = "/"


def qualify(set_id: str, item_id: str, primary_id: str) -> str:
    """How an item is stored in findings and evidence: bare for the primary set."""
    return item_id if set_id == primary_id else f"{set_id}{SEP}{item_id}"


def split_qualified(stored: str, primary_id: str) -> tuple[str, str]:
    """(set id, item id) of a stored item id."""
    if SEP in stored:
        set_id, item_id = stored.split(SEP, 1)
        return set_id, item_id
    return primary_id, stored


@dataclass(frozen=True)
class ReviewSet:
    standards: StandardsSet
    sha256: str  # as recorded when the set was added (the seal check compares)
    position: int  # 0 for the primary set
    primary: bool

    @property
    def id(self) -> str:
        return self.standards.id

    def stored_id(self, item_id: str) -> str:
        return item_id if self.primary else qualify(self.id, item_id, "")


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                        "name = 'review_sets'").fetchone()[0] > 0


def extra_sets(conn: sqlite3.Connection) -> list[ReviewSet]:
    """The further sets, in the order they were added."""
    if not has_tables(conn):
        return []
    out = []
    for set_id, position, text, sha in conn.execute(
            "SELECT set_id, position, standards_json, standards_sha256 FROM review_sets "
            "ORDER BY position"):
        try:
            standards = standards_from_json(text)
        except ReviewFileError:
            raise ReviewFileError(f"the embedded copy of the standards set '{set_id}' is "
                                  "unreadable.") from None
        out.append(ReviewSet(standards, sha, position, False))
    return out


def all_sets(conn: sqlite3.Connection, primary: StandardsSet, sha256: str) -> list[ReviewSet]:
    """Every set of the review, the primary first."""
    return [ReviewSet(primary, sha256, 0, True), *extra_sets(conn)]


def find_set(sets: list[ReviewSet], set_id: str) -> ReviewSet:
    for s in sets:
        if s.id == set_id:
            return s
    raise ReviewError(f"this review assesses no set '{set_id}'; its sets: "
                      f"{', '.join(s.id for s in sets)}.")


def resolve_item(sets: list[ReviewSet], ref: str) -> tuple[ReviewSet, Item]:
    """The set and item that ``ref`` names: an id or code of the primary set, or
    ``SETID/ITEM`` for any set."""
    ref = str(ref).strip()
    if SEP in ref:
        set_id, item_ref = ref.split(SEP, 1)
        s = find_set(sets, set_id.strip())
        return s, s.standards.item(item_ref.strip())
    try:
        return sets[0], sets[0].standards.item(ref)
    except StandardsError as exc:
        if len(sets) > 1:  # name the way to reach the other sets' items
            others = ", ".join(f"{s.id}/CODE" for s in sets[1:])
            raise StandardsError(f"{exc}; items of the review's other sets are named "
                                 f"{others}") from None
        raise


def stored_item_id(sets: list[ReviewSet], ref: str) -> str:
    s, item = resolve_item(sets, ref)
    return s.stored_id(item.id)


def display_code(sets: list[ReviewSet], stored: str) -> str:
    """``B`` for the primary set's item B, ``calea 4.1.1`` for another set's."""
    set_id, item_id = split_qualified(stored, sets[0].id)
    for s in sets:
        if s.id == set_id and s.standards.has_item(item_id):
            code = s.standards.item(item_id).code
            return code if s.primary else f"{s.id} {code}"
    return stored


# -- crosswalk snapshots ---------------------------------------------------------------

def crosswalk_json(cw: Crosswalk) -> str:
    return json.dumps(asdict(cw), sort_keys=True, ensure_ascii=False, indent=1)


def crosswalk_sha256(cw: Crosswalk) -> str:
    canonical = json.dumps(asdict(cw), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def crosswalks(conn: sqlite3.Connection) -> list[Crosswalk]:
    """The crosswalks the review uses (their items already resolved to ids)."""
    if not has_tables(conn):
        return []
    out = []
    for cw_id, text in conn.execute("SELECT crosswalk_id, crosswalk_json FROM "
                                    "review_crosswalks ORDER BY added_at, crosswalk_id"):
        try:
            d = json.loads(text)
            maps = tuple(Mapping(**{**m, "target_items": tuple(m["target_items"])})
                         for m in d.pop("mappings"))
            out.append(Crosswalk(**{**d, "mappings": maps}))
        except (ValueError, KeyError, TypeError) as exc:
            raise ReviewFileError(f"the embedded copy of the crosswalk '{cw_id}' is "
                                  f"unreadable ({exc}).") from None
    return out


def sets_problems(conn: sqlite3.Connection) -> list[str]:
    """Further sets or crosswalks whose snapshot no longer has its recorded SHA-256."""
    if not has_tables(conn):
        return []
    out = []
    for set_id, text, sha in conn.execute("SELECT set_id, standards_json, standards_sha256 "
                                          "FROM review_sets"):
        try:
            actual = standards_from_json(text).sha256
        except ReviewFileError:
            actual = ""
        if actual != sha:
            out.append(f"the embedded copy of the standards set '{set_id}' was edited: its "
                       f"SHA-256 is no longer the recorded {sha[:12]}.")
    try:
        walks = crosswalks(conn)
    except ReviewFileError as exc:
        return [*out, str(exc)]
    for cw in walks:
        (sha,) = conn.execute("SELECT sha256 FROM review_crosswalks WHERE crosswalk_id = ?",
                              (cw.id,)).fetchone()
        if crosswalk_sha256(cw) != sha:
            out.append(f"the embedded copy of the crosswalk '{cw.id}' was edited.")
    return out


def known_stored_ids(conn: sqlite3.Connection) -> set[str]:
    """Qualified ids of every item of the further sets (for the row checks)."""
    return {s.stored_id(i.id) for s in extra_sets(conn) for i in s.standards.items}
