"""The caseload scan: incremental, read-only, moves kept, every bad file listed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from reviewer_app.core.caseload.index import CaseloadError, CaseloadIndex
from reviewer_app.core.caseload.queries import with_flags
from reviewer_app.core.caseload.scan import scan
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore


@pytest.fixture
def office(edge_office, tmp_path) -> Path:
    """A writable copy of the edge-case office."""
    root = tmp_path / "office"
    shutil.copytree(edge_office["current"].parent, root)
    return root


def _index(tmp_path) -> CaseloadIndex:
    return CaseloadIndex.open(tmp_path / "index.sqlite")


def _by_agency(index: CaseloadIndex) -> dict[str, list]:
    out: dict[str, list] = {}
    for e in index.entries():
        out.setdefault(e.agency, []).append(e)
    return out


def test_cold_scan_then_unchanged_rescan_opens_nothing(office, tmp_path):
    with _index(tmp_path) as index:
        first = scan(index, [office])
        assert (first.found, first.read, first.problems) == (9, 9, [])
        again = scan(index, [office])
        assert (again.read, again.unchanged, again.removed) == (0, 9, 0)
        rows = _by_agency(index)
        assert rows["Re-review PD"][0].rereview == 1
        assert rows["Re-review PD"][0].outcome == "In process"
        assert rows["Not Certified PD"][0].expires_on == ""
        assert rows["Expired Jan 30 PD"][0].expires_on == "2027-01-30"
    assert not list(office.rglob("*-shm")) and not list(office.rglob("*.lock"))


def test_a_change_is_seen_and_a_moved_file_keeps_its_row(office, tmp_path):
    with _index(tmp_path) as index:
        scan(index, [office])
        row_id = index.conn.execute("SELECT id, first_seen FROM entries WHERE path = ?",
                                    (str(office / "current.review"),)).fetchone()
        with ReviewStore.open(office / "not_certified.review") as store:
            cmd.run(store, cmd.SetFinding("chokehold", "met"))
        (office / "current.review").rename(office / "stick" / "moved-current.review")
        report = scan(index, [office])
        assert (report.read, report.moved, report.removed) == (2, 1, 0)
        moved = index.conn.execute("SELECT id, first_seen FROM entries WHERE path = ?",
                                   (str(office / "stick" / "moved-current.review"),)).fetchone()
        assert tuple(moved) == tuple(row_id)
        assert _by_agency(index)["Not Certified PD"][0].outcome == "Certified"
        (office / "other_body.review").unlink()
        assert scan(index, [office]).removed == 1
        assert "Other Body PD" not in _by_agency(index)


def test_same_size_and_mtime_but_a_new_change_counter_is_read_again(office, tmp_path):
    path = office / "current.review"
    with _index(tmp_path) as index:
        scan(index, [office])
        st = os.stat(path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = DELETE")  # commits go straight to the file
        conn.execute("UPDATE review SET agency_name = 'Kurrent PD'")
        conn.commit()
        conn.close()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert os.stat(path).st_size == st.st_size
        assert scan(index, [office]).read == 1
        assert "Kurrent PD" in _by_agency(index)


def test_duplicate_copies_and_two_reviews_of_one_ori_are_flagged(office, tmp_path):
    with ReviewStore.open(office / "stick" / "current-copy.review") as store:
        cmd.run(store, cmd.SetFinding("no_knock", "partial"))  # the copy is now newer
    with ReviewStore.open(office / "in_process.review") as store:
        cmd.run(store, cmd.EditReview({"agency_ori": "IL0000001"}))
    with _index(tmp_path) as index:
        scan(index, [office])
        rows = {r.entry.path: r for r in with_flags(index.entries())}
    orig = rows[str(office / "current.review")]
    copy = rows[str(office / "stick" / "current-copy.review")]
    assert not orig.newest_copy and copy.newest_copy
    assert "older copy" in orig.flags[0] and "current-copy.review, which is newer" in orig.flags[0]
    assert "this copy is newer" in copy.flags[0]
    other = rows[str(office / "in_process.review")]
    ori_flags = [f for r in (other, copy) for f in r.flags if "of ORI IL0000001" in f]
    assert len(ori_flags) == 2
    newer = [f for f in ori_flags if f.endswith("this one is newer")]
    assert len(newer) == 1
    assert any(f.endswith(("newer: " + copy.entry.path, "newer: " + other.entry.path))
               for f in ori_flags if f not in newer)


def _bad_files(root: Path, good: Path) -> dict[str, str]:
    """Bad files of every kind beside good ones; name -> words expected in its reason."""
    (root / "empty.review").write_bytes(b"")
    (root / "text.review").write_text("not a database at all")
    conn = sqlite3.connect(root / "other-db.review")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    data = bytearray(good.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)
    (root / "damaged.review").write_bytes(bytes(data))
    newer = root / "newer.review"
    shutil.copy(good, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    (root / "loop").mkdir()
    os.symlink(root, root / "loop" / "back")
    os.symlink(root / "nowhere.review", root / "dangling.review")
    return {"empty.review": "empty", "text.review": "not an SQLite database",
            "other-db.review": "not a review file", "damaged.review": "damaged",
            "newer.review": "newer version", "back": "symlink loop",
            "dangling.review": "does not exist"}


def test_every_bad_file_is_listed_with_its_reason_and_the_scan_goes_on(office, tmp_path):
    expected = _bad_files(office, office / "current.review")
    with _index(tmp_path) as index:
        report = scan(index, [office, tmp_path / "no-such-folder"])
        assert len({e.review_uuid for e in index.entries()}) == 8
    reasons = {Path(p).name: r for p, r in report.problems}
    for name, words in expected.items():
        assert words in reasons[name], (name, reasons.get(name))
    assert "folder cannot be read" in reasons["no-such-folder"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file regardless of permissions")
def test_unreadable_folder_and_file_are_listed(office, tmp_path):
    locked = office / "locked"
    locked.mkdir()
    secret = office / "secret.review"
    shutil.copy(office / "current.review", secret)
    secret.chmod(0)
    locked.chmod(0)
    try:
        with _index(tmp_path) as index:
            report = scan(index, [office])
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    reasons = {Path(p).name: r for p, r in report.problems}
    assert "Permission denied" in reasons["locked"]
    assert "Permission denied" in reasons["secret.review"]


def test_scan_beside_an_open_window_sees_unsaved_wal_and_leaves_the_lock(office, tmp_path):
    path = office / "current.review"
    store = ReviewStore.open(path)  # as the window holds it: locked, WAL not checkpointed
    try:
        cmd.run(store, cmd.SetFinding("chokehold", "not_met"))
        lock_before = sorted(p.name for p in office.iterdir())
        with _index(tmp_path) as index:
            report = scan(index, [office])
            assert report.problems == []
            assert _by_agency(index)["Current PD"][0].outcome == "Not certified"
        assert sorted(p.name for p in office.iterdir()) == lock_before
        cmd.run(store, cmd.SetFinding("chokehold", "met"))
        with _index(tmp_path) as index:
            assert scan(index, [office]).read == 1  # the WAL grew: read again
    finally:
        store.close()


def test_a_file_locked_mid_write_is_listed_not_fatal(office, tmp_path):
    path = office / "current.review"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA locking_mode = EXCLUSIVE")
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("UPDATE review SET notes = 'half written'")
    try:
        (office / "current.review-wal").touch()  # as a writer in WAL mode leaves it
        with _index(tmp_path) as index:
            report = scan(index, [office])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    reasons = {Path(p).name: r for p, r in report.problems}
    assert "locked mid-write" in reasons["current.review"]
    assert report.read == 8


def test_an_index_from_a_newer_version_is_refused_unchanged(tmp_path):
    db = tmp_path / "index.sqlite"
    CaseloadIndex.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(CaseloadError, match="newer version"):
        CaseloadIndex.open(db)
    assert db.read_bytes() == before


def test_a_file_deleted_during_the_scan_is_listed_and_the_rest_indexed(office, tmp_path):
    victim = str(office / "current.review")

    def progress(done: int, total: int, path: str) -> bool:
        if path == victim:  # just before the scan reaches it
            os.unlink(path)
        return True

    with _index(tmp_path) as index:
        report = scan(index, [office], progress)
        assert len(index.entries()) == 8
    assert dict(report.problems)[victim] == "the file was deleted during the scan"


def test_a_stopped_scan_keeps_what_it_read_and_removes_nothing(office, tmp_path):
    with _index(tmp_path) as index:
        scan(index, [office])
        (office / "in_process.review").unlink()
        report = scan(index, [office], lambda done, total, path: done < 3)
        assert report.stopped and report.removed == 0
        assert len(index.entries()) == 9


def test_a_file_that_turns_bad_keeps_its_last_row_beside_its_problem(office, tmp_path):
    path = office / "current.review"
    with _index(tmp_path) as index:
        scan(index, [office])
        data = bytearray(path.read_bytes())
        data[4096:] = b"\xff" * (len(data) - 4096)
        path.write_bytes(bytes(data))
        report = scan(index, [office])
        assert "damaged" in dict(report.problems)[str(path)]
        assert str(path) in {e.path for e in index.entries()}
        assert index.problems() == report.problems
