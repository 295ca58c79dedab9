"""The bridge from Qt's undo stack to the core's commands: the window's only write path.

A ``CoreUndoCommand`` holds one core ``Command``; redo/undo call ``commands.run`` and
``commands.revert``, so every change is one transaction in the review file and one line
in its log. The session runs a command BEFORE pushing it (so a refused command never enters
the stack), hence the first ``redo`` that ``QUndoStack.push`` makes is skipped.

QUndoStack moves its index whatever ``undo``/``redo`` do, so a step that fails (disk full:
its transaction is rolled back) would leave the history out of step with the file.
``step_back`` puts the stack back where it was without touching the file again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer_app.core.review import commands
from reviewer_app.core.review.commands import Command

RATIONALE_MERGE_ID = 1001

Applier = Callable[[Command, bool], bool]  # (command, undo?) -> succeeded


class CoreUndoCommand(QUndoCommand):
    def __init__(self, cmd: Command, apply: Applier, merge_token: object = None):
        super().__init__(cmd.label)
        self.cmd = cmd
        self._apply = apply
        self._skip = True  # the push's redo: the session ran the command already
        self.failed = False  # the last undo/redo did not change the file
        self.merge_token = merge_token

    def redo(self) -> None:
        self._step(False)

    def undo(self) -> None:
        self._step(True)

    def _step(self, undo: bool) -> None:
        if self._skip:
            self._skip = self.failed = False
            return
        self.failed = not self._apply(self.cmd, undo)

    def id(self) -> int:
        c = self.cmd
        if c.mergeable and self.merge_token is not None:
            return RATIONALE_MERGE_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing in the rationale editor: one undo step per editing session of one item."""
        if not isinstance(other, CoreUndoCommand) or other.merge_token != self.merge_token:
            return False
        if self.cmd.merge(other.cmd):
            self.setText(self.cmd.label)
            return True
        return False


def core_steps(top: QUndoCommand) -> list[CoreUndoCommand]:
    """The core commands of one history entry: itself, or a macro's children."""
    if isinstance(top, CoreUndoCommand):
        return [top]
    return [c for c in (top.child(i) for i in range(top.childCount()))
            if isinstance(c, CoreUndoCommand)]


def step_back(stack: QUndoStack, top: QUndoCommand, undone: bool) -> bool:
    """After an undo (``undone``) or redo of ``top`` in which some core command failed:
    move the stack back to where it was. Failed commands changed nothing (their
    transaction was rolled back) and are skipped; those that succeeded (inside a macro)
    are applied again. False when that fails too: the stack no longer matches the file."""
    steps = core_steps(top)
    for step in steps:
        if step.failed:
            step._skip = True
    stack.redo() if undone else stack.undo()
    return not any(step.failed for step in steps)


def apply_command(store, cmd: Command, undo: bool) -> None:
    """Run or revert one command in its own transaction."""
    if undo:
        commands.revert(store, cmd)
    else:
        commands.run(store, cmd)
