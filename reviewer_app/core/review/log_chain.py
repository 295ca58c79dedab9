"""The review log as a hash chain, sealing the review's state after every change.

Each log row carries ``prev_hash`` (the ``row_hash`` of the row before it; "" for the
first chained row), ``state_hash`` (digests of the review's details, documents, evidence
and findings right after the change) and ``row_hash`` (SHA-256 over all of these and the
row's own fields, payload included). Editing, removing or inserting a row breaks the
chain; changing a finding, evidence, document or the review's details without a logged
command leaves the state unlike the one the last row sealed. There is no secret key:
this catches edits made with a database tool, not a forger who re-implements the chain,
which is what the packet's manifest and its signature are for.

Files from before the chain get a ``chain_start`` row when upgraded: its payload holds
the number of earlier rows and the SHA-256 of their contents, so they are sealed too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

CHAIN_START = "chain_start"
MAX_NAMED = 5  # broken rows named one by one; the rest are counted
_STATE_SQL = {
    "review": "SELECT agency_name, agency_ori, agency_state, credentialing_body, assessor, "
              "notes, standards_id, standards_sha256, created_at FROM review ORDER BY id",
    "documents": "SELECT id, sha256, title, active, replaces, page_count FROM documents "
                 "ORDER BY id",
    "evidence": "SELECT id, item_id, doc_id, kind, page, start, end, exact, quads, note, "
                "status, previous_exact FROM evidence ORDER BY id",
    "findings": "SELECT item_id, result, rationale, needs_rereview FROM findings "
                "ORDER BY item_id",
    # m005: the stage and sign-off, the people, the second results and reconciliations
    "workflow": "SELECT 'stage', stage, signed_by, signed_role, signed_at FROM stage "
                "UNION ALL SELECT 'person', id, name, role, '' FROM people "
                "UNION ALL SELECT 'second', item_id, result, rationale, person "
                "FROM second_results UNION ALL SELECT 'reconciled', item_id, result, note, "
                "person FROM reconciliations ORDER BY 1, 2",
}
STATE_PARTS = {"review": "the review's details", "documents": "the documents",
               "evidence": "the evidence", "findings": "the findings",
               "workflow": "the second review and sign-off",
               "sets": "the further standards sets and crosswalks"}
# Sealed only once a review has a further set (m007), so that every file without one keeps
# exactly the state its log sealed before.
_SETS_SQL = ("SELECT 'set', set_id, position, standards_sha256 FROM review_sets UNION ALL "
             "SELECT 'crosswalk', crosswalk_id, from_set || '>' || to_set, sha256 FROM "
             "review_crosswalks ORDER BY 1, 2")


def _digest(rows: object) -> str:
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def state_parts(conn: sqlite3.Connection) -> dict[str, str]:
    """A short digest of each part of the review's state (the m005 part is left out while
    a file is being upgraded and does not have its tables yet)."""
    parts = {}
    for name, sql in _STATE_SQL.items():
        try:
            parts[name] = _digest([list(r) for r in conn.execute(sql)])[:16]
        except sqlite3.OperationalError:
            if name == "workflow":
                continue
            raise
    if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'review_sets'"
                    ).fetchone()[0]:
        rows = [list(r) for r in conn.execute(_SETS_SQL)]
        if rows:
            parts["sets"] = _digest(rows)[:16]
    return parts


def state_hash(conn: sqlite3.Connection) -> str:
    return ";".join(f"{k}={v}" for k, v in state_parts(conn).items())


def parse_state(text: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in text.split(";") if "=" in p)


def row_hash(prev: str, at: str, actor: str, action: str, summary: str, payload: str,
             state: str, uid: str = "") -> str:
    """The row's hash; a row with a stable ``uid`` (``stable_ids``) seals it too."""
    return _digest([prev, at, actor, action, summary, payload, state] + ([uid] if uid else []))


def _has_uid(conn: sqlite3.Connection) -> bool:
    return any(r[1] == "uid" for r in conn.execute("PRAGMA table_info(log)"))


def append(conn: sqlite3.Connection, at: str, actor: str, action: str, summary: str,
           payload: str, uid: str = "") -> None:
    """Add a chained row to the log (inside the caller's transaction); ``uid`` is the
    action's stable id (a fresh one when not given, once the file has uids)."""
    last = conn.execute("SELECT row_hash FROM log ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else ""
    state = state_hash(conn)
    if not _has_uid(conn):  # the upgrade's own row, before m006 added uids
        conn.execute(
            "INSERT INTO log (at, actor, action, summary, payload, prev_hash, state_hash, "
            "row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (at, actor, action, summary, payload, prev, state,
             row_hash(prev, at, actor, action, summary, payload, state)))
        return
    import uuid

    uid = uid or uuid.uuid4().hex
    conn.execute(
        "INSERT INTO log (at, actor, action, summary, payload, prev_hash, state_hash, "
        "row_hash, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, actor, action, summary, payload, prev, state,
         row_hash(prev, at, actor, action, summary, payload, state, uid), uid))


def _row_sound(r: tuple) -> bool:
    """A row's hash matches: with its uid, or (a row from before uids) without it and
    with the uid derived from its contents."""
    rid, at, actor, action, summary, payload, prev_hash, state, rh, uid = r
    if rh == row_hash(prev_hash, at, actor, action, summary, payload, state, uid):
        return True
    if rh != row_hash(prev_hash, at, actor, action, summary, payload, state):
        return False
    from reviewer_app.core.review.stable_ids import legacy_uid

    return not uid or uid == legacy_uid([rid, at, actor, action, summary, payload, rh])


def legacy_digest(rows: list) -> str:
    return _digest([[r[0], r[1], r[2], r[3], r[4], r[5]] for r in rows])


def start_chain(conn: sqlite3.Connection, at: str) -> None:
    """Seal the rows of a file written before the chain (the upgrade's own row)."""
    rows = conn.execute("SELECT id, at, actor, action, summary, payload FROM log "
                        "ORDER BY id").fetchall()
    if not rows:
        return
    payload = json.dumps({"earlier_rows": len(rows), "earlier_sha256": legacy_digest(rows)},
                         sort_keys=True)
    append(conn, at, "reviewer-app", CHAIN_START,
           f"Log sealed on upgrade: {len(rows)} earlier entries; later entries are chained",
           payload)


def chain_problems(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with the log's chain and the state it seals ([] when intact; also []
    for a file from before the chain that could not be upgraded, e.g. on a locked stick)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(log)")}
    if "row_hash" not in columns:
        return []
    uid = ", uid" if "uid" in columns else ", ''"
    rows = conn.execute("SELECT id, at, actor, action, summary, payload, prev_hash, "
                        f"state_hash, row_hash{uid} FROM log ORDER BY id").fetchall()
    if not rows:
        return ["the log is empty: the entry that created the review was removed."]
    first = next((n for n, r in enumerate(rows) if r[8]), None)
    if first is None:
        return ["the log carries no hash chain (the file was not upgraded by this version)."]
    problems = []
    if first:
        start = rows[first]
        try:
            sealed = json.loads(start[5]) if start[3] == CHAIN_START else {}
        except ValueError:
            sealed = {}
        if (sealed.get("earlier_rows") != first
                or sealed.get("earlier_sha256") != legacy_digest(rows[:first])):
            problems.append(f"log entries 1-{first} (from before the upgrade) were altered, "
                            "removed or added.")
    prev, broken = "", []
    for r in rows[first:]:
        rid, at, actor, action, summary, payload, prev_hash, state, rh, uid = r
        if prev_hash != prev:
            broken.append(f"log entry #{rid} ({action}, {at}) does not follow the entry "
                          "before it: an entry was removed, inserted or altered.")
        elif not _row_sound(r):
            broken.append(f"log entry #{rid} ({action}, {at}) was altered after it was "
                          "written.")
        prev = rh
    problems += broken[:MAX_NAMED]
    if len(broken) > MAX_NAMED:
        problems.append(f"{len(broken) - MAX_NAMED} further log entries are broken.")
    sealed_state = parse_state(rows[-1][7])
    current = state_parts(conn)
    for name in dict.fromkeys([*current, *sealed_state]):
        if name == "workflow" and name not in sealed_state:
            continue  # sealed before m005 added it (the row hash protects what was sealed)
        if sealed_state.get(name) != current.get(name) and name in STATE_PARTS:
            problems.append(f"{STATE_PARTS[name]} differ from what the last logged change "
                            "left: changed outside the app, or its log entry was removed.")
    return problems
