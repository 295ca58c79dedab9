"""Who has a review open: a lock file beside it, so a second window or a script on the
same file is refused with the name of the person and machine holding it.

The lock file (``NAME.review.lock``) holds JSON {user, host, pid, since, app} and, while a
process has the review open, an operating-system lock on the file (``flock`` on POSIX,
``msvcrt.locking`` on Windows). The OS lock dies with its process, so a lock left by a
crash or a kill on this computer is recognised as stale and taken over. A lock written
on another computer cannot be checked from here: it is reported, and ``take_over=True``
(the window's "Open anyway", or ``reviewer-app unlock``) overrides it.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from reviewer_app.core.errors import ReviewFileError, ReviewLocked

# POSIX removes a file that is open (and locked: no one reads a half state); Windows
# refuses (PermissionError) while any handle is open, so there the lock file is emptied
# under the lock (an empty lock file names no one: the lock is free), closed, then removed.
UNLINK_WHILE_OPEN = sys.platform != "win32"

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _LOCK_AT = 1 << 20  # Windows locks are mandatory: lock a byte far past the JSON we show

    def _os_lock(fd: int) -> bool:
        try:
            os.lseek(fd, _LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _os_unlock(fd: int) -> None:
        try:
            os.lseek(fd, _LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _os_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str
    app: str = "reviewer-app"

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"

    @classmethod
    def me(cls) -> LockOwner:
        try:
            user = getpass.getuser()
        except Exception:
            user = "unknown user"
        since = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        return cls(user, socket.gethostname(), os.getpid(), since)


# Locks this process holds, by lock-file path: opening the same review twice inside one
# process (a second view, a test) shares the lock instead of refusing itself.
_held: dict[str, tuple[int, int]] = {}  # path -> (fd, count)
_guard = threading.Lock()


def _unlink(path: Path) -> bool:
    """Delete ``path``; False when the system refuses (Windows: open elsewhere)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def _read_owner(path: Path) -> LockOwner | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8") or "null")
        return LockOwner(**raw) if isinstance(raw, dict) else None
    except (OSError, ValueError, TypeError):
        return None


class ReviewLock:
    """The lock of one review file; ``acquire`` before writing, ``release`` when closed."""

    def __init__(self, review_path: str | Path):
        self.review_path = Path(review_path)
        self.path = self.review_path.with_name(self.review_path.name + ".lock")
        self._key = str(self.path.resolve())
        self.held = False

    def owner(self) -> LockOwner | None:
        """Who the lock file names (possibly a stale owner), or None when there is none."""
        return _read_owner(self.path) if self.path.exists() else None

    def acquire(self, take_over: bool = False) -> None:
        """Take the lock, or raise ``ReviewLocked`` naming who holds it.

        Raises ``OSError`` when the lock file cannot be created (read-only media).
        """
        with _guard:
            if self._key in _held:
                fd, count = _held[self._key]
                _held[self._key] = (fd, count + 1)
                self.held = True
                return
            for _ in range(5):  # retry when the file is replaced under us
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                if not _os_lock(fd):
                    os.close(fd)
                    raise ReviewLocked(self._message(self.owner(), running=True))
                if self._same_file(fd):
                    break
                _os_unlock(fd)
                os.close(fd)
            else:
                raise ReviewLocked(f"{self.review_path}: the lock file keeps changing; "
                                   "another program is opening this review.")
            previous = self.owner()
            me = LockOwner.me()
            if (previous and previous.host != me.host and not take_over
                    and not (previous.pid == me.pid and previous.user == me.user)):
                _os_unlock(fd)
                os.close(fd)
                raise ReviewLocked(self._message(previous, running=False))
            try:
                self._write(fd, me)
            except OSError:
                _os_unlock(fd)
                os.close(fd)
                raise
            _held[self._key] = (fd, 1)
            self.held = True

    def release(self) -> None:
        with _guard:
            if not self.held or self._key not in _held:
                return
            self.held = False
            fd, count = _held[self._key]
            if count > 1:
                _held[self._key] = (fd, count - 1)
                return
            del _held[self._key]
            try:
                self._remove(fd)
            except OSError:
                pass  # the lock file names us until the next open takes it over

    def break_lock(self) -> bool:
        """Remove a lock left by another computer; refuses while a process here holds it.

        True when the lock file is gone; False when it was emptied (free, harmless) but
        another program keeps it open, so it could not be deleted. Raises
        ``ReviewFileError`` with a one-line reason when the file cannot be changed."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ReviewFileError(self._cannot_release(exc)) from exc
        if not _os_lock(fd):
            os.close(fd)
            raise ReviewLocked(self._message(self.owner(), running=True))
        try:
            return self._remove(fd)
        except OSError as exc:
            raise ReviewFileError(self._cannot_release(exc)) from exc

    def _remove(self, fd: int) -> bool:
        """Delete the lock file we hold locked as ``fd``, then unlock and close ``fd``.

        Where an open file cannot be deleted (``UNLINK_WHILE_OPEN`` false: Windows) it is
        emptied first and deleted once closed; if another program has it open then, it
        stays, empty. True when the file is gone."""
        try:
            removed = UNLINK_WHILE_OPEN and _unlink(self.path)
            if not removed:
                os.ftruncate(fd, 0)
            _os_unlock(fd)
        finally:
            os.close(fd)
        return removed or (not UNLINK_WHILE_OPEN and _unlink(self.path))

    def _cannot_release(self, exc: OSError) -> str:
        why = (exc.strerror or str(exc)).rstrip(".").lower()
        return (f"{self.path.name}: cannot release the lock ({why}); another program may "
                "have the lock file open, or it belongs to another user. Close that "
                "program, or ask who made the file, and try again.")

    def _same_file(self, fd: int) -> bool:
        try:
            return os.path.samestat(os.fstat(fd), os.stat(self.path))
        except OSError:
            return False

    @staticmethod
    def _write(fd: int, owner: LockOwner) -> None:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(asdict(owner)).encode() + b"\n")
        os.fsync(fd)

    def _message(self, owner: LockOwner | None, running: bool) -> str:
        who = owner.describe() if owner else "another program"
        if running:
            return (f"{self.review_path.name} is open in another window or program: {who}. "
                    "Close it there first, or open the review read-only.")
        return (f"{self.review_path.name} was opened by {who} and not closed. If that "
                "computer no longer has it open, take the lock over ('Open anyway', or "
                f"reviewer-app unlock {self.review_path}).")

    def __enter__(self) -> ReviewLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
