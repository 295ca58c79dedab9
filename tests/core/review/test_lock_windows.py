"""Releasing and breaking the review lock where an open file cannot be deleted (Windows).

The tests simulate Windows on any system: ``os.unlink`` refuses (PermissionError) while
this process holds the lock file open, as Windows does for files opened without
FILE_SHARE_DELETE, and the module is told it runs where an open file cannot be removed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.review import lock as lock_module
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.store import ReviewStore

FOREIGN = {"user": "pat", "host": "field-laptop-7", "pid": 4242,
           "since": "2026-01-05T09:00:00Z", "app": "reviewer-app"}
IN_USE = "The process cannot access the file because it is being used by another process"


@pytest.fixture
def path(new_review):
    store = new_review()
    p = store.path
    store.close()
    return p


@pytest.fixture
def windows(monkeypatch, path):
    """Windows' rule for the lock file: no delete while a handle is open. Returns the set
    of extra "other programs" holding it open (add to it to keep it open elsewhere)."""
    lock_file = str(ReviewLock(path).path.resolve())
    open_fds: set[int] = set()
    elsewhere: set[str] = set()
    real_open, real_close, real_unlink = os.open, os.close, os.unlink

    def fake_open(p, flags, mode=0o777, *args, **kwargs):
        fd = real_open(p, flags, mode, *args, **kwargs)
        if str(Path(p).resolve()) == lock_file:
            open_fds.add(fd)
        return fd

    def fake_close(fd):
        open_fds.discard(fd)
        real_close(fd)

    def fake_unlink(p, *args, **kwargs):
        if str(Path(p).resolve()) == lock_file and (open_fds or elsewhere):
            raise PermissionError(13, IN_USE, str(p))
        real_unlink(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "close", fake_close)
    monkeypatch.setattr(os, "unlink", fake_unlink)
    monkeypatch.setattr(lock_module, "UNLINK_WHILE_OPEN", False, raising=False)
    return elsewhere


def test_unlock_closes_the_lock_file_before_deleting_it(path, windows, capsys):
    """Defect 6 of issue 14: unlock deleted the lock file while holding it open, which
    Windows refuses (PermissionError, a traceback)."""
    lock_file = ReviewLock(path).path
    lock_file.write_text(json.dumps(FOREIGN))
    assert run_cli(["unlock", str(path)]) == 0
    assert "released the lock held by pat on field-laptop-7" in capsys.readouterr().out
    assert not lock_file.exists()
    with ReviewStore.open(path):
        assert ReviewLock(path).owner().user != "pat"
    assert not lock_file.exists()  # closing the review removes its lock file too


def test_unlock_of_a_lock_file_open_in_another_program_says_so(path, windows, capsys):
    lock_file = ReviewLock(path).path
    lock_file.write_text(json.dumps(FOREIGN))
    windows.add("a backup program")
    assert run_cli(["unlock", str(path)]) == 0
    out = capsys.readouterr().out
    assert "released the lock held by pat on field-laptop-7" in out
    assert "could not be deleted" in out and "no harm" in out
    assert ReviewLock(path).owner() is None  # emptied: it names no one any more
    with ReviewStore.open(path):  # the review opens without taking anything over
        pass


def test_unlock_without_permission_on_the_lock_file_is_one_clear_line(path, monkeypatch,
                                                                      capsys):
    lock_file = ReviewLock(path).path
    lock_file.write_text(json.dumps(FOREIGN))
    real_open = os.open

    def denied(p, flags, *args, **kwargs):
        if Path(p).name == lock_file.name:
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert run_cli(["unlock", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert lock_file.name in err and "permission denied" in err.lower()
    assert json.loads(lock_file.read_text())["user"] == "pat"  # nothing was changed
