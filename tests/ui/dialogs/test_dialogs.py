"""New review and review details: the dialogs' checks and the files they produce."""

from __future__ import annotations

from reviewer_app.core.review.store import ReviewStore
from reviewer_app.ui.dialogs.common import NewReviewDialog, ReviewDetailsDialog, ask_page
from reviewer_app.ui.session.file_ops import create_review


def test_new_review_dialog_checks_and_creates(qtbot, tmp_path):
    dlg = NewReviewDialog(None, str(tmp_path), "Tess")
    qtbot.addWidget(dlg)
    dlg._accept()
    assert dlg.spec is None and "agency" in dlg.error.text()
    dlg.agency.setText("Hanover Park Police Department")
    assert dlg.file.text() == str(tmp_path / "Hanover Park Police Department.review")
    dlg.ori.setText("IL0000000")
    dlg.state.setText("il")
    dlg._accept()
    spec = dlg.spec
    assert spec is not None and spec.agency_state == "IL" and spec.assessor == "Tess"
    path = create_review(spec)
    with ReviewStore.open(path, read_only=True) as store:
        info = store.review()
        assert (info.agency_name, info.agency_ori, store.standards().id) == (
            "Hanover Park Police Department", "IL0000000", "doj-2020")
    again = NewReviewDialog(None, str(tmp_path))
    qtbot.addWidget(again)
    again.agency.setText("Hanover Park Police Department")
    again._accept()
    assert again.spec is None and "exists already" in again.error.text()


def test_review_details_become_one_undoable_change(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    dlg = ReviewDetailsDialog(win, win.session.store.review())
    qtbot.addWidget(dlg)
    dlg.edits["agency_name"].setText("Test Police Department")
    dlg.edits["agency_state"].setText("wi")
    assert dlg.changes() == {"agency_name": "Test Police Department", "agency_state": "WI"}
    from reviewer_app.core.review.commands import EditReview

    win.session.execute(EditReview(dlg.changes()))
    assert win.windowTitle().startswith("Test Police Department \u2014 sample.review")
    assert win.checklist.card.agency.text() == "Test Police Department"
    win.actions.undo.trigger()
    assert win.windowTitle().startswith("Test PD \u2014")


def test_go_to_page_accepts_labels_and_numbers(monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    labels = ["i", "ii", "1", "2"]
    for typed, expected in (("ii", 1), ("II", 1), ("2", 3), ("4", 3), ("9", None)):
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, t=typed, **k: (t, True))
        assert ask_page(None, labels, 0) == expected, typed
