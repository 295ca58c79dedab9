"""One change at a time: a command started while another is being saved is refused."""

from __future__ import annotations

import threading

import pytest

from reviewer_app.core.errors import ReviewBusy
from reviewer_app.core.review import commands as cmd


class _Slow(cmd.Command):
    """A command that holds its transaction open until told to finish (a big document)."""

    action = "slow"

    def __init__(self) -> None:
        self.started, self.finish = threading.Event(), threading.Event()

    @property
    def label(self) -> str:
        return "Add a big document"

    def apply(self, store) -> None:
        store.db["review"].update(1, {"notes": "written by the slow command"})
        self.started.set()
        assert self.finish.wait(10)

    def revert(self, store) -> None:
        store.db["review"].update(1, {"notes": ""})


def test_a_command_inside_another_ones_transaction_is_refused(review):
    """Defect 5 of issue 14 (core side): a second command ran inside the worker's open
    transaction and was committed, or rolled back, with it."""
    store, _ = review
    slow = _Slow()
    worker = threading.Thread(target=cmd.run, args=(store, slow))
    worker.start()
    try:
        assert slow.started.wait(10)
        with pytest.raises(ReviewBusy, match="another change .* is still being saved"):
            cmd.run(store, cmd.SetFinding("chokehold", "met"))
        with pytest.raises(ReviewBusy):
            cmd.revert(store, slow)
    finally:
        slow.finish.set()
        worker.join()
    assert "chokehold" not in store.findings()
    assert store.review().notes == "written by the slow command"
    cmd.run(store, cmd.SetFinding("chokehold", "met"))  # free again once it is saved
    assert store.findings()["chokehold"].result == "met"


def test_a_command_run_from_inside_a_command_is_refused(review):
    store, _ = review

    class Nested(_Slow):
        def apply(self, store) -> None:
            cmd.run(store, cmd.SetFinding("chokehold", "met"))

    with pytest.raises(ReviewBusy):
        cmd.run(store, Nested())
    assert store.findings() == {}
