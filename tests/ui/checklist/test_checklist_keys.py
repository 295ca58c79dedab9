"""The checklist from the keyboard: moving between items, result keys, the next open item,
the outcome card, and F6 between the window's three panes."""

from __future__ import annotations

from tests.ui.helpers import activate, press


def test_keyboard_navigation_and_outcome(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("legal_compliance")
    press(win.checklist.tree, "Alt+Down")
    assert win.checklist.current_item_id() == "chokehold"
    press(win.checklist.tree, "1")
    press(win.checklist.tree, "Alt+Up")
    assert win.checklist.current_item_id() == "legal_compliance"
    press(win.checklist.tree, "1")
    # both mandatory items met, but 2 of 14 assessed and no evidence: never "Certified"
    assert win.checklist.card.badge.status == "In process"
    assert win.checklist.card.badge.text == "In process (mandatory conditions met)"
    press(win.checklist.tree, "F8")  # next item without a result
    assert win.checklist.current_item_id() == "termination_of_force"
    win.checklist.select_item("chokehold")
    press(win.checklist.tree, "3")
    assert win.checklist.card.badge.status == "Not certified"
    assert "2 of 14 assessed" in win.checklist.card.progress_text.text()

    # F6 cycles checklist -> document -> item panel
    win.checklist.tree.setFocus()
    press(win.checklist.tree, "F6")
    assert win.focusWidget() is win.view
    press(win.view, "F6")
    assert win.item_panel.isAncestorOf(win.focusWidget())
    press(win.focusWidget(), "F6")
    assert win.focusWidget() is win.checklist.tree
