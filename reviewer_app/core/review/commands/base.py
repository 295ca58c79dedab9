"""Every change to a review is a command: applied in one transaction, logged, undoable.

``run``/``revert`` are the only ways a command touches the file; ``CommandStack`` keeps
undo/redo history for scripts and tests, and the window's QUndoStack wraps the same
``run``/``revert`` calls. Commands remember what they replaced, so a redo after an undo
restores the very same rows (same ids), and evidence ids stay stable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TypeVar

from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.review.workflow.stage import read_stage, refuse_if_signed_off


class Command(ABC):
    """One change to a review, and its undo.

    The contract: ``apply`` and ``revert`` only touch the file through the store, inside
    the transaction ``run``/``revert`` open (never a transaction of their own), and
    ``revert`` restores exactly what ``apply`` replaced, so redo after undo gives the very
    same rows. ``label`` names the change for menus and the log; ``payload`` is what the
    log keeps of it; ``touched`` says what it changed, so views refresh from that and
    never from the command's class.
    """

    action: str = "change"
    allowed_when_signed: bool = False  # True only for reopening and derived data

    @property
    @abstractmethod
    def label(self) -> str:
        """Short text for menus and the log: "Link evidence to B"."""

    @abstractmethod
    def apply(self, store: ReviewStore) -> None: ...

    @abstractmethod
    def revert(self, store: ReviewStore) -> None: ...

    def payload(self) -> dict:
        return {}

    def touched(self, undone: bool = False) -> Changes:
        """What applying (or, with ``undone``, reverting) this command changed."""
        return Changes.everything()

    @property
    def mergeable(self) -> bool:
        """Whether a later command may fold into this one (typing: one undo step)."""
        return False

    def merge(self, later: Command) -> bool:
        """Fold ``later`` into this command if it continues the same edit."""
        return False


C = TypeVar("C", bound=Command)


def _refuse_if_closed(store: ReviewStore, cmd: Command, prefix: str) -> None:
    if cmd.allowed_when_signed or not read_stage(store.conn).signed_off:
        return
    try:
        label = prefix + cmd.label
    except ValueError:  # a label of bad input (an unknown result): the refusal still says why
        label = ""
    refuse_if_signed_off(store.conn, label)


def run(store: ReviewStore, cmd: C) -> C:
    with store.transaction():
        _refuse_if_closed(store, cmd, "")  # a signed-off review is closed until reopened
        cmd.apply(store)
        store.log(cmd.action, cmd.label, cmd.payload())
    return cmd


def revert(store: ReviewStore, cmd: C) -> C:
    with store.transaction():
        _refuse_if_closed(store, cmd, "Undo ")
        cmd.revert(store)
        store.log("undo", f"Undo {cmd.label}", {"undone": cmd.action, **cmd.payload()})
    return cmd


class CommandStack:
    """Undo/redo history of one session, without Qt."""

    def __init__(self, store: ReviewStore):
        self.store = store
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def execute(self, cmd: C) -> C:
        run(self.store, cmd)
        self.done.append(cmd)
        self.undone.clear()
        return cmd

    def undo(self) -> Command | None:
        if not self.done:
            return None
        cmd = revert(self.store, self.done[-1])  # a failed revert leaves the history as is
        self.undone.append(self.done.pop())
        return cmd

    def redo(self) -> Command | None:
        if not self.undone:
            return None
        cmd = run(self.store, self.undone[-1])
        self.done.append(self.undone.pop())
        return cmd
