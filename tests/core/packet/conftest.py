"""Fixtures for the packet tests: reviews built from generated policies, and one export of
the complete review shared by the tests that only read it (exporting takes a second)."""

from __future__ import annotations

import shutil

import pytest

from reviewer_app.core.packet import PacketResult, export_packet

from .builders import build_review


@pytest.fixture
def draft_review(tmp_path):
    store = build_review(tmp_path / "draft.review", complete=False)
    yield store
    store.close()


@pytest.fixture
def full_review(tmp_path):
    """A complete review of its own, for tests that change it."""
    store = build_review(tmp_path / "full.review", complete=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def shared_review(tmp_path_factory):
    """A complete review that no test changes."""
    store = build_review(tmp_path_factory.mktemp("shared") / "full.review", complete=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def full_packet(shared_review, tmp_path_factory) -> PacketResult:
    """The packet of ``shared_review``; copy it before changing any file."""
    return export_packet(shared_review, tmp_path_factory.mktemp("export") / "packet")


@pytest.fixture
def packet_copy(full_packet, tmp_path):
    copy = tmp_path / "packet"
    shutil.copytree(full_packet.folder, copy)
    return copy
