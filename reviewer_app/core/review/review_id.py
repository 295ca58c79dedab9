"""A review's stable id: a UUID that stays with the file when it is copied, moved or renamed.

New reviews get a random UUID when created. Files from before ids existed get one derived
from what was fixed at their creation and can never change (the creation time, the
standards set's hash and the first, append-only log entry), so the migration that stores
it and the caseload scanner, which reads such files read-only and cannot migrate them,
arrive at the same id.
"""

from __future__ import annotations

import sqlite3
import uuid

# Namespace of ids derived for files written before review ids existed (never change it).
LEGACY_NAMESPACE = uuid.UUID("5b0f3c2e-9a0d-4f7e-8d61-2f4a7c1e9b30")


def new_review_uuid() -> str:
    return str(uuid.uuid4())


def legacy_review_uuid(conn: sqlite3.Connection) -> str:
    """The id of a review file written before ids existed, from its immutable parts."""
    review = conn.execute("SELECT created_at, standards_sha256 FROM review").fetchone()
    first = conn.execute("SELECT at, actor, summary FROM log ORDER BY id LIMIT 1").fetchone()
    parts = [*(review or ("", "")), *(first or ("", "", ""))]
    return str(uuid.uuid5(LEGACY_NAMESPACE, "|".join(str(p) for p in parts)))


def stored_review_uuid(conn: sqlite3.Connection) -> str:
    """The file's id: the stored one, or the derived one for a file not yet migrated."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(review)")}
    if "review_uuid" in columns:
        row = conn.execute("SELECT review_uuid FROM review").fetchone()
        if row and row[0]:
            return str(row[0])
    return legacy_review_uuid(conn)
