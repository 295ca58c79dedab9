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
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from reviewer_app.ui.checklist.panel import ChecklistPanel
from reviewer_app.ui.common.icons import app_icon
from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.dialogs import shortcuts as shortcuts_dialog
from reviewer_app.ui.dialogs.common import (
    ask_page,
    show_about,
)
from reviewer_app.ui.document.area import DocumentArea
from reviewer_app.ui.item.panel import ItemPanel
from reviewer_app.ui.session.guided_review import GuidedReview
from reviewer_app.ui.session.index_refresh import IndexRefresher
from reviewer_app.ui.session.review_controller import ReviewController
from reviewer_app.ui.session.session import ReviewSession
from reviewer_app.ui.window import assessor_keys, library_setting
from reviewer_app.ui.window.actions import Actions
from reviewer_app.ui.window.document_events import RobustnessFeatures
from reviewer_app.ui.window.layout_memory import LayoutMemory
from reviewer_app.ui.window.review_files import ReviewFilesMixin
from reviewer_app.ui.window.settings import Settings
from reviewer_app.ui.window.standards_sets import StandardsSets
from reviewer_app.ui.window.status_bar import ReviewStatusBar
from reviewer_app.ui.window.welcome import WelcomePage
from reviewer_app.ui.workflow.features import WorkflowFeatures

if TYPE_CHECKING:
    from reviewer_app.ui.caseload.page import CaseloadPage

APP_TITLE = "Reviewer"


class MainWindow(ReviewFilesMixin, QMainWindow):
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
        self.sets = StandardsSets(self)  # several standards sets: add one, switch
        self.workflow = WorkflowFeatures(self)  # second review, agreement, sign-off
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
        library_setting.install(self)
        self.area.add_view_actions(a.zoom_out, a.zoom_in, a.fit_width, a.fit_page, a.find)

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
        self.sets.follow(self.session)
        self.workflow.update_for(self.session)

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
                act.setEnabled(self.session.editable)
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
