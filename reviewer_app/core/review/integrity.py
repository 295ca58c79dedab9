"""Is a review file as the app left it? Checks for files edited with a database tool.

``row_problems`` (SQL only, a few milliseconds) finds rows that would break the app:
a result that is not a result, evidence on a missing document, quads that are not
JSON or not finite, a missing review row, log details that are not JSON, dates that are
not ISO 8601, empty document bytes. ``ReviewStore.open`` refuses such a file with the
first problem. ``seal_problems`` re-checks the log's hash chain and the state it seals,
the standards copy against its SHA-256, and every document's bytes against theirs:
export and ``verify --review`` run it. ``all_problems`` is both, for ``reviewer-app
check``.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3

from reviewer_app.core.review.log_chain import chain_problems
from reviewer_app.core.vocabulary import EvidenceStatus, Result

_ISO = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]*"
_LIMIT = 20  # rows named per kind of problem


def _rows(conn: sqlite3.Connection, sql: str) -> list:
    return conn.execute(sql + f" LIMIT {_LIMIT}").fetchall()


def _quads_problem(text: str) -> str:
    try:
        quads = json.loads(text)
    except (ValueError, RecursionError):
        return "its highlight boxes are not JSON"
    if not isinstance(quads, list):
        return "its highlight boxes are not a list"
    for q in quads:
        if not (isinstance(q, list) and len(q) == 2 and isinstance(q[0], int)
                and isinstance(q[1], list) and len(q[1]) == 4):
            return "its highlight boxes are malformed"
        if not all(isinstance(v, int | float) and not isinstance(v, bool)
                   and math.isfinite(v) and abs(v) <= 1e6 for v in q[1]):
            return "its highlight boxes hold impossible coordinates"
    return ""


def row_problems(conn: sqlite3.Connection) -> list[str]:
    """Rows the app cannot use, one sentence each ([] when every row is sound)."""
    out: list[str] = []
    if conn.execute("SELECT count(*) FROM review").fetchone()[0] != 1:
        return ["the review's details (agency, standards) are missing."]
    results = ", ".join(f"'{r}'" for r in Result)
    for item, result in _rows(conn, f"SELECT item_id, result FROM findings "
                                    f"WHERE result NOT IN ({results})"):
        out.append(f"the finding of {item} is '{result}', which is not a result.")
    statuses = ", ".join(f"'{s}'" for s in EvidenceStatus)
    for (eid,) in _rows(conn, f"SELECT id FROM evidence WHERE status NOT IN ({statuses}) "
                              "OR kind NOT IN ('text', 'area')"):
        out.append(f"evidence #{eid} has an unknown kind or status.")
    for eid, doc in _rows(conn, "SELECT id, doc_id FROM evidence WHERE doc_id NOT IN "
                                "(SELECT id FROM documents)"):
        out.append(f"evidence #{eid} points at document {doc}, which is not in the review.")
    for eid, quads in conn.execute("SELECT id, quads FROM evidence"):
        why = _quads_problem(quads)
        if why:
            out.append(f"evidence #{eid}: {why}.")
    for (lid,) in _rows(conn, "SELECT id FROM log WHERE NOT json_valid(payload) OR "
                              "json_type(payload) != 'object'"):
        out.append(f"log entry #{lid}: its details are not JSON.")
    for table, column, key in (("review", "created_at", "id"), ("findings", "updated_at",
                               "item_id"), ("evidence", "created_at", "id"),
                               ("documents", "added_at", "id"), ("log", "at", "id")):
        for k, value in _rows(conn, f"SELECT {key}, {column} FROM {table} WHERE "
                                    f"typeof({column}) != 'text' OR {column} NOT GLOB "
                                    f"'{_ISO}'"):
            where = "the review" if table == "review" else f"{table} {k}"
            out.append(f"{where}: the date '{value}' is not an ISO 8601 date.")
    for did, title in _rows(conn, "SELECT id, title FROM documents WHERE length(data) = 0 "
                                  "OR data IS NULL"):
        out.append(f"document {did} ({title}) has no bytes: the PDF was removed.")
    for did, title in _rows(conn, "SELECT id, title FROM documents WHERE NOT "
                                  "json_valid(page_labels) OR json_type(page_labels) != "
                                  "'array'"):
        out.append(f"document {did} ({title}): its page labels are not a JSON list.")
    out.extend(_standards_problems(conn, hashed=False))
    return out


def _standards_problems(conn: sqlite3.Connection, hashed: bool = True) -> list[str]:
    """An unreadable standards copy; then either its SHA-256 against the one recorded
    (``hashed``: a seal check) or findings of items it does not have (a row check)."""
    from reviewer_app.core.checklist.standards import standards_from_json
    from reviewer_app.core.errors import ReviewError

    text, recorded = conn.execute(
        "SELECT standards_json, standards_sha256 FROM review").fetchone()
    try:
        standards = standards_from_json(text)
    except ReviewError as exc:
        return [str(exc)]
    if hashed and standards.sha256 != recorded:
        return [f"the embedded standards copy ({standards.id}) was edited: its SHA-256 is "
                f"{standards.sha256[:12]}, the review recorded {recorded[:12]}."]
    from reviewer_app.core.review.extra_sets import known_stored_ids, sets_problems

    if hashed:
        return sets_problems(conn)
    try:
        others = known_stored_ids(conn)
    except ReviewError as exc:
        return [str(exc)]
    unknown = [item for (item,) in conn.execute("SELECT item_id FROM findings")
               if not standards.has_item(item) and item not in others]
    return [f"a finding names item '{item}', which {standards.id} does not have."
            for item in unknown[:_LIMIT]]


def document_problems(conn: sqlite3.Connection) -> list[str]:
    """Documents whose bytes no longer have the SHA-256 the review recorded."""
    out = []
    for did, title, recorded, data in conn.execute(
            "SELECT id, title, sha256, data FROM documents ORDER BY id"):
        if data and hashlib.sha256(bytes(data)).hexdigest() != recorded:
            out.append(f"document {did} ({title}): its bytes were replaced; their SHA-256 "
                       f"is no longer the recorded {recorded[:12]}.")
    return out


def seal_problems(conn: sqlite3.Connection) -> list[str]:
    """The log chain and the state it seals, the standards copy and the documents."""
    return chain_problems(conn) + _standards_problems(conn) + document_problems(conn)


def all_problems(conn: sqlite3.Connection) -> list[str]:
    rows = row_problems(conn)
    if rows and rows[0].startswith("the review's details"):
        return rows
    seen = set(rows)
    return rows + [p for p in seal_problems(conn) if p not in seen]


def require_intact(conn: sqlite3.Connection, name: str) -> None:
    """Refuse (``ReviewFileError``) to certify from a review that fails ``seal_problems``."""
    from reviewer_app.core.errors import ReviewFileError

    problems = seal_problems(conn)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise ReviewFileError(f"{name}: the review file was changed outside the app, so no "
                              "packet is exported from it: " + " ".join(problems[:3]) + more
                              + f" See every problem with: reviewer-app check {name}")
