"""Every command of the window as a QAction, with its shortcut, icon and help text; and the
menus and toolbar built from them. Registered in one place so that shortcuts never clash
and the Help > Keyboard shortcuts list is complete.

Results have single-key shortcuts (1 Met, 2 Partially met, 3 Not met, 4 Not applicable,
0 Not assessed): text fields take those keys first, so typing a rationale is unaffected.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.theme import RESULT_KEYS, RESULT_ORDER, result_icon, result_label

K = QKeySequence
SK = QKeySequence.StandardKey


class Actions(QObject):
    """Attribute per action (``actions.link``, ``actions.result["met"]``...)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.all: list[QAction] = []
        a = self._make
        # File
        self.new_review = a("new_review", "&New review…", "new-review", [SK.New],
                            "Create a review file for an agency")
        self.open = a("open", "&Open review…", "open", [SK.Open], "Open a review file")
        self.open_demo = a("open_demo", "Open &demo review", None, [],
                           "Open the bundled demo review of a fictional agency")
        self.caseload = a("caseload", "Case&load", None, [K("Ctrl+Shift+L")],
                          "The office's reviews: outcomes, expiry, re-review, at a glance")
        self.library_database = a("library_database", "Clause &library database…", None, [],
                                  "Which caseload database's clause library the suggestions "
                                  "consult")
        self.add_document = a("add_document", "&Add document…", "add-document",
                              [K("Ctrl+Shift+A")], "Add a policy PDF to this review")
        self.export_packet = a("export_packet", "&Export packet…", "export",
                               [K("Ctrl+Shift+E")],
                               "Write the certification packet (PDF report, annotated "
                               "policies, OSCAL findings)")
        self.review_details = a("review_details", "Review &details…", None, [],
                                "Agency, ORI, assessor and credentialing body")
        self.save_copy = a("save_copy", "Save a &copy…", "copy-review", [K("Ctrl+Shift+S")],
                           "Save a copy of this review file (to pass it on, or to work on "
                           "a review that is open read-only)")
        self.merge_copy = a("merge_copy", "&Merge a copy…", None, [],
                            "Bring in what a copy of this review edited elsewhere (another "
                            "laptop) holds; what both changed is listed for you to settle")
        self.merge_conflicts = a("merge_conflicts", "Settle merge con&flicts…", None, [],
                                 "What merging copies left changed differently in both: "
                                 "choose what to keep")
        self.close = a("close", "&Close review", "close", [K("Ctrl+W"), K("Ctrl+F4")],
                       "Close this review")
        self.quit = a("quit", "&Quit", None, [K("Ctrl+Q")], "Quit the application")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Document
        self.replace_document = a("replace_document", "&Replace with revision…", "revision",
                                  [], "Bring in a revised PDF of this policy; its evidence "
                                  "is carried over and what changed is listed")
        self.rename_document = a("rename_document", "Re&name document…", None, [],
                                 "Change the title shown on the tab and in the packet")
        self.ocr_document = a("ocr_document", "Read scanned pages with &OCR…", None, [],
                              "Give the pages without a text layer the text Tesseract reads "
                              "from them, so they can be searched and quoted")
        # Edit
        self.undo = a("undo", "&Undo", "undo", [SK.Undo], "Undo the last change")
        self.redo = a("redo", "&Redo", "redo", [K("Ctrl+Shift+Z"), K("Ctrl+Y")],
                      "Redo the last undone change")
        self.copy = a("copy", "&Copy", "copy", [SK.Copy], "Copy the selected text")
        self.find = a("find", "&Find in document…", "find", [SK.Find],
                      "Search the current document")
        self.find_next = a("find_next", "Find &next", None, [K("F3")], "Next match")
        self.find_previous = a("find_previous", "Find pre&vious", None, [K("Shift+F3")],
                               "Previous match")
        # View
        self.zoom_in = a("zoom_in", "Zoom &in", "zoom-in", [K("Ctrl++"), K("Ctrl+=")],
                         "Zoom in")
        self.zoom_out = a("zoom_out", "Zoom &out", "zoom-out", [K("Ctrl+-")], "Zoom out")
        self.actual_size = a("actual_size", "&Actual size", None, [K("Ctrl+1")],
                             "Show the page at 100%")
        self.fit_width = a("fit_width", "Fit &width", "fit-width", [K("Ctrl+2")],
                           "Fit the page width to the window")
        self.fit_page = a("fit_page", "Fit &page", "fit-page", [K("Ctrl+0")],
                          "Show the whole page")
        self.show_checklist = a("show_checklist", "&Checklist", "checklist",
                                [K("Ctrl+Shift+1")], "Show or hide the checklist",
                                checkable=True)
        self.show_item = a("show_item", "&Item details", "details", [K("Ctrl+Shift+2")],
                           "Show or hide the selected item's details", checkable=True)
        self.show_outline = a("show_outline", "Document &outline", "outline", [K("F4")],
                              "Show or hide the document's outline", checkable=True)
        self.show_toolbar = a("show_toolbar", "&Toolbar", None, [], "Show or hide the toolbar",
                              checkable=True)
        self.next_pane = a("next_pane", "Next &pane", None, [K("F6")],
                           "Move the keyboard focus to the next pane")
        self.previous_pane = a("previous_pane", "Previous pa&ne", None, [K("Shift+F6")],
                               "Move the keyboard focus to the previous pane")
        self.full_screen = a("full_screen", "&Full screen", None, [SK.FullScreen],
                             "Use the whole screen", checkable=True)
        # Go
        self.go_to_page = a("go_to_page", "&Go to page…", None, [K("Ctrl+G")],
                            "Jump to a page by its label or number")
        self.next_page = a("next_page", "&Next page", "page-next", [K("Ctrl+PgDown")],
                           "Next page")
        self.previous_page = a("previous_page", "&Previous page", "page-previous",
                               [K("Ctrl+PgUp")], "Previous page")
        self.first_page = a("first_page", "&First page", None, [K("Ctrl+Home")], "First page")
        self.last_page = a("last_page", "&Last page", None, [K("Ctrl+End")], "Last page")
        self.next_document = a("next_document", "Next &document", None, [K("Ctrl+Tab")],
                               "Show the next document of the review")
        self.previous_document = a("previous_document", "Previous docu&ment", None,
                                   [K("Ctrl+Shift+Tab")], "Show the previous document")
        self.next_item = a("next_item", "Next &item", "next", [K("Alt+Down")],
                           "Select the next checklist item")
        self.previous_item = a("previous_item", "Previous i&tem", "previous", [K("Alt+Up")],
                               "Select the previous checklist item")
        self.next_open = a("next_open", "Next &unassessed item", "next-open", [K("F8")],
                           "Select the next item without a result")
        # Review
        self.link = a("link", "&Link selection", "link", [K("Ctrl+L")],
                      "Record the selected text (or marked area) as evidence for the "
                      "selected item")
        self.area_mode = a("area_mode", "&Mark areas instead of text", "area",
                           [K("Ctrl+Shift+M")],
                           "Drag rectangles on any page (for scans and images)",
                           checkable=True)
        self.guided_review = a("guided_review", "&Guided review", "suggest",
                               [K("Ctrl+Shift+G")],
                               "Propose each item's clause: Enter links it, Down/Up other "
                               "proposals, 1-4 record the result, Esc leaves",
                               checkable=True)
        self.edit_rationale = a("edit_rationale", "Edit &rationale", None, [K("F2")],
                                "Move to the rationale of the selected item")
        self.remove_evidence = a("remove_evidence", "&Remove selected evidence", "remove", [],
                                 "Remove the evidence selected in the item panel (Delete)")
        self.revision_report = a("revision_report", "Evidence to check after re&visions…",
                                 None, [], "List the evidence a policy revision changed or "
                                 "could not find, and accept new wording")
        self.submit_review = a("submit_review", "Submit for second review…", None, [],
                               "Freeze the findings and hand the review to a second "
                               "reviewer, who records results blind")
        self.agreement = a("agreement", "Agreement and reconciliation…", None, [],
                           "Percent agreement, Cohen's kappa and each disagreement side by "
                           "side, to settle with a final result and a note")
        self.sign_off = a("sign_off", "Sign off…", None, [],
                          "The approving official signs the determination off")
        self.reopen = a("reopen", "Reopen…", None, [], "Reopen a signed-off review (with a "
                        "reason, kept in the log)")
        self.who_is_working = a("who_is_working", "Who is working…", None, [],
                                "The name every change made on this computer records")
        self.add_set = a("add_set", "Add a &standards set…", None, [],
                         "Assess a further standards set (a state's, CALEA's) in this review; "
                         "evidence is proposed across sets a crosswalk joins")
        self.result: dict[str, QAction] = {}
        self.result_group = QActionGroup(self)
        for r in RESULT_ORDER:
            act = a(f"result_{r}", f"{result_label(r)}", None, [K(RESULT_KEYS[r])],
                    f"Set the selected item to {result_label(r)}")
            act.setIcon(result_icon(r))
            self.result[r] = act
        # Help
        self.shortcuts = a("shortcuts", "&Keyboard shortcuts", None, [SK.HelpContents],
                           "List the keyboard shortcuts")
        self.about = a("about", "&About Reviewer", "info", [], "Version and licence")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.setObjectName("recent_menu")

    def _make(self, name: str, text: str, icon_name: str | None, keys: list,
              tip: str, checkable: bool = False) -> QAction:
        act = QAction(text, self.window)
        act.setObjectName(name)
        if icon_name:
            act.setIcon(icon(icon_name))
        if keys:
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{text.replace('&', '').rstrip('…')}"
                       + (f" ({shortcut})" if shortcut else ""))
        act.setStatusTip(tip)
        act.setCheckable(checkable)
        self.window.addAction(act)  # shortcuts work even with the menu bar hidden
        self.all.append(act)
        return act

    # -- menus and toolbar -----------------------------------------------------------------
    def build_menus(self) -> None:
        bar = self.window.menuBar()
        m = bar.addMenu("&File")
        m.addActions([self.new_review, self.open])
        m.addMenu(self.recent_menu)
        m.addAction(self.open_demo)
        m.addActions([self.caseload, self.library_database])
        m.addSeparator()
        m.addActions([self.add_document, self.review_details])
        m.addSeparator()
        m.addActions([self.save_copy, self.merge_copy, self.merge_conflicts,
                      self.export_packet])
        m.addSeparator()
        m.addActions([self.close, self.quit])
        m = bar.addMenu("&Edit")
        m.addActions([self.undo, self.redo])
        m.addSeparator()
        m.addActions([self.copy, self.find, self.find_next, self.find_previous])
        m = bar.addMenu("&View")
        m.addActions([self.zoom_in, self.zoom_out, self.actual_size, self.fit_width,
                      self.fit_page])
        m.addSeparator()
        m.addActions([self.show_checklist, self.show_item, self.show_outline,
                      self.show_toolbar])
        m.addSeparator()
        m.addActions([self.next_pane, self.previous_pane, self.full_screen])
        m = bar.addMenu("&Document")
        m.setObjectName("document_menu")
        m.setToolTipsVisible(True)  # a disabled OCR entry says how to get Tesseract
        m.addActions([self.add_document, self.replace_document, self.rename_document])
        m.addSeparator()
        m.addAction(self.ocr_document)
        self.document_menu = m
        m = bar.addMenu("&Go")
        m.addActions([self.go_to_page, self.next_page, self.previous_page, self.first_page,
                      self.last_page])
        m.addSeparator()
        m.addActions([self.next_document, self.previous_document])
        m.addSeparator()
        m.addActions([self.next_item, self.previous_item, self.next_open])
        m = bar.addMenu("&Review")
        m.addAction(self.guided_review)
        m.addSeparator()
        m.addAction(self.link)
        m.addAction(self.area_mode)
        m.addSeparator()
        results = m.addMenu("Set &result")
        results.addActions(list(self.result.values()))
        m.addActions([self.edit_rationale, self.remove_evidence])
        m.addSeparator()
        m.addAction(self.revision_report)
        m.addSeparator()
        m.addActions([self.submit_review, self.agreement, self.sign_off, self.reopen,
                      self.who_is_working])
        m.addSeparator()
        m.addActions([self.add_set, self.review_details])
        m = bar.addMenu("&Help")
        m.addActions([self.shortcuts, self.about])

    def build_toolbar(self) -> QToolBar:
        tb = QToolBar("Main toolbar", self.window)
        tb.setObjectName("MainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addActions([self.open, self.add_document])
        tb.addSeparator()
        tb.addActions([self.undo, self.redo])
        tb.addSeparator()
        tb.addActions([self.previous_item, self.next_item, self.next_open])
        tb.addSeparator()
        tb.addAction(self.guided_review)
        tb.addAction(self.link)
        tb.addAction(self.area_mode)
        tb.addSeparator()
        tb.addAction(self.export_packet)
        for act in (self.guided_review, self.link, self.export_packet):
            w = tb.widgetForAction(act)
            if isinstance(w, QToolButton):
                w.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in tb.actions():
            w = tb.widgetForAction(act)
            if w is not None:
                w.setAccessibleName(act.text().replace("&", ""))
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        return tb

    def shortcut_table(self) -> list[tuple[str, str]]:
        rows = []
        for act in self.all:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in act.shortcuts())
            if keys:
                rows.append((act.text().replace("&", "").rstrip("…"), keys))
        rows.append(("Remove the selected evidence (in the evidence list)", "Delete"))
        rows.append(("Link the selection (in the document)", "Enter"))
        return rows
