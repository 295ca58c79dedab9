"""The stable review id: given at creation, kept by copies, derived for older files."""

from __future__ import annotations

import sqlite3
import uuid

from reviewer_app.core.caseload.reader import StandardsCache, read_entry
from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.review.copying import save_copy
from reviewer_app.core.review.review_id import legacy_review_uuid
from reviewer_app.core.review.store import ReviewStore


def _new(path, name="Test PD"):
    return ReviewStore.create(path, agency_name=name, standards=resolve_standards("doj-2020"))


def test_new_review_has_a_uuid_kept_by_reopen_copy_and_move(tmp_path):
    with _new(tmp_path / "a.review") as store:
        rid = store.review_uuid()
        assert uuid.UUID(rid).version == 4
        save_copy(store, tmp_path / "copy.review")
    (tmp_path / "a.review").rename(tmp_path / "renamed.review")
    with ReviewStore.open(tmp_path / "renamed.review") as again:
        assert again.review_uuid() == rid
    with ReviewStore.open(tmp_path / "copy.review") as copy:
        assert copy.review_uuid() == rid
    with _new(tmp_path / "b.review") as other:
        assert other.review_uuid() != rid


def _make_pre_m003(path) -> None:
    """Turn a fresh review into one written before review ids existed (format 2)."""
    with _new(path, "Old PD"):
        pass
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE review DROP COLUMN review_uuid")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_review_uuid'")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def test_older_file_gets_the_uuid_the_scanner_derived_and_a_backup(tmp_path):
    path = tmp_path / "old.review"
    _make_pre_m003(path)
    entry, _sig = read_entry(path, StandardsCache())  # read-only: cannot migrate
    assert entry.schema_version == 2
    with sqlite3.connect(path) as conn:
        assert entry.review_uuid == legacy_review_uuid(conn)
    with ReviewStore.open(path) as store:  # migrates
        assert store.review_uuid() == entry.review_uuid
        stored = store.conn.execute("SELECT review_uuid FROM review").fetchone()[0]
        assert stored == entry.review_uuid
    assert (tmp_path / "old.review.v2.bak").exists()
    after, _ = read_entry(path, StandardsCache())
    assert after.review_uuid == entry.review_uuid and after.schema_version == 3
