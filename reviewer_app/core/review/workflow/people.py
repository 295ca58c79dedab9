"""The people who worked on a review, with their roles; and the second reviewer's results
and the reconciliations, as plain records read straight from SQL."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from reviewer_app.core.vocabulary import Result

ASSESSOR, SECOND_REVIEWER, APPROVING_OFFICIAL = (
    "assessor", "second_reviewer", "approving_official")
ROLES = (ASSESSOR, SECOND_REVIEWER, APPROVING_OFFICIAL)
ROLE_LABELS = {ASSESSOR: "Assessor", SECOND_REVIEWER: "Second reviewer",
               APPROVING_OFFICIAL: "Approving official"}


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str
    added_at: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True)
class SecondResult:
    item_id: str
    result: Result
    rationale: str
    person: str
    at: str


@dataclass(frozen=True)
class Reconciliation:
    item_id: str
    result: Result
    note: str
    person: str
    at: str


def new_row_id() -> str:
    """A stable id for a row that two copies of a review may both hold (merge by union)."""
    return uuid.uuid4().hex


def people(conn: sqlite3.Connection) -> list[Person]:
    rows = conn.execute("SELECT id, name, role, added_at FROM people ORDER BY added_at, rowid")
    order = {r: n for n, r in enumerate(ROLES)}
    return sorted((Person(*r) for r in rows), key=lambda p: order.get(p.role, 9))


def people_in(conn: sqlite3.Connection, role: str) -> list[str]:
    return [p.name for p in people(conn) if p.role == role]


def second_results(conn: sqlite3.Connection) -> dict[str, SecondResult]:
    rows = conn.execute("SELECT item_id, result, rationale, person, at FROM second_results")
    return {r[0]: SecondResult(r[0], Result(r[1]), *r[2:]) for r in rows}


def reconciliations(conn: sqlite3.Connection) -> dict[str, Reconciliation]:
    rows = conn.execute("SELECT item_id, result, note, person, at FROM reconciliations")
    return {r[0]: Reconciliation(r[0], Result(r[1]), *r[2:]) for r in rows}
