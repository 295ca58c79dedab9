"""The window's files: opening, creating and closing reviews, adding policy PDFs,
exporting the packet and editing the review's details (a mixin of ``MainWindow``: the
state lives on the window)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QSplitter,
    QStackedWidget,
)

from reviewer_app.core.errors import ReviewError
from reviewer_app.ui.checklist.panel import ChecklistPanel
from reviewer_app.ui.common.workers import run_with_progress, wait_for
from reviewer_app.ui.dialogs.common import (
    PDF_FILTER,
    REVIEW_FILTER,
    NewReviewDialog,
    ReviewDetailsDialog,
    show_error,
)
from reviewer_app.ui.document.area import DocumentArea
from reviewer_app.ui.item.panel import ItemPanel
from reviewer_app.ui.session.file_ops import create_review, prepare_document, read_for_preview
from reviewer_app.ui.session.guided_review import GuidedReview
from reviewer_app.ui.session.index_refresh import IndexRefresher, rebuild_before_export
from reviewer_app.ui.session.open_problems import open_session
from reviewer_app.ui.session.packet_export import export_packet_interactive
from reviewer_app.ui.session.review_controller import ReviewController
from reviewer_app.ui.session.session import ReviewSession
from reviewer_app.ui.window.document_events import RobustnessFeatures
from reviewer_app.ui.window.layout_memory import LayoutMemory
from reviewer_app.ui.window.settings import Settings
from reviewer_app.ui.window.status_bar import ReviewStatusBar
from reviewer_app.ui.window.welcome import WelcomePage

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow as _WindowBase

    from reviewer_app.ui.caseload.page import CaseloadPage
else:
    _WindowBase = object

PREVIEW_WAIT_MS = 1500  # at most this long for a document's first page before reading it



class ReviewFilesMixin(_WindowBase):
    """Needs the window's panes, session, settings, status and chrome updates."""

    if TYPE_CHECKING:
        session: ReviewSession | None
        settings: Settings
        _adding: str | None
        _caseload: CaseloadPage | None
        area: DocumentArea
        view: Any
        item_panel: ItemPanel
        checklist: ChecklistPanel
        controller: ReviewController
        stack: QStackedWidget
        splitter: QSplitter
        welcome: WelcomePage
        status: ReviewStatusBar
        layout_memory: LayoutMemory
        robust: RobustnessFeatures
        guided: GuidedReview
        index_refresher: IndexRefresher

        def show_message(self, text: str, ms: int = 8000) -> None: ...
        def _update_title(self) -> None: ...
        def _update_enabled(self) -> None: ...
        def _update_undo_actions(self, *_args: Any) -> None: ...
        def _set_saved_label(self) -> None: ...
        def _after_change(self, _changes: Any) -> None: ...

    # -- opening and closing ---------------------------------------------------------------
    def _refuse_while_adding(self) -> bool:
        """True (and says why) while a document is being added or a change saved in a
        worker: the review must stay open until it is saved."""
        saving = self.session.saving if self.session is not None else ""
        if self._adding is None and not saving:
            return False
        what = f"{self._adding} is still being added" if self._adding else \
            f"{saving} is still being saved"
        self.show_message(f"Wait a moment: {what}.", 5000)
        return True

    def open_review(self, path: str | Path) -> bool:
        if self._refuse_while_adding():
            return False
        path = Path(path)
        self.item_panel.rationale.flush()
        if self.session is not None and self.session.path.resolve() == path.resolve():
            return True
        session = open_session(self, path)  # the store locks it; asks when it is in use
        if session is None:
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        self._close_session()
        self.session = session
        session.failed.connect(lambda msg: show_error(self, "The change was not saved", msg))
        session.blocked.connect(lambda msg: self.show_message(msg, 5000))
        stack = session.undo_stack
        for sig in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged,
                    session.busyChanged):
            sig.connect(self._update_undo_actions)
        session.changed.connect(self._after_change)
        self.controller.set_session(session)
        self.checklist.set_session(session)
        self.item_panel.set_session(session)
        self.area.set_session(session)
        self.settings.add_recent(path)
        self.settings.set_last_dir("review", path)
        self.stack.setCurrentWidget(self.splitter)
        self.layout_memory.size_panes()
        self._select_initial_item()
        self._update_title()
        self._update_enabled()
        self._update_undo_actions()
        self._set_saved_label()
        self.show_message(f"Opened {path.name}", 4000)
        self.index_refresher.refresh(session)
        return True

    def _select_initial_item(self) -> None:
        """The item the user was on last time (else the first), with its evidence shown."""
        ids = self.checklist.visible_item_ids()
        if not ids or self.session is None:
            return
        last = self.layout_memory.last_item(self.session.path)
        item_id = last if last in ids else ids[0]
        self.checklist.select_item(item_id)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open review", self.settings.last_dir(
            "review"), REVIEW_FILTER)
        if path:
            self.open_review(path)

    def open_demo(self) -> bool:
        from reviewer_app.core.demo import demo_review_path

        try:
            path = demo_review_path()
        except (ReviewError, OSError) as exc:
            show_error(self, "Cannot open the demo review", str(exc))
            return False
        return self.open_review(path)

    def new_review(self) -> None:
        if self._refuse_while_adding():
            return
        dlg = NewReviewDialog(self, self.settings.last_dir("review"),
                              self.session.store.review().assessor if self.session else "")
        if dlg.exec() != NewReviewDialog.DialogCode.Accepted or dlg.spec is None:
            return
        try:
            path = create_review(dlg.spec)
        except ReviewError as exc:
            show_error(self, "Cannot create the review", str(exc))
            return
        if self.open_review(path):
            self.add_documents()

    def close_review(self) -> None:
        if self._refuse_while_adding():
            return
        self._close_session()
        self._show_welcome()

    def _close_session(self) -> None:
        if self.session is None:
            return
        self.item_panel.rationale.flush()
        self.guided.set_active(False)
        if self.controller.item_id:
            self.layout_memory.remember_item(self.session.path, self.controller.item_id)
        self.controller.set_session(None)
        self.checklist.set_session(None)
        self.item_panel.set_session(None)
        self.area.set_session(None)
        self.session.close()
        self.session.deleteLater()
        self.session = None  # closing the store released its lock

    def _show_welcome(self) -> None:
        from reviewer_app.ui.caseload import saved_folders

        if saved_folders(self.settings):  # an office's start page is its caseload
            self.show_caseload()
            return
        self.welcome.set_recent(self.settings.recent_files())
        self.stack.setCurrentWidget(self.welcome)
        self._update_title()
        self._update_enabled()
        self._update_undo_actions()
        self.status.clear_all()

    def show_caseload(self) -> None:
        """The Caseload view (closing the open review: everything is saved already)."""
        if self.session is not None:
            if self._refuse_while_adding():
                return
            self._close_session()
        if self._caseload is None:
            from reviewer_app.ui.caseload.page import CaseloadPage

            self._caseload = CaseloadPage(self.settings, self.settings.library_database())
            self._caseload.openRequested.connect(self.open_review)
            self._caseload.newRequested.connect(self.new_review)
            self._caseload.openDialogRequested.connect(self.open_dialog)
            self._caseload.message.connect(self.show_message)
            self.stack.addWidget(self._caseload)
        self._caseload.load()
        self.stack.setCurrentWidget(self._caseload)
        self._update_title()
        self._update_enabled()
        self._update_undo_actions()
        self.status.clear_all()
        self._caseload.refresh()

    # -- documents and packet --------------------------------------------------------------
    def add_documents(self, paths: list[Path] | None = None) -> int:
        """Add PDFs to the review; returns how many were added (after they are saved).

        Each one shows at once while a worker reads its text and clauses (the window
        stays usable meanwhile); then its rows are written and the text arrives."""
        if self._refuse_while_adding() or self.robust.refuses_edit():
            return 0
        if self.session is None:
            show_error(self, "Add document", "Open or create a review first; then add the "
                       "agency's policy PDFs to it.")
            return 0
        if not paths:
            names, _ = QFileDialog.getOpenFileNames(self, "Add policy documents",
                                                    self.settings.last_dir("pdf"), PDF_FILTER)
            paths = [Path(n) for n in names]
        added = 0
        for path in paths:
            self._adding = Path(path).name
            try:
                added += self._add_document(Path(path))
            finally:
                self._adding = None
                self.area.end_preview()
        return added

    def _add_document(self, path: Path) -> bool:
        data = read_for_preview(path)
        if data is not None:
            self.area.preview(data, path.name)
            self.show_message(f"Reading {path.name}\u2026 You can look through it meanwhile; "
                              "text selection follows in a moment.", 0)
            # its first page before the reading starts: that competes for both cores
            wait_for(lambda: self.view.page_count() > 0 and self.view.visible_rendered(),
                     PREVIEW_WAIT_MS)
        cmd = prepare_document(self, path, data, modal=data is None)
        if cmd is None:
            self.statusBar().clearMessage()
            return False
        if data is not None and cmd.data is data:
            self.area.adopt_preview(cmd.info.sha256)
        elif data is not None:  # stored decrypted: the pages shown are not those stored
            self.area.end_preview()
        self.settings.set_last_dir("pdf", path)
        saving = f"Saving {cmd.info.title} into the review\u2026"
        assert self.session is not None  # documents are added to an open review
        store = self.session.store

        def write_and_load(call) -> None:  # in a worker: rows, then the text to show
            call()
            assert cmd.doc_id is not None  # set by the command's apply, just run
            store.document_text(cmd.doc_id)

        if not self.session.execute(cmd, runner=lambda call: run_with_progress(
                self, "Add document", saving, write_and_load, call)):
            return False
        no_text = cmd.info.pages_without_text
        if no_text:
            which = ("no page with" if len(no_text) == cmd.info.page_count
                     else f"{len(no_text)} page(s) without")
            self.show_message(f"{cmd.info.title}: {which} a text layer; drag "
                              "rectangles there to mark evidence.", 10000)
        else:
            self.show_message(f"Added {cmd.info.title} ({cmd.info.page_count} pages).")
        return True

    def export_packet(self) -> None:
        if self.session is None:
            return
        self.item_panel.rationale.flush()
        rebuild_before_export(self, self.session)  # the packet's headings read the index
        export_packet_interactive(self, self.session.path)

    def edit_review_details(self) -> None:
        if self.session is None:
            return
        from reviewer_app.core.review.commands import EditReview

        dlg = ReviewDetailsDialog(self, self.session.store.review())
        if dlg.exec() and dlg.changes():
            self.session.execute(EditReview(dlg.changes()))
