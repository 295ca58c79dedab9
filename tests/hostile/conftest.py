"""Helpers for the hostile-input tests: a CLI runner and a small review on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.cli import run_cli


@pytest.fixture
def cli(capsys):
    """Run a sub-command; returns (exit code, stdout, stderr)."""

    def run(*args: object) -> tuple[int, str, str]:
        code = run_cli([a if isinstance(a, str) else str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def review_file(tmp_path, sample_pdf, cli) -> Path:
    """A closed review (doj-2020) holding the sample policy as 'Use of Force'."""
    path = tmp_path / "r.review"
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    assert cli("new", path, "--agency", "Test PD", "--assessor", "Ann")[0] == 0
    assert cli("add-doc", path, pdf, "--title", "Use of Force")[0] == 0
    return path
