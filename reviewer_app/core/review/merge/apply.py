"""Writing a merge plan into the open review, and taking it back (undo).

``MergeWriter`` runs inside the merge command's one transaction. Every row it touches is
remembered first as it was (natural row, local id, stamp), so ``revert`` restores the
very same rows. Rows come in with the stamp of the copy they were taken from (the merged
review then knows which action set them); rows the merge itself decided (a conflict's
placeholder, a flag, orphaned evidence) carry the merge action's stamp.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.review.merge.plan import Plan
from reviewer_app.core.review.merge.snapshot import DocumentPayload, id_maps, natural_rows
from reviewer_app.core.review.merge.tables import SPECS, Row, TableSpec, spec_of
from reviewer_app.core.review.stable_ids import columns_of

if TYPE_CHECKING:
    from reviewer_app.core.records import Evidence
    from reviewer_app.core.review.store import ReviewStore

# (store, stranded evidence, the document now current in its place) -> the evidence
# re-anchored there, or None; supplied by core.revisions (the review layer cannot import it)
Reanchor = Callable[["ReviewStore", "Evidence", int], "Evidence | None"]


@dataclass
class Before:
    row: Row | None
    local_id: int | None
    stamp: str | None


@dataclass
class MergeWriter:
    plan: Plan | None  # None: settling a conflict (rows only, no documents come in)
    merge_uid: str
    created_at: str
    reanchor: Reanchor | None = None
    befores: list[tuple[str, str, Before]] = field(default_factory=list)
    reanchored: list[str] = field(default_factory=list)

    # -- applying ---------------------------------------------------------------------
    def _start(self, store: ReviewStore) -> None:
        self._ids = {t: {k: i for i, k in m.items()} for t, m in id_maps(store.conn).items()}
        self._next_evidence = _next_evidence_id(store)

    def put(self, store: ReviewStore, table: str, key: str, row: Row | None,
            stamp: str) -> None:
        """Write one natural row (settling a conflict), remembered for undo."""
        self._start(store)
        self._write(store, spec_of(table), key, row, stamp)

    def apply(self, store: ReviewStore) -> None:
        assert self.plan is not None
        self._start(store)
        writes = self.plan.writes
        for spec in SPECS:  # documents first (a revision after the one it replaces)
            pending = sorted(k for k in writes if k[0] == spec.table)
            while pending:
                ready = [k for k in pending if not _waits(writes[k].row, spec, self._ids)]
                for (table, key) in ready or pending[:1]:
                    w = writes[(table, key)]
                    self._write(store, spec, key, w.row, w.stamp)
                pending = [k for k in pending if k not in (ready or pending[:1])]
        conflicts = spec_of("merge_conflicts")
        for c in self.plan.conflicts:
            if self._natural(store, conflicts, c.uid)[0] is None:
                self._write(store, conflicts, c.uid, c.row(self.created_at), self.merge_uid)
        if self.reanchor is not None:
            self._reanchor_stranded(store)

    def _reanchor_stranded(self, store: ReviewStore) -> None:
        evidence = spec_of("evidence")
        for uid in self.plan.stranded if self.plan else ():
            eid = self._ids.get("evidence", {}).get(uid)
            if eid is None:
                continue
            ev = store.evidence_by_id(eid)
            current = store.conn.execute("SELECT id FROM documents WHERE replaces = ? AND "
                                         "active = 1", (ev.doc_id,)).fetchall()
            if len(current) != 1 or self.reanchor is None:
                continue
            moved = self.reanchor(store, ev, int(current[0][0]))
            if moved is None:
                continue
            row, _ = self._natural(store, evidence, uid)
            new_row = {**(row or {}), **{c: v for c, v in moved.to_row().items()
                                        if c in evidence.columns}}
            new_row["doc_id"] = self._key_of("documents", moved.doc_id)
            self._write(store, evidence, uid, new_row, self.merge_uid)
            self.reanchored.append(uid)

    def _key_of(self, table: str, local_id: int) -> str:
        return next(k for k, i in self._ids[table].items() if i == local_id)

    def _natural(self, store: ReviewStore, spec: TableSpec, key: str
                 ) -> tuple[Row | None, int | None]:
        ids = {t: {i: k for k, i in m.items()} for t, m in self._ids.items()}
        rows, locals_ = natural_rows(store.conn, spec, ids, key)
        return rows.get(key), locals_.get(key)

    def _remember(self, store: ReviewStore, spec: TableSpec, key: str) -> None:
        if any(t == spec.table and k == key for t, k, _ in self.befores):
            return
        row, lid = self._natural(store, spec, key)
        stamp = store.conn.execute("SELECT set_by FROM stamps WHERE tbl = ? AND key = ?",
                                   (spec.table, key)).fetchone()
        self.befores.append((spec.table, key, Before(row, lid, stamp[0] if stamp else None)))

    def _write(self, store: ReviewStore, spec: TableSpec, key: str, row: Row | None,
               stamp: str | None, local_id: int | None = None) -> None:
        self._remember(store, spec, key)
        conn = store.conn
        if spec.per_column:
            if row is not None:
                conn.execute(f"UPDATE {spec.table} SET {key} = ?", (row["value"],))
        elif row is None:
            self._delete(store, spec, key)
        else:
            self._put(store, spec, key, row, local_id)
        if stamp is None:
            conn.execute("DELETE FROM stamps WHERE tbl = ? AND key = ?", (spec.table, key))
        else:
            conn.execute("INSERT OR REPLACE INTO stamps (tbl, key, set_by) VALUES (?, ?, ?)",
                         (spec.table, key, stamp))

    def _put(self, store: ReviewStore, spec: TableSpec, key: str, row: Row,
             local_id: int | None) -> None:
        present = columns_of(store.conn, spec.table)
        values = {c: row.get(c) for c in spec.columns if c in present and c in row}
        for col, table in spec.refs:
            if values.get(col) is not None:
                values[col] = self._ids[table][str(values[col])]
        existing = self._ids.get(spec.table, {}).get(key) if spec.local_id else None
        if spec.local_id and existing is None:
            exists = False
        else:
            exists = store.conn.execute(f"SELECT 1 FROM {spec.table} WHERE {spec.key_sql()} = ?",
                                        (key,)).fetchone() is not None
        if exists:
            sets = ", ".join(f"{c} = ?" for c in values)
            store.conn.execute(f"UPDATE {spec.table} SET {sets} WHERE {spec.key_sql()} = ?",
                               [*values.values(), key])
            return
        payload = None
        if spec.table == "documents":
            payload = (self.plan.theirs.payloads.get(key) or self.plan.mine.payloads.get(key)
                       ) if self.plan else None
            if payload is None:
                raise ReviewError(f"document {key[:12]} has no stored bytes to bring in; "
                                  "nothing was changed.")
            values["data"] = payload.data
        if spec.local_id:
            if local_id is None and spec.table == "evidence":
                local_id = self._next_evidence
                self._next_evidence += 1
            if local_id is not None:
                values[spec.local_id] = local_id
        cols = ", ".join(values)
        cur = store.conn.execute(f"INSERT INTO {spec.table} ({cols}) VALUES "
                                 f"({', '.join('?' for _ in values)})", list(values.values()))
        if spec.local_id:
            new_id = int(str(values.get(spec.local_id) or cur.lastrowid or 0))
            self._ids.setdefault(spec.table, {})[key] = new_id
            if payload is not None:
                _add_pages(store, new_id, payload)

    def _delete(self, store: ReviewStore, spec: TableSpec, key: str) -> None:
        if spec.table == "documents":
            doc_id = self._ids["documents"].pop(key)
            indexing.remove_document(store.db, doc_id)
            store.conn.execute("DELETE FROM doc_pages WHERE doc_id = ?", (doc_id,))
            store.forget_text(doc_id)
        elif spec.local_id:
            self._ids.get(spec.table, {}).pop(key, None)
        store.conn.execute(f"DELETE FROM {spec.table} WHERE {spec.key_sql()} = ?", (key,))

    # -- undoing -----------------------------------------------------------------------
    def revert(self, store: ReviewStore) -> None:
        self._ids = {t: {k: i for i, k in m.items()} for t, m in id_maps(store.conn).items()}
        for table, key, before in reversed(self.befores):
            spec = spec_of(table)
            self._write_back(store, spec, key, before)
        self.befores.clear()
        self.reanchored.clear()

    def _write_back(self, store: ReviewStore, spec: TableSpec, key: str,
                    before: Before) -> None:
        conn = store.conn
        if spec.per_column:
            if before.row is not None:
                conn.execute(f"UPDATE {spec.table} SET {key} = ?", (before.row["value"],))
        elif before.row is None:
            self._delete(store, spec, key)
        else:
            self._put(store, spec, key, before.row, before.local_id)
        if before.stamp is None:
            conn.execute("DELETE FROM stamps WHERE tbl = ? AND key = ?", (spec.table, key))
        else:
            conn.execute("INSERT OR REPLACE INTO stamps (tbl, key, set_by) VALUES (?, ?, ?)",
                         (spec.table, key, before.stamp))


def _waits(row: Row | None, spec: TableSpec, ids: dict[str, dict[str, int]]) -> bool:
    """Whether ``row`` points at a row of its own table not written yet."""
    return row is not None and any(
        table == spec.table and row.get(col) is not None and str(row[col]) not in
        ids.get(table, {}) for col, table in spec.refs)


def _next_evidence_id(store: ReviewStore) -> int:
    from reviewer_app.core.review.commands.evidence import next_evidence_id

    return next_evidence_id(store)


def _add_pages(store: ReviewStore, doc_id: int, payload: DocumentPayload) -> None:
    conn = store.conn
    conn.executemany("INSERT INTO doc_pages (doc_id, page, text, words, width, height, "
                     "rotation) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(doc_id, *p) for p in payload.pages])
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
    conn.executemany("INSERT INTO passages (id, doc_id, page, start, end, section, heading, "
                     "text, context, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(first + n, doc_id, *p) for n, p in enumerate(payload.passages)])
    conn.execute("INSERT INTO passages_fts (rowid, text, heading, context) SELECT id, text, "
                 "heading, context FROM passages WHERE doc_id = ?", (doc_id,))
    if payload.index_version is not None:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     (f"passage_index:{doc_id}", payload.index_version))
    store.forget_text(doc_id)
