"""Fixtures of the packet tests: one export of the complete review shared by the tests
that only read it (exporting takes a second), and copies for tests that change files."""

from __future__ import annotations

import shutil

import pytest

from reviewer_app.core.packet import PacketResult, export_packet


@pytest.fixture(scope="session")
def full_packet(shared_review, tmp_path_factory) -> PacketResult:
    """The packet of ``shared_review``; copy it before changing any file."""
    return export_packet(shared_review, tmp_path_factory.mktemp("export") / "packet")


@pytest.fixture
def packet_copy(full_packet, tmp_path):
    copy = tmp_path / "packet"
    shutil.copytree(full_packet.folder, copy)
    return copy
