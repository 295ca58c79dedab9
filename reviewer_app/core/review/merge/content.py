"""The canonical content of a review, for comparing two files as reviews.

Two files hold the same review when every registered table has the same rows by natural
key (evidence by uid, documents by SHA-256, findings by item), local integer ids, stamps
and the log left out: merging A into B and B into A write different log rows and ids but
must give the same content. A conflict is compared by its candidates and whether and how
it was settled (not by when it was recorded).
"""

from __future__ import annotations

import json
import sqlite3

from reviewer_app.core.review.merge.snapshot import canonical, id_maps, natural_rows, present_specs


def review_content(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """Table -> key -> the row's canonical JSON."""
    ids = id_maps(conn)
    out: dict[str, dict[str, str]] = {}
    for spec in present_specs(conn):
        rows, _ = natural_rows(conn, spec, ids)
        if spec.per_column:
            cols: tuple[str, ...] = ("column", "value")
        elif spec.table == "merge_conflicts":  # the candidates' rows, not which file
            cols = spec.compared
            rows = {k: {**r, "candidates": [c.get("row") for c in
                                            json.loads(str(r["candidates"]))]}
                    for k, r in rows.items()}
        else:
            cols = spec.columns
        out[spec.table] = {k: canonical(r, cols) for k, r in rows.items()}
    return out


def content_differences(a: sqlite3.Connection, b: sqlite3.Connection) -> list[str]:
    """What differs between two reviews' content, one line per row ([] when equal)."""
    ca, cb = review_content(a), review_content(b)
    out = []
    for table in sorted(set(ca) | set(cb)):
        ra, rb = ca.get(table, {}), cb.get(table, {})
        for key in sorted(set(ra) | set(rb)):
            if ra.get(key) != rb.get(key):
                out.append(f"{table} {key}: {ra.get(key)} != {rb.get(key)}")
    return out
