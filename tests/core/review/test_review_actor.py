"""Who the log names: the review's assessor, also after an undone or failed change of it."""

from __future__ import annotations

import pytest

from reviewer_app.core.errors import ReviewFileError
from reviewer_app.core.review import commands as cmd
from tests.factories.faults import disk_full


def test_undoing_an_assessor_change_restores_the_actor(review):
    """Defect 4 of issue 14: after undoing the change, the log still named the new one."""
    store, _ = review
    stack = cmd.CommandStack(store)
    stack.execute(cmd.EditReview({"assessor": "Ann Other"}))
    stack.execute(cmd.SetFinding("chokehold", "met"))
    assert store.log_entries()[-1].actor == "Ann Other"
    stack.undo()
    stack.undo()
    assert store.review().assessor == "Tess Tester"
    stack.execute(cmd.SetFinding("chokehold", "partial"))
    assert store.log_entries()[-1].actor == "Tess Tester"
    assert store.findings()["chokehold"].updated_by == "Tess Tester"
    stack.undo()
    stack.redo()  # the redone change names the actor of its moment
    assert store.log_entries()[-1].actor == "Tess Tester"


def test_a_failed_assessor_change_keeps_the_actor(review, monkeypatch):
    store, _ = review
    real_log = store.log

    monkeypatch.setattr(store, "log", disk_full)
    with pytest.raises(ReviewFileError, match="disk is full"):
        cmd.run(store, cmd.EditReview({"assessor": "Ann Other"}))
    monkeypatch.setattr(store, "log", real_log)
    assert store.review().assessor == "Tess Tester"
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    assert store.log_entries()[-1].actor == "Tess Tester"


def test_without_an_assessor_the_actor_is_the_computer_user(review):
    from reviewer_app.core.review.store import default_actor

    store, _ = review
    cmd.run(store, cmd.EditReview({"assessor": ""}))
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    assert store.log_entries()[-1].actor == default_actor()
