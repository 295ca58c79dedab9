"""Opening a review that someone else has open: say who, and offer what can be done.

The store locks the review file (``core.lock``). When another running program has it, the
only safe choice is to look at it read-only; when the lock was left by another computer
(a laptop that crashed, a USB stick pulled out) the user may also take it over, knowing
that two people changing one review overwrite each other's work.
"""

from __future__ import annotations

import socket
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer_app.core.errors import ReviewError, ReviewLocked
from reviewer_app.core.review.lock import LockOwner, ReviewLock
from reviewer_app.ui.dialogs import common as dialogs
from reviewer_app.ui.session.session import ReviewSession

READ_ONLY, TAKE_OVER = "read_only", "take_over"


def open_session(parent: QWidget | None, path: Path) -> ReviewSession | None:
    """The review opened for the window, or None (the reason has been shown)."""
    try:
        return ReviewSession.open(path, parent)
    except ReviewLocked as exc:
        owner = ReviewLock(path).owner()
        who = describe_owner(owner)
        # a live holder here keeps its OS lock: "Open anyway" could not work
        can_take_over = owner is not None and owner.host != socket.gethostname()
        choice = ask_locked(parent, path, str(exc), who, can_take_over)
        try:
            if choice == READ_ONLY:
                return ReviewSession.open(path, parent, read_only=True,
                                          read_only_reason=f"{who} has it open")
            if choice == TAKE_OVER:
                return ReviewSession.open(path, parent, take_over=True)
        except ReviewError as exc2:
            dialogs.show_error(parent, "Cannot open the review", str(exc2))
        return None
    except ReviewError as exc:
        dialogs.show_error(parent, "Cannot open the review", str(exc))
        return None


def describe_owner(owner: LockOwner | None) -> str:
    """"kim on laptop-7 (since 2 May 2024, 11:14)": the lock's holder, in local time."""
    if owner is None:
        return "another program"
    try:
        since = datetime.fromisoformat(owner.since.replace("Z", "+00:00")).astimezone()
        when = f"{since.day} {since:%B %Y, %H:%M}"
    except ValueError:
        when = owner.since
    return f"{owner.user} on {owner.host} (since {when})"


def ask_locked(parent: QWidget | None, path: Path, message: str, who: str,
               can_take_over: bool) -> str | None:
    """READ_ONLY, TAKE_OVER or None (cancel)."""
    if dialogs.NONINTERACTIVE:  # a screenshot or a script only reads
        print(f"reviewer-app: {message} Opening it read-only.", file=sys.stderr)
        return READ_ONLY
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Review in use")
    box.setText(f"{path.name} is in use by {who}.")
    if can_take_over:
        box.setInformativeText(
            "Open it read-only to look at it without changing it. Open it anyway only if "
            "that computer no longer has it open (it crashed, or the stick was pulled "
            "out): two people changing one review overwrite each other's work.")
    else:
        box.setInformativeText("It is open in another window or program on this computer. "
                               "Close it there to change it here, or open it read-only to "
                               "look at it.")
    box.setDetailedText(message)
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    anyway = None
    if can_take_over:
        anyway = box.addButton("Open anyway", QMessageBox.ButtonRole.DestructiveRole)
        anyway.setToolTip("Take the review over from " + who)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return READ_ONLY
    if anyway is not None and clicked is anyway:
        return TAKE_OVER
    return None
