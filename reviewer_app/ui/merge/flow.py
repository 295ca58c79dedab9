"""File > Merge a copy…: pick the other copy, merge it (one undo step), show what came in
and settle the conflicts chosen in the summary (one undo step each)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.commands.merging import (
    MergeCopy,
    SettleConflict,
    conflicts,
    preview,
)
from reviewer_app.core.review.merge.copies import check_mine, read_theirs
from reviewer_app.core.review.merge.report import came_in_lines
from reviewer_app.core.revisions.merge_reanchor import reanchor_onto
from reviewer_app.ui.dialogs.common import REVIEW_FILTER, show_error
from reviewer_app.ui.merge.dialog import MergeSummaryDialog


def merge_copy(window, path: Path | None = None, show: bool = True
               ) -> MergeSummaryDialog | None:
    """Ask for the other copy (unless given), merge it, show the summary dialog."""
    session = window.session
    if session is None:
        return None
    if session.read_only:
        show_error(window, "Cannot merge", "The review is open read-only; save a copy "
                   "(File \u203a Save a copy\u2026) and merge into that.")
        return None
    window.item_panel.rationale.flush()
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, "Merge a copy of this review",
                                              window.settings.last_dir("review"),
                                              REVIEW_FILTER)
        if not name:
            return None
        path = Path(name)
    try:
        check_mine(session.store)
        theirs = read_theirs(path, session.store)
        plan = preview(session.store, theirs)
    except ReviewError as exc:
        show_error(window, f"Cannot merge {path.name}", str(exc))
        return None
    if plan.empty:
        window.show_message(f"{session.path.name} already holds everything in {path.name}; "
                            "nothing changed.", 8000)
        return None
    cmd = MergeCopy(theirs, reanchor=reanchor_onto)
    if not session.execute(cmd):
        return None
    assert cmd.plan is not None
    n = len(cmd.plan.conflicts)
    window.show_message(f"Merged {path.name}: {len(cmd.plan.new_actions)} actions came in"
                        + (f", {n} conflict{'s' if n != 1 else ''} to settle" if n else "")
                        + " (Ctrl+Z takes the merge back).", 10000)
    heading = (f"{path.name} merged into {session.path.name}: "
               f"{len(cmd.plan.new_actions)} actions came in; the copies share their first "
               f"{cmd.plan.split_point()} log entries.")
    return show_summary(window, heading, came_in_lines(cmd.plan), show)


def open_conflicts(window, show: bool = True) -> MergeSummaryDialog | None:
    """The conflicts earlier merges left open, to settle now (File > Settle merge
    conflicts…)."""
    session = window.session
    if session is None:
        return None
    found = conflicts(session.store)
    if not found:
        window.show_message("No merge conflicts are open in this review.", 6000)
        return None
    return show_summary(window, f"{len(found)} conflict{'s' if len(found) != 1 else ''} "
                        "left by merging copies of this review.", [], show)


def show_summary(window, heading: str, came_in: list[str], show: bool = True
                 ) -> MergeSummaryDialog:
    dlg = MergeSummaryDialog(window, heading, came_in, conflicts(window.session.store))
    dlg.accepted.connect(lambda: settle(window, dlg.choices()))
    if show:
        dlg.show()
    return dlg


def settle(window, choices: dict[str, int]) -> int:
    """Settle each chosen conflict (one undo step each); how many were settled."""
    session = window.session
    done = sum(bool(session.execute(SettleConflict(uid, choice)))
               for uid, choice in choices.items())
    if done:
        left = len(conflicts(session.store))
        window.show_message(f"Settled {done} conflict{'s' if done != 1 else ''}; "
                            f"{left} left.", 8000)
    return done
