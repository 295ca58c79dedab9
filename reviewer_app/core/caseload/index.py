"""The caseload index: an SQLite file (by default in the user data folder) holding one row
per review file found, the problems met, and the folders scanned.

Its schema is a set of sqlite-utils migrations like the review file's; an index written
by a newer app is refused with a message rather than changed.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reviewer_app.core.caseload.reader import CaseloadEntry, Signature
from reviewer_app.core.errors import ReviewError

DB_ENV = "REVIEWER_APP_CASELOAD_DB"
ENTRY_FIELDS = tuple(f.name for f in fields(CaseloadEntry))
SIGNATURE_FIELDS = tuple(f"sig_{f.name}" for f in fields(Signature))

migrations = Migrations("reviewer_app_caseload")


class CaseloadError(ReviewError):
    """The caseload index or a database it is published to cannot be used."""


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript("""
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY, review_uuid TEXT NOT NULL, path TEXT NOT NULL UNIQUE,
            agency TEXT NOT NULL, ori TEXT NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL,
            standards_id TEXT NOT NULL, edition TEXT NOT NULL, assessor TEXT NOT NULL,
            assessed INTEGER NOT NULL, total INTEGER NOT NULL, outcome TEXT NOT NULL,
            reasons TEXT NOT NULL, determined_on TEXT NOT NULL, expires_on TEXT NOT NULL,
            rereview INTEGER NOT NULL, last_change_at TEXT NOT NULL,
            last_change_by TEXT NOT NULL, created_at TEXT NOT NULL, size INTEGER NOT NULL,
            schema_version INTEGER NOT NULL,
            sig_size INTEGER NOT NULL, sig_mtime_ns INTEGER NOT NULL,
            sig_change_counter INTEGER NOT NULL, sig_wal_size INTEGER NOT NULL,
            sig_wal_mtime_ns INTEGER NOT NULL,
            first_seen TEXT NOT NULL, scanned_at TEXT NOT NULL
        );
        CREATE INDEX entries_uuid ON entries(review_uuid);
        CREATE INDEX entries_ori ON entries(ori);
        CREATE TABLE problems (path TEXT PRIMARY KEY, reason TEXT NOT NULL,
                               seen_at TEXT NOT NULL);
        CREATE TABLE roots (path TEXT PRIMARY KEY, scanned_at TEXT NOT NULL);
    """)


INDEX_VERSION = len(migrations._migrations)


def default_index_path() -> Path:
    """``$REVIEWER_APP_CASELOAD_DB``, else caseload.sqlite in the user data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    import platformdirs

    return platformdirs.user_data_path("reviewer-app", appauthor=False) / "caseload.sqlite"


class CaseloadIndex:
    """An open index file. ``open`` creates or upgrades it; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.db = Database(conn, execute_plugins=False)

    @classmethod
    def open(cls, path: str | Path | None = None, create: bool = True) -> CaseloadIndex:
        path = Path(path) if path else default_index_path()
        if not path.exists() and not create:
            raise CaseloadError(f"{path}: no caseload index yet; run `caseload scan DIR` "
                                "first.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=10,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise CaseloadError(f"{path}: cannot open the caseload index ({exc}).") from exc
        conn.row_factory = sqlite3.Row
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > INDEX_VERSION:
                raise CaseloadError(
                    f"{path}: this caseload index was written by a newer version of "
                    f"reviewer_app (index format {version}, this app reads up to "
                    f"{INDEX_VERSION}); it was not changed. Use another --db or update.")
            conn.execute("PRAGMA journal_mode = WAL")
            db = Database(conn, execute_plugins=False)
            if version < INDEX_VERSION:
                tables = set(db.table_names())
                if tables - {"_sqlite_migrations"} and "entries" not in tables:
                    raise CaseloadError(f"{path}: is not a caseload index; it was not "
                                        "changed. Choose another --db.")
                migrations.apply(db)
                conn.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise CaseloadError(f"{path}: the caseload index is damaged or not an index "
                                f"({exc}); delete it and scan again.") from exc
        except CaseloadError:
            conn.close()
            raise
        return cls(path, conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CaseloadIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.atomic():
            yield

    # -- reads -------------------------------------------------------------------------
    def signatures(self) -> dict[str, tuple[int, Signature, str]]:
        """path -> (row id, signature, review id) of every indexed file."""
        cols = ", ".join(SIGNATURE_FIELDS)
        out = {}
        for r in self.conn.execute(f"SELECT id, path, review_uuid, {cols} FROM entries"):
            out[r["path"]] = (r["id"], Signature(*(r[c] for c in SIGNATURE_FIELDS)),
                              r["review_uuid"])
        return out

    def entries(self) -> list[CaseloadEntry]:
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: 3,000 rows in a few tens of milliseconds
        at = ENTRY_FIELDS.index("reasons")
        rows = cur.execute(f"SELECT {', '.join(ENTRY_FIELDS)} FROM entries "
                           "ORDER BY agency, path")
        return [CaseloadEntry(*r[:at], _split(r[at]), *r[at + 1:])  # type: ignore[call-arg]
                for r in rows]

    def problems(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT path, reason FROM problems ORDER BY path")]

    def roots(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM roots ORDER BY path")]

    # -- writes (inside ``transaction``) -----------------------------------------------
    def put(self, entry: CaseloadEntry, sig: Signature, now: str, row_id: int | None = None
            ) -> None:
        """Insert a file's row, or update row ``row_id`` (its own, or a moved file's)."""
        row = entry_to_row(entry)
        row.update({f"sig_{k}": v for k, v in asdict(sig).items()})
        row["scanned_at"] = now
        if row_id is None:
            row["first_seen"] = now
            self.db["entries"].insert(row)  # type: ignore[union-attr]
        else:
            self.db["entries"].update(row_id, row)  # type: ignore[union-attr]

    def drop_paths(self, paths: list[str]) -> None:
        self.conn.executemany("DELETE FROM entries WHERE path = ?", [(p,) for p in paths])

    def set_problems(self, under: list[str], problems: list[tuple[str, str]], now: str
                     ) -> None:
        for root in under:
            self.conn.execute("DELETE FROM problems WHERE path = ? OR path LIKE ? ESCAPE '\\'",
                              (root, _like_prefix(root)))
        self.conn.executemany("INSERT OR REPLACE INTO problems VALUES (?, ?, ?)",
                              [(p, r, now) for p, r in problems])

    def mark_root(self, root: str, now: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (root, now))


def _like_prefix(root: str) -> str:
    base = root.rstrip(os.sep) + os.sep
    return base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


REASON_SEPARATOR = "\x1f"  # reasons are single lines; this never occurs in them


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split(REASON_SEPARATOR)) if text else ()


def entry_to_row(entry: CaseloadEntry) -> dict:
    row = asdict(entry)
    row["reasons"] = REASON_SEPARATOR.join(r.replace(REASON_SEPARATOR, " ")
                                           for r in entry.reasons)
    return row
