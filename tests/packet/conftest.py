"""Fixtures for the packet tests: a draft review and a complete one."""

from __future__ import annotations

import pytest

from .builders import build_review


@pytest.fixture
def draft_review(tmp_path):
    store = build_review(tmp_path / "draft.review", complete=False)
    yield store
    store.close()


@pytest.fixture
def full_review(tmp_path):
    store = build_review(tmp_path / "full.review", complete=True)
    yield store
    store.close()
