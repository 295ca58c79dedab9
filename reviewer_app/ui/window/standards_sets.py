"""The window's side of several standards sets in one review (issue 17): Review > Add a
standards set…, and following the checklist's set switcher (the item panel, highlights and
actions then show the chosen set). One object attached to the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reviewer_app.core.checklist.crosswalk import load_crosswalk
from reviewer_app.core.checklist.standards import STANDARDS_DIR, load_standards_file
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.sets import AddSets, check_new_sets
from reviewer_app.core.review.extra_sets import crosswalks
from reviewer_app.ui.dialogs.common import show_error


class StandardsSets(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._followed = None
        window.actions.add_set.triggered.connect(self.add_set_interactive)
        window.checklist.setSwitched.connect(self._switched)

    def follow(self, session) -> None:
        """Called when a review opens: keep the switcher in step with undo of a set."""
        self.window.actions.add_set.setEnabled(session is not None and not session.read_only)
        if session is not None and session is not self._followed:
            session.changed.connect(self._changed)
        self._followed = session

    def _changed(self, changes: Changes) -> None:
        session = self.window.session
        if session is None or not (changes.review or changes.evidence):
            return
        ids = [s.id for s in session.review_sets()]
        if session.set_id not in ids:  # the shown set was undone: back to the first set
            session.switch_set(ids[0])
            self.window.checklist.set_session(session)
            self._switched(ids[0])
        else:
            self.window.checklist.fill_sets()

    def _switched(self, set_id: str) -> None:
        w = self.window
        if w.session is None:
            return
        w.session.changed.emit(Changes.everything())
        ids = w.checklist.visible_item_ids()
        if ids:
            w.checklist.select_item(ids[0])
        w.show_message(f"Checklist: {w.session.standards.title} ({set_id})", 4000)

    def add_set_interactive(self) -> None:
        w = self.window
        if w.session is None:
            return
        path, _ = QFileDialog.getOpenFileName(w, "Add a standards set to this review",
                                              str(STANDARDS_DIR), "Standards set (*.toml)")
        if path:
            self.add_set(Path(path))

    def add_set(self, path: Path, crosswalk: Path | None = None, ask: bool = True) -> bool:
        """Add the set at ``path`` (with ``crosswalk``, else the bundled crosswalks that
        join it to the review's sets); a clear message and nothing added on a problem."""
        w = self.window
        session = w.session
        try:
            new = load_standards_file(path)
            walks = [load_crosswalk(crosswalk)] if crosswalk else []
            current = [s.standards for s in session.review_sets()]
            notes: list[str] = []
            checked = check_new_sets(current, [new], walks, crosswalks(session.whole.conn),
                                     notes=notes)
            if not checked and ask and crosswalk is None:
                reply = QMessageBox.question(
                    w, "Add a standards set",
                    f"No crosswalk joins {new.id} to this review's sets, so no evidence will "
                    f"be proposed between them.\n\nChoose a crosswalk file for {new.id}?")
                if reply == QMessageBox.StandardButton.Yes:
                    cw, _ = QFileDialog.getOpenFileName(w, "Crosswalk", str(path.parent),
                                                        "Crosswalk (*.toml)")
                    if cw:
                        checked = check_new_sets(current, [new], [load_crosswalk(cw)],
                                                 crosswalks(session.whole.conn))
        except ReviewError as exc:
            show_error(w, "Add a standards set", str(exc))
            return False
        if not session.execute(AddSets([new], checked)):
            return False
        w.checklist.fill_sets()
        extra = f"; crosswalk {', '.join(c.id for c in checked)}" if checked else ""
        w.show_message(f"Also assessing {new.title} ({new.id}){extra}. Switch sets in the "
                       "checklist." + (f" {notes[0]}" if notes else ""), 8000)
        return True
