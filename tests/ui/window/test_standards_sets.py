"""Several standards sets in the window: Review > Add a standards set, the checklist's set
switcher, "Also counts for" with the proposed clause and its Accept button (undoable)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from reviewer_app.ui.checklist.model import ROLE_PROPOSED
from tests.factories.pdfs import CHOKE
from tests.factories.sets import write_calea
from tests.ui.helpers import activate

SHOTS = os.environ.get("SETS_SHOTS", "")


def _shot(qtbot, widget, tmp_path: Path, name: str) -> None:
    qtbot.wait(400)  # layout and page tiles settle, as a user would see them
    widget.grab().save(str(tmp_path / name))
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def test_add_a_set_switch_to_it_and_accept_a_proposed_clause(qtbot, make_window,
                                                              linked_review, tmp_path):
    win = make_window()
    win.open_review(linked_review)
    activate(qtbot, win)
    combo = win.checklist.set_combo
    assert combo.count() == 1 and combo.isHidden()  # one set: nothing to switch
    assert win.actions.add_set.isEnabled()
    assert win.sets.add_set(write_calea(tmp_path / "calea.toml"), ask=False)
    assert combo.count() == 2 and combo.isEnabled() and not combo.isHidden()
    assert "doj-2020" in combo.currentText()
    assert combo.itemText(1) == "calea (5 proposed): CALEA Standards (test stand-in)"

    win.checklist.select_item("chokehold")
    also = win.item_panel.also
    assert also.isVisible()
    assert also.mapped.text() == "Also counts for: calea 4.1.6 (partial), calea 4.1.7 (partial)"
    _shot(qtbot, win, tmp_path, "sets-doj-item-also-counts.png")

    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert win.session.set_id == "calea"
    assert win.checklist.visible_item_ids()[:2] == ["1.2.10", "4.1.1"]
    win.checklist.select_item("4.1.6")
    assert also.mapped.text() == "Also counts for: doj-2020 B (partial)"
    buttons = [b for b in also.findChildren(QPushButton) if b.objectName() == "AcceptProposal"]
    assert len(buttons) == 1 and buttons[0].isVisible()
    assert not win.session.evidence_for_item("4.1.6")  # proposed, not linked
    model = win.checklist.model
    assert model.data(model.index_of("4.1.6"), ROLE_PROPOSED) == 1  # the row says so
    assert sum(model.data(model.index_of(i), ROLE_PROPOSED)
               for i in model.item_ids()) == 5  # as the switcher counts
    _shot(qtbot, win, tmp_path, "sets-calea-proposal.png")
    _shot(qtbot, win.item_panel, tmp_path, "sets-calea-proposal-panel.png")
    buttons[0].click()
    (ev,) = win.session.evidence_for_item("4.1.6")
    assert ev.exact == CHOKE and "Accepted from doj-2020 B (partial" in ev.note
    assert win.item_panel.evidence_title.text() == "EVIDENCE (1)"
    assert combo.itemText(1).startswith("calea (4 proposed): ")
    assert model.data(model.index_of("4.1.6"), ROLE_PROPOSED) == 0  # accepted: mark gone
    _shot(qtbot, win, tmp_path, "sets-calea-accepted.png")
    # the DOJ item keeps its own evidence; the calea outcome card counts calea's items
    assert "calea" in win.checklist.card.standards.text()
    win.actions.undo.trigger()
    assert not win.session.evidence_for_item("4.1.6")
    win.actions.redo.trigger()
    assert win.session.evidence_for_item("4.1.6")[0].id == ev.id

    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert win.session.set_id == "doj-2020"
    win.checklist.select_item("chokehold")
    assert [e.exact for e in win.session.evidence_for_item("chokehold")] == [CHOKE]


def test_adding_a_set_the_review_has_is_refused_with_a_message(make_window, linked_review,
                                                               tmp_path, answers):
    win = make_window()
    win.open_review(linked_review)
    calea = write_calea(tmp_path / "calea.toml")
    assert win.sets.add_set(calea, ask=False)
    shown = []
    import reviewer_app.ui.window.standards_sets as module

    original = module.show_error
    module.show_error = lambda _w, _t, text: shown.append(text)
    try:
        assert not win.sets.add_set(calea, ask=False)
    finally:
        module.show_error = original
    assert "already assesses the set 'calea'" in shown[0]
    assert win.checklist.set_combo.count() == 2


def test_the_window_exports_one_packet_per_set(make_window, linked_review, tmp_path):
    from reviewer_app.core.packet import verify_packet
    from reviewer_app.ui.session.packet_export import _export, export_packet_to, export_summary

    win = make_window()
    win.open_review(linked_review)
    assert win.sets.add_set(write_calea(tmp_path / "calea.toml"), ask=False)
    out = export_packet_to(win, win.session.path, tmp_path / "p", confirm=False)
    assert out == tmp_path / "p"
    for set_id in ("doj-2020", "calea"):
        assert verify_packet(out / set_id).ok
    summary = export_summary(_export(win.session.path, tmp_path / "p", True, None))
    assert "One packet per standards set" in summary
    assert "doj-2020/ \u2014" in summary and "calea/ \u2014" in summary
    assert "0 of 6 items assessed" in summary and "4 of 14 items assessed" in summary


def test_a_change_made_in_one_set_undoes_in_it_whichever_set_is_shown(make_window,
                                                                       linked_review,
                                                                       tmp_path):
    from reviewer_app.core.review.commands import SetFinding

    win = make_window()
    win.open_review(linked_review)
    assert win.sets.add_set(write_calea(tmp_path / "calea.toml"), ask=False)
    s = win.session
    s.switch_set("calea")
    assert s.execute(SetFinding("4.1.6", "met", "neck restraints banned"))
    assert s.whole.findings()["calea/4.1.6"].result == "met"
    assert s.result("4.1.6") == "met" and "chokehold" not in s.findings()
    s.switch_set("doj-2020")
    assert s.result("chokehold") == "met"  # the DOJ finding of linked_review, untouched
    assert s.undo()
    assert "calea/4.1.6" not in s.whole.findings() and s.result("chokehold") == "met"
    assert s.redo()
    assert s.whole.findings()["calea/4.1.6"].rationale == "neck restraints banned"
