"""Sentences about a merge for the command line and the window: what came in, what was
stranded on a replaced revision, and each conflict with its candidates."""

from __future__ import annotations

from reviewer_app.core.review.merge.plan import Plan
from reviewer_app.core.review.merge.tables import SPECS, Row
from reviewer_app.core.vocabulary import Result

_VERBS = {"added": "came in", "changed": "changed", "removed": "removed",
          "conflict": "in conflict", "flagged": "flagged for re-review",
          "stranded": "was on a revision the other copy replaced"}


def _short(text: object, width: int = 70) -> str:
    t = " ".join(str(text or "").split())
    return t if len(t) <= width else t[: width - 1] + "…"


def describe(table: str, row: Row | None) -> str:
    """One candidate of a conflict, as the user chooses between them."""
    if row is None:
        return "removed"
    if table == "findings":
        try:
            result = Result(str(row.get("result"))).label
        except ValueError:
            result = str(row.get("result"))
        why = _short(row.get("rationale"))
        return f"{result}" + (f': "{why}"' if why else "") + f" ({row.get('updated_by')}, " \
            f"{row.get('updated_at')})"
    if table == "evidence":
        quote = _short(row.get("exact"), 60) or "(area)"
        note = f', note "{_short(row.get("note"), 40)}"' if row.get("note") else ""
        return (f"{row.get('item_id')} p.{int(str(row.get('page') or 0)) + 1} \"{quote}\""
                f"{note} [{row.get('status')}] on {str(row.get('doc_id'))[:8]}")
    if table in ("documents", "revision"):
        state = "current" if row.get("active") else "replaced"
        return f"{row.get('title')} ({str(row.get('sha256'))[:8]}, {state})"
    if "value" in row:
        return f'"{_short(row.get("value"))}"'
    return _short(row, 90)


def came_in_lines(plan: Plan) -> list[str]:
    """What the merge changes in "mine", one line per row, grouped by table."""
    out = []
    specs = {s.table: s for s in SPECS}
    for (table, _key), w in sorted(plan.writes.items(), key=lambda kv: (
            [s.table for s in SPECS].index(kv[0][0]), kv[0][1])):
        if w.why == "conflict":
            continue
        row = w.row or plan.mine.row(table, _key) or {}
        out.append(f"{plan.label(specs[table], row)} {_VERBS.get(w.why, w.why)}")
    return out


def conflict_lines(plan: Plan) -> list[str]:
    out = []
    for n, c in enumerate(plan.conflicts, 1):
        out.append(f"{n}. {c.label}")
        for k, cand in enumerate(c.candidates, 1):
            out.append(f"   [{k}] {cand.copy}: {describe(c.table, cand.row)}")
    return out
