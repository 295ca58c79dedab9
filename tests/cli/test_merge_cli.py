"""reviewer-app merge / conflicts / settle as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer_app.cli import COMMAND_NAMES, command_names, run_cli
from reviewer_app.core.review.integrity import all_problems
from reviewer_app.core.review.store import ReviewStore
from tests.cli.test_several_sets import state_set  # noqa: F401  (a fixture)
from tests.factories.merging import copy_review
from tests.factories.pdfs import AID, CHOKE, SAMPLE_PAGES, make_pdf
from tests.factories.reviews import add_document, create_review, link, set_finding


@pytest.fixture
def copies(tmp_path) -> tuple[Path, Path]:
    base = tmp_path / "base.review"
    with create_review(base) as store:
        doc = add_document(store, make_pdf(SAMPLE_PAGES), "p.pdf")
        link(store, "chokehold", doc, CHOKE)
    a = copy_review(base, tmp_path / "a.review")
    b = copy_review(base, tmp_path / "b.review")
    with ReviewStore.open(a) as store:
        set_finding(store, "chokehold", "met", "A says met")
    with ReviewStore.open(b) as store:
        set_finding(store, "chokehold", "partial", "B says partly")
        link(store, "medical_aid", store.documents()[0].id, AID)
    return a, b


def test_the_commands_are_known():
    assert {"merge", "conflicts", "settle"} <= command_names() <= set(COMMAND_NAMES)


def test_merge_in_place_lists_what_came_in_and_the_conflict(copies, capsys):
    a, b = copies
    assert run_cli(["merge", str(a), str(b)]) == 3  # a conflict remains
    out = capsys.readouterr().out
    assert "evidence for 5 (medical_aid) on p.2" in out and "came in" in out
    assert "1. finding of B (chokehold)" in out
    assert 'a.review: Met: "A says met"' in out and 'b.review: Partially met' in out
    assert run_cli(["merge", str(a), str(b)]) == 0  # again: nothing changes
    assert "nothing changed" in capsys.readouterr().out
    assert run_cli(["conflicts", str(a), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    take = 1 + [c["copy"] for c in listed[0]["candidates"]].index("b.review")
    assert run_cli(["settle", str(a), "--conflict", "1", "--take", str(take)]) == 0
    assert "0 open conflicts left" in capsys.readouterr().out
    with ReviewStore.open(a, read_only=True) as store:
        finding = store.findings()["chokehold"]
        assert (finding.result, finding.rationale) == ("partial", "B says partly")
        assert all_problems(store.conn) == []
        assert [e.action for e in store.log_entries()][-2:] == ["merge", "settle_conflict"]


def test_merge_out_writes_a_new_file_and_leaves_both_copies(copies, tmp_path, capsys):
    a, b = copies
    before = a.read_bytes(), b.read_bytes()
    theirs_files = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("b."))
    out = tmp_path / "merged.review"
    assert run_cli(["merge", str(a), str(b), "--out", str(out), "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["actions_in"] == 2 and len(report["conflicts"]) == 1
    assert (a.read_bytes(), b.read_bytes()) == before
    # nothing was written beside the other copy either (no lock, WAL or -shm left)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("b.")) == \
        theirs_files
    assert run_cli(["merge", str(a), str(b), "--out", str(out)]) == 2
    assert "exists already" in capsys.readouterr().err


def test_refusals_are_one_line_and_change_nothing(copies, tmp_path, capsys):
    a, _ = copies
    other = tmp_path / "other.review"
    create_review(other, agency_name="Other PD").close()
    before = a.read_bytes()
    for theirs, words in ((other, "copy of another review"), (a, "is the review itself"),
                          (tmp_path / "missing.review", "no such review file")):
        assert run_cli(["merge", str(a), str(theirs)]) == 2
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
    assert a.read_bytes() == before
    assert run_cli(["settle", str(a), "--conflict", "1", "--take", "1"]) == 2
    assert "no single open conflict" in capsys.readouterr().err


def test_a_further_set_added_in_one_copy_comes_in(tmp_path, cli, cli_review,
                                                   state_set):  # noqa: F811
    """One copy adds a state set and accepts a proposal for it, the other records a DOJ
    finding: either merge holds both, with no conflict (the sets' tables are registered)."""
    from tests.factories.merging import content_of
    from tests.factories.pdfs import CHOKE

    toml, crosswalk = state_set
    a = copy_review(cli_review, tmp_path / "a.review")
    b = copy_review(cli_review, tmp_path / "b.review")
    assert cli("add-set", a, toml, "--crosswalk", crosswalk)[0] == 0
    assert cli("link", a, "--item", "B", "--quote", CHOKE)[0] == 0
    assert cli("accept", a, "--set", "il-leap", "--all")[0] == 0
    assert cli("finding", a, "--item", "il-leap/2.01", "--result", "met")[0] == 0
    assert cli("finding", b, "--item", "B", "--result", "met", "--note", "from b")[0] == 0
    assert cli("merge", a, b, "--out", tmp_path / "ab.review")[0] == 0
    code, out, _ = cli("merge", b, a, "--out", tmp_path / "ba.review")
    assert code == 0 and "standards set il-leap came in" in out
    content = content_of(tmp_path / "ab.review")
    assert content == content_of(tmp_path / "ba.review")
    assert set(content["review_sets"]) == {"il-leap"}
    assert set(content["findings"]) == {"il-leap/item-2.01", "chokehold"}
    assert len(content["evidence"]) == 2  # the clause, and its acceptance for 2.01
    assert cli("check", tmp_path / "ba.review")[0] == 0
