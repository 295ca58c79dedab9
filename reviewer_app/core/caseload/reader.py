"""One review file read, read-only and without its lock, into one caseload row.

The scanner must work beside an open window and on shared drives, so it never writes next
to a review: a file with no ``-wal`` beside it (closed by the app) is opened ``immutable``
(no locks, no ``-shm`` created); one with a ``-wal`` (open in a window, or left by a crash)
is opened ``mode=ro`` so the WAL's latest commits are seen. A file changed while it was
read is read again; every failure becomes ``Unreadable`` with a one-line reason.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reviewer_app.core.checklist.outcome import CERTIFIED, IN_PROCESS, certification_outcome
from reviewer_app.core.checklist.standards import StandardsSet, standards_from_json
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.records import Finding
from reviewer_app.core.review.review_id import stored_review_uuid
from reviewer_app.core.review.schema import SCHEMA_VERSION

FILE_FORMAT = "reviewer_app.review"
SQLITE_MAGIC = b"SQLite format 3\x00"
LOCKED = "locked mid-write by another program; scan again later"


class Unreadable(Exception):
    """A file under the scanned folders that is not a usable review; ``str`` says why."""


@dataclass(frozen=True)
class Signature:
    """What tells that a file is unchanged without opening it as a database."""

    size: int
    mtime_ns: int
    change_counter: int  # SQLite header bytes 24..27, bumped by every commit to the file
    wal_size: int  # the -wal beside it (0 when none): commits not yet checkpointed
    wal_mtime_ns: int


@dataclass(frozen=True)
class CaseloadEntry:
    """The index row of one review file (never its documents or quotes)."""

    review_uuid: str
    path: str
    agency: str
    ori: str
    state: str
    body: str
    standards_id: str
    edition: str
    assessor: str
    assessed: int
    total: int
    outcome: str
    reasons: tuple[str, ...]
    determined_on: str  # ISO date of the determination, "" while the review is in process
    expires_on: str  # ISO date certification ends, "" unless certified
    rereview: int  # findings flagged for re-review after a policy revision
    last_change_at: str
    last_change_by: str
    created_at: str
    size: int
    schema_version: int


def read_header(path: Path) -> tuple[int, int]:
    """(change counter, schema version) from the file's 100-byte SQLite header."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError as exc:
        raise Unreadable("the file was deleted during the scan") from exc
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from exc
    if not head:
        raise Unreadable("the file is empty")
    if head[:16] != SQLITE_MAGIC or len(head) < 100:
        raise Unreadable("not a review file (not an SQLite database)")
    return int.from_bytes(head[24:28], "big"), int.from_bytes(head[60:64], "big")


def signature(path: Path, st: os.stat_result, has_wal: bool) -> Signature:
    counter, _version = read_header(path)
    wal_size = wal_mtime = 0
    if has_wal:
        try:
            wst = os.stat(f"{path}-wal")
            wal_size, wal_mtime = wst.st_size, wst.st_mtime_ns
        except OSError:
            pass
    return Signature(st.st_size, st.st_mtime_ns, counter, wal_size, wal_mtime)


class StandardsCache:
    """Standards sets by hash: thousands of reviews share a handful of sets."""

    def __init__(self) -> None:
        self._sets: dict[str, StandardsSet] = {}

    def get(self, sha256: str, conn: sqlite3.Connection) -> StandardsSet:
        if sha256 not in self._sets:
            text = conn.execute("SELECT standards_json FROM review").fetchone()[0]
            self._sets[sha256] = standards_from_json(text)
        return self._sets[sha256]


def _connect(path: Path, has_wal: bool) -> sqlite3.Connection:
    uri = path.absolute().as_uri() + ("?mode=ro" if has_wal else "?mode=ro&immutable=1")
    conn = sqlite3.connect(uri, uri=True, timeout=1, check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    if has_wal:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                raise
            # a -wal left on write-protected media, no -shm possible: the file as saved
            conn.close()
            return _connect(path, has_wal=False)
    return conn


def _add_months(day: date, months: int) -> date:
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _entry(path: Path, conn: sqlite3.Connection, size: int, version: int,
           cache: StandardsCache) -> CaseloadEntry:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    fmt = conn.execute("SELECT value FROM meta WHERE key='format'").fetchone() \
        if "meta" in tables else None
    if not fmt or fmt[0] != FILE_FORMAT or "review" not in tables:
        raise Unreadable("an SQLite database, but not a review file")
    if version > SCHEMA_VERSION:
        raise Unreadable(f"saved by a newer version of reviewer_app (file format {version}, "
                         f"this app reads up to {SCHEMA_VERSION})")
    row = conn.execute("SELECT agency_name, agency_ori, agency_state, credentialing_body, "
                       "assessor, standards_id, standards_sha256 FROM review").fetchone()
    if row is None:
        raise Unreadable("a review file without its review details (damaged?)")
    standards = cache.get(row[6], conn)
    findings = {r[0]: Finding(r[0], r[1], "", bool(r[2]), "", "") for r in conn.execute(
        "SELECT item_id, result, needs_rereview FROM findings")}
    outcome = certification_outcome(standards, findings)
    last = conn.execute("SELECT at, actor FROM log ORDER BY id DESC LIMIT 1").fetchone()
    changed = conn.execute(
        "SELECT at FROM log WHERE action IN ('set_finding') OR (action = 'undo' AND "
        "json_extract(payload, '$.undone') = 'set_finding') ORDER BY id DESC LIMIT 1"
    ).fetchone()
    created = conn.execute("SELECT created_at FROM review").fetchone()[0]
    status, reasons = outcome.status, [r for r in outcome.reasons if not r.endswith(": met.")]
    if outcome.is_draft and status != IN_PROCESS:  # no determination before every item
        status = IN_PROCESS
        reasons.append(f"{outcome.not_assessed} of {outcome.total} items not yet assessed.")
    determined = expires = ""
    signed = _signed_at(conn, tables)
    if status != IN_PROCESS:  # the sign-off makes the determination (issue 12), when given
        determined = (signed or (changed[0] if changed else created))[:10]
        if status == CERTIFIED:
            expires = _add_months(date.fromisoformat(determined),
                                  standards.certification_months).isoformat()
    return CaseloadEntry(
        review_uuid=stored_review_uuid(conn), path=str(path), agency=row[0], ori=row[1],
        state=row[2], body=row[3], standards_id=row[5], edition=standards.edition,
        assessor=row[4], assessed=outcome.assessed, total=outcome.total,
        outcome=status, reasons=tuple(reasons),
        determined_on=determined, expires_on=expires,
        rereview=sum(1 for f in findings.values() if f.needs_rereview),
        last_change_at=last[0] if last else created, last_change_by=last[1] if last else "",
        created_at=created, size=size, schema_version=version)


def _signed_at(conn: sqlite3.Connection, tables: set[str]) -> str:
    """When the approving official signed the review off ("" if not, or an older file)."""
    if "stage" not in tables:
        return ""
    row = conn.execute("SELECT signed_at FROM stage WHERE stage = 'signed_off'").fetchone()
    return row[0] if row else ""


def read_entry(path: Path, cache: StandardsCache, has_wal: bool | None = None
               ) -> tuple[CaseloadEntry, Signature]:
    """The row of the review at ``path`` and the signature it was read at.

    Raises ``Unreadable`` (with the reason) for anything that is not a usable review.
    """
    for _attempt in range(3):
        wal = os.path.exists(f"{path}-wal") if has_wal is None or _attempt else has_wal
        try:
            st = os.stat(path)
        except FileNotFoundError as exc:
            raise Unreadable("the file was deleted during the scan") from exc
        except OSError as exc:
            raise Unreadable(f"cannot be read ({exc.strerror or exc})") from exc
        before = signature(path, st, wal)
        try:
            conn = _connect(path, wal)
        except sqlite3.Error as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise Unreadable(LOCKED) from exc
            raise Unreadable(f"cannot be opened ({exc})") from exc
        entry: CaseloadEntry | None = None
        error: Exception | None = None
        try:
            entry = _entry(path, conn, st.st_size, read_header(path)[1], cache)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise Unreadable(LOCKED) from exc
            error = exc
        except (sqlite3.DatabaseError, Unreadable) as exc:
            error = exc
        except ReviewError as exc:  # its embedded standards set fails to load
            error = Unreadable(f"its standards set cannot be read ({exc})")
        except (ValueError, KeyError, TypeError) as exc:
            error = Unreadable(f"its contents are damaged ({exc})")
        finally:
            conn.close()
        try:
            after = signature(path, os.stat(path), os.path.exists(f"{path}-wal"))
        except (OSError, Unreadable):
            after = None
        if after == before:
            if entry is not None:
                return entry, before
            if isinstance(error, Unreadable):
                raise error
            raise Unreadable(f"the review file is damaged ({error})") from error
        # rewritten while it was read: read it again
    raise Unreadable("the file kept changing while it was read; scan again later")
