"""What cannot be merged is refused with one sentence, and neither file changes."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from reviewer_app.core.errors import NewerVersionError, ReviewError, ReviewFileError, ReviewLocked
from reviewer_app.core.review.merge.copies import check_mine, read_theirs
from reviewer_app.core.review.schema import SCHEMA_VERSION
from reviewer_app.core.review.store import ReviewStore
from tests.core.review.test_lock import hold
from tests.factories.merging import copy_review
from tests.factories.pdfs import CHOKE, SAMPLE_PAGES, make_pdf
from tests.factories.reviews import add_document, create_review, link, set_finding


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    mine = tmp_path / "mine.review"
    with create_review(mine) as store:
        doc = add_document(store, make_pdf(SAMPLE_PAGES), "p.pdf")
        link(store, "chokehold", doc, CHOKE)
    theirs = copy_review(mine, tmp_path / "theirs.review")
    with ReviewStore.open(theirs) as store:
        set_finding(store, "chokehold", "met", "theirs")
    return mine, theirs


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(mine: Path, theirs: Path, error: type, words: str) -> None:
    before = (_digest(mine), _digest(theirs))
    with ReviewStore.open(mine) as store, pytest.raises(error) as exc:
        check_mine(store)
        read_theirs(theirs, store)
    assert words in str(exc.value), str(exc.value)
    assert "\n" not in str(exc.value)
    assert (_digest(mine), _digest(theirs)) == before


def test_a_copy_of_another_review_is_refused(pair, tmp_path):
    mine, _ = pair
    other = tmp_path / "other.review"
    create_review(other, agency_name="Other PD").close()
    _refused(mine, other, ReviewError, "is a copy of another review (Other PD")


def test_a_copy_from_a_newer_version_is_refused(pair):
    mine, theirs = pair
    with sqlite3.connect(theirs) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _refused(mine, theirs, NewerVersionError, "saved by a newer version")


def test_the_review_itself_is_refused(pair, tmp_path):
    mine, _ = pair
    _refused(mine, mine, ReviewError, "is the review itself")
    link_path = tmp_path / "link.review"
    link_path.symlink_to(mine)
    _refused(mine, link_path, ReviewError, "is the review itself")


def test_a_damaged_copy_is_refused(pair, tmp_path):
    mine, theirs = pair
    data = bytearray(theirs.read_bytes())
    page = 4096
    for at in range(len(data) // 2 // page * page, len(data) // 2 // page * page + 3 * page):
        data[at] = 0xA5
    damaged = tmp_path / "damaged.review"
    damaged.write_bytes(bytes(data))
    _refused(mine, damaged, ReviewFileError, "damaged")
    truncated = tmp_path / "empty.review"
    truncated.write_bytes(b"")
    _refused(mine, truncated, ReviewFileError, "empty")


def test_a_copy_altered_outside_the_app_is_refused(pair):
    mine, theirs = pair
    with sqlite3.connect(theirs) as conn:
        conn.execute("UPDATE findings SET result = 'not_met'")
    conn.close()
    _refused(mine, theirs, ReviewFileError, "changed outside the app")


def test_a_copy_open_elsewhere_is_refused(pair):
    mine, theirs = pair
    other = hold(theirs)
    try:
        _refused(mine, theirs, ReviewLocked, "theirs.review")
    finally:
        other.kill()
        other.wait()


def test_mine_open_elsewhere_is_refused_by_opening(pair):
    mine, _ = pair
    other = hold(mine)
    try:
        with pytest.raises(ReviewLocked):
            ReviewStore.open(mine)
    finally:
        other.kill()
        other.wait()
