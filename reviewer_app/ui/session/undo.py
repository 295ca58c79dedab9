"""The bridge from Qt's undo stack to the core's commands: the window's only write path.

A ``CoreUndoCommand`` holds one core ``Command``; redo/undo call ``commands.run`` and
``commands.revert``, so every change is one transaction in the review file and one line
in its log. The session runs a command BEFORE pushing it (so a refused command never enters
the stack), hence the first ``redo`` that ``QUndoStack.push`` makes is skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer_app.core.review import commands
from reviewer_app.core.review.commands import Command, SetFinding

RATIONALE_MERGE_ID = 1001

Applier = Callable[[Command, bool], bool]  # (command, undo?) -> succeeded


class CoreUndoCommand(QUndoCommand):
    def __init__(self, cmd: Command, apply: Applier, merge_token: object = None):
        super().__init__(cmd.label)
        self.cmd = cmd
        self._apply = apply
        self._first = True
        self.merge_token = merge_token

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.cmd, False)

    def undo(self) -> None:
        self._apply(self.cmd, True)

    def id(self) -> int:
        c = self.cmd
        if isinstance(c, SetFinding) and c.result is None and self.merge_token is not None:
            return RATIONALE_MERGE_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing in the rationale editor: one undo step per editing session of one item."""
        if not isinstance(other, CoreUndoCommand) or other.merge_token != self.merge_token:
            return False
        if isinstance(self.cmd, SetFinding) and isinstance(other.cmd, SetFinding) \
                and self.cmd.merge(other.cmd):
            self.setText(self.cmd.label)
            return True
        return False


def apply_command(store, cmd: Command, undo: bool) -> None:
    """Run or revert one command in its own transaction."""
    if undo:
        commands.revert(store, cmd)
    else:
        commands.run(store, cmd)
