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
from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.errors import (
    NewerVersionError,
    ReviewBusy,
    ReviewError,
    ReviewFileError,
)
from reviewer_app.core.review import log_chain, stable_ids
from reviewer_app.core.review.file_guard import (  # noqa: F401  (check_review_file: API)
    SQLITE_HEADER,
    _remove_with_sidecars,
    backup_before_upgrade,
    check_review_file,
    needs_upgrade,
    refuse_damaged_rows,
    refuse_planted_links,
)
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.reads import ReviewReads
from reviewer_app.core.review.review_id import new_review_uuid
from reviewer_app.core.review.schema import SCHEMA_VERSION, migrations
from reviewer_app.core.review.workflow.user import keyboard_user
from reviewer_app.core.text.textmap import DocumentText

FILE_FORMAT = "reviewer_app.review"


# A fixed "now", set only while generated sample offices are written (caseload.sample_office).
FIXED_NOW: list[datetime] = []


def now_iso() -> str:
    now = FIXED_NOW[-1] if FIXED_NOW else datetime.now(UTC)
    return now.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_actor() -> str:
    """The person at the keyboard (``workflow.user``: --as, remembered, env, login)."""
    return keyboard_user()


def _database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over our connection, without its plugin hooks: loading them scans every
    installed package's entry points (about 0.3 s at start-up) and no plugin is wanted in
    a review file."""
    return Database(conn, execute_plugins=False)


class ReviewStore(ReviewReads):
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
        self.action_uid = ""  # the stable id of the action being written (stable_ids)
        if not read_only:
            stable_ids.install_stamping(conn)

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
            if "malformed" in str(exc):  # SQLite's own word for pages that do not add up
                raise ReviewFileError(f"{path}: the review file is damaged ({exc}).") from exc
            raise ReviewFileError(f"{path}: cannot open the review file ({exc}).") from exc
        return conn

    @classmethod
    def create(cls, path: str | Path, *, agency_name: str, standards: StandardsSet,
               agency_ori: str = "", agency_state: str = "", assessor: str = "",
               credentialing_body: str = "", overwrite: bool = False) -> ReviewStore:
        """A new review file, built aside and moved into place whole (never half-made)."""
        from reviewer_app.core.review.fields import storable_text

        path = Path(path)
        if not path.name or path.name in (".", ".."):
            raise ReviewFileError("give the name of the review file to create "
                                  "(e.g. agency.review).")
        if path.is_dir():
            raise ReviewFileError(f"{path}: is a folder; give the name of a review file.")
        if path.exists() and not overwrite:
            raise ReviewFileError(f"{path}: a file of that name exists already.")
        agency_name = storable_text("agency name", agency_name, required=True)
        agency_ori, agency_state, assessor, credentialing_body = (
            storable_text(label, value) for label, value in (
                ("ORI", agency_ori), ("state", agency_state), ("assessor's name", assessor),
                ("credentialing body", credentialing_body)))

        if not path.parent.exists():
            raise ReviewFileError(f"{path}: the folder {path.parent} does not exist.")
        refuse_planted_links(path)
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
                    log_chain.append(
                        conn, now_iso(), default_actor(), "create",
                        f"Review of {agency_name} created with {standards.id}",
                        json.dumps({"standards_sha256": standards.sha256}))
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            _remove_with_sidecars(path, keep_main=True)  # an old WAL must not meet the new file
            os.replace(tmp, path)
            _remove_with_sidecars(tmp)
            conn = cls._connect(path)
        except BaseException as exc:  # nothing half-made is left: no .new file, no lock
            _remove_with_sidecars(tmp)
            lock.release()
            if not isinstance(exc, sqlite3.Error | OSError):
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
        if read_only and needs_upgrade(path, SCHEMA_VERSION) and not _write_blocker(path):
            cls._upgrade_first(path, take_over)
        reason = ""
        lock = None
        if not read_only:
            refuse_planted_links(path)
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
            refuse_damaged_rows(path, conn)
        except BaseException:
            conn.close()
            if lock:
                lock.release()
            raise
        return cls(path, conn, read_only, lock=lock, read_only_reason=reason)

    @classmethod
    def _upgrade_first(cls, path: Path, take_over: bool) -> None:
        """Upgrade a writable file from an older version before reading it read-only
        (status, export): a short write open, with the usual backup."""
        from reviewer_app.core.errors import ReviewLocked

        try:
            cls.open(path, take_over=take_over).close()
        except ReviewLocked as exc:
            raise ReviewFileError(f"{path}: was made by an older version and needs a "
                                  "one-time upgrade, which needs it closed elsewhere "
                                  f"first. {exc}") from exc

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
                why = _write_blocker(path) or "it is open read-only"
                raise ReviewFileError(f"{path}: was made by an older version and needs an "
                                      f"upgrade, but {why}; copy it to a writable place "
                                      "first.")
            backup = backup_before_upgrade(path, conn, version)
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
                self.action_uid = stable_ids.begin_action(self.conn)
                yield self.db
                stable_ids.end_action(self.conn)
        except UnicodeEncodeError as exc:
            raise ReviewError("the text given holds bytes that are not valid UTF-8 (a "
                              "terminal or file name in another encoding?); the change was "
                              "not made.") from exc
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
            self.action_uid = ""
            self._writing.release()

    def log(self, action: str, summary: str, payload: dict | None = None) -> None:
        """Append a chained log row sealing the state the change left (``log_chain``)."""
        log_chain.append(self.conn, now_iso(), self.actor, action, summary,
                         json.dumps(payload or {}, sort_keys=True), self.action_uid)


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
