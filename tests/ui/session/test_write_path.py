"""The window's write path under failure and contention: a failed undo or redo leaves the
history in step with the file, and nothing runs inside a worker's open transaction."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from reviewer_app.core.review.commands import Command, SetFinding
from reviewer_app.ui.common.workers import run_with_progress
from tests.factories.faults import disk_full
from tests.factories.pdfs import CHOKE
from tests.ui.helpers import activate, press, select_quote


def _linked(qtbot, win) -> int:
    activate(qtbot, win)
    assert win.checklist.select_item("chokehold")
    select_quote(qtbot, win, CHOKE)
    win.view.setFocus()
    press(win.view, "Ctrl+L")
    [ev] = win.session.store.evidence(item_id="chokehold")
    return ev.id


def _top(win):
    stack = win.session.undo_stack
    return stack.command(stack.index() - 1)


def test_a_failed_undo_keeps_the_history_in_step(qtbot, make_window, sample_review,
                                                 monkeypatch, capsys):
    """Defect 3 of issue 14: the undo stack moved although the file did not, and a later
    redo of the link raised sqlite3.IntegrityError."""
    win = make_window()
    assert win.open_review(sample_review)
    ev_id = _linked(qtbot, win)
    stack = win.session.undo_stack
    index = stack.index()
    monkeypatch.setattr(_top(win).cmd, "revert", disk_full)

    win.actions.undo.trigger()
    assert [e.id for e in win.session.store.evidence()] == [ev_id]  # the file kept it
    assert stack.index() == index and not stack.canRedo()  # and so did the history
    assert win.actions.undo.text() == "&Undo Link evidence to B"
    err = capsys.readouterr().err
    assert "Could not undo" in err and "disk is full" in err and "as they were" in err
    assert [h.evidence_id for h in win.view.highlights()] == [ev_id]

    monkeypatch.undo()  # space freed: the same undo works, and its redo too
    win.actions.undo.trigger()
    assert win.session.store.evidence() == []
    win.actions.redo.trigger()
    assert [e.id for e in win.session.store.evidence()] == [ev_id]
    assert "Error" not in capsys.readouterr().err


def test_a_failed_redo_keeps_the_history_in_step(qtbot, make_window, sample_review,
                                                 monkeypatch, capsys):
    win = make_window()
    assert win.open_review(sample_review)
    ev_id = _linked(qtbot, win)
    stack = win.session.undo_stack
    link = _top(win).cmd
    win.actions.undo.trigger()
    index = stack.index()
    monkeypatch.setattr(link, "apply", disk_full)

    win.actions.redo.trigger()
    assert win.session.store.evidence() == []
    assert stack.index() == index and stack.canRedo()
    assert "Could not redo" in capsys.readouterr().err

    monkeypatch.undo()
    win.actions.redo.trigger()
    assert [e.id for e in win.session.store.evidence()] == [ev_id]
    win.actions.undo.trigger()
    assert win.session.store.evidence() == []


def test_a_failed_undo_of_a_macro_puts_back_what_it_took_back(qtbot, make_window,
                                                              sample_review, monkeypatch):
    win = make_window()
    assert win.open_review(sample_review)
    s = win.session
    stack = s.undo_stack
    stack.beginMacro("Set two results")
    assert s.execute(SetFinding("chokehold", "met"))
    assert s.execute(SetFinding("duty_to_intervene", "partial"))
    stack.endMacro()
    index = stack.index()
    first = stack.command(index - 1).child(0)
    monkeypatch.setattr(first.cmd, "revert", disk_full)  # undone last: the second goes first

    assert not s.undo()
    assert stack.index() == index
    assert {k: f.result for k, f in s.store.findings().items()} == {
        "chokehold": "met", "duty_to_intervene": "partial"}
    monkeypatch.undo()
    assert s.undo() and s.store.findings() == {}


class _SlowWrite(Command):
    """Stands for saving a big document: its transaction stays open until ``finish``."""

    action = "slow"

    def __init__(self) -> None:
        self.finish = threading.Event()

    @property
    def label(self) -> str:
        return "Add document Big manual"

    def apply(self, store) -> None:
        store.db["review"].update(1, {"notes": "big manual"})
        assert self.finish.wait(20)

    def revert(self, store) -> None:
        store.db["review"].update(1, {"notes": ""})


def test_edits_wait_while_a_worker_saves(qtbot, make_window, sample_review, capsys):
    """Defect 5 of issue 14: in the 400 ms before the progress dialog shows, result keys,
    Ctrl+Z and the rationale autosave ran a second command inside the worker's open
    transaction."""
    win = make_window()
    assert win.open_review(sample_review)
    activate(qtbot, win)
    s = win.session
    assert win.checklist.select_item("chokehold")
    assert s.execute(SetFinding("chokehold", "partial", item_code="B"))
    slow = _SlowWrite()
    seen: dict[str, object] = {}

    def meanwhile() -> None:  # the user keeps working while the write runs
        seen["undo enabled"] = win.actions.undo.isEnabled()
        win.actions.undo.trigger()
        win.checklist.tree.setFocus()
        press(win.checklist.tree, "1")
        seen["status"] = win.statusBar().currentMessage()
        editor = win.item_panel.rationale
        editor.setFocus()
        QTest.keyClicks(editor, "Typed while saving.")
        editor.flush()
        slow.finish.set()

    QTimer.singleShot(50, meanwhile)
    assert s.execute(slow, runner=lambda call: run_with_progress(
        win, "Add document", "Saving…", call, show_after_ms=5000))

    assert seen["undo enabled"] is False
    assert "still being saved" in str(seen["status"])
    findings = s.store.findings()
    assert findings["chokehold"].result == "partial"  # the key was refused, not lost midway
    assert findings["chokehold"].rationale == "Typed while saving."  # saved once free
    assert s.store.review().notes == "big manual"
    assert [s.undo_stack.text(i) for i in range(s.undo_stack.count())] == [
        "Set B to Partially met", "Add document Big manual", "Edit rationale of B"]
    assert "was not saved" not in capsys.readouterr().err
    assert win.actions.undo.isEnabled()
