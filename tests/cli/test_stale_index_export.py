"""reviewer-app export on a review indexed by an older segmenter: the section headings of
the packet read this build's passages, rebuilt (once, logged) before the export."""

from __future__ import annotations

from reviewer_app.cli import run_cli
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.packet.headings import section_headings
from tests.factories.reviews import age_the_index


def test_export_rebuilds_a_stale_index_first(full_review, tmp_path):
    store = full_review
    evidence = store.evidence()
    fresh = section_headings(store, evidence)
    age_the_index(store.conn, keep_passages=True)
    assert section_headings(store, evidence) != fresh  # what the packet printed before
    assert run_cli(["export", str(store.path), "--out", str(tmp_path / "p"), "--quiet"]) == 0
    assert indexing.index_is_current(store.db)
    assert section_headings(store, evidence) == fresh
    assert [e.action for e in store.log_entries()].count("rebuild_index") == 1
    assert run_cli(["export", str(store.path), "--out", str(tmp_path / "p"), "--quiet"]) == 0
    assert [e.action for e in store.log_entries()].count("rebuild_index") == 1
