"""The assessor's findings frozen at submission, kept in the log's payload.

The log is the one place it lives (append-only and chained), so it cannot be edited after
the fact; the snapshot in force is the last submission not undone.
"""

from __future__ import annotations

import json
import sqlite3

SUBMIT_ACTION = "submit_for_second_review"


def findings_snapshot(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """item -> {"result", "rationale", "by"} for every item with a result."""
    rows = conn.execute("SELECT item_id, result, rationale, updated_by FROM findings "
                        "WHERE result != 'not_assessed' ORDER BY item_id")
    return {r[0]: {"result": r[1], "rationale": r[2], "by": r[3]} for r in rows}


def assessor_snapshot(conn: sqlite3.Connection) -> dict[str, tuple[str, str]] | None:
    """item -> (result, rationale) as submitted, or None when nothing was submitted."""
    live: list[dict] = []
    for action, payload in conn.execute(
            "SELECT action, payload FROM log WHERE action = ? OR action = 'undo' ORDER BY id",
            (SUBMIT_ACTION,)):
        data = json.loads(payload or "{}")
        if action == SUBMIT_ACTION:
            live.append(data.get("snapshot", {}))
        elif data.get("undone") == SUBMIT_ACTION and live:
            live.pop()
    if not live:
        return None
    return {k: (v.get("result", "not_assessed"), v.get("rationale", ""))
            for k, v in live[-1].items()}
