"""Guards around the review file on disk: planted symbolic links, rows the app cannot
use, files from older versions, and the backup made before an upgrade.

Review files travel on USB sticks and through other people's hands, so nothing beside
the review is written through a symbolic link and a file whose rows were edited with a
database tool is refused with a sentence instead of failing somewhere later.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from reviewer_app.core.errors import ReviewFileError
from reviewer_app.core.review.schema import SCHEMA_VERSION

SIDECARS = ("-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_planted_links(path: Path) -> None:
    """Refuse to write a review whose WAL, shared-memory or journal file is a symbolic
    link: SQLite would write through it into whatever file it points at."""
    for suffix in SIDECARS:
        side = path.with_name(path.name + suffix)
        if side.is_symlink():
            raise ReviewFileError(f"{side}: is a symbolic link where SQLite keeps its "
                                  "working file; remove it before opening the review.")


def refuse_damaged_rows(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse, with the first problem, a file whose rows the app cannot use."""
    from reviewer_app.core.review.integrity import row_problems

    try:
        problems = row_problems(conn)
    except sqlite3.DatabaseError as exc:
        raise ReviewFileError(f"{path}: the review file is damaged ({exc}).") from exc
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ReviewFileError(f"{path}: the review file was altered or damaged: "
                              f"{problems[0]}{more} Nothing was changed; see all problems "
                              f"with: reviewer-app check {path}")


def needs_upgrade(path: Path, version: int = SCHEMA_VERSION) -> bool:
    """Whether the file was written by an older version (read without opening it)."""
    try:
        with closing(sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)) as c:
            return 0 <= c.execute("PRAGMA user_version").fetchone()[0] < version
    except sqlite3.Error:
        return False  # the real open says what is wrong



def backup_before_upgrade(path: Path, conn: sqlite3.Connection, version: int) -> Path:
    """A consistent copy of the file (WAL included) before it is upgraded."""
    backup = path.with_name(f"{path.name}.v{version}.bak")
    n = 1
    while True:  # a new file of our own: never through a link, never over another file
        try:
            os.close(os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_NOFOLLOW", 0), 0o644))
            break
        except FileExistsError:
            n += 1
            backup = path.with_name(f"{path.name}.v{version}.{n}.bak")
        except OSError as exc:
            raise ReviewFileError(f"{path}: needs an upgrade, but a backup copy could not "
                                  f"be made first ({exc.strerror}); the file was not "
                                  "changed.") from exc
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


def _remove_with_sidecars(path: Path, keep_main: bool = False) -> None:
    for p in ([] if keep_main else [path]) + [path.with_name(path.name + s)
                                                for s in SIDECARS]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass
