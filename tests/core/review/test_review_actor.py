"""Who the log names: the person at the keyboard (issue 12), never the review's assessor
field; also after an undone or failed change of that field."""

from __future__ import annotations

import pytest

from reviewer_app.core.errors import ReviewFileError
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.workflow import user
from tests.factories.faults import disk_full


def test_the_assessor_field_does_not_name_the_person(review):
    """Issue 14's defect 4 (undoing an assessor change kept the new name) cannot recur:
    the assessor field no longer names anyone in the log."""
    store, _ = review
    user.set_session_user("Sam Second")
    stack = cmd.CommandStack(store)
    stack.execute(cmd.EditReview({"assessor": "Ann Other"}))
    stack.execute(cmd.SetFinding("chokehold", "met"))
    assert store.log_entries()[-1].actor == "Sam Second"
    stack.undo()
    stack.undo()
    assert store.review().assessor == "Tess Tester"
    stack.execute(cmd.SetFinding("chokehold", "partial"))
    assert store.log_entries()[-1].actor == "Sam Second"
    assert store.findings()["chokehold"].updated_by == "Sam Second"
    user.set_session_user("Tess Tester")
    stack.undo()
    stack.redo()  # the redone change names the person of its moment
    assert store.log_entries()[-1].actor == "Tess Tester"


def test_a_failed_assessor_change_keeps_the_person(review, monkeypatch):
    store, _ = review
    user.set_session_user("Sam Second")
    real_log = store.log

    monkeypatch.setattr(store, "log", disk_full)
    with pytest.raises(ReviewFileError, match="disk is full"):
        cmd.run(store, cmd.EditReview({"assessor": "Ann Other"}))
    monkeypatch.setattr(store, "log", real_log)
    assert store.review().assessor == "Tess Tester"
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    assert store.log_entries()[-1].actor == "Sam Second"


def test_without_a_name_the_person_is_the_computer_user(review):
    from reviewer_app.core.review.store import default_actor

    store, _ = review
    cmd.run(store, cmd.EditReview({"assessor": ""}))
    cmd.run(store, cmd.SetFinding("chokehold", "met"))
    assert store.log_entries()[-1].actor == default_actor() == user.login_name()


def test_the_order_session_remembered_environment_login(monkeypatch, tmp_path):
    monkeypatch.setenv(user.ENV_CONFIG_DIR, str(tmp_path / "cfg"))
    monkeypatch.setenv(user.ENV_USER, "  Eve   Env ")
    assert user.keyboard_user() == "Eve Env"
    user.remember_name("Rita Remembered")
    assert (tmp_path / "cfg" / "user.json").exists()
    assert user.keyboard_user() == "Rita Remembered"
    user.set_session_user("Sam Session")
    assert user.keyboard_user() == "Sam Session"
    user.set_session_user(None)
    (tmp_path / "cfg" / "user.json").write_text("{damaged")
    assert user.keyboard_user() == "Eve Env"  # a damaged file counts as no name
    monkeypatch.delenv(user.ENV_USER)
    assert user.keyboard_user() == user.login_name()
