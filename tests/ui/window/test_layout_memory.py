"""The window remembers its layout (pane sizes, outline shown) and the recent files."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_layout_and_recent_files_are_remembered(qtbot, make_window, sample_review):
    win = make_window(size=(1700, 900))  # wide: the outline sits beside the checklist
    win.open_review(sample_review)
    win.actions.show_outline.setChecked(True)
    win.splitter.setSizes([260, 500, 400])
    sizes = win.splitter.sizes()
    win.close()
    again = make_window(size=(1700, 900))
    assert again.settings.recent_files()[0] == sample_review.resolve()
    assert again.welcome.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(
        sample_review.resolve())
    again.open_review(sample_review)
    assert again.splitter.sizes() == sizes
    assert again.actions.show_outline.isChecked()
    again.close_review()
    assert again.welcome.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(
        sample_review.resolve())
