"""Second review and sign-off through the core commands: stages, blindness, agreement,
reconciliation, the signed-off guard, reopening, undo, and who each row names."""

from __future__ import annotations

import json

import pytest

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.workflow import people as ppl
from reviewer_app.core.review.workflow import user
from reviewer_app.core.review.workflow.agreement import review_agreement
from reviewer_app.core.review.workflow.stage import read_stage
from tests.factories.reviews import finish_for_sign_off

FIRST = {"legal_compliance": "met", "chokehold": "met", "duty_to_intervene": "partial",
         "medical_aid": "met", "no_knock": "not_applicable"}
SECOND = {"legal_compliance": "met", "chokehold": "not_met", "duty_to_intervene": "partial",
          "medical_aid": "met", "no_knock": "not_applicable", "recruitment": "met"}


def _assess_and_submit(store):
    user.set_session_user("Ann Assessor")
    for item, result in FIRST.items():
        cmd.run(store, cmd.SetFinding(item, result, f"A: {item}"))
    cmd.run(store, cmd.SubmitForSecondReview(second_reviewer="Sam Second"))


def _second_review(store):
    user.set_session_user("Sam Second")
    for item, result in SECOND.items():
        cmd.run(store, cmd.RecordSecondResult(item, result, f"S: {item}"))
    cmd.run(store, cmd.SubmitSecondReview())


def test_the_whole_path(review):
    store, _ = review
    _assess_and_submit(store)
    assert read_stage(store.conn).stage == "second_review"
    with pytest.raises(ReviewError, match="frozen while the second review"):
        cmd.run(store, cmd.SetFinding("chokehold", "not_met"))
    snap = [e for e in store.log_entries() if e.action == "submit_for_second_review"][-1]
    assert snap.payload["snapshot"]["chokehold"]["result"] == "met"
    _second_review(store)
    assert read_stage(store.conn).stage == "reconciliation"

    found = review_agreement(store.conn, store.standards())
    assert found is not None
    # compared: the 5 the assessor did + recruitment (second only); 14 - 6 both blank
    assert len(found.compared) == 6 and found.agreed == 4
    assert found.percent == pytest.approx(400 / 6)
    assert [c.code for c in found.disagreements] == ["B", "11"]
    b = found.disagreements[0]
    assert (b.first, b.second, b.first_rationale, b.second_rationale) == (
        "met", "not_met", "A: chokehold", "S: chokehold")

    user.set_session_user("Rae Reconciler")
    with pytest.raises(ReviewError, match="not reconciled yet \\(B, 11\\)"):
        cmd.run(store, cmd.SignOff("Olga Official"))
    with pytest.raises(ReviewError, match="note is required"):
        cmd.run(store, cmd.Reconcile("chokehold", "not_met", "  "))
    cmd.run(store, cmd.Reconcile("chokehold", "not_met", "The clause allows exceptions."))
    cmd.run(store, cmd.Reconcile("recruitment", "met", "Hiring policy section 2."))
    assert store.findings()["chokehold"].result == "not_met"
    assert store.findings()["chokehold"].rationale == "The clause allows exceptions."
    assert store.findings()["chokehold"].updated_by == "Rae Reconciler"

    finish_for_sign_off(store)
    cmd.run(store, cmd.SignOff("Olga Official", "Director"))
    stage = read_stage(store.conn)
    assert (stage.stage, stage.signed_by, stage.signed_role) == (
        "signed_off", "Olga Official", "Director")
    with pytest.raises(ReviewError, match="signed off by Olga Official on .*reopen with a "
                                          "reason to edit"):
        cmd.run(store, cmd.SetFinding("chokehold", "met"))
    with pytest.raises(ReviewError, match="give a reason"):
        cmd.run(store, cmd.Reopen(" "))
    cmd.run(store, cmd.Reopen("The agency sent a revised policy."))
    assert read_stage(store.conn).stage == "reconciliation"
    last = store.log_entries()[-1]
    assert last.action == "reopen" and last.payload["reason"].startswith("The agency")
    assert last.payload["signed_off"]["signed_by"] == "Olga Official"

    names = {(p.name, p.role) for p in ppl.people(store.conn)}
    assert names == {("Tess Tester", "assessor"), ("Sam Second", "second_reviewer"),
                     ("Olga Official", "approving_official")}
    actors = {e.actor for e in store.log_entries() if e.action == "second_result"}
    assert actors == {"Sam Second"}
    assert {r.person for r in ppl.second_results(store.conn).values()} == {"Sam Second"}
    assert store.outside_changes() == []


def test_undo_restores_every_step_and_sign_off_is_not_undone(review):
    store, _ = review
    _assess_and_submit(store)
    stack = cmd.CommandStack(store)
    stack.execute(cmd.RecordSecondResult("chokehold", "not_met", "no"))
    stack.execute(cmd.RecordSecondResult("chokehold", "met", "yes"))
    stack.undo()
    assert ppl.second_results(store.conn)["chokehold"].result == "not_met"
    stack.undo()
    assert ppl.second_results(store.conn) == {}
    for item, result in FIRST.items():  # all agree: nothing to reconcile
        stack.execute(cmd.RecordSecondResult(item, result, "agreed"))
    stack.execute(cmd.SubmitSecondReview())
    stack.undo()
    assert read_stage(store.conn).stage == "second_review"
    stack.redo()
    finish_for_sign_off(stack.store)
    stack.execute(cmd.SignOff("Olga Official"))
    with pytest.raises(ReviewError, match="reopen with a reason"):
        stack.undo()
    assert read_stage(store.conn).signed_off


def test_stages_refuse_what_is_not_theirs(review):
    store, _ = review
    with pytest.raises(ReviewError, match="no item has a result"):
        cmd.run(store, cmd.SubmitForSecondReview())
    with pytest.raises(ReviewError, match="in assessment, and this belongs to second review"):
        cmd.run(store, cmd.RecordSecondResult("chokehold", "met"))
    with pytest.raises(ReviewError, match="belongs to reconciliation"):
        cmd.run(store, cmd.Reconcile("chokehold", "met", "x"))
    with pytest.raises(ReviewError, match="not signed off"):
        cmd.run(store, cmd.Reopen("why"))
    _assess_and_submit(store)
    with pytest.raises(ReviewError, match="recorded no result yet"):
        cmd.run(store, cmd.SubmitSecondReview())
    with pytest.raises(ReviewError, match="Sign off: the review is in second review"):
        cmd.run(store, cmd.SignOff("Olga"))


def test_sign_off_without_a_second_review_and_reopen_back_to_assessment(review):
    store, _ = review
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    finish_for_sign_off(store)
    cmd.run(store, cmd.SignOff("Olga Official"))
    cmd.run(store, cmd.Reopen("typo in a rationale"))
    assert read_stage(store.conn).stage == "assessment"
    assert review_agreement(store.conn, store.standards()) is None


def test_the_snapshot_is_the_last_submission_not_undone(review):
    store, _ = review
    stack = cmd.CommandStack(store)
    stack.execute(cmd.SetFinding("chokehold", "met"))
    stack.execute(cmd.SubmitForSecondReview())
    stack.undo()
    stack.undo()
    stack.execute(cmd.SetFinding("chokehold", "not_met", "missing"))
    stack.execute(cmd.SubmitForSecondReview())
    from reviewer_app.core.review.workflow.snapshot import assessor_snapshot

    assert assessor_snapshot(store.conn) == {"chokehold": ("not_met", "missing")}
    assert json.loads(json.dumps(store.log_entries()[-1].payload))["snapshot"]


@pytest.mark.parametrize("name", ["review-schema4-v0.1.0.review",
                                  "review-schema5-v0.1.0.review"])  # 5: m007 came first
def test_an_older_file_upgraded_is_in_assessment_with_nobody_named(tmp_path, name):
    """m005 on golden files written before it: the stage row exists, nothing else."""
    import shutil

    from reviewer_app.core.review.store import ReviewStore
    from tests.data import make_golden_reviews as golden

    old = golden.DATA / name
    copy = tmp_path / old.name
    shutil.copyfile(old, copy)
    with ReviewStore.open(copy) as store:
        assert read_stage(store.conn).stage == "assessment"
        assert ppl.people(store.conn) == [] and ppl.second_results(store.conn) == {}
        assert store.outside_changes() == []
        finish_for_sign_off(store)
        cmd.run(store, cmd.SignOff("Olga Official"))  # the workflow works on it at once
        assert read_stage(store.conn).signed_off


def test_a_sign_off_written_with_a_database_tool_is_found(review):
    store, _ = review
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    assert store.outside_changes() == []
    store.conn.execute("UPDATE stage SET stage = 'signed_off', signed_by = 'Forger', "
                       "signed_at = '2026-01-01T00:00:00Z'")
    problems = store.outside_changes()
    assert any("the second review and sign-off differ" in p for p in problems), problems


def test_the_caseload_dates_a_signed_off_review_from_its_sign_off(full_review):
    from reviewer_app.core.caseload.reader import StandardsCache, read_entry

    finish_for_sign_off(full_review)
    cmd.run(full_review, cmd.SignOff("Olga Official", at="2026-03-31T10:00:00Z"))
    full_review.file_sha256()  # checkpoint: the reader opens the file on its own
    entry, _ = read_entry(full_review.path, StandardsCache())
    assert entry.determined_on == "2026-03-31"
    assert (entry.outcome, entry.expires_on) == ("Certified", "2029-03-31")
