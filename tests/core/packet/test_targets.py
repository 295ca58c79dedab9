"""Export targets (issue 15): '.', a symbolic link, a changed earlier packet, long and
reserved file names, leftovers of killed exports, links in findings.json, packet ids of
diverged copies."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import export_packet, verify_packet
from reviewer_app.core.packet.annotate import annotated_name
from reviewer_app.core.review.store import ReviewStore
from tests.factories.packets import policy_pdf
from tests.factories.reviews import add_document, set_finding


def test_out_dot_in_an_empty_folder_exports_there(shared_review, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = export_packet(shared_review, ".")
    assert (here / "packet.pdf").is_file() and verify_packet(here).ok
    assert result.folder == here


def test_reexport_into_the_current_folder_says_it_was_replaced(shared_review, tmp_path,
                                                               monkeypatch, capsys):
    here = tmp_path / "here"
    export_packet(shared_review, here)
    monkeypatch.chdir(here)
    assert run_cli(["export", str(shared_review.path), "--out", ".", "--quiet"]) == 0
    assert "current folder was replaced" in capsys.readouterr().out
    assert verify_packet(here).ok


def test_out_dot_in_a_busy_folder_is_refused_before_any_work(shared_review, tmp_path,
                                                              monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    assert run_cli(["export", str(shared_review.path), "--out", "."]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_out_a_symbolic_link_writes_where_it_points(shared_review, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    export_packet(shared_review, link)
    assert link.is_symlink() and (real / "packet.pdf").is_file()
    export_packet(shared_review, link)  # and again: the next export works
    assert link.is_symlink() and verify_packet(real).ok
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_changed_earlier_packet_needs_force(shared_review, tmp_path, capsys):
    out = tmp_path / "packet"
    export_packet(shared_review, out)
    signed = b"%PDF-1.7 signed by the credentialing body"
    (out / "packet.pdf").write_bytes(signed)
    assert run_cli(["export", str(shared_review.path), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "packet.pdf").read_bytes() == signed
    assert run_cli(["export", str(shared_review.path), "--out", str(out), "--force",
                    "--quiet"]) == 0
    assert verify_packet(out).ok


@pytest.mark.parametrize("name", ["é" * 200 + ".pdf", "a" * 250 + ".pdf",
                                  "x" * 400 + ".PDF"])
def test_long_file_names_stay_under_255_bytes_after_deduplication(name):
    taken: set[str] = set()
    names = [annotated_name(name, taken) for _ in range(12)]
    assert len(set(names)) == 12
    assert all(len(n.encode()) <= 255 for n in names)


@pytest.mark.parametrize("name", ["CON.pdf", "nul.pdf", "COM1.pdf", "lpt9.PDF", "aux.x.pdf",
                                  "PRN"])
def test_windows_reserved_names_are_never_used(name):
    out = annotated_name(name, set())
    assert out.split(".")[0].lower() not in {"con", "nul", "com1", "lpt9", "aux", "prn"}


def test_exports_with_long_and_reserved_file_names(tmp_path):
    from reviewer_app.core.checklist.standards import resolve_standards

    store = ReviewStore.create(tmp_path / "r.review", agency_name="Names PD",
                               standards=resolve_standards("doj-2020"))
    try:
        for n, name in enumerate(["CON.pdf", "NUL.pdf", "é" * 120 + ".pdf"]):
            data = policy_pdf()[:-10] + f"%{n}\n".encode() + policy_pdf()[-10:]
            add_document(store, data, name)
        for n in range(3):
            add_document(store, policy_pdf() + f"%{'a' * 300}{n}\n".encode(), "b" * 300 + ".pdf")
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    names = [p.name for p in result.annotated]
    assert len(names) == 6 and all(len(n.encode()) <= 255 for n in names)
    assert not {"CON.pdf", "NUL.pdf"} & set(names)


def test_temporary_folders_of_killed_exports_are_cleaned(shared_review, tmp_path):
    out = tmp_path / "packet"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    leftover = tmp_path / f".packet.export-{dead}-abc123"
    (leftover / "annotated").mkdir(parents=True)
    (leftover / "packet.pdf").write_bytes(b"half")
    foreign = tmp_path / ".packet.export-notapid"
    foreign.mkdir()
    export_packet(shared_review, out)
    assert not leftover.exists() and foreign.exists()


def test_a_kill_between_the_two_renames_never_hides_the_packet(shared_review, tmp_path,
                                                               capsys):
    out = tmp_path / "packet"
    export_packet(shared_review, out)
    aside = tmp_path / ".packet.replaced"
    out.rename(aside)  # the state a kill after the first rename leaves
    assert run_cli(["verify", str(out)]) == 2
    assert ".packet.replaced" in capsys.readouterr().err
    export_packet(shared_review, out)
    assert verify_packet(out).ok and not aside.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_swap_leaves_no_moment_without_a_packet(shared_review, tmp_path, monkeypatch):
    """The earlier packet is exchanged with the new one in one step: no rename that
    leaves the target missing is ever made."""
    out = tmp_path / "packet"
    export_packet(shared_review, out)
    renames: list[str] = []
    real = Path.rename
    monkeypatch.setattr(Path, "rename", lambda self, target: (
        renames.append(str(target)), real(self, target))[1])
    export_packet(shared_review, out)
    assert renames == [] and verify_packet(out).ok


def test_findings_links_for_names_with_spaces_and_hash(tmp_path):
    from reviewer_app.core.checklist.standards import resolve_standards

    store = ReviewStore.create(tmp_path / "r.review", agency_name="Links PD",
                               standards=resolve_standards("doj-2020"))
    try:
        add_document(store, policy_pdf(), "Use of Force #100 (rev 2).pdf")
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    body = json.loads(result.findings.read_text())
    hrefs = [lk["href"] for r in body["assessment-results"]["back-matter"]["resources"]
             for lk in r.get("rlinks", [])]
    # links go only to files in the packet (issue 16): the submitted name is a prop
    assert hrefs == ["annotated/Use_of_Force_100_rev_2.pdf"]
    props = [p["value"] for r in body["assessment-results"]["back-matter"]["resources"]
             for p in r.get("props", []) if p["name"] == "submitted-filename"]
    assert props == ["Use of Force #100 (rev 2).pdf"]
    assert all(" " not in h and "#" not in h for h in hrefs if not h.startswith("#"))


def test_diverged_copies_get_different_packet_ids(full_review, tmp_path):
    copy_path = tmp_path / "copy.review"
    full_review.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(full_review.path, copy_path)
    set_finding(full_review, "warning_shots", "met", "changed in the original")
    with ReviewStore.open(copy_path) as copy:
        set_finding(copy, "warning_shots", "partial", "changed in the copy")
        b = export_packet(copy, tmp_path / "b")
    a = export_packet(full_review, tmp_path / "a")
    assert a.packet_id != b.packet_id
    again = export_packet(full_review, tmp_path / "a2")
    assert again.packet_id == a.packet_id  # the same review still gives the same id


def test_force_is_needed_only_for_changed_packets(shared_review, tmp_path):
    out = tmp_path / "p"
    export_packet(shared_review, out)
    (out / "manifest.json").write_text("{}")
    with pytest.raises(ReviewError):
        export_packet(shared_review, out)
