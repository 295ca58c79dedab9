"""Opening the other copy for a merge, and refusing what cannot be merged.

The other copy is never written: under its lock (nobody writes it meanwhile) its bytes
and WAL are copied into a temporary folder, where it is checked, and upgraded if it came
from an older version. Refused, each with one sentence and nothing changed: the review
itself, a file that is not a review or is damaged, a copy open elsewhere (its lock), a
newer file format, a copy of another review, and a copy (or "mine") changed outside the
app (its log chain broken: merging would seal the change into a valid chain).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.core.errors import NewerVersionError, ReviewError, ReviewFileError
from reviewer_app.core.review.file_guard import check_review_file
from reviewer_app.core.review.integrity import seal_problems
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.merge.snapshot import Copy, read_copy
from reviewer_app.core.review.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from reviewer_app.core.review.store import ReviewStore


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def _altered(name: str, conn: sqlite3.Connection) -> None:
    problems = seal_problems(conn)
    if problems:
        raise ReviewFileError(f"{name}: was changed outside the app, so it is not merged "
                              f"({problems[0]}); see every problem with: reviewer-app "
                              f"check {name}")


def check_mine(store: ReviewStore) -> None:
    """Refuse to merge into a review that cannot take it."""
    if store.read_only:
        raise ReviewFileError(f"{store.path}: is open read-only ({store.read_only_reason}); "
                              "merge into a writable copy (--out).")
    _altered(str(store.path), store.conn)


def read_theirs(path: str | Path, mine: ReviewStore) -> Copy:
    """The other copy as a ``Copy`` (documents mine lacks with their bytes), or a
    ``ReviewError`` saying why it cannot be merged into ``mine``."""
    from reviewer_app.core.review.store import ReviewStore

    path = Path(path)
    check_review_file(path)
    if _same_file(path, mine.path):
        raise ReviewError(f"{path}: is the review itself ({mine.path.name}); choose the other "
                          "copy to merge. Nothing was changed.")
    _refuse_newer(path)
    lock = ReviewLock(path)
    held = False
    try:
        lock.acquire()  # raises ReviewLocked naming who has it open
        held = True
    except OSError:
        pass  # write-protected media: nobody is writing it either
    try:
        with tempfile.TemporaryDirectory(prefix="reviewer-merge-") as tmp:
            snap = Path(tmp) / path.name
            _snapshot(path, snap)
            try:
                theirs = ReviewStore.open(snap)
            except ReviewError as exc:
                raise type(exc)(str(exc).replace(str(snap), str(path))) from exc
            try:
                _same_review(path, theirs, mine)
                _altered(str(path), theirs.conn)
                shas = {d.sha256 for d in mine.documents(include_inactive=True)}
                return read_copy(theirs.conn, path.name, payloads_unless=shas)
            finally:
                theirs.close()
    finally:
        if held:
            lock.release()


def _refuse_newer(path: Path) -> None:
    """The file format from the header (``PRAGMA user_version`` is bytes 60-63), read
    without SQLite opening the original."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ReviewFileError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    version = int.from_bytes(head[60:64], "big") if len(head) == 64 else 0
    if version > SCHEMA_VERSION:
        raise NewerVersionError(f"{path}: was saved by a newer version of reviewer_app (file "
                                f"format {version}, this app reads up to {SCHEMA_VERSION}); "
                                "merge it with that version. Nothing was changed.")


def _snapshot(path: Path, dest: Path) -> None:
    """Copy the file (and its WAL, whose saved changes it holds) while its lock is held,
    so SQLite never opens the original: not even a -shm file appears beside it."""
    try:
        shutil.copyfile(path, dest)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))
    except OSError as exc:
        raise ReviewFileError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    try:
        out = sqlite3.connect(dest)
        try:
            out.execute("PRAGMA journal_mode = DELETE")  # the WAL's saved changes, in
            problems = [r[0] for r in out.execute("PRAGMA quick_check(3)")]
        finally:
            out.close()
    except sqlite3.DatabaseError as exc:
        raise ReviewFileError(f"{path}: the review file is damaged ({_one_line(exc)}).") from exc
    if problems != ["ok"]:
        raise ReviewFileError(f"{path}: the review file is damaged "
                              f"({_one_line('; '.join(problems))}).")


def _one_line(text: object) -> str:
    """SQLite's reports span lines; the message is one."""
    return " ".join(str(text).split())


def _same_review(path: Path, theirs: ReviewStore, mine: ReviewStore) -> None:
    if theirs.review_uuid() != mine.review_uuid():
        raise ReviewError(
            f"{path}: is a copy of another review ({theirs.review().agency_name}, id "
            f"{theirs.review_uuid()[:8]}), not of {mine.path.name} "
            f"({mine.review().agency_name}, id {mine.review_uuid()[:8]}); only copies of "
            "one review can be merged. Nothing was changed.")
    if theirs.review().standards_sha256 != mine.review().standards_sha256:
        raise ReviewError(f"{path}: uses another copy of the standards than "
                          f"{mine.path.name}; it cannot be merged. Nothing was changed.")
