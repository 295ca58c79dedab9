"""Stable ids, so that two copies of one review can be merged (``core/review/merge``).

Every log row carries a ``uid`` (a fresh UUID; rows written before ``m006_stable_ids``
get one derived from their contents, so two copies upgraded apart agree), and every
evidence a ``uid`` of its own (integer ids are local to a copy). The ``stamps`` table
names, for every row of a table the merge knows (``merge.tables.SPECS``), the uid of the
logged action that last set it, deletions included (a tombstone): the store installs
temporary triggers that stamp rows with the action being written
(``begin_action``/``end_action`` around each transaction), so no command has to.

``known_actions`` is what a copy has seen: its log's uids plus those earlier merges
brought in (less those of a merge that was undone).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid

from reviewer_app.core.review.merge.tables import SPECS

MERGE_ACTION = "merge"


def new_uid() -> str:
    return uuid.uuid4().hex


def legacy_uid(row: tuple | list) -> str:
    """The uid of a log row written before uids existed: derived from its contents (id,
    at, actor, action, summary, payload, row hash), the same in every copy."""
    text = json.dumps([str(v) for v in row], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _log_trigger_sql(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'log'")]


def add_stable_ids(conn: sqlite3.Connection) -> None:
    """The migration: uids for the log and the evidence, stamps, the conflicts table."""
    conn.execute("ALTER TABLE log ADD COLUMN uid TEXT NOT NULL DEFAULT ''")
    triggers = _log_trigger_sql(conn)  # the append-only triggers, set aside to backfill
    for name in [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'log'")]:
        conn.execute(f"DROP TRIGGER {name}")
    rows = conn.execute("SELECT id, at, actor, action, summary, payload, row_hash FROM log "
                        "ORDER BY id").fetchall()
    conn.executemany("UPDATE log SET uid = ? WHERE id = ?",
                     [(legacy_uid(r), r[0]) for r in rows])
    for sql in triggers:
        conn.execute(sql)
    conn.execute("CREATE UNIQUE INDEX log_uid ON log(uid)")
    conn.execute("ALTER TABLE evidence ADD COLUMN uid TEXT NOT NULL DEFAULT ''")
    review = conn.execute("SELECT review_uuid FROM review").fetchone()
    seed = review[0] if review else ""
    for eid, created in conn.execute("SELECT id, created_at FROM evidence").fetchall():
        conn.execute("UPDATE evidence SET uid = ? WHERE id = ?",
                     (legacy_uid([seed, eid, created]), eid))
    # not UNIQUE: a command that copies an evidence record (keeping its uid) still inserts;
    # the stamping trigger gives the copy a fresh uid (``install_stamping``)
    conn.execute("CREATE INDEX evidence_uid ON evidence(uid)")
    conn.execute("CREATE TABLE stamps (tbl TEXT NOT NULL, key TEXT NOT NULL, "
                 "set_by TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID")
    conn.execute("CREATE TABLE merge_conflicts (uid TEXT PRIMARY KEY, tbl TEXT NOT NULL, "
                 "key TEXT NOT NULL, label TEXT NOT NULL, candidates TEXT NOT NULL, "
                 "settled INTEGER NOT NULL DEFAULT 0, choice INTEGER, "
                 "created_at TEXT NOT NULL)")
    head = conn.execute("SELECT uid FROM log ORDER BY id DESC LIMIT 1").fetchone()
    if head:  # what exists now was set by the actions logged so far: the head stands for them
        stamp_all(conn, head[0])


def stamp_all(conn: sqlite3.Connection, uid: str) -> None:
    """Stamp every row of every registered table with ``uid`` (upgrades)."""
    tables = _tables(conn)
    for spec in SPECS:
        if spec.table not in tables:
            continue
        if spec.per_column:
            keys = [c for c in spec.columns if c in columns_of(conn, spec.table)]
        else:
            keys = [r[0] for r in conn.execute(f"SELECT {spec.key_sql()} FROM {spec.table}")]
        conn.executemany("INSERT OR IGNORE INTO stamps (tbl, key, set_by) VALUES (?, ?, ?)",
                         [(spec.table, str(k), uid) for k in keys])


def columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def install_stamping(conn: sqlite3.Connection) -> None:
    """Temporary triggers stamping the registered tables with the action being written."""
    tables = _tables(conn)
    if "stamps" not in tables:
        return  # a file not yet upgraded (opened read-only): nothing is written anyway
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pending_action "
                 "(id INTEGER PRIMARY KEY CHECK (id = 1), uid TEXT NOT NULL)")
    pending = "EXISTS (SELECT 1 FROM temp.pending_action)"
    uid = "(SELECT uid FROM temp.pending_action)"
    for spec in SPECS:
        t = spec.table
        if t not in tables:
            continue
        present = columns_of(conn, t)
        columns = [c for c in spec.columns if c in present]
        if spec.per_column:
            for c in columns:
                conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS stamp_{t}_{c} AFTER UPDATE OF {c} ON "
                    f"main.{t} WHEN {pending} AND NEW.{c} IS NOT OLD.{c} BEGIN "
                    f"{_stamp_sql(t, repr(c), uid)} END")
            continue
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
        for event, row, when in (("INSERT", "NEW", ""), ("DELETE", "OLD", ""),
                                 (f"UPDATE OF {', '.join(columns)}", "NEW",
                                  f" AND ({changed})")):
            name = f"stamp_{t}_{event.split()[0].lower()}"
            key, fresh = spec.key_sql(f"{row}."), ""
            if spec.fresh_key and event == "INSERT" and spec.local_id:
                # a copied record brings its uid along: the copy gets one of its own
                lid, k = spec.local_id, spec.key
                fresh = (f"UPDATE {t} SET {k} = lower(hex(randomblob(16))) WHERE {lid} = "
                         f"NEW.{lid} AND (NEW.{k} = '' OR EXISTS (SELECT 1 FROM {t} AS o "
                         f"WHERE o.{k} = NEW.{k} AND o.{lid} != NEW.{lid}));")
                key = f"(SELECT {k} FROM {t} WHERE {lid} = NEW.{lid})"
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {name} AFTER {event} ON main.{t} "
                f"WHEN {pending}{when} BEGIN {fresh}{_stamp_sql(t, key, uid)} END")


def _stamp_sql(table: str, key: str, uid: str) -> str:
    """Delete then insert: inside a trigger, the outer statement's conflict policy (an
    upsert's OR IGNORE) would override an OR REPLACE here."""
    return (f"DELETE FROM stamps WHERE tbl = '{table}' AND key = {key}; INSERT INTO stamps "
            f"(tbl, key, set_by) VALUES ('{table}', {key}, {uid});")


def begin_action(conn: sqlite3.Connection) -> str:
    """A uid for the action the open transaction writes; the triggers stamp with it."""
    uid = new_uid()
    if "pending_action" in {r[0] for r in conn.execute(
            "SELECT name FROM temp.sqlite_master WHERE type = 'table'")}:
        conn.execute("INSERT OR REPLACE INTO temp.pending_action (id, uid) VALUES (1, ?)",
                     (uid,))
    return uid


def end_action(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("DELETE FROM temp.pending_action")
    except sqlite3.OperationalError:
        pass  # no stamping on this connection


def log_uids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT uid FROM log ORDER BY id")]


def known_actions(conn: sqlite3.Connection) -> set[str]:
    """Every action this copy has seen: its log, plus what merges brought in."""
    known: set[str] = set()
    for uid, action, payload in conn.execute("SELECT uid, action, payload FROM log "
                                             "ORDER BY id"):
        known.add(uid)
        if action not in (MERGE_ACTION, "undo"):
            continue
        try:
            data = json.loads(payload)
        except ValueError:
            continue
        merged = data.get("merged_actions") or []
        if action == MERGE_ACTION:
            known.update(merged)
        elif data.get("undone") == MERGE_ACTION:
            known.difference_update(merged)
    return known
