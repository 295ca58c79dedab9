"""The workflow in the window: the stage in the status bar, the Review menu's Submit for
second review…, Agreement and reconciliation…, Sign off…, Reopen… and Who is working…,
and the name asked once per computer. Runs core commands through the session only."""

from __future__ import annotations

import os
from html import escape

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QWidget

from reviewer_app.core.records import Evidence
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.workflow import stage as stg
from reviewer_app.core.review.workflow import user
from reviewer_app.core.review.workflow.agreement import review_agreement
from reviewer_app.ui.common.notice_bar import NoticeBar
from reviewer_app.ui.dialogs import common as dialogs
from reviewer_app.ui.session import read_only
from reviewer_app.ui.session.session import ReviewSession
from reviewer_app.ui.workflow.agreement_dialog import AgreementDialog
from reviewer_app.ui.workflow.dialogs import NameDialog, ReopenDialog, SignOffDialog

STAGE_TIPS = {
    stg.ASSESSMENT: "The assessor records findings. Review › Submit for second review… "
                    "hands the review to a second reviewer.",
    stg.SECOND_REVIEW: "Second review, blind: the assessor's results and rationales are "
                       "hidden; the result keys record the second reviewer's own result.",
    stg.RECONCILIATION: "Review › Agreement and reconciliation… settles each disagreement.",
    stg.SIGNED_OFF: "Closed to edits. Review › Reopen… (with a reason) opens it again.",
}


CLOSED_HINT = "The review is signed off; Review \u203a Reopen\u2026 to edit."


def ask_name_once(parent: QWidget | None) -> None:
    """At first start on a computer: ask who is working, and remember it. Not when the
    environment names the person (``REVIEWER_APP_USER``: shared machines, kiosks, scripts)."""
    if (user.remembered_name() or user.clean_name(os.environ.get(user.ENV_USER, ""))
            or dialogs.NONINTERACTIVE):
        return
    dlg = NameDialog(parent, user.clean_name(user.login_name()))
    if dlg.exec() == QDialog.DialogCode.Accepted and user.clean_name(dlg.name.text()):
        try:
            user.remember_name(dlg.name.text())
        except OSError as exc:
            dialogs.show_error(parent, "The name was not remembered",
                               f"{user.config_file()}: {exc.strerror}. It is used for this "
                               "session only.")
            user.set_session_user(dlg.name.text())


class WorkflowFeatures(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session: ReviewSession | None = None
        self._closed = False  # whether this class greyed the editing controls (signed off)
        self.dialog: AgreementDialog | None = None
        self.stage_label = QLabel()
        self.stage_label.setObjectName("StageLabel")
        self.stage_label.setAccessibleName("Review stage")
        self.stage_label.setContentsMargins(10, 0, 10, 0)
        window.status.insertPermanentWidget(0, self.stage_label)
        self.notice = NoticeBar("info", "StageNotice")  # blind, or closed to edits
        lay = window.area.layout()
        lay.insertWidget(lay.indexOf(window.area.find_bar), self.notice)
        a = window.actions
        a.submit_review.triggered.connect(self.submit)
        a.agreement.triggered.connect(self.show_agreement)
        a.sign_off.triggered.connect(self.sign_off)
        a.reopen.triggered.connect(self.reopen)
        a.who_is_working.triggered.connect(self.change_name)

    # -- following the open review ---------------------------------------------------------
    def update_for(self, session: ReviewSession | None) -> None:
        if session is not self.session:
            if self.session is not None:
                try:
                    self.session.changed.disconnect(self._changed)
                except (RuntimeError, TypeError):
                    pass
            if self.dialog is not None:
                self.dialog.close()
                self.dialog = None
            self.session = session
            if session is not None:
                session.changed.connect(self._changed)
        self._closed = False  # the window has just applied its own read-only state
        self._changed(None)

    def _changed(self, _changes: object) -> None:
        s, a = self.session, self.window.actions
        if s is None or not s.is_open:
            self.stage_label.clear()
            for act in (a.submit_review, a.agreement, a.sign_off, a.reopen):
                act.setEnabled(False)
            return
        stage = s.stage()
        short = f"{stage.label} {stage.signed_at[:10]}" if stage.signed_off else stage.label
        self.stage_label.setText(f"Stage: {short}" + (" · blind" if stage.blind else ""))
        self.stage_label.setToolTip(f"{stage.describe()}. {STAGE_TIPS[stage.stage]}")
        self.stage_label.setStyleSheet("color:#8A4B00; font-weight:600" if stage.blind else
                                       "color:#1E6B30; font-weight:600" if stage.signed_off
                                       else "")
        writable = not s.read_only
        # a packet would show the assessor's results to the second reviewer
        a.export_packet.setEnabled(not stage.blind)
        self._show_notice(stage, writable)
        a.submit_review.setEnabled(writable and stage.stage in (stg.ASSESSMENT,
                                                                stg.SECOND_REVIEW))
        a.submit_review.setText("Submit the second review…" if stage.blind
                                else "Submit for second review…")
        a.agreement.setEnabled(stage.stage in (stg.RECONCILIATION, stg.SIGNED_OFF)
                               or (stage.stage == stg.ASSESSMENT and self._has_snapshot()))
        a.sign_off.setEnabled(writable and stage.stage in (stg.ASSESSMENT, stg.RECONCILIATION))
        a.reopen.setEnabled(writable and stage.signed_off)
        # a signed-off review is closed to edits until reopened: greyed like a read-only one
        closed = writable and stage.signed_off
        if closed != self._closed:
            self._closed = closed
            read_only.apply_read_only(self.window, closed, CLOSED_HINT if closed else "")
        if self.dialog is not None and self.dialog.isVisible():
            self._fill_dialog()

    def _show_notice(self, stage: stg.Stage, writable: bool) -> None:
        a = self.window.actions
        if stage.blind:
            self.notice.show_notice(
                "<b>Second review, blind.</b> The assessor's results and rationales are "
                f"hidden; the results you record are yours ({escape(user.keyboard_user())})."
                " The evidence stays visible.",
                [("Submit the second review…", a.submit_review.trigger)] if writable else [],
                closable=True)
        elif stage.signed_off:
            self.notice.show_notice(
                f"<b>{escape(stage.describe())}.</b> The review is closed to edits.",
                [("Reopen…", a.reopen.trigger)] if writable else [], closable=True)
        else:
            self.notice.dismiss()

    def _has_snapshot(self) -> bool:
        from reviewer_app.core.review.workflow.snapshot import assessor_snapshot

        return self.session is not None and assessor_snapshot(self.session.store.conn) \
            is not None

    # -- actions ---------------------------------------------------------------------------
    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                          self.window)
        return box.exec() == QMessageBox.StandardButton.Ok

    def submit(self) -> None:
        s = self.session
        if s is None:
            return
        self.window.item_panel.rationale.flush()
        if s.blind:
            if self._confirm("Submit the second review",
                             "Submit your results? The assessor's results are then shown "
                             "beside yours, with the agreement, for reconciliation."):
                if s.execute(cmd.SubmitSecondReview()):
                    self.show_agreement()
            return
        name, ok = QInputDialog.getText(
            self.window, "Submit for second review",
            "The assessor's findings are frozen in the log as they stand now, and the second "
            "reviewer records their own results without seeing these.\n\nSecond reviewer's "
            "name (optional):")
        if ok and s.execute(cmd.SubmitForSecondReview(second_reviewer=name.strip())):
            self.window.show_message("Submitted for second review: the assessor's results "
                                     "are hidden until the second review is submitted.", 8000)

    def sign_off(self) -> None:
        s = self.session
        if s is None:
            return
        found = review_agreement(s.store.conn, s.standards)
        summary = (f"Agreement of the two reviewers: {found.summary()}." if found
                   else "This review had no second review.")
        dlg = SignOffDialog(self.window, summary, user.keyboard_user())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            s.execute(cmd.SignOff(dlg.name.text(), dlg.role.text()))

    def reopen(self) -> None:
        s = self.session
        if s is None:
            return
        dlg = ReopenDialog(self.window, s.stage().describe())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            s.execute(cmd.Reopen(dlg.reason.toPlainText()))

    def change_name(self) -> None:
        dlg = NameDialog(self.window, user.keyboard_user())
        if dlg.exec() == QDialog.DialogCode.Accepted and user.clean_name(dlg.name.text()):
            user.set_session_user(None)
            try:
                user.remember_name(dlg.name.text())
            except OSError:
                user.set_session_user(dlg.name.text())
            self.window.show_message(f"Changes are now recorded as {user.keyboard_user()}.",
                                     6000)

    # -- agreement and reconciliation ------------------------------------------------------
    def show_agreement(self) -> None:
        if self.session is None:
            return
        if self.dialog is None:
            self.dialog = AgreementDialog(self.window)
            self.dialog.settleRequested.connect(self._settle)
            self.dialog.evidenceActivated.connect(self.window.controller.reveal_evidence)
        if self._fill_dialog():
            self.dialog.show()
            self.dialog.raise_()

    def _fill_dialog(self) -> bool:
        s, dlg = self.session, self.dialog
        if s is None or dlg is None:
            return False
        if s.blind:
            dlg.close()
            return False
        found = review_agreement(s.store.conn, s.standards)
        if found is None:
            dialogs.show_error(self.window, "No second review",
                               "This review was not submitted for second review.")
            return False
        rows: dict[str, list[tuple[Evidence, str]]] = {}
        for c in found.disagreements:
            for ev in s.evidence_for_item(c.item_id):
                doc = s.any_document(ev.doc_id)
                where = f"{doc.title}, p. {doc.page_label(ev.page)}" if doc else "?"
                rows.setdefault(c.item_id, []).append(
                    (ev, f"{where} · linked by {ev.created_by or 'unknown'}"))
        stage = s.stage()
        dlg.show_agreement(found, rows, not s.read_only and stage.stage == stg.RECONCILIATION,
                           stage.describe())
        return True

    def _settle(self, item_id: str, result: str, note: str) -> None:
        s = self.session
        if s is None:
            return
        from reviewer_app.core.vocabulary import Result

        code = s.item(item_id).code
        if s.execute(cmd.Reconcile(item_id, Result(result), note, item_code=code)):
            self.window.show_message(f"{code} settled as {Result(result).label}.", 5000)
