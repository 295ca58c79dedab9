"""Replacing a policy with its revision from the window: statuses in the results dialog,
the item panel and the checklist; accepting new wording; undo."""

from __future__ import annotations

from reviewer_app.ui.checklist.model import ROLE_REREVIEW
from reviewer_app.ui.item.evidence_list import ROLE_META, ROLE_STATUS, ROLE_WARNING
from tests.factories.pdfs import AID, INTERVENE, PASSWORD, encrypted, revised_pdf


def replace_with(win, answers, tmp_path, data: bytes, name: str = "policy-v2.pdf"):
    pdf = tmp_path / name
    pdf.write_bytes(data)
    answers.files.append(str(pdf))
    win.actions.replace_document.trigger()
    return win.robust.report_dialog


def evidence_id(win, item_id: str) -> int:
    (ev,) = win.session.evidence_for_item(item_id)
    return ev.id


def flagged(win, item_id: str) -> bool:
    model = win.checklist.model
    return bool(model.data(model.index_of(item_id), ROLE_REREVIEW))


def row_height(win, item_id: str) -> int:
    panel = win.checklist
    panel.tree.doItemsLayout()
    return panel.tree.visualRect(panel.proxy.mapFromSource(panel.model.index_of(item_id))
                                 ).height()


def test_replacement_statuses_accepting_wording_and_undo(make_window, linked_review,
                                                         answers, tmp_path):
    win = make_window()
    win.open_review(linked_review)
    old_id = win.area.doc_id
    old_title = win.session.document(old_id).title
    ids = {item: evidence_id(win, item) for item in
           ("chokehold", "duty_to_intervene", "medical_aid", "legal_compliance")}

    height = row_height(win, "duty_to_intervene")
    dlg = replace_with(win, answers, tmp_path, revised_pdf())
    assert dlg is not None and dlg.isVisible()
    assert row_height(win, "duty_to_intervene") > height  # room for the RE-REVIEW badge
    new_id = win.area.doc_id
    assert new_id != old_id and win.area.document_ids() == [new_id]
    assert win.area.tabs.tabText(0) == old_title  # the revision keeps the policy's title
    assert dlg.report.counts == {"intact": 0, "moved": 2, "changed": 1, "orphaned": 1}
    assert set(dlg.cards) == set(ids.values())
    # changed wording side by side, the differing words marked (struck out / underlined)
    changed = dlg.cards[ids["duty_to_intervene"]]
    texts = [w.text() for w in changed.findChildren(type(changed.head.itemAt(1).widget()))]
    before = next(t for t in texts if "intervene to prevent" in t and "line-through" in t)
    after = next(t for t in texts if "intervene to prevent" in t and "underline" in t)
    assert ">shall</span>" in before and ">must</span>" in after
    assert list(dlg.accept_buttons) == [ids["duty_to_intervene"]]
    assert dlg.pending() == [ids["duty_to_intervene"]]
    orphan = dlg.cards[ids["medical_aid"]]
    assert "replaced revision" in orphan._pages() and orphan.row.old_exact == AID

    # item panel: status with glyph and words; the finding's re-review note
    win.checklist.select_item("duty_to_intervene")
    row = win.item_panel.evidence.item(0)
    assert row.data(ROLE_STATUS) == "changed" and "Wording changed" in row.data(ROLE_WARNING)
    assert INTERVENE in row.toolTip() and "must intervene" in row.toolTip()
    assert win.item_panel.rereview.isVisible()
    assert "1 wording changed" in win.item_panel.rereview.text.text()
    assert flagged(win, "duty_to_intervene") and flagged(win, "medical_aid")
    assert not flagged(win, "chokehold")
    win.checklist.select_item("chokehold")
    row = win.item_panel.evidence.item(0)
    assert row.data(ROLE_STATUS) == "moved" and "Moved" in row.data(ROLE_WARNING)
    assert not win.item_panel.rereview.isVisible()

    # accept the new wording: one undoable step; the dialog follows
    dlg.accept_buttons[ids["duty_to_intervene"]].click()
    ev = win.session.evidence_by_id(ids["duty_to_intervene"])
    assert ev.status == "intact" and ev.previous_exact == "" and "must intervene" in ev.exact
    assert dlg.pending() == [] and dlg.accepted_labels[ev.id].isVisibleTo(dlg)
    assert not dlg.accept_all.isEnabled()
    code = win.session.item("duty_to_intervene").code
    assert win.actions.undo.text() == f"&Undo Confirm revised evidence for {code}"
    win.actions.undo.trigger()
    assert win.session.evidence_by_id(ev.id).status == "changed"
    assert dlg.pending() == [ev.id] and dlg.accept_buttons[ev.id].isVisibleTo(dlg)

    # undo the replacement itself: the old revision is back with every evidence as it was
    assert win.actions.undo.text().startswith("&Undo Replace ")
    win.actions.undo.trigger()
    assert win.robust.report_dialog is None or not dlg.isVisible()
    assert win.area.document_ids() == [old_id] and win.area.doc_id == old_id
    for item, ev_id in ids.items():
        ev = win.session.evidence_by_id(ev_id)
        assert ev.doc_id == old_id and ev.status == "intact", item
        assert not flagged(win, item)
    assert len(win.view.highlights()) == 4


def test_orphaned_evidence_is_listed_kept_and_the_finding_can_be_kept(
        make_window, linked_review, answers, tmp_path):
    win = make_window()
    win.open_review(linked_review)
    old_id = win.area.doc_id
    replace_with(win, answers, tmp_path, revised_pdf())
    new_id = win.area.doc_id
    win.checklist.select_item("medical_aid")
    row = win.item_panel.evidence.item(0)
    assert row.data(ROLE_STATUS) == "orphaned"
    assert "replaced revision use-of-force.pdf" in row.data(ROLE_META)
    ev_id = evidence_id(win, "medical_aid")
    win.controller.reveal_evidence(ev_id)  # it has no place in the current revision
    assert win.area.doc_id == new_id
    assert "not found in the current revision" in win.statusBar().currentMessage()
    assert win.session.evidence_by_id(ev_id).doc_id == old_id  # kept, never dropped

    note = win.item_panel.rereview
    assert note.isVisible() and "1 clause not found" in note.text.text()
    note.button.click()  # keep "Met": the flag goes, the result stays
    assert not flagged(win, "medical_aid") and win.session.result("medical_aid") == "met"
    assert not note.isVisible()
    win.actions.undo.trigger()
    assert flagged(win, "medical_aid") and note.isVisible()
    # setting the result it already has also counts as re-reviewed
    win.controller.set_result("met")
    assert not flagged(win, "medical_aid")


def test_accept_all_is_one_step_and_the_report_can_be_reopened(make_window, linked_review,
                                                               answers, tmp_path):
    win = make_window()
    win.open_review(linked_review)
    dlg = replace_with(win, answers, tmp_path, revised_pdf())
    dlg.close()
    report = win.robust.show_revision_report()
    assert [c.row.status for c in report.cards.values()] == ["changed", "orphaned"]
    assert report.report.flagged == ["duty_to_intervene", "medical_aid"]
    report.accept_all.click()
    assert report.pending() == []
    win.actions.undo.trigger()
    assert len(report.pending()) == 1


def test_a_revision_with_a_password(make_window, linked_review, answers, tmp_path):
    from reviewer_app.core.pdf.documents import inspect_pdf

    win = make_window()
    win.open_review(linked_review)
    answers.texts += [("wrong", True), (PASSWORD, True)]
    dlg = replace_with(win, answers, tmp_path, encrypted(revised_pdf()), "v2-locked.pdf")
    assert len(answers.prompts) == 2 and "was wrong" in answers.prompts[1]
    assert dlg.report.counts["moved"] == 2
    stored = win.session.store.document_data(win.area.doc_id)
    assert inspect_pdf(stored, "stored.pdf").page_count == 2  # opens without a password
    assert PASSWORD.encode() not in linked_review.read_bytes()


def test_cancelling_the_password_changes_nothing(make_window, linked_review, answers,
                                                 tmp_path):
    win = make_window()
    win.open_review(linked_review)
    old_id = win.area.doc_id
    answers.texts.append(("", False))
    replace_with(win, answers, tmp_path, encrypted(revised_pdf()), "v2-locked.pdf")
    assert win.robust.report_dialog is None
    assert win.area.document_ids() == [old_id] and not win.session.undo_stack.canUndo()


def test_a_moved_evidence_can_be_accepted_from_the_item_panel(make_window, linked_review,
                                                              answers, tmp_path):
    win = make_window()
    win.open_review(linked_review)
    replace_with(win, answers, tmp_path, revised_pdf()).close()
    win.checklist.select_item("chokehold")
    ev_id = evidence_id(win, "chokehold")
    win.item_panel.evidence.confirmRequested.emit(ev_id)  # context menu: Accept new place
    assert win.session.evidence_by_id(ev_id).status == "intact"
    assert not win.item_panel.evidence.item(0).data(ROLE_WARNING)  # no status line left
    assert "new place" in win.statusBar().currentMessage()
    win.actions.undo.trigger()
    assert win.item_panel.evidence.item(0).data(ROLE_STATUS) == "moved"
