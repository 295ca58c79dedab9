"""verify: an intact packet passes; one changed byte, a deleted or an added file fails it."""

from __future__ import annotations

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import export_packet, verify_packet


def flip(path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    i = len(data) // 2 if offset is None else offset
    data[i] ^= 0x01
    path.write_bytes(bytes(data))


def test_intact_packet_verifies(packet_copy, capsys):
    packet = packet_copy
    report = verify_packet(packet)
    assert report.ok, report
    assert report.count("intact") == 6  # packet.pdf, 2 annotated, findings, log, manifest
    assert run_cli(["verify", str(packet)]) == 3  # intact, but not signed
    assert "unchanged since export, not signed" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["packet.pdf", "annotated/policy-100.pdf", "findings.json",
                                  "manifest.json"])
def test_one_flipped_byte_is_caught(packet_copy, name, capsys):
    copy = packet_copy
    flip(copy / name)
    report = verify_packet(copy)
    assert not report.ok
    bad = {f.path for f in report.files if f.status != "intact"}
    assert name in bad
    assert run_cli(["verify", str(copy)]) == 1
    assert "NOT INTACT" in capsys.readouterr().out


def test_reformatted_manifest_is_caught(packet_copy):
    packet = packet_copy
    path = packet / "manifest.json"
    path.write_text(path.read_text().replace("  ", "   "))
    report = verify_packet(packet)
    assert not report.ok
    assert next(f for f in report.files if f.path == "manifest.json").status == "altered"


def test_deleted_file_is_missing_and_extra_file_unexpected(packet_copy):
    packet = packet_copy
    (packet / "findings.json").unlink()
    (packet / "annotated" / "extra.pdf").write_bytes(b"%PDF-1.4")
    report = verify_packet(packet)
    status = {f.path: f.status for f in report.files}
    assert status["findings.json"] == "missing"
    assert status["annotated/extra.pdf"] == "unexpected"
    assert status["packet.pdf"] == "intact"
    assert not report.ok


def test_missing_or_damaged_manifest(packet_copy):
    packet = packet_copy
    (packet / "manifest.json").write_text("{not json")
    report = verify_packet(packet)
    assert not report.ok and "damaged" in report.problems[0]
    (packet / "manifest.json").unlink()
    report = verify_packet(packet)
    assert not report.ok and "missing" in report.problems[0]


def test_not_a_folder(tmp_path):
    with pytest.raises(ReviewError, match="no such packet folder"):
        verify_packet(tmp_path / "nowhere")
    assert run_cli(["verify", str(tmp_path / "nowhere")]) == 2


def test_verify_against_the_review(full_review, tmp_path, capsys):
    from tests.factories.reviews import set_finding

    packet = export_packet(full_review, tmp_path / "own").folder
    path = str(full_review.path)
    assert run_cli(["verify", str(packet), "--review", path]) == 3  # intact, unsigned
    set_finding(full_review, "warning_shots", "met", "changed after export")
    assert run_cli(["verify", str(packet), "--review", path]) == 1
    assert "changed after this packet was exported" in capsys.readouterr().out
