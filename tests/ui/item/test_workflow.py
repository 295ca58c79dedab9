"""The item panel's loop, driven with real mouse and key events: select a clause, link it,
set the result, write the rationale, undo/redo, suggestions, close and reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer_app.ui.item.evidence_list import ROLE_QUOTE
from tests.factories.pdfs import CHOKE
from tests.ui.helpers import activate, press, select_quote

INTERVENE = "shall intervene to prevent the use of unreasonable force"


def test_link_result_rationale_undo_redo_and_reopen(qtbot, make_window, sample_review):
    win = make_window()
    assert win.open_review(sample_review)
    activate(qtbot, win)
    assert win.checklist.select_item("chokehold")
    assert win.actions.link.text() == "&Link to B"

    select_quote(qtbot, win, CHOKE)
    assert win.view.selected_text() == CHOKE
    win.view.setFocus()
    press(win.view, "Ctrl+L")

    evidence = win.session.evidence_for_item("chokehold")
    assert [e.exact for e in evidence] == [CHOKE]
    ev_id = evidence[0].id
    rows = win.item_panel.evidence
    assert rows.count() == 1 and CHOKE in rows.item(0).data(ROLE_QUOTE)
    assert [(h.evidence_id, h.label) for h in win.view.highlights()] == [(ev_id, "B")]
    assert win.view.selection() is None  # linked selections are cleared

    assert win.actions.undo.text() == "&Undo Link evidence to B"
    win.actions.undo.trigger()
    assert win.session.evidence_for_item("chokehold") == []
    assert win.view.highlights() == [] and rows.count() == 0
    assert win.actions.redo.text() == "&Redo Link evidence to B"
    win.actions.redo.trigger()
    assert [e.id for e in win.session.evidence_for_item("chokehold")] == [ev_id]
    assert [h.evidence_id for h in win.view.highlights()] == [ev_id]

    # the result by its shortcut key, from the document view
    win.view.setFocus()
    press(win.view, "1")
    assert win.session.result("chokehold") == "met"
    assert win.item_panel.results.buttons["met"].isChecked()
    assert win.checklist.card.badge.status == "In process"  # A is still open
    assert win.view.highlights()[0].color.name() == "#2e7d32"  # the result's colour

    # the rationale saves as typed; two pauses fold into one undo step
    editor = win.item_panel.rationale
    editor.setFocus()
    QTest.keyClicks(editor, "Section 300.2 bans chokeholds")
    editor.flush()  # what the 600 ms pause does
    QTest.keyClicks(editor, " except where deadly force is authorized.")
    editor.flush()
    text = "Section 300.2 bans chokeholds except where deadly force is authorized."
    assert win.session.store.findings()["chokehold"].rationale == text
    stack = win.session.undo_stack
    assert stack.undoText() == "Edit rationale of B"
    assert [stack.text(i) for i in range(stack.count())].count("Edit rationale of B") == 1
    # typing the digit keys into the editor types them, it does not change the result
    QTest.keyClicks(editor, " 3")
    editor.flush()
    assert win.session.result("chokehold") == "met"

    path = win.session.path
    win.close_review()
    assert win.session is None

    again = make_window()
    assert again.open_review(path)
    s = again.session
    assert s.result("chokehold") == "met"
    assert s.rationale("chokehold") == text + " 3"
    assert [e.exact for e in s.evidence_for_item("chokehold")] == [CHOKE]
    assert again.checklist.current_item_id() == "chokehold"  # remembered
    assert [h.label for h in again.view.highlights()] == ["B"]
    assert again.item_panel.rationale.toPlainText() == text + " 3"


def test_result_keys_clear_and_undo_names(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("duty_to_intervene")
    win.checklist.tree.setFocus()
    for key, result in (("2", "partial"), ("3", "not_met"), ("4", "not_applicable"),
                        ("0", "not_assessed")):
        press(win.checklist.tree, key)
        assert win.session.result("duty_to_intervene") == result
    assert win.actions.undo.text() == "&Undo Set 2 to Not assessed"
    win.actions.undo.trigger()
    assert win.session.result("duty_to_intervene") == "not_applicable"
    assert win.item_panel.results.buttons["not_applicable"].isChecked()


def test_evidence_click_reveals_and_delete_removes(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("duty_to_intervene")
    select_quote(qtbot, win, INTERVENE)
    win.view.setFocus()
    press(win.view, "Return")  # Enter in the view links too
    (ev,) = win.session.evidence_for_item("duty_to_intervene")
    assert ev.page == 1
    win.view.go_to_page(0)
    rows = win.item_panel.evidence
    rect = rows.visualItemRect(rows.item(0))
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.view.current_page() == 1
    assert win.view.active_highlight() == ev.id
    rows.setFocus()
    press(rows, "Delete")
    assert win.session.evidence_for_item("duty_to_intervene") == []
    assert win.actions.undo.text() == "&Undo Remove evidence from 2"


def test_suggestions_show_and_link(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("duty_to_intervene")
    suggestions = win.item_panel.suggestions
    qtbot.waitUntil(lambda: not suggestions.busy(), timeout=20000)
    panel_rows = [r for r in suggestions.rows if r.isVisibleTo(win.item_panel)]
    assert panel_rows, "expected a suggestion for the duty-to-intervene clause"
    best = panel_rows[0].suggestion
    assert "intervene" in best.text.lower()
    qtbot.mouseClick(panel_rows[0], Qt.MouseButton.LeftButton)
    assert win.view.selection() == (best.start, best.end)
    panel_rows[0].accept_button.click()
    (ev,) = win.session.evidence_for_item("duty_to_intervene")
    assert (ev.start, ev.end) == (best.start, best.end)
    # the linked passage is no longer offered
    assert all((r.suggestion.start, r.suggestion.end) != (best.start, best.end)
               for r in suggestions.rows)


def test_rationale_saves_after_a_pause_and_undo_restores_it(qtbot, make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("medical_aid")
    press(win.checklist.tree, "F2")
    editor = win.item_panel.rationale
    assert win.focusWidget() is editor
    QTest.keyClicks(editor, "First aid and EMS required.")
    assert editor.is_pending() and "Editing" in win.save_label.text()
    qtbot.waitUntil(lambda: win.session.rationale("medical_aid") == "First aid and EMS "
                    "required.", timeout=5000)  # the debounce timer saved it, no flush
    assert win.save_label.text().endswith("All changes saved")
    win.checklist.tree.setFocus()
    win.actions.undo.trigger()
    assert win.session.rationale("medical_aid") == ""
    assert editor.toPlainText() == ""
    win.actions.redo.trigger()
    assert editor.toPlainText() == "First aid and EMS required."


def test_choosing_an_item_shows_its_evidence_unless_a_selection_waits(qtbot, make_window,
                                                                      sample_review):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    win.checklist.select_item("duty_to_intervene")
    select_quote(qtbot, win, INTERVENE)
    press(win.view, "Ctrl+L")
    win.view.go_to_page(0)
    win.checklist.select_item("legal_compliance")
    win.checklist.select_item("duty_to_intervene")
    assert win.view.current_page() == 1  # jumped to the evidence on page 2
    win.view.go_to_page(0)
    select_quote(qtbot, win, CHOKE)  # a selection waiting to be linked
    win.checklist.select_item("legal_compliance")
    win.checklist.select_item("chokehold")
    assert win.view.current_page() == 0 and win.view.selected_text() == CHOKE
