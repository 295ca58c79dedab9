"""A review open read-only: say so above the document, offer no edit that would fail, and
offer a copy to work on.

The store opens read-only by itself on write-protected media, or when the user chose to
look at a review someone else has open; every write would be refused there, so the
window disables the editing actions and widgets rather than letting them fail.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QPushButton

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.copying import save_copy
from reviewer_app.ui.common.workers import run_with_progress
from reviewer_app.ui.dialogs.common import REVIEW_FILTER, show_error
from reviewer_app.ui.session.session import ReviewSession

# window actions that change the review (the window's own and those of revisions)
EDIT_ACTIONS = ("add_document", "review_details", "link", "area_mode", "edit_rationale",
                "remove_evidence", "replace_document", "rename_document", "ocr_document",
                "undo", "redo")


def banner_html(session: ReviewSession) -> str:
    return (f"<b>Opened read-only:</b> {escape(session.read_only_reason)}. Changes cannot "
            "be saved; use <b>File \u203a Save a copy\u2026</b> to work on a copy.")


def apply_read_only(window, read_only: bool, why: str = "") -> None:
    """Disable (or give back) what edits the review, beyond the window's own rules; ``why``
    replaces the rationale's read-only placeholder (a signed-off review)."""
    a = window.actions
    if read_only:
        for name in EDIT_ACTIONS:
            getattr(a, name).setEnabled(False)
        for act in a.result.values():
            act.setEnabled(False)
        if a.area_mode.isChecked():
            a.area_mode.setChecked(False)
    panel = window.item_panel
    panel.results.setEnabled(not read_only)
    editor = panel.rationale
    if editor.property("writable_placeholder") is None:
        editor.setProperty("writable_placeholder", editor.placeholderText())
    editor.setReadOnly(read_only)
    editor.setPlaceholderText((why or "The review is open read-only.") if read_only
                              else editor.property("writable_placeholder"))
    editor.style().unpolish(editor)  # the style sheet greys a read-only editor
    editor.style().polish(editor)
    panel.evidence.remove_action.setEnabled(not read_only)
    disable_suggestion_links(panel, read_only)
    window.area.add_button.setEnabled(not read_only)
    for b in window.area.empty.findChildren(QPushButton):
        b.setEnabled(not read_only)


def disable_suggestion_links(panel, read_only: bool) -> None:
    for row in panel.suggestions.rows:
        row.accept_button.setEnabled(not read_only)


def default_copy_path(path: Path) -> Path:
    """Beside the review when its folder can be written, else in the home folder."""
    folder = path.parent if os.access(path.parent, os.W_OK) else Path.home()
    candidate = folder / f"{path.stem} (copy){path.suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{path.stem} (copy {n}){path.suffix}"
        n += 1
    return candidate


def save_copy_interactive(window) -> Path | None:
    """Ask where, write the copy in a worker, and (for a read-only review) switch to it."""
    session = window.session
    if session is None:
        return None
    window.item_panel.rationale.flush()
    name, _ = QFileDialog.getSaveFileName(window, "Save a copy of the review",
                                          str(default_copy_path(session.path)), REVIEW_FILTER)
    if not name:
        return None
    dest = Path(name)
    if dest.suffix != ".review":
        dest = dest.with_name(dest.name + ".review")
    try:
        run_with_progress(window, "Save a copy", f"Saving a copy as {dest.name}\u2026",
                          save_copy, session.store, dest)
    except ReviewError as exc:
        show_error(window, "Cannot save the copy", str(exc))
        return None
    original = session.path.name
    if session.read_only and window.open_review(dest):
        window.show_message(f"Now working on the copy {dest.name}; {original} was not "
                            "changed.", 10000)
    else:
        window.show_message(f"Saved a copy of the review as {dest}.", 8000)
    return dest
