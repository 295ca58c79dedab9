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


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    """The office's key: (OfficeKey, .p12 path, .crt path)."""
    from tests.factories.keys import make_office_key

    return make_office_key(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="session")
def signed_packet(shared_review, office, tmp_path_factory) -> PacketResult:
    """The packet of ``shared_review`` signed with ``office``; copy it before changing it."""
    return export_packet(shared_review, tmp_path_factory.mktemp("signed") / "packet",
                         key=office[0])


@pytest.fixture
def signed_copy(signed_packet, tmp_path):
    copy = tmp_path / "signed"
    shutil.copytree(signed_packet.folder, copy)
    return copy
