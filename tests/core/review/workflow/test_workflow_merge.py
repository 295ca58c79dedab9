"""Second review on two offline copies, then merged (issue 12's two halves together): each
copy's second results come together once, the stage agrees, and the same item judged
differently in both is a conflict, not a silent choice."""

from __future__ import annotations

from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.commands.merging import conflicts
from reviewer_app.core.review.integrity import all_problems
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.review.workflow import people as ppl
from reviewer_app.core.review.workflow import user
from reviewer_app.core.review.workflow.stage import read_stage
from tests.factories.merging import content_of, copy_review, merged
from tests.factories.pdfs import SAMPLE_PAGES, make_pdf
from tests.factories.reviews import add_document, create_review, set_finding


def test_second_results_of_two_copies_merge(tmp_path):
    ancestor = tmp_path / "ancestor.review"
    with create_review(ancestor) as store:
        add_document(store, make_pdf(SAMPLE_PAGES), "policy.pdf")
        for item in ("chokehold", "duty_to_intervene", "medical_aid"):
            set_finding(store, item, "met", "assessor")
        cmd.run(store, cmd.SubmitForSecondReview(second_reviewer="Sam Second"))
    a = copy_review(ancestor, tmp_path / "a.review")
    b = copy_review(ancestor, tmp_path / "b.review")
    user.set_session_user("Sam Second")
    with ReviewStore.open(a) as store:  # on the laptop: two items
        cmd.run(store, cmd.RecordSecondResult("chokehold", "partial", "broad exceptions"))
        cmd.run(store, cmd.RecordSecondResult("medical_aid", "met", "ok"))
    with ReviewStore.open(b) as store:  # on the desktop: one other, one the same item
        cmd.run(store, cmd.RecordSecondResult("duty_to_intervene", "met", "ok"))
        cmd.run(store, cmd.RecordSecondResult("medical_aid", "not_met", "no aid clause"))
    assert merged(a, b, tmp_path / "ab.review") is not None
    assert merged(b, a, tmp_path / "ba.review") is not None
    assert content_of(tmp_path / "ab.review") == content_of(tmp_path / "ba.review")
    with ReviewStore.open(tmp_path / "ab.review") as store:
        assert all_problems(store.conn) == []
        assert read_stage(store.conn).stage == "second_review"
        second = ppl.second_results(store.conn)
        assert second["chokehold"].result == "partial"
        assert second["duty_to_intervene"].result == "met"
        open_items = [c for c in conflicts(store) if not c.settled]
        assert any("medical_aid" in c.label for c in open_items), open_items
