"""A review open in one running instance is refused to another, naming who holds it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.errors import ReviewLocked
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.store import ReviewStore

HOLDER = textwrap.dedent("""
    import sys, time
    from reviewer_app.core.review.store import ReviewStore
    store = ReviewStore.open(sys.argv[1])
    print("OPEN", flush=True)
    if sys.argv[2] == "hold":
        time.sleep(60)
    """)


def hold(path, mode="hold") -> subprocess.Popen:
    """Another process with the review open (until killed)."""
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), mode],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "OPEN", p.stderr.read()
    return p


@pytest.fixture
def path(new_review):
    store = new_review()
    p = store.path
    store.close()
    return p


def test_second_instance_is_refused_with_who_holds_it(path):
    other = hold(path)
    try:
        with pytest.raises(ReviewLocked) as err:
            ReviewStore.open(path)
        msg = str(err.value)
        assert f"process {other.pid}" in msg and socket.gethostname() in msg
        assert "open in another window or program" in msg and "read-only" in msg
        with ReviewStore.open(path, read_only=True) as ro:  # reading is still allowed
            assert ro.read_only and ro.review().agency_name == "Test PD"
    finally:
        other.kill()
        other.wait()


def test_cli_says_who_has_it(path, capsys):
    other = hold(path)
    try:
        assert run_cli(["finding", str(path), "--item", "chokehold", "--result", "met"]) == 2
        err = capsys.readouterr().err
        assert "is open in another window or program" in err and str(other.pid) in err
    finally:
        other.kill()
        other.wait()


def test_lock_of_a_killed_process_is_taken_over(path):
    other = hold(path)
    other.send_signal(signal.SIGKILL)
    other.wait()
    lock = ReviewLock(path)
    assert lock.owner().pid == other.pid  # the stale lock file is still there
    with ReviewStore.open(path) as store:
        assert ReviewLock(path).owner().pid == os.getpid()
        assert store.lock is not None
    assert not lock.path.exists()  # closing removes it


def test_lock_written_on_another_computer_needs_take_over(path, capsys):
    lock_file = ReviewLock(path).path
    lock_file.write_text(json.dumps({"user": "pat", "host": "field-laptop-7", "pid": 4242,
                                     "since": "2026-01-05T09:00:00Z", "app": "reviewer-app"}))
    with pytest.raises(ReviewLocked, match="pat on field-laptop-7.*not closed"):
        ReviewStore.open(path)
    with ReviewStore.open(path, take_over=True):
        assert ReviewLock(path).owner().host == socket.gethostname()
    lock_file.write_text(json.dumps({"user": "pat", "host": "field-laptop-7", "pid": 4242,
                                     "since": "2026-01-05T09:00:00Z", "app": "reviewer-app"}))
    assert run_cli(["unlock", str(path)]) == 0
    assert "released the lock held by pat on field-laptop-7" in capsys.readouterr().out
    with ReviewStore.open(path):
        pass


def test_unlock_refuses_while_a_process_holds_it(path, capsys):
    other = hold(path)
    try:
        assert run_cli(["unlock", str(path)]) == 2
        assert "open in another window" in capsys.readouterr().err
    finally:
        other.kill()
        other.wait()


def test_same_process_may_open_twice_and_the_lock_lasts_until_the_last_close(path):
    a = ReviewStore.open(path)
    b = ReviewStore.open(path)
    lock_file = ReviewLock(path).path
    a.close()
    assert lock_file.exists()
    probe = subprocess.run([sys.executable, "-c", HOLDER, str(path), "once"],
                           capture_output=True, text=True)
    assert probe.returncode != 0 and "ReviewLocked" in probe.stderr
    b.close()
    assert not lock_file.exists()
    probe = subprocess.run([sys.executable, "-c", HOLDER, str(path), "once"],
                           capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr


def test_a_garbled_lock_file_does_not_block(path):
    ReviewLock(path).path.write_bytes(b"\x00\xffnot json")
    with ReviewStore.open(path) as store:
        assert store.lock is not None
