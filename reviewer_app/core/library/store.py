"""The clause library's tables, kept in the caseload index's database.

One row per clause (its masked words, a verbatim example) and one per use of it: which
review, which item, the result and rationale it supported, when. Counts ("same clause as
in 7 earlier reviews") are computed from the uses, so rebuilding a review replaces its
uses and never double-counts. The tables have their own migration set and format number;
a database whose library was written by a newer app is refused, not changed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reviewer_app.core.caseload.index import CaseloadError, CaseloadIndex

migrations = Migrations("reviewer_app_library")
LIBRARY_FORMAT = 1


@migrations()
def m001_library(db: Database) -> None:
    db.executescript("""
        CREATE TABLE library_clauses (
            key TEXT PRIMARY KEY, words TEXT NOT NULL, example TEXT NOT NULL
        );
        CREATE TABLE library_uses (
            id INTEGER PRIMARY KEY, review_uuid TEXT NOT NULL, source TEXT NOT NULL,
            agency TEXT NOT NULL, state TEXT NOT NULL, standards_id TEXT NOT NULL,
            item_id TEXT NOT NULL, result TEXT NOT NULL, rationale TEXT NOT NULL,
            clause_key TEXT NOT NULL REFERENCES library_clauses(key),
            heading TEXT NOT NULL, used_at TEXT NOT NULL
        );
        CREATE INDEX library_uses_review ON library_uses(review_uuid);
        CREATE INDEX library_uses_clause ON library_uses(clause_key);
        CREATE TABLE library_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)


@dataclass(frozen=True)
class Use:
    """One linked evidence clause of one review, as harvested or imported."""

    review_uuid: str
    source: str  # the review file's path, or "import:<file>"
    agency: str
    state: str
    standards_id: str
    item_id: str
    result: str
    rationale: str
    words: tuple[str, ...]  # the clause's masked words
    example: str  # the clause as it was printed in that review's document
    heading: str
    used_at: str


@dataclass
class LibraryClause:
    """A clause as the library knows it for one item: how often, for what, and why."""

    key: str
    item_id: str
    words: tuple[str, ...]
    example: str
    heading: str
    reviews: int = 0
    results: Counter[str] = field(default_factory=Counter)
    rationale: str = ""
    last_used: str = ""

    @property
    def usual_result(self) -> str:
        return self.results.most_common(1)[0][0] if self.results else ""


def clause_key(words: tuple[str, ...]) -> str:
    return hashlib.sha1(" ".join(words).encode()).hexdigest()


class ClauseLibrary:
    """The library inside an open caseload index (which owns the connection)."""

    def __init__(self, index: CaseloadIndex):
        self.index = index
        self.conn = index.conn
        version = self._format()
        if version > LIBRARY_FORMAT:
            raise CaseloadError(
                f"{index.path}: its clause library was written by a newer version of "
                f"reviewer_app (library format {version}, this app reads up to "
                f"{LIBRARY_FORMAT}); it was not changed. Use another --db or update.")
        if version < LIBRARY_FORMAT:
            with index.transaction():
                migrations.apply(index.db)
                self.conn.execute("INSERT OR REPLACE INTO library_meta VALUES ('format', ?)",
                                  (str(LIBRARY_FORMAT),))

    @classmethod
    def open(cls, path: str | Path | None = None) -> ClauseLibrary:
        return cls(CaseloadIndex.open(path))

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> ClauseLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _format(self) -> int:
        try:
            row = self.conn.execute(
                "SELECT value FROM library_meta WHERE key = 'format'").fetchone()
        except sqlite3.OperationalError:
            return 0
        try:
            return int(row[0]) if row else 0
        except ValueError as exc:
            raise CaseloadError(f"{self.index.path}: its clause library is damaged "
                                f"(format '{row[0]}').") from exc

    # -- writes ------------------------------------------------------------------------
    def replace_review(self, review_uuid: str, uses: list[Use]) -> None:
        """Forget what ``review_uuid`` contributed, then record ``uses`` (its clauses now)."""
        with self.index.transaction():
            self.conn.execute("DELETE FROM library_uses WHERE review_uuid = ?", (review_uuid,))
            self._insert(uses)

    def add(self, uses: list[Use]) -> int:
        """Record uses not already known (same review, item and clause); how many were new."""
        new = 0
        with self.index.transaction():
            for use in uses:
                key = clause_key(use.words)
                if self.conn.execute(
                        "SELECT 1 FROM library_uses WHERE review_uuid = ? AND item_id = ? "
                        "AND clause_key = ?", (use.review_uuid, use.item_id, key)).fetchone():
                    continue
                self._insert([use])
                new += 1
        return new

    def _insert(self, uses: list[Use]) -> None:
        for u in uses:
            key = clause_key(u.words)
            self.conn.execute("INSERT OR IGNORE INTO library_clauses VALUES (?, ?, ?)",
                              (key, " ".join(u.words), u.example))
            self.conn.execute(
                "INSERT INTO library_uses (review_uuid, source, agency, state, standards_id, "
                "item_id, result, rationale, clause_key, heading, used_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (u.review_uuid, u.source, u.agency, u.state, u.standards_id, u.item_id,
                 u.result, u.rationale, key, u.heading, u.used_at))

    def remember_source(self, path: str, sig: str) -> None:
        """The signature a review file was harvested at (to skip it while unchanged)."""
        self.conn.execute("INSERT OR REPLACE INTO library_meta VALUES (?, ?)",
                          (f"source:{path}", sig))

    def sources(self) -> dict[str, str]:
        return {r[0][len("source:"):]: r[1] for r in self.conn.execute(
            "SELECT key, value FROM library_meta WHERE key LIKE 'source:%'")}

    def forget_missing(self, keep_sources: set[str], under: list[str]) -> int:
        """Drop uses of review files under ``under`` that are no longer there."""
        rows = self.conn.execute("SELECT DISTINCT source FROM library_uses").fetchall()
        gone = [r[0] for r in rows if r[0] not in keep_sources and any(
            r[0] == u or r[0].startswith(u.rstrip("/") + "/") for u in under)]
        with self.index.transaction():
            self.conn.executemany("DELETE FROM library_uses WHERE source = ?",
                                  [(g,) for g in gone])
            self.conn.executemany("DELETE FROM library_meta WHERE key = ?",
                                  [(f"source:{g}",) for g in gone])
        return len(gone)

    # -- reads -------------------------------------------------------------------------
    def uses(self) -> list[Use]:
        rows = self.conn.execute(
            "SELECT u.review_uuid, u.source, u.agency, u.state, u.standards_id, u.item_id, "
            "u.result, u.rationale, c.words, c.example, u.heading, u.used_at "
            "FROM library_uses u JOIN library_clauses c ON c.key = u.clause_key "
            "ORDER BY u.id").fetchall()
        return [Use(review_uuid=r[0], source=r[1], agency=r[2], state=r[3], standards_id=r[4],
                    item_id=r[5], result=r[6], rationale=r[7], words=tuple(r[8].split()),
                    example=r[9], heading=r[10], used_at=r[11]) for r in rows]

    def clauses(self, item_ids: set[str] | None = None,
                without: frozenset[str] = frozenset()) -> list[LibraryClause]:
        """Every (clause, item) pair the library knows, with its counts (leaving out the
        reviews whose ids are in ``without``: the review being matched itself)."""
        found: dict[tuple[str, str], LibraryClause] = {}
        reviews: dict[tuple[str, str], set[str]] = {}
        for u in self.uses():
            if (item_ids is not None and u.item_id not in item_ids) or u.review_uuid in without:
                continue
            key = (clause_key(u.words), u.item_id)
            c = found.get(key)
            if c is None:
                c = found[key] = LibraryClause(key[0], u.item_id, u.words, u.example,
                                               u.heading)
                reviews[key] = set()
            reviews[key].add(u.review_uuid)
            c.results[u.result] += 1
            if u.used_at >= c.last_used:
                c.last_used = u.used_at
                c.rationale = u.rationale or c.rationale
                c.heading = u.heading or c.heading
        for key, c in found.items():
            c.reviews = len(reviews[key])
        return list(found.values())

    def counts(self) -> tuple[int, int, int]:
        """(clauses, uses, reviews) in the library."""
        row = self.conn.execute(
            "SELECT count(DISTINCT clause_key), count(*), count(DISTINCT review_uuid) "
            "FROM library_uses").fetchone()
        return int(row[0]), int(row[1]), int(row[2])
