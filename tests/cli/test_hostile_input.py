"""The command line under hostile input: escape sequences, undecodable bytes, ambiguous
document references, unchecked fields."""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing

import pytest

from tests.factories import hostile_pdfs as h

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
QUOTE = "Chokeholds are prohibited unless deadly force is authorized by law."


def assert_clean(*texts: str) -> None:
    for text in texts:
        assert not UNSAFE.search(text), repr(UNSAFE.search(text).group())


def test_escape_sequences_from_a_pdf_never_reach_the_terminal(tmp_path, cli):
    f, pdf = tmp_path / "r.review", tmp_path / "evil.pdf"
    pdf.write_bytes(h.titled_pdf())
    assert cli("new", f, "--agency", "Test PD")[0] == 0
    code, out, err = cli("add-doc", f, pdf)
    assert code == 0
    assert_clean(out, err)
    for args in (["link", f, "--item", "chokehold", "--quote", QUOTE], ["status", f],
                 ["log", f], ["status", f, "--json"], ["log", f, "--json"]):
        code, out, err = cli(*args)
        assert code == 0, err
        assert_clean(out, err)


def test_escape_sequences_written_into_a_review_file_are_shown_escaped(cli_review, cli):
    evil = "\x1b]0;owned\x07\x1b[2J\x9b6n\u202e"
    with closing(sqlite3.connect(cli_review)) as conn:  # a review from a USB stick
        conn.execute("UPDATE documents SET title = ?", ("Policy" + evil,))
        conn.commit()
    for args in (["status", cli_review], ["log", cli_review],
                 ["link", cli_review, "--item", "chokehold", "--quote", QUOTE],
                 ["link", cli_review, "--item", "chokehold", "--quote", "absent" + evil],
                 ["status", cli_review, "--json"]):
        code, out, err = cli(*args)
        assert_clean(out, err)
    import json
    code, out, _ = cli("status", cli_review, "--json")
    data = json.loads(out)  # still valid JSON, with the characters escaped the JSON way
    assert data["items"][1]["evidence"][0]["doc"].startswith("Policy\x1b]0;owned")


def test_terminal_text_escapes_visibly():
    from reviewer_app.cli.output import terminal_text

    assert terminal_text("a\x1b[31mb\x07\n\tc") == "a\\x1b[31mb\\x07\n\tc"
    assert terminal_text(os.fsdecode(b"caf\xe9")) == "caf\\xe9"
    assert terminal_text("x\u202ey\ud800") == "x\\u202ey\\ud800"


def two_docs(cli_review, tmp_path, cli, title: str) -> tuple[str, str]:
    """Add a second document; returns (hash of the first, hash of the second)."""
    other = tmp_path / "other.pdf"
    other.write_bytes(h.titled_pdf("Second policy"))
    assert cli("add-doc", cli_review, other, "--title", title)[0] == 0
    with closing(sqlite3.connect(cli_review)) as conn:
        return tuple(r[0] for r in conn.execute("SELECT sha256 FROM documents ORDER BY id"))


def test_exact_title_wins_over_a_hash_prefix(cli_review, tmp_path, cli):
    with closing(sqlite3.connect(cli_review)) as conn:
        (first,) = conn.execute("SELECT sha256 FROM documents").fetchone()
    title = first[0].upper()  # a title equal to the first hash's first character
    _, second = two_docs(cli_review, tmp_path, cli, title)
    from reviewer_app.core.review.store import ReviewStore
    with ReviewStore.open(cli_review, read_only=True) as store:
        assert store.find_document(title).sha256 == second
        assert store.find_document(first[0]).sha256 == second  # case-insensitive title
        assert store.find_document(first[:8]).sha256 == first


def test_short_hash_prefix_is_refused_with_candidates(cli_review, tmp_path, cli):
    first, _ = two_docs(cli_review, tmp_path, cli, "Second policy")
    code, _, err = cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE,
                       "--doc", first[:4])
    assert code == 2 and "at least 8" in err and "Use of Force" in err
    code, _, err = cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE,
                       "--doc", first[:8])
    assert code == 0, err


def test_ambiguous_reference_lists_candidates(cli_review, tmp_path, cli):
    two_docs(cli_review, tmp_path, cli, "Use of Force appendix")
    code, _, err = cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE,
                       "--doc", "force")
    assert code == 2 and "2 documents match" in err and "appendix" in err
    assert cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE,
               "--doc", "use of force")[0] == 0  # the exact title, case aside


@pytest.mark.parametrize("arg", ["--agency", "--assessor", "--body"])
@pytest.mark.parametrize("value", [os.fsdecode(b"caf\xe9"), "A\ud800B"])
def test_undecodable_text_is_a_message_and_leaves_nothing(tmp_path, cli, arg, value):
    args = ["new", tmp_path / "n.review", "--agency", "Test PD", arg, value]
    code, _, err = cli(*args)
    assert code == 2 and "not valid UTF-8" in err
    assert sorted(os.listdir(tmp_path)) == []


def test_undecodable_text_in_a_command_is_a_message(cli_review, cli):
    code, _, err = cli("finding", cli_review, "--item", "chokehold", "--result", "met",
                       "--note", os.fsdecode(b"caf\xe9"))
    assert code == 2 and "UTF-8" in err
    assert not [p for p in os.listdir(cli_review.parent) if p.endswith(".new")]


def test_undecodable_pdf_file_name_is_added(cli_review, tmp_path, cli, sample_pdf):
    pdf = tmp_path / os.fsdecode(b"pol\xe9cy.pdf")
    pdf.write_bytes(h.titled_pdf(""))
    code, out, err = cli("add-doc", cli_review, pdf)
    assert code == 0, err
    assert_clean(out, err)


def test_undecodable_review_file_name_works(tmp_path, cli):
    f = tmp_path / os.fsdecode(b"caf\xe9.review")
    code, out, err = cli("new", f, "--agency", "Test PD")
    assert code == 0, err
    assert_clean(out)
    assert cli("status", f)[0] == 0


def test_lone_surrogate_through_the_api_leaves_nothing(tmp_path):
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.errors import ReviewError
    from reviewer_app.core.review.store import ReviewStore

    with pytest.raises(ReviewError, match="UTF-8"):
        ReviewStore.create(tmp_path / "a.review", agency_name="X", assessor="\udcff",
                           standards=resolve_standards("doj-2020"))
    assert os.listdir(tmp_path) == []


def test_new_with_an_empty_name(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("new", "", "--agency", "Test PD")
    assert code == 2 and "give the name of the review file" in err
    code, _, err = cli("new", tmp_path, "--agency", "Test PD")
    assert code == 2 and "is a folder" in err


@pytest.mark.parametrize("args, message", [
    (["--state", "ZZ"], "not a two-letter"),
    (["--state", "Illinois"], "not a two-letter"),
    (["--ori", "IL123"], "an ORI has 9"),
    (["--ori", "IL01603-0"], "two letters then seven letters or digits"),
    (["--ori", "IL\x1b[2J0160"], "control character"),
    (["--ori", "ZZ0160300"], "state or territory"),
    (["--ori", "TX0160300", "--state", "IL"], "belongs to TX"),
    (["--agency", ""], "must not be empty"),
    (["--agency", "   "], "must not be empty"),
    (["--agency", "PD\x1b[2J"], "control character"),
    (["--assessor", "x" * 5000], "at most"),
])
def test_fields_are_validated(tmp_path, cli, args, message):
    base = {"--agency": "Test PD"}
    argv = ["new", tmp_path / "n.review"]
    given = dict(zip(args[::2], args[1::2], strict=True))
    for k, v in {**base, **given}.items():
        argv += [k, v]
    code, _, err = cli(*argv)
    assert code == 2 and message in err, err
    assert not (tmp_path / "n.review").exists()


def test_valid_fields_are_normalised(tmp_path, cli):
    f = tmp_path / "n.review"
    assert cli("new", f, "--agency", "Test PD", "--ori", "il0160300", "--state", "il")[0] == 0
    code, out, _ = cli("status", f)
    assert "IL0160300, IL" in out
