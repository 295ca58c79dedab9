"""Linking from the document: a highlight's click selects its item; the context menu
links the selection to the current item."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.factories.pdfs import CHOKE
from tests.ui.helpers import activate, press, quote_points, select_quote


def test_clicking_a_highlight_selects_its_item(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("chokehold")
    a, b, _span = quote_points(win, CHOKE)
    select_quote(qtbot, win, CHOKE)
    press(win.view, "Ctrl+L")
    win.checklist.select_item("medical_aid")
    win.view.clear_selection()
    mid = QPoint((a.x() + b.x()) // 2 if a.y() == b.y() else a.x() + 20, a.y())
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=mid)
    assert win.checklist.current_item_id() == "chokehold"
    (ev,) = win.session.evidence_for_item("chokehold")
    assert win.view.active_highlight() == ev.id


def test_context_menu_links_to_the_current_item(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("medical_aid")
    select_quote(qtbot, win, "render first aid")
    menu = win.view.context_menu()
    link = next(a for a in menu.actions() if a.text().replace("&", "") == "Link to 5")
    link.trigger()
    assert [e.exact for e in win.session.evidence_for_item("medical_aid")] == ["render first aid"]
