"""reviewer-app export / verify from the shell: messages and exit codes."""

from __future__ import annotations

from reviewer_app.cli import command_names, run_cli


def test_commands_are_registered():
    assert {"export", "verify"} <= command_names()


def test_export_prints_the_result(shared_review, tmp_path, capsys):
    out = tmp_path / "packet"
    assert run_cli(["export", str(shared_review.path), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "exported packet" in captured.out and "packet.pdf" in captured.out
    assert "Recommendation: certify" in captured.out  # not signed off: no "Certified"
    assert "Certified" not in captured.out
    assert "[1/" in captured.err  # progress goes to stderr
    assert (out / "manifest.json").exists()


def test_draft_export_says_so(draft_review, tmp_path, capsys):
    assert run_cli(["export", str(draft_review.path), "--out", str(tmp_path / "p"),
                    "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "draft packet" in captured.out
    assert captured.err == ""


def test_export_errors_are_one_line(shared_review, tmp_path, capsys):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    assert run_cli(["export", str(shared_review.path), "--out", str(busy)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reviewer-app export: error:") and "\n" not in err
    assert run_cli(["export", str(tmp_path / "none.review"), "--out", str(tmp_path / "o")]) == 2
    assert "no such review file" in capsys.readouterr().err
