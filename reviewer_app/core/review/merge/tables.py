"""The tables a merge brings together, as data (see the package docstring to add one).

A ``TableSpec`` says how to key a table's rows across copies, which columns a merge
copies and compares, and what a row looks like while a conflict on it is open. The
store stamps every registered table (``stable_ids``); the merge plans, writes, undoes
and compares them without knowing which table is which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Row = dict[str, object]


def _first(candidates: list[Row | None]) -> Row | None:
    return next((c for c in candidates if c is not None), None)


@dataclass(frozen=True)
class TableSpec:
    """How one table merges.

    ``key``: the column both copies share for a row (a uid, a SHA-256, an item id; "a+b"
    for a key of two columns, such as a person's name and role); with
    ``per_column`` the table has one row and each of its ``columns`` merges on its own
    (key = the column's name). ``columns``: what is copied from the winning copy;
    ``compare``: what must agree for two versions to be "the same" (default: columns).
    ``refs``: (column, table) pairs holding another registered table's local id, carried
    across as that table's key. ``local_id``: this table's own integer id, renumbered on
    import; ``fresh_key``: the key is a generated uid, and a row inserted with one another
    row has (a copied record) gets a fresh one. ``item``: the column naming the checklist
    item a row serves (flagged for re-review when the row is in conflict).
    ``on_conflict``: the row written while a conflict is open, from the candidates in
    canonical order (default: the first one).
    """

    table: str
    key: str
    columns: tuple[str, ...]
    label: Callable[[Row], str]
    compare: tuple[str, ...] = ()
    refs: tuple[tuple[str, str], ...] = ()
    local_id: str | None = None
    per_column: bool = False
    fresh_key: bool = False  # the key is a generated uid: a duplicate inserted gets a new one
    item: str | None = None
    on_conflict: Callable[[list[Row | None]], Row | None] = field(default=_first)

    @property
    def compared(self) -> tuple[str, ...]:
        return self.compare or self.columns

    def key_sql(self, prefix: str = "") -> str:
        """The key as SQL (``prefix``: "NEW." in a trigger); "a+b" keys join columns."""
        return " || '/' || ".join(f"{prefix}{c}" for c in self.key.split("+"))

    def key_of(self, row: Row) -> str:
        return "/".join(str(row[c]) for c in self.key.split("+"))


def _finding_in_conflict(candidates: list[Row | None]) -> Row | None:
    """An item whose result the two copies set differently has no result until settled."""
    base = _first(candidates)
    if base is None:
        return None
    return {**base, "result": "not_assessed", "rationale": "", "needs_rereview": 1}


def _quote(row: Row) -> str:
    text = " ".join(str(row.get("exact") or "").split())
    return f'"{text[:60]}…"' if len(text) > 60 else (f'"{text}"' if text else "(area)")


SPECS: list[TableSpec] = [
    TableSpec("documents", key="sha256",
              columns=("sha256", "title", "filename", "page_count", "pdf_id", "page_labels",
                       "extractor_version", "added_at", "added_by", "replaces", "active"),
              compare=("title", "replaces", "active"), refs=(("replaces", "documents"),),
              local_id="id", label=lambda r: f"document {r.get('title')}"),
    TableSpec("evidence", key="uid",
              columns=("uid", "item_id", "doc_id", "kind", "page", "start", "end", "exact",
                       "prefix", "suffix", "quads", "extractor_version", "note", "status",
                       "previous_exact", "created_by", "created_at"),
              compare=("item_id", "doc_id", "kind", "page", "start", "end", "exact", "quads",
                       "note", "status", "previous_exact"),
              refs=(("doc_id", "documents"),), local_id="id", item="item_id",
              fresh_key=True,
              label=lambda r: f"evidence for {r.get('item_id')} on p.{int(r.get('page') or 0) + 1} "  # type: ignore[call-overload]
                              f"{_quote(r)}"),
    TableSpec("findings", key="item_id",
              columns=("item_id", "result", "rationale", "needs_rereview", "updated_by",
                       "updated_at"),
              compare=("result", "rationale", "needs_rereview"), item="item_id",
              on_conflict=_finding_in_conflict,
              label=lambda r: f"finding of {r.get('item_id')}"),
    TableSpec("review", key="id", per_column=True,
              columns=("agency_name", "agency_ori", "agency_state", "credentialing_body",
                       "assessor", "notes"),
              label=lambda r: f"review {r.get('column')}"),
    # the second review and sign-off (m005_people_and_stages): merged once that
    # migration is in the file; a table or column a file lacks is skipped
    TableSpec("people", key="name+role", columns=("id", "name", "role", "added_at"),
              compare=("name", "role"), label=lambda r: f"person {r.get('name')}"),
    TableSpec("second_results", key="item_id",
              columns=("item_id", "result", "rationale", "person", "at"),
              compare=("result", "rationale"), item="item_id",
              label=lambda r: f"second review of {r.get('item_id')}"),
    TableSpec("reconciliations", key="item_id",
              columns=("item_id", "result", "note", "person", "at"),
              compare=("result", "note"), item="item_id",
              label=lambda r: f"reconciliation of {r.get('item_id')}"),
    TableSpec("stage", key="id", per_column=True,
              columns=("stage", "signed_by", "signed_role", "signed_at"),
              label=lambda r: f"stage {r.get('column')}"),
    # further standards sets and crosswalks (m007_extra_sets), snapshots keyed by their id
    TableSpec("review_sets", key="set_id",
              columns=("set_id", "position", "standards_json", "standards_sha256",
                       "added_at"),
              compare=("position", "standards_sha256"),
              label=lambda r: f"standards set {r.get('set_id')}"),
    TableSpec("review_crosswalks", key="crosswalk_id",
              columns=("crosswalk_id", "from_set", "to_set", "crosswalk_json", "sha256",
                       "added_at"),
              compare=("from_set", "to_set", "sha256"),
              label=lambda r: f"crosswalk {r.get('crosswalk_id')}"),
    TableSpec("merge_conflicts", key="uid",
              columns=("uid", "tbl", "key", "label", "candidates", "settled", "choice",
                       "created_at"),
              compare=("candidates", "settled", "choice"),
              label=lambda r: f"conflict on {r.get('label')}"),
]


def register(spec: TableSpec) -> None:
    """Add a table to what merges (before ``merge_conflicts``, which stays last)."""
    SPECS[:] = [s for s in SPECS if s.table != spec.table]
    SPECS.insert(len(SPECS) - 1, spec)


def spec_of(table: str) -> TableSpec:
    return next(s for s in SPECS if s.table == table)
