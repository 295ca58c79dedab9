"""The review file: one SQLite database holding everything about one agency review.

Every change runs in its own transaction (``transaction()``) so an action is saved the
moment it is acknowledged; WAL mode with ``synchronous=FULL`` keeps earlier actions safe
when the process is killed or the battery dies. Writes happen only through the command
objects in ``commands``; this class offers them primitives and offers everyone else reads.

Opening guards against what travels on USB sticks: files that are not reviews, newer
formats, damage, a review open elsewhere (``lock.ReviewLock``), and write-protected media,
which open read-only with ``read_only_reason`` saying why. Before a schema upgrade the
file is copied beside itself.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from reviewer_app import __version__
from reviewer_app.core.checklist.standards import StandardsSet, standards_from_json
from reviewer_app.core.errors import (
    NewerVersionError,
    ReviewBusy,
    ReviewError,
    ReviewFileError,
)
from reviewer_app.core.records import DocumentRecord, Evidence, Finding, LogEntry, ReviewInfo
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.review_id import new_review_uuid, stored_review_uuid
from reviewer_app.core.review.schema import SCHEMA_VERSION, migrations
from reviewer_app.core.text.textmap import DocumentText, PageText

FILE_FORMAT = "reviewer_app.review"
SQLITE_HEADER = b"SQLite format 3\x00"


# A fixed "now", set only while generated sample offices are written (caseload.sample_office).
FIXED_NOW: list[datetime] = []


def now_iso() -> str:
    now = FIXED_NOW[-1] if FIXED_NOW else datetime.now(UTC)
    return now.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "assessor"


# A record's columns: never ``*``, which would read each PDF (megabytes) to list documents.
_DOC_COLUMNS = ", ".join(DocumentRecord.__dataclass_fields__)


def _database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over our connection, without its plugin hooks: loading them scans every
    installed package's entry points (about 0.3 s at start-up) and no plugin is wanted in
    a review file."""
    return Database(conn, execute_plugins=False)


class ReviewStore:
    """An open review file. Use ``create`` or ``open``; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool = False,
                 lock: ReviewLock | None = None, read_only_reason: str = ""):
        self.path = path
        self.conn = conn
        self.db = _database(conn)
        self.read_only = read_only
        self.read_only_reason = read_only_reason if read_only else ""
        self.lock = lock
        self._texts: dict[int, DocumentText] = {}
        self._standards: StandardsSet | None = None
        self._user = default_actor()
        self._writing = threading.Lock()  # held by the one transaction open (any thread)

    # -- opening -----------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path, read_only: bool = False, immutable: bool = False
                 ) -> sqlite3.Connection:
        uri = path.absolute().as_uri()  # percent-encodes '?', '#' and spaces in names
        if read_only:
            uri += "?mode=ro" + ("&immutable=1" if immutable else "")
        conn = None
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
            else:  # a WAL file on write-protected media: this forces the read now
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if read_only and not immutable and "unable to open" in str(exc):
                return ReviewStore._connect(path, read_only=True, immutable=True)
            raise ReviewFileError(f"{path}: cannot open the review file ({exc}).") from exc
        return conn

    @classmethod
    def create(cls, path: str | Path, *, agency_name: str, standards: StandardsSet,
               agency_ori: str = "", agency_state: str = "", assessor: str = "",
               credentialing_body: str = "", overwrite: bool = False) -> ReviewStore:
        """A new review file, built aside and moved into place whole (never half-made)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise ReviewFileError(f"{path}: a file of that name exists already.")
        if not agency_name.strip():
            raise ReviewError("the agency name must not be empty.")
        if not path.parent.exists():
            raise ReviewFileError(f"{path}: the folder {path.parent} does not exist.")
        lock = _take_lock(path, take_over=False)
        if lock is None:
            raise ReviewFileError(f"{path}: cannot write in {path.parent} (read-only?).")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
        try:
            _remove_with_sidecars(tmp)
            conn = cls._connect(tmp)
            db = _database(conn)
            try:
                migrations.apply(db)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                with db.atomic():
                    db.table("meta").insert_all([
                        {"key": "format", "value": FILE_FORMAT},
                        {"key": "created_with", "value": __version__}])
                    db.table("review").insert({
                        "id": 1, "agency_name": agency_name.strip(),
                        "agency_ori": agency_ori.strip(),
                        "agency_state": agency_state.strip().upper(),
                        "credentialing_body": credentialing_body.strip(),
                        "assessor": assessor.strip(), "notes": "",
                        "standards_id": standards.id, "standards_sha256": standards.sha256,
                        "standards_json": standards.to_json(), "created_at": now_iso(),
                        "review_uuid": new_review_uuid()})
                    db.table("log").insert({
                        "at": now_iso(), "actor": assessor or default_actor(),
                        "action": "create",
                        "summary": f"Review of {agency_name} created with {standards.id}",
                        "payload": json.dumps({"standards_sha256": standards.sha256})})
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            _remove_with_sidecars(path, keep_main=True)  # an old WAL must not meet the new file
            os.replace(tmp, path)
            _remove_with_sidecars(tmp)
            conn = cls._connect(path)
        except (sqlite3.Error, OSError, ReviewError) as exc:
            _remove_with_sidecars(tmp)
            lock.release()
            if isinstance(exc, ReviewError):
                raise
            msg = "the disk is full" if "full" in str(exc) else str(exc)
            raise ReviewFileError(f"{path}: cannot create the review file ({msg}).") from exc
        return cls(path, conn, lock=lock)

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False,
             take_over: bool = False) -> ReviewStore:
        """Open a review; on write-protected media it opens read-only and says why.

        Raises ``ReviewLocked`` when another running instance has it open (``take_over``
        overrides a lock left on another computer), ``NewerVersionError``, and
        ``ReviewFileError`` for anything that is not a usable review file.
        """
        path = Path(path)
        check_review_file(path)
        reason = ""
        lock = None
        if not read_only:
            blocker = _write_blocker(path)
            if not blocker:
                lock = _take_lock(path, take_over)  # raises ReviewLocked
                if lock is None:
                    blocker = "its folder cannot be written (write-protected media?)"
            if blocker:
                read_only, reason = True, f"{path.name} is read-only: {blocker}"
        try:
            conn = cls._connect(path, read_only)
        except ReviewFileError:
            if lock:
                lock.release()
            raise
        try:
            cls._check_and_upgrade(path, conn, read_only)
        except BaseException:
            conn.close()
            if lock:
                lock.release()
            raise
        return cls(path, conn, read_only, lock=lock, read_only_reason=reason)

    @staticmethod
    def _check_and_upgrade(path: Path, conn: sqlite3.Connection, read_only: bool) -> None:
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            fmt = conn.execute("SELECT value FROM meta WHERE key='format'").fetchone() \
                if "meta" in tables else None
            if not fmt or fmt[0] != FILE_FORMAT:
                raise ReviewFileError(f"{path}: a SQLite database, but not a review file.")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerVersionError(
                    f"{path}: this review was saved by a newer version of reviewer_app "
                    f"(file format {version}, this app reads up to {SCHEMA_VERSION}). "
                    "Install the newer version to open it; the file was not changed.")
            db = _database(conn)
            if not migrations.pending(db):
                return
            if read_only:
                raise ReviewFileError(f"{path}: was made by an older version and needs an "
                                      "upgrade, but it is open read-only; copy it to a "
                                      "writable place first.")
            backup = _backup(path, conn, version)
            try:
                migrations.apply(db)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except Exception as exc:
                raise ReviewFileError(
                    f"{path}: upgrading the file failed ({exc}); nothing was lost: the file "
                    f"as it was is saved as {backup.name}.") from exc
        except sqlite3.DatabaseError as exc:
            raise ReviewFileError(f"{path}: the review file is damaged ({exc}).") from exc

    def close(self) -> None:
        try:
            if not self.read_only:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.conn.close()
        if self.lock:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action: all of it is saved, or none of it (disk full, crash).

        One at a time: the connection is shared with worker threads (a big document is
        saved off the interface thread), and a second change opened meanwhile would run
        inside the first one's transaction, so it raises ``ReviewBusy`` instead."""
        if self.read_only:
            why = f" ({self.read_only_reason})" if self.read_only_reason else ""
            raise ReviewFileError(f"{self.path}: the review is open read-only{why}; "
                                  "the change was not made.")
        if not self._writing.acquire(blocking=False):
            raise ReviewBusy(f"{self.path.name}: another change to the review is still being "
                             "saved; this one was not made. Try again when it is done.")
        try:
            with self.db.atomic():
                yield self.db
        except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            msg = str(exc)
            if "full" in msg:
                msg = "the disk is full; free some space and try again"
            elif "readonly" in msg or "read-only" in msg:
                msg = "the file or its folder is read-only"
            elif "malformed" in msg or "not a database" in msg:
                msg = f"the review file is damaged ({msg})"
            raise ReviewFileError(f"{self.path}: the change was not saved: {msg}. "
                                  "Everything saved earlier is intact.") from exc
        finally:
            self._writing.release()

    def log(self, action: str, summary: str, payload: dict | None = None) -> None:
        self.db.table("log").insert({"at": now_iso(), "actor": self.actor, "action": action,
                               "summary": summary,
                               "payload": json.dumps(payload or {}, sort_keys=True)})

    # -- reads ---------------------------------------------------------------------------
    @property
    def actor(self) -> str:
        """Who the log names: the review's assessor as the file holds it now (else the
        computer's user), so an undone or failed change of the assessor leaves no trace."""
        row = self.conn.execute("SELECT assessor FROM review WHERE id = 1").fetchone()
        return "" if row is None else row[0] or self._user

    def review(self) -> ReviewInfo:
        row = dict(self.conn.execute("SELECT * FROM review WHERE id = 1").fetchone())
        return ReviewInfo(**{k: row[k] for k in ReviewInfo.__dataclass_fields__})

    def review_uuid(self) -> str:
        """The review's stable id (kept by copies, moves and renames)."""
        return stored_review_uuid(self.conn)

    def standards(self) -> StandardsSet:
        if self._standards is None:
            row = self.conn.execute("SELECT standards_json FROM review").fetchone()
            self._standards = standards_from_json(row[0])
        return self._standards

    def documents(self, include_inactive: bool = False) -> list[DocumentRecord]:
        sql = f"SELECT {_DOC_COLUMNS} FROM documents" + ("" if include_inactive
                                                         else " WHERE active = 1")
        return [DocumentRecord.from_row(dict(r)) for r in self.conn.execute(sql + " ORDER BY id")]

    def document(self, doc_id: int) -> DocumentRecord:
        row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?",
                                (doc_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no document with id {doc_id} in this review.")
        return DocumentRecord.from_row(dict(row))

    def find_document(self, ref: str | None) -> DocumentRecord:
        """A document by SHA-256 prefix or title (case-insensitive); the only one if None."""
        docs = self.documents()
        if not docs:
            raise ReviewError("the review has no documents yet; add one with add-doc.")
        if ref is None:
            if len(docs) > 1:
                names = "; ".join(f"{d.title} ({d.sha256[:8]})" for d in docs)
                raise ReviewError(f"the review has several documents, choose one with --doc: "
                                  f"{names}")
            return docs[0]
        low = ref.lower()
        hits = [d for d in docs if d.sha256.startswith(low)] or \
               [d for d in docs if d.title.lower() == low or d.filename.lower() == low] or \
               [d for d in docs if low in d.title.lower()]
        if len(hits) != 1:
            what = "no document" if not hits else f"{len(hits)} documents"
            raise ReviewError(f"{what} match '{ref}'; documents: "
                              + "; ".join(f"{d.title} ({d.sha256[:8]})" for d in docs))
        return hits[0]

    def document_data(self, doc_id: int) -> bytes:
        row = self.conn.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no document with id {doc_id} in this review.")
        return bytes(row[0])

    def document_text(self, doc_id: int) -> DocumentText:
        if doc_id not in self._texts:
            rows = self.conn.execute(
                "SELECT text, words, width, height, rotation FROM doc_pages WHERE doc_id = ? "
                "ORDER BY page", (doc_id,)).fetchall()
            self._texts[doc_id] = DocumentText([PageText.from_blob(*r) for r in rows])
        return self._texts[doc_id]

    def forget_text(self, doc_id: int) -> None:
        self._texts.pop(doc_id, None)

    def evidence(self, item_id: str | None = None, doc_id: int | None = None) -> list[Evidence]:
        sql, args = "SELECT * FROM evidence WHERE 1=1", list[object]()
        if item_id is not None:
            sql, args = sql + " AND item_id = ?", [*args, item_id]
        if doc_id is not None:
            sql, args = sql + " AND doc_id = ?", [*args, doc_id]
        return [Evidence.from_row(dict(r)) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def evidence_by_id(self, evidence_id: int) -> Evidence:
        row = self.conn.execute("SELECT * FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no evidence with id {evidence_id}.")
        return Evidence.from_row(dict(row))

    def findings(self) -> dict[str, Finding]:
        rows = self.conn.execute("SELECT * FROM findings")
        return {r["item_id"]: Finding.from_row(dict(r)) for r in rows}

    def log_entries(self) -> list[LogEntry]:
        return [LogEntry(**{**dict(r), "payload": json.loads(r["payload"])})
                for r in self.conn.execute("SELECT * FROM log ORDER BY id")]

    def damage(self) -> str:
        """What ``PRAGMA quick_check`` finds wrong with the file ("" when sound). Reads the
        whole file (about 70 ms for 40 MB), so it is offered, not run on every open."""
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return "" if rows == ["ok"] else "; ".join(rows)

    def file_sha256(self) -> str:
        """Hash of the review file as it is on disk after a checkpoint."""
        import hashlib
        if not self.read_only:
            self.conn.execute("PRAGMA wal_checkpoint(FULL)")
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def check_review_file(path: Path) -> None:
    """Refuse early, with a clear message, what is not a review file at all."""
    if not path.exists():
        raise ReviewFileError(f"{path}: no such review file.")
    if path.is_dir():
        raise ReviewFileError(f"{path}: is a folder, not a review file.")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ReviewFileError(f"{path}: cannot be read ({exc.strerror}).") from exc
    if head != SQLITE_HEADER:
        what = "empty" if not head else "not a review file (not an SQLite database)"
        raise ReviewFileError(f"{path}: the file is {what}.")


def _write_blocker(path: Path) -> str:
    """Why the review cannot be written in place, or "" when it can."""
    if not os.access(path, os.W_OK):
        return "the file is write-protected"
    if not os.access(path.parent, os.W_OK):
        return "its folder is write-protected (a locked USB stick or a CD?)"
    return ""


def _take_lock(path: Path, take_over: bool) -> ReviewLock | None:
    """The review's lock, or None when no lock file can be written (read-only media)."""
    lock = ReviewLock(path)
    try:
        lock.acquire(take_over=take_over)
    except OSError:
        return None
    return lock


def _remove_with_sidecars(path: Path, keep_main: bool = False) -> None:
    for p in ([] if keep_main else [path]) + [path.with_name(path.name + s)
                                                for s in ("-wal", "-shm", "-journal")]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def _backup(path: Path, conn: sqlite3.Connection, version: int) -> Path:
    """A consistent copy of the file (WAL included) before it is upgraded."""
    backup = path.with_name(f"{path.name}.v{version}.bak")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.v{version}.{n}.bak")
    dest = sqlite3.connect(backup)
    try:
        conn.backup(dest)
    except sqlite3.Error as exc:
        dest.close()
        backup.unlink(missing_ok=True)
        msg = "the disk is full" if "full" in str(exc) else str(exc)
        raise ReviewFileError(f"{path}: needs an upgrade, but a backup copy could not be "
                              f"made first ({msg}); the file was not changed.") from exc
    dest.close()
    return backup
