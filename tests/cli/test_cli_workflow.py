"""submit, second, agreement, reconcile, signoff, reopen and --as from the shell (issue 12):
messages, exit codes, the blind second review, and who the log names."""

from __future__ import annotations

import json

from reviewer_app.core.review.store import ReviewStore
from tests.factories.reviews import finish_for_sign_off

CHOKE = "Chokeholds are prohibited unless deadly force is authorized by law."


def test_the_workflow_from_the_shell(cli, cli_review):
    f = cli_review
    assert cli("--as", "Ann Assessor", "link", f, "--item", "B", "--quote", CHOKE)[0] == 0
    assert cli("--as", "Ann Assessor", "finding", f, "--item", "B", "--result", "met",
               "--note", "Secret first rationale")[0] == 0
    assert cli("--as", "Ann Assessor", "finding", f, "--item", "A", "--result", "not_met",
               "--note", "No reference to law")[0] == 0
    code, _, err = cli("agreement", f)
    assert code == 2 and "not submitted for second review" in err
    code, out, _ = cli("--as", "Ann Assessor", "submit", f, "--second-reviewer", "Sam Second")
    assert code == 0 and "2 assessed item(s) frozen" in out

    code, out, err = cli("--as", "Sam Second", "second", f, "--item", "B", "--result",
                         "partial", "--note", "Exceptions too broad")
    assert code == 0, err
    assert out.startswith("second review by Sam Second: B ") and "Partially met" in out
    assert "Secret" not in out and "Met" not in out.replace("Partially met", "")
    code, out, _ = cli("--as", "Sam Second", "status", f)
    assert "Secret first rationale" not in out and "Stage: Second review" in out
    code, _, err = cli("--as", "Sam Second", "finding", f, "--item", "B", "--result", "met")
    assert code == 2 and "frozen while the second review" in err
    code, _, err = cli("agreement", f)
    assert code == 2 and "blind" in err
    assert cli("--as", "Sam Second", "second", f, "--item", "A", "--result", "not_met")[0] == 0
    code, out, _ = cli("--as", "Sam Second", "submit", f)
    assert code == 0 and "1 of 2 items agree (50.0%)" in out

    code, out, _ = cli("agreement", f)
    assert code == 0 and "Secret first rationale" in out and "Exceptions too broad" in out
    assert "not reconciled: reconcile --item B" in out
    code, out, _ = cli("agreement", f, "--json")
    data = json.loads(out)
    assert (data["stage"], data["items_compared"], data["percent_agreement"]) == (
        "reconciliation", 2, 50.0)
    assert data["unreconciled"] == ["B"]

    code, _, err = cli("reconcile", f, "--item", "B", "--result", "partial", "--note", " ")
    assert code == 2 and "note is required" in err
    code, _, err = cli("signoff", f, "--name", "Olga Official", "--role", "Director")
    assert code == 2 and "not reconciled yet (B)" in err
    code, out, _ = cli("--as", "Rae", "reconcile", f, "--item", "B", "--result", "partial",
                       "--note", "The exceptions go beyond deadly force.")
    assert code == 0 and "every disagreement is settled" in out
    code, _, err = cli("signoff", f, "--name", "Olga Official", "--role", "Director")
    assert code == 2 and "does not support a determination yet: 12 of 14 items" in err
    with ReviewStore.open(f) as store:
        finish_for_sign_off(store)
    code, out, _ = cli("signoff", f, "--name", "Olga Official", "--role", "Director")
    assert code == 0 and "Signed off by Olga Official (Director) on " in out
    code, _, err = cli("unlink", f, "--evidence", "1")
    assert code == 2 and "signed off by Olga Official on" in err and "reopen" in err
    code, out, _ = cli("status", f, "--json")
    stage = json.loads(out)["stage"]
    assert (stage["stage"], stage["signed_by"], stage["signed_role"]) == (
        "signed_off", "Olga Official", "Director")
    assert {(p["name"], p["role"]) for p in stage["people"]} == {
        ("Ann", "assessor"), ("Sam Second", "second_reviewer"),
        ("Olga Official", "approving_official")}
    code, _, err = cli("reopen", f, "--reason", "")
    assert code == 2 and "give a reason" in err
    code, out, _ = cli("reopen", f, "--reason", "Revised policy received")
    assert code == 0 and "reconciliation" in out

    code, out, _ = cli("log", f, "--json")
    log = json.loads(out)
    assert [e["actor"] for e in log if e["action"] == "second_result"] == ["Sam Second"] * 2
    assert next(e for e in log if e["action"] == "reopen")["payload"]["reason"] == \
        "Revised policy received"


def test_as_needs_a_name(cli, cli_review):
    code, _, err = cli("--as", " ", "status", cli_review)
    assert code == 2 and "--as needs a name" in err


def test_the_blind_status_still_names_the_state_law(cli, tmp_path, sample_pdf):
    """The second reviewer judges against the same law: the blind status hides the first
    results, not the statutes of the review's state."""
    f = tmp_path / "il.review"
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    assert cli("new", f, "--agency", "Test PD", "--state", "IL")[0] == 0
    assert cli("add-doc", f, pdf)[0] == 0
    assert cli("--as", "Ann Assessor", "link", f, "--item", "B", "--quote", CHOKE)[0] == 0
    assert cli("--as", "Ann Assessor", "finding", f, "--item", "B", "--result", "met",
               "--note", "Secret first rationale")[0] == 0
    assert cli("--as", "Ann Assessor", "submit", f)[0] == 0
    code, out, _ = cli("--as", "Sam Second", "status", f)
    assert code == 0 and "Secret first rationale" not in out
    assert "state law (IL): 720 ILCS 5/7-5.5" in out
