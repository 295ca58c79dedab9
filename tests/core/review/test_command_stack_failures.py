"""The core's CommandStack stays in step with the file when an undo or redo fails."""

from __future__ import annotations

import pytest

from reviewer_app.core.errors import ReviewFileError
from reviewer_app.core.review import commands as cmd
from tests.factories.faults import disk_full


def test_failed_undo_and_redo_keep_the_history(review, monkeypatch):
    store, _ = review
    stack = cmd.CommandStack(store)
    done = stack.execute(cmd.SetFinding("chokehold", "met"))
    monkeypatch.setattr(done, "revert", disk_full)
    with pytest.raises(ReviewFileError, match="disk is full"):
        stack.undo()
    assert stack.done == [done] and stack.undone == []
    monkeypatch.undo()
    stack.undo()
    monkeypatch.setattr(done, "apply", disk_full)
    with pytest.raises(ReviewFileError, match="disk is full"):
        stack.redo()
    assert stack.done == [] and stack.undone == [done]
    monkeypatch.undo()
    stack.redo()
    assert store.findings()["chokehold"].result == "met"
