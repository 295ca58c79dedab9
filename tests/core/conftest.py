"""Fixtures of the core tests."""

from __future__ import annotations

import pytest

from reviewer_app.core.review.store import ReviewStore
from tests.factories.reviews import create_review


@pytest.fixture
def new_review(tmp_path):
    """A factory of empty reviews (doj-2020) in tmp_path; closed at the end."""
    opened: list[ReviewStore] = []

    def make(name: str = "r.review") -> ReviewStore:
        store = create_review(tmp_path / name, agency_ori="", assessor="Tess")
        opened.append(store)
        return store

    yield make
    for s in opened:
        try:
            s.close()
        except Exception:
            pass
