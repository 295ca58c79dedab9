"""One copy of a review as the merge sees it: natural rows, their stamps, what it knows.

Rows are keyed by what every copy shares (``TableSpec.key``) and hold other tables'
local ids as those tables' keys (a document's SHA-256 instead of its id), so two copies'
rows compare directly. Documents' bytes, pages and passages are read only for the
documents the other copy lacks (``DocumentPayload``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from reviewer_app.core.review.merge.tables import SPECS, Row, TableSpec
from reviewer_app.core.review.stable_ids import columns_of, known_actions, log_uids


@dataclass
class DocumentPayload:
    """What a document brings besides its row: the PDF, its pages, its passages."""

    data: bytes
    pages: list[tuple]  # (page, text, words, width, height, rotation)
    passages: list[tuple]  # (page, start, end, section, heading, text, context, kind)
    index_version: str | None


@dataclass
class Copy:
    name: str
    review_uuid: str
    rows: dict[str, dict[str, Row]]
    stamps: dict[str, dict[str, str]]
    local_ids: dict[str, dict[str, int]]  # table -> key -> this copy's integer id
    known: set[str]
    log: list[str]
    payloads: dict[str, DocumentPayload] = field(default_factory=dict)

    def row(self, table: str, key: str) -> Row | None:
        return self.rows.get(table, {}).get(key)

    def stamp(self, table: str, key: str) -> str:
        return self.stamps.get(table, {}).get(key, "")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def present_specs(conn: sqlite3.Connection) -> list[TableSpec]:
    tables = _tables(conn)
    return [s for s in SPECS if s.table in tables]


def id_maps(conn: sqlite3.Connection) -> dict[str, dict[int, str]]:
    """Each table with a local id: its ids -> keys."""
    out: dict[str, dict[int, str]] = {}
    for spec in present_specs(conn):
        if spec.local_id:
            out[spec.table] = {int(i): str(k) for i, k in conn.execute(
                f"SELECT {spec.local_id}, {spec.key_sql()} FROM {spec.table}")}
    return out


def natural_rows(conn: sqlite3.Connection, spec: TableSpec,
                 ids: dict[str, dict[int, str]], key: str | None = None
                 ) -> tuple[dict[str, Row], dict[str, int]]:
    """A table's rows by key (refs as keys), and their local ids; one row with ``key``."""
    present = columns_of(conn, spec.table)
    cols = [c for c in spec.columns if c in present]
    if spec.per_column:
        row = conn.execute(f"SELECT {', '.join(cols)} FROM {spec.table}").fetchone()
        values = dict(zip(cols, row, strict=True)) if row else {}
        return ({c: {"column": c, "value": v} for c, v in values.items()
                 if key is None or c == key}, {})
    local = f"{spec.local_id}, " if spec.local_id else ""
    sql = f"SELECT {local}{', '.join(cols)} FROM {spec.table}"
    args: list[object] = []
    if key is not None:
        sql, args = sql + f" WHERE {spec.key_sql()} = ?", [key]
    rows: dict[str, Row] = {}
    local_ids: dict[str, int] = {}
    for r in conn.execute(sql, args):
        cells = list(r)
        lid = cells.pop(0) if spec.local_id else None
        row = dict(zip(cols, cells, strict=True))
        for col, table in spec.refs:
            ref = row.get(col)
            if ref is not None:
                row[col] = ids.get(table, {}).get(int(str(ref)))
        k = spec.key_of(row)
        rows[k] = row
        if lid is not None:
            local_ids[k] = int(lid)
    return rows, local_ids


def read_copy(conn: sqlite3.Connection, name: str, payloads_unless: set[str] | None = None
              ) -> Copy:
    """Read a copy; the documents whose SHA-256 is not in ``payloads_unless`` come with
    their bytes, pages and passages (``None``: no payloads)."""
    ids = id_maps(conn)
    rows, stamps, locals_ = {}, {}, {}
    for spec in present_specs(conn):
        rows[spec.table], locals_[spec.table] = natural_rows(conn, spec, ids)
        stamps[spec.table] = {k: s for k, s in conn.execute(
            "SELECT key, set_by FROM stamps WHERE tbl = ?", (spec.table,))}
    uuid = conn.execute("SELECT review_uuid FROM review").fetchone()[0]
    copy = Copy(name, uuid, rows, stamps, locals_, known_actions(conn), log_uids(conn))
    if payloads_unless is not None:
        for sha, doc_id in locals_.get("documents", {}).items():
            if sha not in payloads_unless:
                copy.payloads[sha] = document_payload(conn, doc_id)
    return copy


def document_payload(conn: sqlite3.Connection, doc_id: int) -> DocumentPayload:
    data = conn.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    pages = conn.execute("SELECT page, text, words, width, height, rotation FROM doc_pages "
                         "WHERE doc_id = ? ORDER BY page", (doc_id,)).fetchall()
    passages = conn.execute("SELECT page, start, end, section, heading, text, context, kind "
                            "FROM passages WHERE doc_id = ? ORDER BY id", (doc_id,)).fetchall()
    version = conn.execute("SELECT value FROM meta WHERE key = ?",
                           (f"passage_index:{doc_id}",)).fetchone()
    return DocumentPayload(bytes(data), [tuple(p) for p in pages],
                           [tuple(p) for p in passages], version[0] if version else None)


def canonical(row: Row | None, columns: tuple[str, ...]) -> str:
    """A row's compared columns as canonical JSON (what "the same version" means)."""
    if row is None:
        return "null"
    return json.dumps({c: row.get(c) for c in columns}, sort_keys=True, ensure_ascii=False,
                      default=str)
