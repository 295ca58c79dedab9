"""The workstation window: checklist | document | item details, with menus and toolbar.

Composition and lifecycle live here (opening and closing reviews, layout memory, drag and
drop, focus between panes); what editing means is in ``review_controller``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from reviewer_app.core.errors import ReviewError
from reviewer_app.ui.checklist.panel import ChecklistPanel
from reviewer_app.ui.common.icons import app_icon
from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.common.workers import run_with_progress, wait_for
from reviewer_app.ui.dialogs import shortcuts as shortcuts_dialog
from reviewer_app.ui.dialogs.common import (
    PDF_FILTER,
    REVIEW_FILTER,
    NewReviewDialog,
    ReviewDetailsDialog,
    ask_page,
    show_about,
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
from reviewer_app.ui.window import assessor_keys
from reviewer_app.ui.window.actions import Actions
from reviewer_app.ui.window.document_events import RobustnessFeatures
from reviewer_app.ui.window.layout_memory import LayoutMemory
from reviewer_app.ui.window.settings import Settings
from reviewer_app.ui.window.status_bar import ReviewStatusBar
from reviewer_app.ui.window.welcome import WelcomePage

if TYPE_CHECKING:
    from reviewer_app.ui.caseload.page import CaseloadPage

APP_TITLE = "Reviewer"
PREVIEW_WAIT_MS = 1500  # at most this long for a document's first page before reading it


class MainWindow(QMainWindow):
    # the window's registry of QActions; it hides QWidget.actions(), which nothing calls
    actions: Actions  # type: ignore[assignment]

    def __init__(self, settings: Settings | None = None, view_options: dict | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.session: ReviewSession | None = None
        self._adding: str | None = None  # file name of a PDF being added (window usable)
        self.setWindowIcon(app_icon())
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)

        self.actions = Actions(self)
        self.actions.build_menus()
        self.toolbar = self.actions.build_toolbar()

        self.checklist = ChecklistPanel()
        self.area = DocumentArea(view_options=view_options)
        self.view = self.area.view
        self.item_panel = ItemPanel()
        self.item_panel.set_link_action(self.actions.link)
        self.controller = ReviewController(self.checklist, self.area, self.item_panel, self)
        self.index_refresher = IndexRefresher(self)  # a stale search index, rebuilt once
        self.index_refresher.message.connect(lambda msg: self.show_message(msg, 8000))
        self.controller.message.connect(self.show_message)
        self.controller.itemChanged.connect(self._item_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        for w, stretch in ((self.checklist, 0), (self.area, 1), (self.item_panel, 0)):
            self.splitter.addWidget(w)
            self.splitter.setStretchFactor(self.splitter.indexOf(w), stretch)
        self.checklist.setMinimumWidth(240)
        self.item_panel.setMinimumWidth(300)
        self.area.setMinimumWidth(420)

        self.welcome = WelcomePage()
        self.welcome.newRequested.connect(self.new_review)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.demoRequested.connect(self.open_demo)
        self.welcome.recentChosen.connect(self.open_review)
        self.welcome.caseloadRequested.connect(self.show_caseload)
        self._caseload: CaseloadPage | None = None  # the Caseload view, built when first shown
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self._outline: QWidget | None = None  # built when the dock is first shown (``outline``)
        self.outline_dock = QDockWidget("Outline", self)
        self.outline_dock.setObjectName("OutlineDock")
        self.outline_dock.setWidget(QWidget())
        self.outline_dock.visibilityChanged.connect(lambda on: on and self.outline)
        self.outline_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                      | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.resizeDocks([self.outline_dock], [220], Qt.Orientation.Horizontal)
        self.outline_dock.hide()

        self.status = ReviewStatusBar(self)
        self.setStatusBar(self.status)
        self.save_label = self.status.save_label
        self.layout_memory = LayoutMemory(self, self.splitter, self.settings)
        self._connect_actions()
        self.view.set_context_actions([self.actions.link])
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            sc = QShortcut(QKeySequence(key), self.view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.controller.link_selection)
        v, st = self.view, self.status
        v.currentPageChanged.connect(lambda page: st.show_page(v, page))
        v.zoomChanged.connect(st.show_zoom)
        v.selectionChanged.connect(lambda: st.show_selection(v))
        v.areaSelected.connect(lambda *_: st.show_selection(v))
        self.area.documentShown.connect(lambda _d: st.show_page(v, v.current_page()))
        self.area.addRequested.connect(self.add_documents)
        self.item_panel.rationale.pendingChanged.connect(
            lambda pending: self.status.show_editing() if pending else self._set_saved_label())
        self.robust = RobustnessFeatures(self)  # revisions, OCR, read-only, notes
        self.guided = GuidedReview(self)
        self.guided.message.connect(self.show_message)
        self.guided.activeChanged.connect(self.actions.guided_review.setChecked)
        self.actions.guided_review.toggled.connect(self.guided.set_active)
        self.layout_memory.restore(self.actions, self.toolbar, self.outline_dock)
        assessor_keys.install(self)  # focus after navigation, Link to, outline fallback
        self._show_welcome()

    @property
    def outline(self):
        """The outline and thumbnails panel, built the first time it is needed: most
        sessions never open it, and building it costs start-up time."""
        if self._outline is None:
            from reviewer_app.ui.pdfview import OutlinePanel

            panel = OutlinePanel(self.view)
            panel.set_fallback(assessor_keys.outline_fallback(self))
            self._outline = panel
            placeholder = self.outline_dock.widget()
            self.outline_dock.setWidget(self._outline)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._outline

    # -- construction helpers --------------------------------------------------------------
    def _connect_actions(self) -> None:
        a, c, v = self.actions, self.controller, self.view
        a.new_review.triggered.connect(self.new_review)
        a.open.triggered.connect(self.open_dialog)
        a.open_demo.triggered.connect(self.open_demo)
        a.caseload.triggered.connect(self.show_caseload)
        a.add_document.triggered.connect(self.add_documents)
        a.export_packet.triggered.connect(self.export_packet)
        a.review_details.triggered.connect(self.edit_review_details)
        a.close.triggered.connect(self.close_review)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(lambda: self._undo(True) if self.session else None)
        a.redo.triggered.connect(lambda: self._undo(False) if self.session else None)
        a.copy.triggered.connect(self._copy)
        a.find.triggered.connect(self.area.open_find)
        a.find_next.triggered.connect(v.find_next)
        a.find_previous.triggered.connect(v.find_previous)
        a.zoom_in.triggered.connect(v.zoom_in)
        a.zoom_out.triggered.connect(v.zoom_out)
        a.actual_size.triggered.connect(lambda: v.set_zoom(1.0))
        a.fit_width.triggered.connect(v.fit_width)
        a.fit_page.triggered.connect(v.fit_page)
        a.show_checklist.toggled.connect(self.checklist.setVisible)
        a.show_item.toggled.connect(self.item_panel.setVisible)
        a.show_outline.toggled.connect(self.outline_dock.setVisible)
        self.outline_dock.visibilityChanged.connect(
            lambda _on: a.show_outline.setChecked(not self.outline_dock.isHidden()))
        a.show_toolbar.toggled.connect(self.toolbar.setVisible)
        a.next_pane.triggered.connect(lambda: self.cycle_pane(1))
        a.previous_pane.triggered.connect(lambda: self.cycle_pane(-1))
        a.full_screen.toggled.connect(
            lambda on: self.showFullScreen() if on else self.showNormal())
        a.go_to_page.triggered.connect(self._go_to_page)
        a.next_page.triggered.connect(v.next_page)
        a.previous_page.triggered.connect(v.previous_page)
        a.first_page.triggered.connect(lambda: v.go_to_page(0))
        a.last_page.triggered.connect(lambda: v.go_to_page(max(v.page_count() - 1, 0)))
        a.next_document.triggered.connect(lambda: self.area.step_document(1))
        a.previous_document.triggered.connect(lambda: self.area.step_document(-1))
        a.next_item.triggered.connect(lambda: self.checklist.step(1))
        a.previous_item.triggered.connect(lambda: self.checklist.step(-1))
        a.next_open.triggered.connect(self._next_open)
        a.link.triggered.connect(c.link_selection)
        a.area_mode.toggled.connect(self._area_mode)
        a.edit_rationale.triggered.connect(self.item_panel.focus_rationale)
        a.remove_evidence.triggered.connect(self._remove_selected_evidence)
        for result, act in a.result.items():
            act.triggered.connect(lambda _=False, r=result: c.set_result(r))
        a.shortcuts.triggered.connect(lambda: shortcuts_dialog.show_shortcuts(self, a))
        a.about.triggered.connect(lambda: show_about(self))
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.area.add_view_actions(a.zoom_out, a.zoom_in, a.fit_width, a.fit_page, a.find)

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

            self._caseload = CaseloadPage(self.settings)
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

    # -- state shown in chrome -------------------------------------------------------------
    def _after_change(self, _changes) -> None:
        self._update_title()
        self._set_saved_label()

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowFilePath("")
            return
        agency = self.session.store.review().agency_name
        ro = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{agency} \u2014 {self.session.path.name}{ro} \u2014 {APP_TITLE}")
        self.setWindowFilePath(str(self.session.path))

    def _update_enabled(self) -> None:
        a = self.actions
        has = self.session is not None
        for act in (a.add_document, a.review_details, a.close, a.export_packet, a.copy,
                    a.find, a.find_next, a.find_previous, a.zoom_in, a.zoom_out, a.actual_size,
                    a.fit_width, a.fit_page, a.go_to_page, a.next_page, a.previous_page,
                    a.first_page, a.last_page, a.next_document, a.previous_document,
                    a.next_item, a.previous_item, a.next_open, a.link, a.area_mode,
                    a.edit_rationale, a.remove_evidence, *a.result.values()):
            act.setEnabled(has)
        self._item_changed(self.controller.item_id)
        self.robust.update_for(self.session)

    def _update_undo_actions(self, *_args) -> None:
        a = self.actions
        stack = self.session.undo_stack if self.session else None
        free = not (self.session and self.session.busy)  # no undo while a change is saved
        can_undo = bool(stack and stack.canUndo() and free)
        can_redo = bool(stack and stack.canRedo() and free)
        a.undo.setEnabled(can_undo)
        a.redo.setEnabled(can_redo)
        a.undo.setText(f"&Undo {stack.undoText()}" if stack and can_undo else "&Undo")
        a.redo.setText(f"&Redo {stack.redoText()}" if stack and can_redo else "&Redo")
        a.undo.setToolTip(a.undo.text().replace("&", "") + " (Ctrl+Z)")
        a.redo.setToolTip(a.redo.text().replace("&", "") + " (Ctrl+Shift+Z)")

    def _undo(self, undo: bool) -> None:
        self.item_panel.rationale.flush()
        assert self.session is not None  # the actions work on an open review
        stack = self.session.undo_stack
        text = stack.undoText() if undo else stack.redoText()
        if self.session.undo() if undo else self.session.redo():
            self.show_message(f"{'Undone' if undo else 'Redone'}: {text}", 4000)

    def _item_changed(self, item_id: str) -> None:
        a = self.actions
        if self.session is not None and item_id:
            item = self.session.item(item_id)
            a.link.setText(f"&Link to {item.code}")
            a.link.setToolTip(plain_tip(f"Link the selection to {item.code} {item.title} "
                                        "(Ctrl+L)"))
            for act in a.result.values():
                act.setEnabled(True)
        else:
            a.link.setText("&Link selection")
            for act in a.result.values():
                act.setEnabled(False)

    def _set_saved_label(self) -> None:
        self.status.show_saved(self.session.path if self.session else None,
                               bool(self.session and self.session.read_only))

    def show_message(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    # -- small commands --------------------------------------------------------------------
    def _copy(self) -> None:
        focus = self.focusWidget()
        if focus is self.view or focus is None or self.view.isAncestorOf(focus):
            self.view.copy_selection()
        elif hasattr(focus, "copy"):
            focus.copy()

    def _go_to_page(self) -> None:
        labels = self.view.page_labels()
        if labels:
            page = ask_page(self, labels, self.view.current_page())
            if page is not None:
                self.view.go_to_page(page)

    def _next_open(self) -> None:
        if not self.checklist.step(1, only_open=True):
            self.show_message("Every item has a result.")

    def _area_mode(self, on: bool) -> None:
        self.view.area_mode = on
        self.show_message("Drag a rectangle around the evidence, then press Ctrl+L." if on
                          else "Text selection mode.")

    def _remove_selected_evidence(self) -> None:
        ev_id = self.item_panel.evidence.current_evidence_id()
        if ev_id is None:
            self.show_message("Select an evidence row in the item panel first.")
            return
        self.controller.remove_evidence(ev_id)

    def cycle_pane(self, step: int) -> None:
        """F6: checklist -> document -> item details (visible ones only)."""
        panes: list[QWidget] = [w for w in (self.checklist.tree, self.view, self.item_panel)
                                if w.isVisible()]
        if not panes:
            return
        focus = self.focusWidget()
        cur = next((i for i, w in enumerate(panes)
                    if focus is w or (focus is not None and w.isAncestorOf(focus))), -1)
        target = panes[(cur + step) % len(panes)]
        if target is self.item_panel:
            self.item_panel.results.result_button_for_focus().setFocus(
                Qt.FocusReason.TabFocusReason)
        else:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _fill_recent_menu(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            act = menu.addAction(f"{path.name}  \u2014  {path.parent}")
            act.setEnabled(path.exists())
            act.triggered.connect(lambda _=False, p=path: self.open_review(p))
        if files:
            menu.addSeparator()
            menu.addAction("Clear list", self.settings.clear_recent)
        else:
            menu.addAction("No recent reviews").setEnabled(False)

    # -- drag and drop ---------------------------------------------------------------------
    @staticmethod
    def _dropped(event) -> tuple[list[Path], list[Path]]:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        reviews = [p for p in paths if p.suffix.lower() == ".review"]
        pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
        return reviews, pdfs

    def dragEnterEvent(self, event) -> None:
        reviews, pdfs = self._dropped(event)
        if reviews or pdfs:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        reviews, pdfs = self._dropped(event)
        if not reviews and not pdfs:
            return
        event.acceptProposedAction()
        # let the drop finish before dialogs open
        QTimer.singleShot(0, lambda: self.handle_dropped(reviews, pdfs))

    def handle_dropped(self, reviews: list[Path], pdfs: list[Path]) -> None:
        if reviews:
            self.open_review(reviews[0])
        if pdfs:
            self.add_documents(pdfs)

    # -- layout memory ---------------------------------------------------------------------
    def save_layout(self) -> None:
        self.layout_memory.save(self.actions)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        service = self.view.render_service
        if not service.started():  # its render process, once the window is on screen
            QTimer.singleShot(0, service.start)

    def closeEvent(self, event) -> None:
        if self._refuse_while_adding():
            event.ignore()
            return
        self.save_layout()
        self._close_session()
        if self._caseload is not None:
            self._caseload.stop()
        super().closeEvent(event)
