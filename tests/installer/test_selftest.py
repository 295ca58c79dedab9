"""``reviewer-app --self-test`` from source: every step passes, the user's files stay as
they were, and a failing step or a network attempt makes the exit code non-zero."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
from pathlib import Path

from reviewer_app import selftest
from reviewer_app.resources import resource_path

STEP_NAMES = [name for name, _ in selftest.STEPS]


def run_cli_self_test(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer_app", "--self-test", *extra],
                          env=env, capture_output=True, text=True, timeout=300)


def test_self_test_passes_and_creates_nothing_in_the_user_folders(user_env, tmp_path):
    proc = run_cli_self_test(user_env, "--keep")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    for name in STEP_NAMES:
        assert any(line.startswith("PASS") and name in line for line in lines), name
    assert "self-test passed" in lines[-1]
    assert "built the demo" in proc.stdout  # no user demo yet: built in the work folder
    assert not (tmp_path / "data").exists()
    assert not (tmp_path / "settings.ini").exists()
    (work,) = tmp_path.glob("reviewer-app-selftest-*")  # kept by --keep
    assert (work / "window.png").stat().st_size > 10_000
    assert (work / "packet").is_dir() and (work / "settings.ini").exists()


def test_self_test_copies_the_users_demo_and_leaves_it_unchanged(user_env, tmp_path):
    from reviewer_app.core.demo import demo_review_path

    demo = demo_review_path(tmp_path / "data")
    before = hashlib.sha256(demo.read_bytes()).hexdigest(), demo.stat().st_mtime_ns
    proc = run_cli_self_test(user_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "copied the user's demo" in proc.stdout
    assert (hashlib.sha256(demo.read_bytes()).hexdigest(), demo.stat().st_mtime_ns) == before
    assert "PASS  user copy untouched" in proc.stdout
    assert not list(tmp_path.glob("reviewer-app-selftest-*"))  # work folder removed


def test_a_failing_step_fails_the_run(monkeypatch, capsys):
    def broken(ctx):
        raise selftest.StepFailed("the export went wrong")

    monkeypatch.setattr(selftest, "STEPS", [("fine step", lambda ctx: "all good"),
                                             ("broken step", broken),
                                             ("crashing step", lambda ctx: 1 / 0)])
    assert selftest.run_self_test(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "PASS  fine step" in out
    assert "FAIL  broken step" in out and "the export went wrong" in out
    assert "FAIL  crashing step" in out and "ZeroDivisionError" in out
    assert "self-test FAILED: 2 of 3 steps" in out


def test_a_network_attempt_fails_the_no_network_step(monkeypatch, capsys):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def phone_home(ctx):
        with socket.create_connection(server.getsockname(), timeout=2):
            return "connected"

    monkeypatch.setattr(selftest, "STEPS", [("phone home", phone_home),
                                             ("no network", selftest.step_no_network)])
    try:
        assert selftest.run_self_test(["--self-test"]) == 1
    finally:
        server.close()
    out = capsys.readouterr().out
    assert "FAIL  no network" in out and "socket.connect" in out


def test_network_guard_ignores_local_sockets_and_records_only_while_active():
    guard = selftest.network_guard()
    guard.active, guard.attempts[:] = True, []
    try:
        left, right = socket.socketpair()  # AF_UNIX: local IPC, not network
        left.close(), right.close()
        assert guard.attempts == []
        socket.getaddrinfo("localhost", 80)
        assert any(a.startswith("socket.getaddrinfo") for a in guard.attempts)
    finally:
        guard.active = False
    count = len(guard.attempts)
    socket.getaddrinfo("localhost", 80)
    assert len(guard.attempts) == count


def test_choose_quote_finds_a_unique_sentence(review):
    from reviewer_app.core.text.anchoring import find_quote_spans

    store, doc_id = review
    item, doc, anchor = selftest.choose_quote(store)
    assert doc.id == doc_id and store.standards().has_item(item.id)
    assert len(find_quote_spans(store.document_text(doc_id), anchor.exact)) == 1
    assert anchor.quads


def test_resource_path_from_source_and_frozen(monkeypatch, tmp_path):
    assert resource_path("standards", "doj-2020.toml").is_file()
    assert resource_path("resources", "demo", "sample-policy.pdf").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("standards") == Path(tmp_path) / "standards"


def test_bundled_files_are_looked_up_under_meipass_when_frozen(tmp_path):
    """Modules that open bundled files must find them where PyInstaller unpacks them."""
    code = ("import sys; sys.frozen = True; sys._MEIPASS = sys.argv[1]\n"
            "from reviewer_app.core import demo\n"
            "from reviewer_app.core.checklist import standards\n"
            "from reviewer_app.ui.common import icons\n"
            "print(standards.STANDARDS_DIR); print(demo.DEMO_PDF); print(icons.ICON_DIR)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [str(tmp_path / "standards"),
                                   str(tmp_path / "resources" / "demo" / "sample-policy.pdf"),
                                   str(tmp_path / "resources" / "icons")]
