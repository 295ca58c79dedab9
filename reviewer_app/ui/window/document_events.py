"""The window's handling of what goes wrong or changes under the assessor: revised
policies, scanned pages, notes on odd PDFs, reviews open elsewhere or read-only.

One object attached to the main window (``window.robust``) wires the actions, the
document tab's context menu and the bars above the document, and follows the open
review. The window calls ``update_for(session)`` whenever it enables its actions and
asks ``refuses_edit()`` before adding documents; the rest arrives by signals.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, QTimer

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands import SetFinding
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.notice_bar import NoticeBar
from reviewer_app.ui.dialogs.common import show_error
from reviewer_app.ui.document import tools as document_tools
from reviewer_app.ui.revisions import flow as revision_flow
from reviewer_app.ui.revisions.summary import report_from_review
from reviewer_app.ui.session import read_only
from reviewer_app.ui.session.session import ReviewSession


class RobustnessFeatures(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session: ReviewSession | None = None
        self.report_dialog = None  # the last revision results dialog (for tests)
        self._noted: set[str] = set()  # SHA-256 of documents whose notes were shown
        self._notes_doc = 0
        self.last_tab_menu = None

        area = window.area
        self.banner = NoticeBar("warning", "ReadOnly")
        self.notice = NoticeBar("info", "DocumentNotes")
        self.tampered = NoticeBar("warning", "Tampered")
        lay = area.layout()
        at = lay.indexOf(area.find_bar)  # under the tabs and page bar, above the page
        lay.insertWidget(at, self.notice)
        lay.insertWidget(at, self.banner)
        lay.insertWidget(at, self.tampered)

        a = window.actions
        a.save_copy.triggered.connect(lambda: read_only.save_copy_interactive(window))
        a.merge_copy.triggered.connect(lambda: _merge_flow().merge_copy(window))
        a.merge_conflicts.triggered.connect(lambda: _merge_flow().open_conflicts(window))
        a.replace_document.triggered.connect(lambda: self.replace_document(area.doc_id))
        a.rename_document.triggered.connect(
            lambda: document_tools.rename_document(window, area.doc_id))
        a.ocr_document.triggered.connect(
            lambda: document_tools.ocr_document(window, area.doc_id))
        a.revision_report.triggered.connect(self.show_revision_report)
        a.document_menu.aboutToShow.connect(self.update_document_actions)
        area.tabs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        area.tabs.customContextMenuRequested.connect(self._tab_menu)
        area.documentShown.connect(self._document_shown)
        window.controller.itemChanged.connect(self._item_changed)
        panel = window.item_panel
        panel.evidence.confirmRequested.connect(
            lambda ev_id: revision_flow.confirm_wording(window, [ev_id]))
        panel.rereview.confirmRequested.connect(self.mark_rereviewed)
        panel.suggestions.updated.connect(lambda: read_only.disable_suggestion_links(
            panel, bool(self.session and self.session.read_only)))

    # -- following the open review ---------------------------------------------------------
    def update_for(self, session: ReviewSession | None) -> None:
        """The window (re)enabled its actions: apply the review's state on top."""
        if session is not self.session:
            if self.session is not None:
                try:
                    self.session.changed.disconnect(self._changed)
                except (RuntimeError, TypeError):
                    pass
            self.session = session
            self.notice.dismiss()
            if self.report_dialog is not None:
                self.report_dialog.close()
                self.report_dialog = None
            self.tampered.dismiss()
            if session is not None:
                session.changed.connect(self._changed)
                QTimer.singleShot(0, lambda s=session: self._check_outside_changes(s))
        ro = bool(session and session.read_only)
        if ro and session is not None:
            self.banner.show_notice(read_only.banner_html(session),
                                    [("Save a copy\u2026", self.window.actions.save_copy.trigger)],
                                    closable=False, glyph=icon("lock"))
        else:
            self.banner.dismiss()
        a = self.window.actions
        a.save_copy.setEnabled(session is not None)
        a.revision_report.setEnabled(session is not None)
        read_only.apply_read_only(self.window, ro)
        self.update_document_actions()

    def _check_outside_changes(self, session: ReviewSession) -> None:
        """Say at once when the file was edited outside the app (a finding flipped with a
        database tool, a document's bytes swapped): export would refuse it later."""
        if session is not self.session or not session.is_open:
            return  # closed (or another opened) before this ran
        try:
            problems = session.store.outside_changes()
        except ReviewError as exc:
            problems = [str(exc)]
        if not problems:
            return
        more = f" ({len(problems) - 1} more)" if len(problems) > 1 else ""
        first = problems[0][:1].upper() + problems[0][1:]
        self.tampered.show_notice(
            "<b>This review was changed outside the app.</b> " + escape(first) + more
            + " No packet can be exported from it; <code>reviewer-app check</code> lists "
            "every problem.", [("Show all problems", lambda: show_error(
                self.window, "Changed outside the app", "\n".join(problems)))],
            closable=True, glyph=icon("warning"))

    def refuses_edit(self) -> bool:
        """True (and says why) when the open review cannot be changed."""
        if self.session is None or not self.session.read_only:
            return False
        self.window.show_message("The review is open read-only: nothing can be added. Save "
                                 "a copy (File \u203a Save a copy\u2026) to work on it.", 8000)
        return True

    def update_document_actions(self) -> None:
        a, s = self.window.actions, self.session
        doc_id = self.window.area.doc_id
        editable = bool(s and doc_id and not s.read_only)
        a.replace_document.setEnabled(editable)
        a.rename_document.setEnabled(editable)
        can, why = document_tools.ocr_state(s, doc_id)
        a.ocr_document.setEnabled(can)
        a.ocr_document.setToolTip(why)
        a.ocr_document.setStatusTip(why)

    def _item_changed(self, _item_id: str) -> None:
        if self.session is not None and self.session.read_only:
            for act in self.window.actions.result.values():
                act.setEnabled(False)

    def _document_shown(self, doc_id: int) -> None:
        if self.notice.isVisible() and doc_id != self._notes_doc:
            self.notice.dismiss()  # the notes were about another document
        self.update_document_actions()

    # -- after a change or its undo --------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        w, s = self.window, self.session
        if s is None:
            return
        if w.area.doc_id in changes.text_of:  # OCR gave the shown document new text
            doc = s.document(w.area.doc_id)
            w.view.set_text(s.store.document_text(w.area.doc_id),
                            list(doc.page_labels) if doc else [])
            w.controller.refresh_highlights()
        if changes.added_document is not None:
            self._show_added_notes(changes.added_document, changes.notes)
        if changes.documents:
            self.update_document_actions()

    def _show_added_notes(self, doc_id: int, notes: tuple[str, ...]) -> None:
        s = self.session
        assert s is not None  # notes follow an add to the open review
        doc = s.document(doc_id)
        if doc is None or doc.sha256 in self._noted:
            return  # a redo of an add whose notes were shown
        self._noted.add(doc.sha256)
        if not notes:
            return
        buttons = []
        if document_tools.ocr_state(s, doc_id)[0]:
            buttons.append(("Read with OCR\u2026", lambda d=doc_id:
                            document_tools.ocr_document(self.window, d)))
        self._notes_doc = doc_id
        self.notice.show_notice(document_tools.added_notes_html(doc, notes), buttons,
                                glyph=icon("info"))

    # -- commands --------------------------------------------------------------------------
    def replace_document(self, doc_id: int, path=None):
        return revision_flow.replace_document(self.window, doc_id, path)

    def show_revision_report(self):
        if self.session is None:
            return None
        return revision_flow.show_report(self.window, report_from_review(self.session))

    def report_closed(self, dlg) -> None:
        if self.report_dialog is dlg:
            self.report_dialog = None

    def mark_rereviewed(self, item_id: str) -> bool:
        """Keep the finding's result and clear its re-review flag (one undoable step)."""
        s = self.session
        if s is None or s.read_only or not s.standards.has_item(item_id):
            return False
        item = s.item(item_id)
        self.window.item_panel.rationale.flush()
        ok = s.execute(SetFinding(item_id, result=s.result(item_id), item_code=item.code))
        if ok:
            self.window.show_message(f"{item.code} re-reviewed: result kept.", 5000)
        return ok

    def _tab_menu(self, pos) -> None:
        menu = document_tools.tab_menu(self.window, pos)
        if menu is not None:
            self.last_tab_menu = menu
            menu.exec(self.window.area.tabs.mapToGlobal(pos))


def _merge_flow():
    """Merging is loaded when first asked for: the merge engine is not needed to start."""
    from reviewer_app.ui.merge import flow

    return flow
