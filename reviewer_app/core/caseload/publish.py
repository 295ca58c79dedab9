"""``caseload publish --postgres URL``: the office's index rows into a state-wide PostgreSQL
database that several offices feed, and ``caseload list --postgres URL`` reading it back.

Only index rows leave the office (agency, ORI, dates, outcome and its reasons, the file's
name): never documents or quotes. Rows are keyed by review id and credentialing body; a
publish is one transaction (a dropped connection leaves nothing half-written) and only
inserts a new row or updates one whose content changed and is not older than the stored
one, so republishing changes nothing and a stale copy never overwrites a newer one.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from reviewer_app.core.caseload.index import CaseloadError
from reviewer_app.core.caseload.queries import CaseloadRow
from reviewer_app.core.caseload.reader import CaseloadEntry

PG_SCHEMA_VERSION = 1
TABLE = "caseload_reviews"
COLUMNS = ("review_uuid", "credentialing_body", "agency", "ori", "state", "standards_id",
           "edition", "assessor", "assessed", "total", "outcome", "reasons", "determined_on",
           "expires_on", "rereview", "last_change_at", "last_change_by", "created_at",
           "file_name", "office")
CONTENT = COLUMNS[2:]
# where the row came from: an identical copy published by a second office changes nothing
SOURCE = ("file_name", "office")

PG_MIGRATIONS = {
    1: f"""
        CREATE TABLE {TABLE} (
            review_uuid uuid NOT NULL, credentialing_body text NOT NULL,
            agency text NOT NULL, ori text NOT NULL, state text NOT NULL,
            standards_id text NOT NULL, edition text NOT NULL, assessor text NOT NULL,
            assessed integer NOT NULL, total integer NOT NULL, outcome text NOT NULL,
            reasons jsonb NOT NULL, determined_on date, expires_on date,
            rereview integer NOT NULL, last_change_at timestamptz NOT NULL,
            last_change_by text NOT NULL, created_at timestamptz NOT NULL,
            file_name text NOT NULL, office text NOT NULL,
            published_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (review_uuid, credentialing_body)
        );
        CREATE INDEX {TABLE}_ori ON {TABLE} (ori);
    """,
}


@dataclass(frozen=True)
class PublishReport:
    rows: int  # rows offered (one per review: the newest copy)
    written: int  # inserted or changed

    def summary(self) -> str:
        return (f"published {self.rows} reviews: {self.written} new or changed, "
                f"{self.rows - self.written} already up to date")


def _problem(exc: Exception, url: str, writing: bool = True) -> CaseloadError:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    where = _safe_url(url)
    return CaseloadError(f"PostgreSQL at {where}: {first}"
                         + ("; nothing was written." if writing else "."))


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        d = conninfo_to_dict(url)
        return f"{d.get('host', 'localhost')}:{d.get('port', 5432)}/{d.get('dbname', '')}"
    except Exception:
        return "the given URL"


def connect(url: str, writing: bool = True) -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise CaseloadError("publishing needs psycopg 3: pip install 'psycopg[binary]'.") \
            from exc
    try:
        return psycopg.connect(url, connect_timeout=10, application_name="reviewer-app")
    except psycopg.Error as exc:
        raise _problem(exc, url, writing) from exc


def _migrate(cur: Any) -> None:
    cur.execute("SELECT pg_advisory_xact_lock(hashtext('reviewer_app_caseload'))")
    cur.execute("CREATE TABLE IF NOT EXISTS caseload_schema (version integer NOT NULL)")
    cur.execute("SELECT max(version) FROM caseload_schema")
    version = cur.fetchone()[0] or 0
    if version > PG_SCHEMA_VERSION:
        raise CaseloadError(f"the database's caseload tables are of a newer version "
                            f"({version}; this app knows up to {PG_SCHEMA_VERSION}); "
                            "update reviewer_app; nothing was written.")
    for n in range(version + 1, PG_SCHEMA_VERSION + 1):
        cur.execute(PG_MIGRATIONS[n])
        cur.execute("INSERT INTO caseload_schema VALUES (%s)", (n,))


def _values(e: CaseloadEntry, office: str) -> tuple:
    name = e.path.replace("\\", "/").rsplit("/", 1)[-1]
    return (e.review_uuid, e.body, e.agency, e.ori, e.state, e.standards_id, e.edition,
            e.assessor, e.assessed, e.total, e.outcome, json.dumps(list(e.reasons)),
            e.determined_on or None, e.expires_on or None, e.rereview, e.last_change_at,
            e.last_change_by, e.created_at, name, office)


def publish(rows: list[CaseloadRow], url: str, office: str = "") -> PublishReport:
    """Upsert the newest copy of every review into the database at ``url``."""
    import psycopg

    office = office or socket.gethostname()
    values = [_values(r.entry, office) for r in rows if r.newest_copy]
    cols = ", ".join(COLUMNS)
    changed = " OR ".join(f"t.{c} IS DISTINCT FROM excluded.{c}" for c in CONTENT
                          if c not in SOURCE)
    updates = ", ".join(f"{c} = excluded.{c}" for c in CONTENT)
    conn = connect(url)
    try:
        with conn.transaction(), conn.cursor() as cur:
            _migrate(cur)
            cur.execute(f"CREATE TEMP TABLE incoming (LIKE {TABLE} INCLUDING DEFAULTS) "
                        "ON COMMIT DROP")
            with cur.copy(f"COPY incoming ({cols}) FROM STDIN") as copy:
                for v in values:
                    copy.write_row(v)
            cur.execute(
                f"INSERT INTO {TABLE} AS t ({cols}) SELECT {cols} FROM incoming "
                f"ON CONFLICT (review_uuid, credentialing_body) DO UPDATE SET {updates}, "
                f"published_at = now() WHERE excluded.last_change_at > t.last_change_at "
                f"OR (excluded.last_change_at = t.last_change_at AND ({changed}))")
            written = cur.rowcount
    except psycopg.Error as exc:
        raise _problem(exc, url) from exc
    finally:
        conn.close()
    return PublishReport(len(values), max(written, 0))


def read_published(url: str, body: str = "") -> list[CaseloadEntry]:
    """The rows of the state-wide database (of one credentialing body, if given)."""
    import psycopg

    conn = connect(url, writing=False)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass(%s)", (TABLE,))
            if cur.fetchone()[0] is None:
                raise CaseloadError(f"PostgreSQL at {_safe_url(url)}: nothing has been "
                                    "published there yet (run caseload publish).")
            where = " WHERE lower(credentialing_body) = lower(%s)" if body.strip() else ""
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM {TABLE}{where} "
                        "ORDER BY agency, office, file_name",
                        (body.strip(),) if where else ())
            records = cur.fetchall()
    except psycopg.Error as exc:
        raise _problem(exc, url, writing=False) from exc
    finally:
        conn.close()
    return [_entry(dict(zip(COLUMNS, r, strict=True))) for r in records]


def _iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _entry(d: dict) -> CaseloadEntry:
    reasons = d["reasons"] if isinstance(d["reasons"], list) else json.loads(d["reasons"])
    return CaseloadEntry(
        review_uuid=str(d["review_uuid"]), path=f"{d['office']}:{d['file_name']}",
        agency=d["agency"], ori=d["ori"], state=d["state"], body=d["credentialing_body"],
        standards_id=d["standards_id"], edition=d["edition"], assessor=d["assessor"],
        assessed=d["assessed"], total=d["total"], outcome=d["outcome"],
        reasons=tuple(reasons), determined_on=_iso(d["determined_on"]),
        expires_on=_iso(d["expires_on"]), rereview=d["rereview"],
        last_change_at=_iso(d["last_change_at"]), last_change_by=d["last_change_by"],
        created_at=_iso(d["created_at"]), size=0, schema_version=0)
