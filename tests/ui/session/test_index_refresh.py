"""A review indexed by an older segmenter: the window rebuilds its index once, in a worker,
writes it back through the review's write path, and again before a packet export."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QFileDialog, QMessageBox

from reviewer_app.core.index import passages as indexing
from reviewer_app.ui.session import index_refresh
from reviewer_app.ui.session.packet_signing import SignPacketDialog
from tests.factories.reviews import age_the_index


def _as_if_indexed_by_an_older_segmenter(path) -> None:
    with sqlite3.connect(path) as conn:
        age_the_index(conn)
    conn.close()


def _rebuilds(store) -> int:
    return sum(e.action == "rebuild_index" for e in store.log_entries())


def _passages(store) -> int:
    return store.conn.execute("SELECT count(*) FROM passages").fetchone()[0]


def test_opening_a_stale_review_rebuilds_its_index_once(qtbot, make_window, sample_review):
    """Defect 2 of issue 14: the window never wrote a rebuilt index back (the suggestion
    worker rebuilt one in memory on every request)."""
    _as_if_indexed_by_an_older_segmenter(sample_review)
    win = make_window()
    assert win.open_review(sample_review)
    store = win.session.store
    assert not indexing.index_is_current(store.db)  # opening did not wait for it
    qtbot.waitUntil(lambda: indexing.index_is_current(store.db), timeout=20000)
    qtbot.waitUntil(lambda: not win.index_refresher.running(), timeout=5000)
    assert _passages(store) > 0 and _rebuilds(store) == 1
    assert win.session.undo_stack.count() == 0  # derived data: not an undo step
    assert not win.actions.undo.isEnabled()

    path = win.session.path
    win.close_review()
    again = make_window()
    assert again.open_review(path)
    assert not again.index_refresher.running()  # current now: nothing to do
    assert _rebuilds(again.session.store) == 1


def test_a_read_only_review_is_not_rebuilt(qtbot, sample_review):
    from reviewer_app.ui.session.session import ReviewSession

    _as_if_indexed_by_an_older_segmenter(sample_review)
    session = ReviewSession.open(sample_review, read_only=True)
    try:
        assert not index_refresh.IndexRefresher().refresh(session)
        assert not indexing.index_is_current(session.store.db)
    finally:
        session.close()


def test_packet_export_rebuilds_a_stale_index_first(qtbot, make_window, sample_review,
                                                    tmp_path, monkeypatch):
    _as_if_indexed_by_an_older_segmenter(sample_review)
    monkeypatch.setattr(index_refresh.IndexRefresher, "refresh", lambda self, s: False)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "packet"), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(SignPacketDialog, "exec", lambda self: 1)  # export unsigned
    win = make_window()
    assert win.open_review(sample_review)
    store = win.session.store
    assert not indexing.index_is_current(store.db)
    win.export_packet()
    assert (tmp_path / "packet" / "packet.pdf").exists()
    assert indexing.index_is_current(store.db) and _rebuilds(store) == 1
    assert win.session.undo_stack.count() == 0
