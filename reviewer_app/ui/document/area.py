"""The document side: one tab per policy PDF, page box and zoom, the view, the find bar.

The view shows one document at a time; switching tabs loads another (the view renders in
its own workers) and comes back to the page the user left it on.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.common.theme import font_scaled
from reviewer_app.ui.pdfview import FindBar, PageNavigator, PdfView
from reviewer_app.ui.session.session import ReviewSession

ZOOM_PRESETS = (50, 75, 100, 125, 150, 200, 300, 400)


class ZoomBox(QComboBox):
    """Zoom percentage (editable) with presets and the two fit modes."""

    def __init__(self, view: PdfView, parent=None):
        super().__init__(parent)
        self.pdf_view = view  # not ``view``: that is QComboBox's own list view
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName("Zoom")
        self.setToolTip("Zoom (type a percentage)")
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for z in ZOOM_PRESETS:
            self.addItem(f"{z}%", z / 100)
        self.addItem("Fit width", "width")
        self.addItem("Fit page", "page")
        self.activated.connect(self._chosen)
        self._edit().returnPressed.connect(self._typed)
        view.zoomChanged.connect(self.show_zoom)

    def _edit(self) -> QLineEdit:
        edit = self.lineEdit()
        assert edit is not None  # the box is editable
        return edit

    def show_zoom(self, zoom: float) -> None:
        self._edit().setText(f"{round(zoom * 100)}%")

    def _chosen(self, index: int) -> None:
        value = self.itemData(index)
        if value == "width":
            self.pdf_view.fit_width()
        elif value == "page":
            self.pdf_view.fit_page()
        else:
            self.pdf_view.set_zoom(float(value))
        self.show_zoom(self.pdf_view.zoom())
        self.pdf_view.setFocus()

    def _typed(self) -> None:
        text = self._edit().text().strip().rstrip("%").strip()
        try:
            value = float(text)
        except ValueError:
            self.show_zoom(self.pdf_view.zoom())
            return
        self.pdf_view.set_zoom(min(max(value, 10), 800) / 100)
        self.show_zoom(self.pdf_view.zoom())
        self.pdf_view.setFocus()


def tool_button(action: QAction) -> QToolButton:
    b = QToolButton()
    b.setDefaultAction(action)
    b.setAutoRaise(True)
    b.setIconSize(QSize(18, 18))
    b.setAccessibleName(action.text().replace("&", ""))
    return b


def _separator() -> QFrame:
    line = QFrame()
    line.setObjectName("BarSeparator")
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFixedWidth(9)
    return line


class DocumentArea(QWidget):
    documentShown = Signal(int)  # doc id, 0 when none
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None, view_options: dict | None = None):
        super().__init__(parent)
        self.setObjectName("DocumentArea")
        self.session: ReviewSession | None = None
        self.doc_id = 0
        self._pages: dict[int, int] = {}
        self._preview: tuple[str, bytes] | None = None  # a PDF shown while it is added
        self._preview_sha: str | None = None  # its SHA-256 once the worker knows it
        self._before_preview = 0

        self.view = PdfView(**(view_options or {}))
        self.tabs = QTabBar()
        self.tabs.setObjectName("DocumentTabs")
        self.tabs.setAccessibleName("Documents of the review")
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.add_button = QToolButton()
        self.add_button.setIcon(icon("add"))
        self.add_button.setAutoRaise(True)
        self.add_button.setToolTip("Add a policy PDF to the review (Ctrl+Shift+A)")
        self.add_button.setAccessibleName("Add document")
        self.add_button.clicked.connect(self.addRequested)

        tab_row = QHBoxLayout()
        tab_row.setContentsMargins(6, 4, 6, 0)
        tab_row.setSpacing(2)
        tab_row.addWidget(self.tabs, 1)
        tab_row.addWidget(self.add_button)

        self.navigator = PageNavigator(self.view)
        self.navigator.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.zoom_box = ZoomBox(self.view)
        self.bar = QFrame()
        self.bar.setObjectName("DocumentBar")
        self.bar_layout = QHBoxLayout(self.bar)
        self.bar_layout.setContentsMargins(8, 4, 8, 4)
        self.bar_layout.setSpacing(4)
        self.bar_layout.addWidget(self.navigator)
        self.bar_layout.addStretch(1)
        self.bar_layout.addWidget(self.zoom_box)

        self.find_bar = FindBar(self.view)
        self.find_bar.setObjectName("FindBar")
        self.find_bar.hide()
        self.find_bar.closed.connect(self.view.setFocus)

        self.empty = self._empty_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        header = QFrame()
        header.setObjectName("DocumentHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.setSpacing(0)
        hl.addLayout(tab_row)
        hl.addWidget(self.bar)
        lay.addWidget(header)
        lay.addWidget(self.find_bar)
        lay.addWidget(self.stack, 1)
        self.setFocusProxy(self.view)

    def _empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("EmptyDocuments")
        title = QLabel("No policy documents yet")
        title.setFont(font_scaled(None, 1.35, bold=True))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel("Add the agency's use-of-force policy (and any related orders) to start "
                      "linking evidence. You can also drop PDF files onto this window.")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setObjectName("Muted")
        button = QPushButton(icon("add-document"), "Add document…")
        button.setAccessibleName("Add document")
        button.clicked.connect(self.addRequested)
        col = QVBoxLayout(page)
        col.addStretch(2)
        col.addWidget(title)
        col.addWidget(text)
        col.addSpacing(8)
        col.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(3)
        col.setContentsMargins(80, 40, 80, 40)
        return page

    def add_view_actions(self, zoom_out: QAction, zoom_in: QAction, fit_width: QAction,
                         fit_page: QAction, find: QAction) -> None:
        """Buttons for the window's view actions: [-] [zoom] [+] | fit width, fit page | find."""
        self.bar_layout.removeWidget(self.zoom_box)
        for w in (tool_button(zoom_out), self.zoom_box, tool_button(zoom_in), _separator(),
                  tool_button(fit_width), tool_button(fit_page), _separator(),
                  tool_button(find)):
            self.bar_layout.addWidget(w)

    # -- documents -------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        self._preview = self._preview_sha = None
        self._pages.clear()
        self.doc_id = 0
        self.view.clear()
        self.refresh_documents()

    # -- a document being added ------------------------------------------------------------
    def preview(self, data: bytes, filename: str) -> None:
        """Show a PDF that is still being read into the review: its pages at once, under a
        tab of its own; no selection until it is stored and ``show_document`` gives it
        its text (``adopt_preview``), or ``end_preview`` if it is given up."""
        self._preview = (filename, data)
        self._preview_sha = None
        self._before_preview = self.doc_id
        if self.doc_id:
            self._pages[self.doc_id] = self.view.current_page()
        self.doc_id = 0
        self.refresh_documents()  # adds the document's tab and selects it
        self._show_preview()

    def _show_preview(self) -> None:
        if self.doc_id:
            self._pages[self.doc_id] = self.view.current_page()
        self.doc_id = 0
        assert self._preview is not None  # called with a preview set
        self.view.load(self._preview[1], None, [])
        self.documentShown.emit(0)

    def previewing(self) -> str | None:
        """The file name of the document shown while it is being added, if any."""
        return self._preview[0] if self._preview is not None else None

    def adopt_preview(self, sha256: str) -> None:
        """The document being added will be stored with this hash: when it appears, keep
        the pages already shown and only give them the text."""
        self._preview_sha = sha256

    def end_preview(self) -> None:
        """The add finished or was given up: back to the review's own documents."""
        if self._preview is not None:
            self._preview = self._preview_sha = None
            self.refresh_documents(select=self._before_preview)

    def refresh_documents(self, select: int | None = None) -> None:
        docs = self.session.documents() if self.session else []
        pending = self._preview is not None and self._preview_sha not in {
            d.sha256 for d in docs}
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for d in docs:
            i = self.tabs.addTab(icon("document"), d.title)
            self.tabs.setTabData(i, d.id)
            self.tabs.setTabToolTip(i, plain_tip(f"{d.title}\n{d.filename} · {d.page_count} "
                                                 "pages"))
        if pending:
            assert self._preview is not None  # pending: a preview is shown
            name = self._preview[0]
            i = self.tabs.addTab(icon("document"), f"{name} (reading\u2026)")
            self.tabs.setTabData(i, 0)
            self.tabs.setTabToolTip(i, f"{name}\nBeing read into the review; text "
                                       "selection follows in a moment.")
        self.tabs.blockSignals(False)
        self.tabs.setVisible(bool(docs) or pending)
        self.bar.setEnabled(bool(docs) or pending)
        self.stack.setCurrentWidget(self.view if docs or pending else self.empty)
        ids = [d.id for d in docs]
        if pending and select not in ids and self.doc_id not in ids:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(len(ids))  # the document being added stays in view
            self.tabs.blockSignals(False)
            return
        target = select if select in ids else self.doc_id if self.doc_id in ids else \
            (ids[0] if ids else 0)
        if target:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(ids.index(target))
            self.tabs.blockSignals(False)
        self.show_document(target)

    def document_ids(self) -> list[int]:
        return [d for d in (self.tabs.tabData(i) for i in range(self.tabs.count())) if d]

    def show_document(self, doc_id: int) -> None:
        showing_preview = self.doc_id == 0 and self._preview is not None
        if doc_id == self.doc_id and (doc_id == 0 or self.view.page_count()):
            return
        if self.doc_id:
            self._pages[self.doc_id] = self.view.current_page()
        if not doc_id and self._preview is not None:
            self._show_preview()
            return
        self.doc_id = doc_id
        if not doc_id or self.session is None:
            self.view.clear()
            self.documentShown.emit(0)
            return
        ids = self.document_ids()
        if doc_id in ids and self.tabs.currentIndex() != ids.index(doc_id):
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(ids.index(doc_id))
            self.tabs.blockSignals(False)
        store = self.session.store
        doc = self.session.document(doc_id)
        labels = list(doc.page_labels) if doc else []
        adopt = (doc is not None and self._preview is not None
                 and self._preview_sha == doc.sha256)
        if adopt:
            self._preview = self._preview_sha = None
        if adopt and showing_preview:  # its pages are on screen already: add the text
            self.view.set_text(store.document_text(doc_id), labels)
        else:
            self.view.load(store.document_data(doc_id), store.document_text(doc_id), labels)
        page = self._pages.get(doc_id, 0)
        if page > 0:
            self.view.go_to_page(page)
        self.documentShown.emit(doc_id)

    def step_document(self, delta: int) -> None:
        n = self.tabs.count()
        if n > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % n)

    def _tab_changed(self, index: int) -> None:
        if index >= 0:
            self.show_document(self.tabs.tabData(index))

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_bar.open(self.view.selected_text() or None)
