"""Deciding, key by key, what the merged review holds (pure: reads two ``Copy`` values).

For each key of each registered table: a version whose stamp the other copy knows was
not changed since the copies split, so the other version descends from it and wins;
versions changed in both copies are the same (kept), or a ``Conflict`` with both
candidates in canonical order (sorted by their compared content), so the outcome does not
depend on which copy is "mine". Then the rules that span tables: evidence brought onto a
document the other copy replaced (``stranded``: re-anchored or orphaned by the writer),
two revisions replacing one document (a revision conflict; both stay active), and the
items of conflicted evidence flagged for re-review.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from reviewer_app.core.review.merge.snapshot import Copy, canonical
from reviewer_app.core.review.merge.tables import SPECS, Row, TableSpec, spec_of


@dataclass(frozen=True)
class Candidate:
    copy: str  # the file it came from
    row: Row | None  # None: the copy removed the row
    stamp: str


@dataclass(frozen=True)
class Conflict:
    table: str
    key: str
    label: str
    candidates: tuple[Candidate, ...]

    @property
    def uid(self) -> str:
        """The same conflict has the same id whichever copy is "mine" (and on re-merge)."""
        text = json.dumps([self.table, self.key, [canonical_row(c.row) for c in
                                                  self.candidates]], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def row(self, created_at: str) -> Row:
        return {"uid": self.uid, "tbl": self.table, "key": self.key, "label": self.label,
                "candidates": json.dumps([{"copy": c.copy, "row": c.row, "stamp": c.stamp}
                                          for c in self.candidates], sort_keys=True,
                                         ensure_ascii=False, default=str),
                "settled": 0, "choice": None, "created_at": created_at}


def canonical_row(row: Row | None) -> str:
    return "null" if row is None else json.dumps(row, sort_keys=True, default=str)


@dataclass
class Write:
    """Set ``key`` of ``table`` in mine to ``row`` (None: remove it), stamped ``stamp``."""

    table: str
    key: str
    row: Row | None
    stamp: str
    why: str  # "added", "changed", "removed", "conflict", "flagged", ...


@dataclass
class Plan:
    mine: Copy
    theirs: Copy
    writes: dict[tuple[str, str], Write] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    stranded: list[str] = field(default_factory=list)  # evidence uids on a replaced doc
    names: dict[str, str] = field(default_factory=dict)  # item id -> "B (chokehold)"

    def label(self, spec: TableSpec, row: Row) -> str:
        """The spec's label of ``row``, its item named by code as the checklist shows it."""
        text = spec.label(row)
        item = str(row.get(spec.item)) if spec.item else ""
        return text.replace(item, self.names[item], 1) if item in self.names else text

    @property
    def new_actions(self) -> list[str]:
        return sorted(self.theirs.known - self.mine.known)

    @property
    def empty(self) -> bool:
        return not (self.writes or self.conflicts or self.new_actions)

    def merged(self, table: str, key: str) -> Row | None:
        """The row the merged review will hold."""
        w = self.writes.get((table, key))
        return w.row if w else self.mine.row(table, key)

    def merged_keys(self, table: str) -> set[str]:
        keys = set(self.mine.rows.get(table, {})) | {k for t, k in self.writes if t == table}
        return {k for k in keys if self.merged(table, k) is not None}

    def split_point(self) -> int:
        """How many log entries the copies share from the start."""
        n = 0
        for a, b in zip(self.mine.log, self.theirs.log, strict=False):
            if a != b:
                break
            n += 1
        return n


def _compared(spec: TableSpec) -> tuple[str, ...]:
    return ("column", "value") if spec.per_column else spec.compared


def _decide(plan: Plan, spec: TableSpec, key: str, merge_uid: str) -> None:
    mine, theirs = plan.mine, plan.theirs
    m, t = mine.row(spec.table, key), theirs.row(spec.table, key)
    if m == t:
        return
    sm, st = mine.stamp(spec.table, key), theirs.stamp(spec.table, key)
    m_changed = bool(sm) and sm not in theirs.known
    t_changed = bool(st) and st not in mine.known
    if t_changed and not m_changed:
        plan.writes[(spec.table, key)] = Write(
            spec.table, key, t, st, "added" if m is None else "removed" if t is None
            else "changed")
        return
    if m_changed and not t_changed:
        return
    cols = _compared(spec)
    if m is not None and t is not None and canonical(m, cols) == canonical(t, cols):
        if st > sm:  # the same content: the version with the greater stamp, either way
            plan.writes[(spec.table, key)] = Write(spec.table, key, t, st, "changed")
        return
    cands = sorted([Candidate(mine.name, m, sm), Candidate(theirs.name, t, st)],
                   key=lambda c: (canonical(c.row, cols), c.stamp))
    label = plan.label(spec, next(c.row for c in cands if c.row is not None) or {})
    conflict = Conflict(spec.table, key, label, tuple(cands))
    plan.conflicts.append(conflict)
    row = spec.on_conflict([c.row for c in cands])
    if row != m:
        plan.writes[(spec.table, key)] = Write(spec.table, key, row, merge_uid, "conflict")


def plan_merge(mine: Copy, theirs: Copy, merge_uid: str,
               names: dict[str, str] | None = None) -> Plan:
    """What merging ``theirs`` into ``mine`` writes; symmetric in content. ``names``:
    how labels name items (``item_names``)."""
    plan = Plan(mine, theirs, names=names or {})
    if not plan.new_actions and theirs.known <= mine.known:
        return plan  # mine has seen every action of theirs: nothing comes in
    for spec in SPECS:
        keys = set(mine.rows.get(spec.table, {})) | set(theirs.rows.get(spec.table, {}))
        for key in sorted(keys):
            _decide(plan, spec, key, merge_uid)
    _keep_documents(plan)
    _strand_evidence(plan)
    for uid in plan.stranded:  # orphaned unless the writer can re-anchor it
        row = plan.merged("evidence", uid)
        plan.writes[("evidence", uid)] = Write("evidence", uid, {**(row or {}),
                                                                 "status": "orphaned"},
                                               merge_uid, "stranded")
    _revision_conflicts(plan)
    _flag_items(plan, merge_uid)
    return plan


def _keep_documents(plan: Plan) -> None:
    """Documents are never removed by a merge: present in either copy, kept."""
    for (table, key), w in list(plan.writes.items()):
        if table == "documents" and w.row is None:
            del plan.writes[(table, key)]


def _active_in(copy: Copy, sha: str) -> bool:
    row = copy.row("documents", sha)
    return bool(row and row.get("active"))


def _strand_evidence(plan: Plan) -> None:
    """Evidence whose document is replaced in the merged review though it was current in
    the copy the evidence comes from: the other copy replaced it meanwhile."""
    for uid in sorted(plan.merged_keys("evidence")):
        row = plan.merged("evidence", uid)
        assert row is not None
        sha = str(row.get("doc_id"))
        doc = plan.merged("documents", sha)
        if doc is None or doc.get("active") or row.get("status") == "orphaned":
            continue
        w = plan.writes.get(("evidence", uid))
        origin = plan.theirs if w is not None and w.row == plan.theirs.row("evidence", uid) \
            else plan.mine
        if _active_in(origin, sha):
            plan.stranded.append(uid)


def _revision_conflicts(plan: Plan) -> None:
    """Two current revisions replacing one document: both stay current until settled."""
    by_old: dict[str, list[Row]] = {}
    for sha in sorted(plan.merged_keys("documents")):
        row = plan.merged("documents", sha)
        if row and row.get("active") and row.get("replaces"):
            by_old.setdefault(str(row["replaces"]), []).append(row)
    for old, revisions in sorted(by_old.items()):
        if len(revisions) < 2:
            continue
        owner = {r["sha256"]: (plan.mine.name if plan.mine.row("documents", str(r["sha256"]))
                               else plan.theirs.name) for r in revisions}
        cands = tuple(Candidate(owner[r["sha256"]], r, "") for r in
                      sorted(revisions, key=lambda r: str(r["sha256"])))
        old_row = plan.merged("documents", old) or {}
        plan.conflicts.append(Conflict("revision", old, f"revision of document "
                                                        f"{old_row.get('title', old[:8])}",
                                       cands))


def _flag_items(plan: Plan, merge_uid: str) -> None:
    """Findings resting on conflicted or stranded evidence are flagged for re-review."""
    items = set()
    for c in plan.conflicts:
        spec = next((s for s in SPECS if s.table == c.table), None)
        if spec and spec.item and spec.table != "findings":
            items |= {str(x.row[spec.item]) for x in c.candidates if x.row}
    for uid in plan.stranded:
        row = plan.merged("evidence", uid)
        if row:
            items.add(str(row["item_id"]))
    findings = spec_of("findings")
    for item in sorted(items):
        row = plan.merged(findings.table, item)
        if row is None or row.get("needs_rereview"):
            continue
        plan.writes[(findings.table, item)] = Write(findings.table, item,
                                                    {**row, "needs_rereview": 1}, merge_uid,
                                                    "flagged")


def item_names(standards: object) -> dict[str, str]:
    """Item id -> "B (chokehold)" for a standards set (its ``items``)."""
    return {i.id: f"{i.code} ({i.id})" if i.code != i.id else i.id
            for i in getattr(standards, "items", ())}
