"""Symbolic links and foreign lock files never make the app write where it should not."""

from __future__ import annotations

import errno
import os

import pytest

from reviewer_app.core.errors import ReviewFileError, ReviewLocked
from reviewer_app.core.review import lock as lock_mod
from reviewer_app.core.review.store import ReviewStore


def test_symlinked_lock_file_is_never_followed(cli_review, tmp_path, cli):
    victim = tmp_path / "other.review"
    victim.write_bytes(b"precious bytes")
    os.symlink(victim, cli_review.with_name(cli_review.name + ".lock"))
    code, _, err = cli("finding", cli_review, "--item", "chokehold", "--result", "met")
    assert code == 2 and "symbolic link" in err and "Traceback" not in err
    assert victim.read_bytes() == b"precious bytes"
    code, out, _ = cli("unlock", cli_review)  # removes the link, not its target
    assert code == 0 and "symbolic link" in out
    assert victim.read_bytes() == b"precious bytes"
    assert cli("finding", cli_review, "--item", "chokehold", "--result", "met")[0] == 0


def test_dangling_symlinked_lock_creates_nothing(cli_review, tmp_path, cli):
    target = tmp_path / "created-elsewhere"
    os.symlink(target, cli_review.with_name(cli_review.name + ".lock"))
    assert cli("finding", cli_review, "--item", "chokehold", "--result", "met")[0] == 2
    assert not target.exists()


def test_symlinked_wal_file_is_refused(cli_review, tmp_path, cli):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    os.symlink(victim, cli_review.with_name(cli_review.name + "-wal"))
    code, _, err = cli("finding", cli_review, "--item", "chokehold", "--result", "met")
    assert code == 2 and "symbolic link" in err
    assert victim.read_text() == "keep"


def test_migration_backup_is_never_written_through_a_link(cli_review, tmp_path,
                                                          monkeypatch):
    from reviewer_app.core.review import store as store_mod

    victim = tmp_path / "created-through-the-link.review"  # a dangling link
    os.symlink(victim, cli_review.with_name(cli_review.name + ".v2.bak"))
    with ReviewStore.open(cli_review) as store:
        backup = store_mod.backup_before_upgrade(cli_review, store.conn, 2)
    assert not victim.exists()
    assert backup.name == cli_review.name + ".v2.2.bak" and not backup.is_symlink()


def test_second_path_through_a_symlink_shares_the_lock(cli_review, tmp_path):
    alias = tmp_path / "alias.review"
    os.symlink(cli_review, alias)
    a = lock_mod.ReviewLock(cli_review)
    b = lock_mod.ReviewLock(alias)
    assert a.path == b.path
    import subprocess
    import sys
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time\nfrom reviewer_app.core.review.store import "
         "ReviewStore\ns=ReviewStore.open(sys.argv[1])\nprint('OPEN',flush=True)\n"
         "time.sleep(60)", str(cli_review)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "OPEN"
        with pytest.raises(ReviewLocked):
            ReviewStore.open(alias)
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def foreign_lock(cli_review, monkeypatch):
    """A stale lock file that this account may neither write nor remove (another user's
    file in a folder with the sticky bit), simulated so that it works as root too."""
    lock_path = cli_review.with_name(cli_review.name + ".lock")
    lock_path.write_text('{"user": "bob", "host": "elsewhere", "pid": 1, '
                         '"since": "2026-01-01T00:00:00Z"}')
    real_open, real_unlink = os.open, os.unlink

    def guarded_open(path, flags, *args):
        if str(path) == str(lock_path) and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    def guarded_unlink(path, *args, **kw):
        if str(path) == str(lock_path):
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path))
        return real_unlink(path, *args, **kw)

    monkeypatch.setattr(lock_mod.os, "open", guarded_open)
    monkeypatch.setattr(lock_mod.os, "unlink", guarded_unlink)
    return lock_path


def test_stale_lock_of_another_user_is_explained(cli_review, foreign_lock, cli):
    code, _, err = cli("finding", cli_review, "--item", "chokehold", "--result", "met")
    assert code == 2 and "another user account" in err and "bob" in err
    assert "write-protected" not in err
    with pytest.raises(ReviewFileError, match="may not remove it"):
        ReviewStore.open(cli_review)


def test_unlock_of_another_users_lock_is_a_message(cli_review, foreign_lock, cli):
    code, _, err = cli("unlock", cli_review)
    assert code == 2 and "bob" in err and "Traceback" not in err


def test_stale_foreign_lock_that_can_be_removed_is_taken_over(cli_review, monkeypatch,
                                                              cli):
    lock_path = cli_review.with_name(cli_review.name + ".lock")
    lock_path.write_text('{"user": "bob", "host": "elsewhere", "pid": 1, '
                         '"since": "2026-01-01T00:00:00Z"}')
    real_open = os.open
    state = {"first": True}

    def guarded_open(path, flags, *args):
        if str(path) == str(lock_path) and flags & os.O_RDWR and state["first"]:
            state["first"] = False
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(lock_mod.os, "open", guarded_open)
    code, _, err = cli("finding", cli_review, "--item", "chokehold", "--result", "met")
    assert code == 0, err
