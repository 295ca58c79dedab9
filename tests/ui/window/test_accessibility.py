"""Every control has an accessible name, states are not told by colour alone, text follows
the system font size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from reviewer_app.ui.checklist.model import ROLE_ITEM_ID

CONTROLS = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QTabBar,
            QAbstractScrollArea)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisibleTo(root):
            continue
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(w, QAbstractButton):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox):
            continue  # the combo box carries the name
        name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        if not name.strip():
            missing.append(f"{type(w).__name__} {w.objectName()!r} in "
                           f"{type(w.parent()).__name__}")
    return missing


def test_every_visible_control_has_a_name(qtbot, make_window, sample_review):
    win = make_window()
    assert _unnamed(win) == []  # the start page
    win.open_review(sample_review)
    win.checklist.select_item("chokehold")
    win.area.open_find()
    assert _unnamed(win) == []


def test_checklist_rows_describe_result_and_evidence_in_words(qtbot, make_window,
                                                              sample_review):
    win = make_window()
    win.open_review(sample_review)
    win.checklist.select_item("chokehold")
    win.controller.set_result("partial")
    idx = win.checklist.tree.currentIndex()
    assert idx.data(ROLE_ITEM_ID) == "chokehold"
    text = idx.data(Qt.ItemDataRole.AccessibleTextRole)
    assert text == ("B Prohibition of choke holds, mandatory condition, result: Partially met, "
                    "0 evidence links")
    assert win.item_panel.results.buttons["partial"].accessibleName().startswith(
        "Partially met")


def test_text_follows_the_application_font(qtbot, make_window, sample_review):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    original = QFont(app.font())
    win = make_window()
    win.open_review(sample_review)
    tree = win.checklist.tree
    idx = win.checklist.proxy.mapFromSource(win.checklist.model.index_of("legal_compliance"))
    small = tree.sizeHintForIndex(idx).height()
    try:
        bigger = QFont(original)
        bigger.setPointSizeF(original.pointSizeF() * 1.6)
        app.setFont(bigger)
        win2 = make_window()
        win2.open_review(sample_review)
        tree2 = win2.checklist.tree
        idx2 = win2.checklist.proxy.mapFromSource(
            win2.checklist.model.index_of("legal_compliance"))
        assert tree2.sizeHintForIndex(idx2).height() > small * 1.3
    finally:
        app.setFont(original)
