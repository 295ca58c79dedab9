"""Review files that travel on USB sticks: foreign, damaged, newer, write-protected, on a
full disk, or about to be upgraded. Each gets a clear message and loses nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.errors import NewerVersionError, ReviewFileError
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review import schema
from reviewer_app.core.review import store as store_module
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.store import ReviewStore
from tests.factories.faults import disk_full
from tests.factories.pdfs import SAMPLE_PAGES, make_pdf


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def saved(review):
    """A closed review file with a document, one finding and a path to it."""
    store, _ = review
    cmd.run(store, cmd.SetFinding("chokehold", "met", "clear ban"))
    path = store.path
    store.close()
    return path


def assert_refused(path, match, error=ReviewFileError):
    with pytest.raises(error, match=match):
        ReviewStore.open(path)
    assert not ReviewLock(path).path.exists(), "a refused file must not stay locked"


@pytest.mark.parametrize("content, match", [
    (b"", "the file is empty"),
    (b"agency notes, not a database\n" * 10, r"not a review file \(not an SQLite database\)"),
])
def test_not_sqlite(tmp_path, content, match):
    path = tmp_path / "x.review"
    path.write_bytes(content)
    assert_refused(path, match)


def test_other_sqlite_databases_are_not_reviews(tmp_path):
    plain = tmp_path / "other.db"
    with sqlite3.connect(plain) as c:
        c.execute("CREATE TABLE contacts (name TEXT)")
    assert_refused(plain, "a SQLite database, but not a review file")
    busy = tmp_path / "app.db"  # another app's file with a high schema number
    with sqlite3.connect(busy) as c:
        c.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        c.execute("INSERT INTO meta VALUES ('format', 'something.else')")
        c.execute("PRAGMA user_version = 99")
    assert_refused(busy, "a SQLite database, but not a review file")


def test_newer_schema_is_refused_and_left_untouched(saved):
    with sqlite3.connect(saved) as c:
        c.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 3}")
    before = digest(saved)
    assert_refused(saved, "saved by a newer version", NewerVersionError)
    assert digest(saved) == before


def test_damaged_file_is_named_damaged(saved):
    data = saved.read_bytes()
    saved.write_bytes(data[:4096] + b"\x00" * 4096)
    assert_refused(saved, "damaged|not a review file")


def test_missing_file_and_folder(tmp_path):
    assert_refused(tmp_path / "nope.review", "no such review file")
    assert_refused(tmp_path, "is a folder")


def test_names_with_uri_characters_open(tmp_path):
    path = tmp_path / "Review #2 ?draft% (copy).review"
    ReviewStore.create(path, agency_name="Odd Name PD",
                       standards=resolve_standards("doj-2020")).close()
    with ReviewStore.open(path) as store:
        assert store.review().agency_name == "Odd Name PD"
    assert path.exists() and len(list(tmp_path.iterdir())) == 1  # no stray files


# -- write-protected media ---------------------------------------------------------------
def test_write_protected_file_opens_read_only_and_says_so(saved, monkeypatch, capsys):
    os.chmod(saved, 0o444)
    if os.geteuid() == 0:  # root writes anyway: report the file as protected
        monkeypatch.setattr(store_module, "_write_blocker",
                            lambda path: "the file is write-protected")
    try:
        with ReviewStore.open(saved) as store:
            assert store.read_only and "write-protected" in store.read_only_reason
            assert store.findings()["chokehold"].result == "met"
            with pytest.raises(ReviewFileError, match="read-only.*write-protected.*not made"):
                cmd.run(store, cmd.SetFinding("chokehold", "partial"))
        assert run_cli(["finding", str(saved), "--item", "chokehold", "--result", "partial"]) == 2
        assert "read-only" in capsys.readouterr().err
    finally:
        os.chmod(saved, 0o644)
    with ReviewStore.open(saved) as store:
        assert store.findings()["chokehold"].result == "met"


def test_folder_without_room_for_a_lock_file_opens_read_only(saved, monkeypatch):
    def no_lock(path, take_over):
        return None

    monkeypatch.setattr(store_module, "_take_lock", no_lock)
    with ReviewStore.open(saved) as store:
        assert store.read_only and "cannot be written" in store.read_only_reason


# -- a full disk ---------------------------------------------------------------------------
def test_full_disk_fails_the_action_cleanly_and_keeps_everything(review):
    store, doc_id = review
    cmd.run(store, cmd.SetFinding("chokehold", "met", "clear ban"))
    before = [dict(r) for r in store.conn.execute("SELECT * FROM findings")]
    n_log = len(store.log_entries())
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    big = make_pdf([p * 40 for p in SAMPLE_PAGES] * 30)
    with pytest.raises(ReviewFileError, match="disk is full.*saved earlier is intact"):
        cmd.run(store, cmd.AddDocument(big, "big.pdf", inspect_pdf(big)))
    assert len(store.documents()) == 1 and len(store.log_entries()) == n_log
    assert [dict(r) for r in store.conn.execute("SELECT * FROM findings")] == before
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    cmd.run(store, cmd.AddDocument(big, "big.pdf", inspect_pdf(big)))
    path = store.path
    store.close()
    with ReviewStore.open(path) as again:
        assert again.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(again.documents()) == 2 and again.findings()["chokehold"].result == "met"


def test_failed_create_leaves_the_old_file_alone(saved, monkeypatch):
    before = digest(saved)

    monkeypatch.setattr(store_module.migrations, "apply", disk_full)
    with pytest.raises(ReviewFileError, match="disk is full"):
        ReviewStore.create(saved, agency_name="New PD", overwrite=True,
                           standards=resolve_standards("doj-2020"))
    monkeypatch.undo()
    assert digest(saved) == before
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]
    with ReviewStore.open(saved) as store:
        assert store.review().agency_name == "Test PD"


# -- schema upgrades -----------------------------------------------------------------------
@pytest.fixture
def pending_migration(monkeypatch):
    """A migration this build 'knows' but the file has not had; yields a switch to fail."""
    state = {"fail": False}

    def m999_fake_upgrade(db):
        db.execute("CREATE TABLE fake_upgrade (x INTEGER)")
        db.execute("INSERT INTO fake_upgrade VALUES (1)")
        if state["fail"]:
            raise RuntimeError("the upgrade step broke")

    fake = schema.migrations._Migration("m999_fake_upgrade", m999_fake_upgrade)
    monkeypatch.setattr(schema.migrations, "_migrations", [*schema.migrations._migrations, fake])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    return state


def test_file_is_backed_up_before_a_migration(saved, pending_migration):
    version = schema.SCHEMA_VERSION
    before = digest(saved)
    with ReviewStore.open(saved) as store:
        assert store.conn.execute("SELECT x FROM fake_upgrade").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == version + 1
    backup = saved.with_name(f"{saved.name}.v{version}.bak")
    assert backup.exists()
    with sqlite3.connect(backup) as c:  # the file exactly as it was, upgrade not applied
        assert c.execute("PRAGMA user_version").fetchone()[0] == version
        assert not c.execute("SELECT 1 FROM sqlite_master WHERE name='fake_upgrade'").fetchone()
        assert c.execute("SELECT result FROM findings").fetchone()[0] == "met"
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert before != digest(saved)


def test_a_failed_migration_changes_nothing_and_names_the_backup(saved, pending_migration):
    pending_migration["fail"] = True
    with pytest.raises(ReviewFileError, match=r"upgrading the file failed.*\.bak"):
        ReviewStore.open(saved)
    with sqlite3.connect(saved) as c:
        assert not c.execute("SELECT 1 FROM sqlite_master WHERE name='fake_upgrade'").fetchone()
        assert c.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    pending_migration["fail"] = False
    with ReviewStore.open(saved) as store:  # a second try upgrades, keeping a second backup
        assert store.findings()["chokehold"].result == "met"
    assert len(list(saved.parent.glob("*.bak"))) == 2


def test_read_only_file_that_needs_an_upgrade_is_explained(saved, pending_migration):
    with pytest.raises(ReviewFileError, match="needs an upgrade.*copy it to a writable place"):
        ReviewStore.open(saved, read_only=True)


def test_damage_inside_the_file_is_found_by_a_check(tmp_path, sample_pdf):
    path = tmp_path / "d.review"
    store = ReviewStore.create(path, agency_name="Test PD",
                               standards=resolve_standards("doj-2020"))
    big = make_pdf([p * 40 for p in SAMPLE_PAGES] * 20)
    cmd.run(store, cmd.AddDocument(big, "big.pdf", inspect_pdf(big)))
    assert store.damage() == ""
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for at in range(len(data) // 2 // page * page, len(data) // 2 // page * page + 3 * page):
        data[at] = 0xA5  # three pages in the middle overwritten
    path.write_bytes(bytes(data))
    try:
        store = ReviewStore.open(path)
    except ReviewFileError as exc:  # found already while opening
        assert "damaged" in str(exc)
        return
    with store:
        assert store.damage() != ""
