"""File > Clause library database…: the window's suggestions consult the database chosen
there, the choice is remembered, and a file that is not a library is refused in place."""

from __future__ import annotations

import os

from reviewer_app.core.library.harvest import harvest
from reviewer_app.core.library.store import ClauseLibrary
from reviewer_app.ui.dialogs.library_database import LibraryDatabaseDialog
from reviewer_app.ui.window import library_setting
from tests.factories.library import AID, make_review, manual
from tests.factories.reviews import review_file
from tests.ui.helpers import activate


def _library(tmp_path):
    office = tmp_path / "office"
    office.mkdir()
    make_review(office / "lisle.review", "Lisle", "720 ILCS 5/7-5.5")
    db = tmp_path / "state-library.sqlite"
    with ClauseLibrary.open(db) as library:
        harvest(library, [office])
    return db


def _library_rows(panel):
    return [r for r in panel.suggestions.rows if r.suggestion.marks == ("library",)]


def test_the_chosen_database_feeds_the_item_panel_and_is_remembered(
        qtbot, make_window, tmp_path, monkeypatch):
    db = _library(tmp_path)
    path = review_file(tmp_path / "new.review",
                       [("urbana.pdf", manual("Urbana", "720 ILCS 5/7-5.5", AID))],
                       agency_name="Urbana Police Department")
    win = make_window()
    win.open_review(path)
    activate(qtbot, win)
    panel = win.item_panel
    win.checklist.select_item("medical_aid")
    qtbot.waitUntil(lambda: not panel.suggestions.busy(), timeout=20000)
    assert not _library_rows(panel)  # the default database holds no library yet

    def pick(dialog):
        dialog.path.setText(str(db))
        assert dialog.ok.isEnabled() and "1 review(s)" in dialog.status.text()
        return True

    monkeypatch.setattr(LibraryDatabaseDialog, "exec", pick)
    win.actions.library_database.trigger()
    assert win.settings.library_database() == db
    qtbot.waitUntil(lambda: not panel.suggestions.busy() and bool(_library_rows(panel)),
                    timeout=20000)
    assert "same clause as in 1 earlier review" in _library_rows(panel)[0].suggestion.heading
    again = make_window()  # a new window (a new run) applies the remembered choice
    assert again.settings.library_database() == db
    library_setting.apply(again, None)  # back to the default
    assert again.settings.library_database() == db  # applying is not choosing


def test_dialog_describes_the_file_and_refuses_one_that_is_not_a_library(qtbot, tmp_path):
    db = _library(tmp_path)
    default = tmp_path / "caseload.sqlite"
    dialog = LibraryDatabaseDialog(db, default)
    qtbot.addWidget(dialog)
    assert dialog.ok.isEnabled() and "clause(s) from 1 review(s)" in dialog.status.text()
    assert dialog.chosen() == db
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(680, dialog.heightForWidth(680) if dialog.hasHeightForWidth()
                  else dialog.sizeHint().height() + 30)
    qtbot.wait(100)
    if os.environ.get("LIBRARY_SETTING_SCREENSHOT"):
        dialog.grab().save(os.environ["LIBRARY_SETTING_SCREENSHOT"])
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    dialog.path.setText(str(notes))
    assert not dialog.ok.isEnabled() and "not a caseload database" in dialog.status.text()
    dialog.path.setText(str(tmp_path))
    assert not dialog.ok.isEnabled() and "Give a file" in dialog.status.text()
    dialog.path.setText(str(tmp_path / "new.sqlite"))
    assert dialog.ok.isEnabled() and "No library there yet" in dialog.status.text()
    assert not (tmp_path / "new.sqlite").exists()  # describing a path creates nothing
    dialog.path.setText(str(default))
    assert dialog.chosen() is None  # the default is stored as "default", not as a path
