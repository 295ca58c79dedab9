"""verify reads only the packet (issue 15): manifest paths outside the folder, links out of
it, special files and every malformed manifest give a clean result, never a traceback."""

from __future__ import annotations

import json
import os

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import verify_packet
from reviewer_app.core.packet.manifest import seal_of, serialize


def _rewrite(packet, edit) -> None:
    """Change the manifest and re-seal it, as an attacker who knows the format would."""
    path = packet / "manifest.json"
    body = json.loads(path.read_text())
    edit(body)
    body["seal"] = seal_of(body)
    path.write_bytes(serialize(body))


def _add_path(packet, rel, sha="0" * 64) -> None:
    _rewrite(packet, lambda b: b["files"].append({"path": rel, "sha256": sha, "bytes": 1}))


OUTSIDE = ["/etc/hostname", "/proc/self/environ", "/proc/self/pagemap", "../outside.txt",
           "annotated/../../outside.txt", "./packet.pdf", "C:/Windows/win.ini",
           "annotated\\..\\..\\outside.txt", "~/x", ""]


@pytest.mark.parametrize("rel", OUTSIDE)
def test_paths_outside_the_packet_are_never_read(packet_copy, rel, capsys):
    (packet_copy.parent / "outside.txt").write_text("secret")
    _add_path(packet_copy, rel)
    report = verify_packet(packet_copy)
    assert not report.ok
    bad = [f for f in report.files if f.status != "intact"]
    assert bad and all(f.status == "altered" and "not read" in f.detail or
                       f.path.startswith("files[") for f in bad), bad
    assert run_cli(["verify", str(packet_copy)]) == 1
    out = capsys.readouterr().out
    assert "secret" not in out and "PACKET NOT INTACT" in out


def test_a_link_out_of_the_packet_is_not_followed(packet_copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    link = packet_copy / "annotated" / "linked.pdf"
    link.symlink_to(secret)
    _add_path(packet_copy, "annotated/linked.pdf", __import__("hashlib").sha256(
        b"secret").hexdigest())
    (packet_copy / "sub").symlink_to(tmp_path, target_is_directory=True)
    report = verify_packet(packet_copy)
    status = {f.path: (f.status, f.detail) for f in report.files}
    assert status["annotated/linked.pdf"][0] == "altered"
    assert "symbolic link" in status["annotated/linked.pdf"][1]
    assert status["sub"][0] == "unexpected" and "not followed" in status["sub"][1]
    assert not any(p.startswith("sub/") for p in status)


def test_a_fifo_listed_in_the_manifest_does_not_hang(packet_copy):
    os.mkfifo(packet_copy / "pipe")
    _add_path(packet_copy, "pipe")
    report = verify_packet(packet_copy)
    assert ("pipe", "altered") in {(f.path, f.status) for f in report.files}


@pytest.mark.parametrize("entry", [7, None, {"path": 42}, {"path": None}, {"path": ["a"]},
                                   {"path": {"x": 1}}, "packet.pdf"])
def test_malformed_entries_are_named(packet_copy, entry):
    _rewrite(packet_copy, lambda b: b["files"].append(entry))
    report = verify_packet(packet_copy)
    assert not report.ok
    assert any(f.path.startswith("files[") for f in report.files)


@pytest.mark.parametrize("content", [
    "[" * 100_000 + "]" * 100_000,
    '{"format": "reviewer_app.packet", "files": ' + "[" * 5000 + "]" * 5000 + "}",
    "[]", "null", "42", '"text"', '{"format": "reviewer_app.packet"}',
    '{"format": "reviewer_app.packet", "files": {"a": 1}}', "\xff\xfe", ""])
def test_malformed_manifests_give_one_clean_problem(packet_copy, content):
    (packet_copy / "manifest.json").write_bytes(content.encode("latin-1", "replace")
                                                if content == "\xff\xfe" else content.encode())
    report = verify_packet(packet_copy)
    assert not report.ok and len(report.problems) == 1
    assert "manifest.json" in report.problems[0]


def test_a_manifest_that_is_a_folder(packet_copy, capsys):
    (packet_copy / "manifest.json").unlink()
    (packet_copy / "manifest.json").mkdir()
    report = verify_packet(packet_copy)
    assert "is a folder" in report.problems[0]
    assert run_cli(["verify", str(packet_copy)]) == 1


def test_verify_given_a_file(packet_copy, capsys):
    assert run_cli(["verify", str(packet_copy / "packet.pdf")]) == 2
    err = capsys.readouterr().err
    assert "is a file; give the packet folder" in err and "Traceback" not in err
    with pytest.raises(ReviewError, match="is a file"):
        verify_packet(packet_copy / "manifest.json")


def test_escape_sequences_in_the_manifest_never_reach_the_terminal(packet_copy, capsys):
    _rewrite(packet_copy, lambda b: b.update(packet_id="\x1b]0;pwned\x07\x1b[2J"))
    _add_path(packet_copy, "\x1b[31mred\x07.pdf")
    (packet_copy / "\x1b[32mgreen.txt").write_text("x")
    assert run_cli(["verify", str(packet_copy)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "[31mred.pdf" in out and "[32mgreen.txt" in out
