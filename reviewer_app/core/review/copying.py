"""A consistent copy of an open review file ("Save a copy…").

A review opened read-only (a locked USB stick, a file someone else has open) can only be
worked on as a copy. Copying the file's bytes could catch it between a transaction and
its WAL checkpoint; SQLite's backup API copies the database as of one moment instead,
WAL included, and the copy is checked before it replaces anything at its destination.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reviewer_app.core.errors import ReviewFileError
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.store import ReviewStore


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def save_copy(store: ReviewStore, dest: str | Path) -> Path:
    """Write a copy of the review to ``dest`` (replacing a file there) and return it.

    The copy is a self-contained file (no WAL beside it) that opens like any review.
    Raises ``ReviewFileError`` naming the problem (same file, missing folder, a copy
    that someone has open, a full disk); on failure nothing at ``dest`` is changed.
    """
    dest = Path(dest).expanduser()
    if dest.exists() and dest.resolve() == store.path.resolve():
        raise ReviewFileError(f"{dest}: that is the review itself; choose another name "
                              "for the copy.")
    if not dest.parent.is_dir():
        raise ReviewFileError(f"{dest}: the folder {dest.parent} does not exist.")
    lock = ReviewLock(dest)
    try:
        lock.acquire()  # a copy someone has open must not be overwritten under them
    except OSError as exc:
        raise ReviewFileError(f"{dest}: cannot write in {dest.parent} "
                              f"({exc.strerror or exc}).") from exc
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.copy")
    try:
        _remove(tmp)
        conn = sqlite3.connect(tmp)
        try:
            store.conn.backup(conn)
            conn.execute("PRAGMA journal_mode = DELETE")  # one file, fit for a USB stick
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
        finally:
            conn.close()
        if problems != ["ok"]:
            raise ReviewFileError(f"{dest}: the copy did not check out "
                                  f"({'; '.join(problems)}); nothing was saved.")
        for suffix in ("-wal", "-shm", "-journal"):  # an old WAL must not meet the copy
            _remove(dest.with_name(dest.name + suffix))
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        msg = "the disk is full" if "full" in str(exc) or getattr(exc, "errno", 0) == 28 \
            else str(exc)
        raise ReviewFileError(f"{dest}: the copy could not be saved ({msg}); nothing was "
                              "changed there.") from exc
    finally:
        _remove(tmp)
        lock.release()
    return dest
