"""Issue 16, the command line as a new assessor met it: display codes, link --suggestion,
the matching sentence, ambiguity messages, evidence ids, duplicate quotes, the log."""

from __future__ import annotations

import pytest

from reviewer_app.main import main
from tests.factories.pdfs import make_pdf


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def rf(tmp_path, sample_pdf, capsys):
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    f = tmp_path / "r.review"
    assert cli(capsys, "new", f, "--agency", "T", "--assessor", "Ann")[0] == 0
    assert cli(capsys, "add-doc", f, pdf)[0] == 0
    return f


CHOKE = "Chokeholds are prohibited unless deadly force is authorized by law."


def test_display_codes_are_accepted_everywhere(rf, capsys):
    code, out, err = cli(capsys, "link", rf, "--item", "B", "--quote", CHOKE)
    assert code == 0, err
    assert "to B " in out
    assert cli(capsys, "finding", rf, "--item", "b", "--result", "met", "--note", "ok")[0] == 0
    code, out, err = cli(capsys, "suggest", rf, "--item", "7", "--top", "1")
    assert code == 0, err
    assert out.lstrip().startswith("7 ")


def test_suggest_shows_the_sentence_and_link_takes_the_nth(rf, capsys):
    code, out, _ = cli(capsys, "suggest", rf, "--item", "B", "--top", "2")
    assert code == 0
    assert "Chokeholds are prohibited unless deadly force" in out
    assert "--suggestion N" in out
    code, out, err = cli(capsys, "link", rf, "--item", "B", "--suggestion", "1")
    assert code == 0, err
    assert "linked evidence 1 to B" in out and "Chokeholds" in out


def test_ambiguous_quote_says_where_and_how_without_python_lists(tmp_path, capsys):
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(make_pdf(["Officers shall report. Officers shall report.", "Other."]))
    f = tmp_path / "a.review"
    cli(capsys, "new", f, "--agency", "T")
    cli(capsys, "add-doc", f, pdf)
    code, _, err = cli(capsys, "link", f, "--item", "B", "--quote", "Officers shall")
    assert code == 2
    assert "[" not in err and "both on page 1" in err and "--page cannot tell them apart" in err
    code, _, err = cli(capsys, "link", f, "--item", "B", "--quote", "Officers shall",
                       "--page", "2")
    assert code == 2 and "occurs on page 1" in err and "[" not in err


def test_evidence_ids_are_never_reused_and_duplicates_are_reported(rf, capsys):
    assert cli(capsys, "link", rf, "--item", "B", "--quote", CHOKE)[0] == 0
    code, _, err = cli(capsys, "link", rf, "--item", "B", "--quote", CHOKE)
    assert code == 2 and "already linked to B as evidence 1" in err
    code, _, err = cli(capsys, "link", rf, "--item", "B", "--quote", "Chokeholds are prohibited")
    assert code == 2 and "inside evidence already linked" in err
    assert cli(capsys, "unlink", rf, "--evidence", "1")[0] == 0
    code, out, _ = cli(capsys, "link", rf, "--item", "B", "--quote", CHOKE)
    assert code == 0 and "linked evidence 2 " in out  # 1 named a removed clause


def test_log_names_quote_and_page_of_evidence_changes(rf, capsys):
    cli(capsys, "link", rf, "--item", "B", "--quote", CHOKE)
    cli(capsys, "unlink", rf, "--evidence", "1")
    code, out, _ = cli(capsys, "log", rf)
    lines = [ln for ln in out.splitlines() if "evidence 1" in ln]
    assert len(lines) == 2
    assert all("page 1" in ln and "Chokeholds are prohibited" in ln for ln in lines)
