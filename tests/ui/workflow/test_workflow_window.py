"""Issue 12 in the window: the second reviewer works blind (the assessor's results and
rationales hidden, the evidence shown, the result keys record the second result), the
agreement screen shows both sides and settles a disagreement, sign-off and the stage."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QDialog

from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.review.workflow import people as ppl
from reviewer_app.core.review.workflow import user
from reviewer_app.core.review.workflow.stage import read_stage
from reviewer_app.ui.workflow.dialogs import ReopenDialog
from reviewer_app.ui.workflow.features import WorkflowFeatures
from tests.factories.reviews import finish_for_sign_off

from ..helpers import activate, press

SHOTS = Path(os.environ.get("WORKFLOW_SHOTS", "")) if os.environ.get("WORKFLOW_SHOTS") \
    else None


def _shot(widget, name: str) -> None:
    if SHOTS is not None:
        from PySide6.QtTest import QTest

        QTest.qWait(150)  # let the layouts settle before the picture
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def _submitted(path: Path) -> None:
    user.set_session_user("Ann Assessor")
    with ReviewStore.open(path) as store:
        cmd.run(store, cmd.SetFinding("chokehold", None, "Prohibited; clause present."))
        cmd.run(store, cmd.SubmitForSecondReview(second_reviewer="Sam Second"))
    user.set_session_user("Sam Second")


def test_second_review_is_blind_and_the_keys_record_the_second_result(
        qtbot, make_window, linked_review):
    _submitted(linked_review)
    win = make_window()
    assert win.open_review(linked_review)
    activate(qtbot, win)
    assert "Second review" in win.workflow.stage_label.text()
    assert "hidden" in win.workflow.notice.message() and "Sam Second" in \
        win.workflow.notice.message()
    assert win.checklist.select_item("chokehold")
    panel = win.item_panel
    assert win.session.result("chokehold") == "not_assessed"  # the assessor's Met hidden
    assert panel.rationale.toPlainText() == ""  # and the rationale
    assert panel.evidence.isVisible()  # the evidence stays visible
    press(win.view, "3")  # Not met, the second reviewer's own result
    qtbot.waitUntil(lambda: win.session.result("chokehold") == "not_met")
    _shot(win, "second-review-blind.png")
    store = win.session.store
    assert ppl.second_results(store.conn)["chokehold"].result == "not_met"
    assert ppl.second_results(store.conn)["chokehold"].person == "Sam Second"
    assert store.findings()["chokehold"].result == "met"  # the assessor's stays as it was
    panel.rationale.setFocus()
    panel.rationale.insertPlainText("Exceptions reach beyond deadly force.")
    panel.rationale.flush()  # typed text is the second reviewer's rationale
    second = ppl.second_results(store.conn)["chokehold"]
    assert (second.result, second.rationale) == ("not_met",
                                                 "Exceptions reach beyond deadly force.")
    assert store.findings()["chokehold"].rationale == "Prohibited; clause present."
    assert win.actions.submit_review.text() == "Submit the second review…"
    assert not win.actions.export_packet.isEnabled()  # a packet would show the first results


def test_agreement_screen_settles_a_disagreement_and_sign_off_closes(
        qtbot, make_window, linked_review, monkeypatch):
    _submitted(linked_review)
    with ReviewStore.open(linked_review) as store:
        for item in ("legal_compliance", "duty_to_intervene", "medical_aid"):
            cmd.run(store, cmd.RecordSecondResult(item, "met", "Agreed."))
        cmd.run(store, cmd.RecordSecondResult("chokehold", "partial",
                                              "Exceptions are too broad."))
    win = make_window()
    assert win.open_review(linked_review)
    monkeypatch.setattr(WorkflowFeatures, "_confirm", lambda self, title, text: True)
    win.actions.submit_review.trigger()
    assert read_stage(win.session.store.conn).stage == "reconciliation"
    assert win.actions.export_packet.isEnabled()  # no longer blind
    dlg = win.workflow.dialog
    assert dlg is not None and dlg.isVisible()
    assert "75.0% agreement" in dlg.summary.text()  # 3 of 4 items agree
    assert dlg.items.count() == 1
    assert dlg.first.rationale.text() == "Prohibited; clause present."
    assert dlg.second.rationale.text() == "Exceptions are too broad."
    assert "Sam Second" in dlg.second.title()
    assert dlg.evidence.count() == 1 and "linked by" in dlg.evidence.item(0).text()
    ev_id = int(dlg.evidence.item(0).data(0x0100))
    dlg.evidence.itemClicked.emit(dlg.evidence.item(0))  # shows it on the page
    assert win.view.active_highlight() == ev_id
    dlg.resize(1000, 620)
    _shot(dlg, "agreement-reconcile.png")
    assert not dlg.settle.isEnabled()  # the note is required
    dlg.final.setCurrentIndex(dlg.final.findData("partial"))
    dlg.note.setPlainText("The exception clause is broader than the standard allows.")
    assert dlg.settle.isEnabled()
    dlg.settle.click()
    assert win.session.store.findings()["chokehold"].result == "partial"
    assert dlg.items.item(0).text().startswith("✓")
    _shot(dlg, "agreement-settled.png")
    dlg.close()

    win.session.execute(cmd.SignOff("Olga Official", "Director"))
    assert read_stage(win.session.store.conn).stage == "reconciliation"  # 10 items open
    finish_for_sign_off(win.session.store)
    win.session.execute(cmd.SignOff("Olga Official", "Director"))
    assert win.workflow.stage_label.text().startswith("Stage: Signed off 20")
    assert "Signed off by Olga Official (Director)" in win.workflow.stage_label.toolTip()
    assert win.actions.reopen.isEnabled() and not win.actions.sign_off.isEnabled()
    assert "closed to edits" in win.workflow.notice.message()
    _shot(win, "signed-off.png")
    assert win.checklist.select_item("chokehold")
    assert not win.controller.set_result("met", "chokehold")  # closed until reopened
    panel = win.item_panel  # and the controls say so before anyone tries
    assert not panel.results.isEnabled() and panel.rationale.isReadOnly()
    assert "signed off" in panel.rationale.placeholderText()
    assert not win.actions.result["met"].isEnabled()
    assert win.session.store.findings()["chokehold"].result == "partial"

    def reason(dlg: ReopenDialog) -> int:
        dlg.reason.setPlainText("The agency sent a revised policy.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReopenDialog, "exec", reason)
    win.actions.reopen.trigger()
    assert win.workflow.stage_label.text() == "Stage: Reconciliation"
    assert win.workflow.notice.message() == ""
    assert panel.results.isEnabled() and not panel.rationale.isReadOnly()
    reopened = [e for e in win.session.store.log_entries() if e.action == "reopen"]
    assert reopened[-1].payload["reason"].startswith("The agency")
    assert reopened[-1].actor == "Sam Second"
