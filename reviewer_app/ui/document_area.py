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
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui.icons import icon
from reviewer_app.ui.pdfview import FindBar, PageNavigator, PdfView
from reviewer_app.ui.session import ReviewSession
from reviewer_app.ui.theme import font_scaled

ZOOM_PRESETS = (50, 75, 100, 125, 150, 200, 300, 400)


class ZoomBox(QComboBox):
    """Zoom percentage (editable) with presets and the two fit modes."""

    def __init__(self, view: PdfView, parent=None):
        super().__init__(parent)
        self.view = view
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
        self.lineEdit().returnPressed.connect(self._typed)
        view.zoomChanged.connect(self.show_zoom)

    def show_zoom(self, zoom: float) -> None:
        self.lineEdit().setText(f"{round(zoom * 100)}%")

    def _chosen(self, index: int) -> None:
        value = self.itemData(index)
        if value == "width":
            self.view.fit_width()
        elif value == "page":
            self.view.fit_page()
        else:
            self.view.set_zoom(float(value))
        self.show_zoom(self.view.zoom())
        self.view.setFocus()

    def _typed(self) -> None:
        text = self.lineEdit().text().strip().rstrip("%").strip()
        try:
            value = float(text)
        except ValueError:
            self.show_zoom(self.view.zoom())
            return
        self.view.set_zoom(min(max(value, 10), 800) / 100)
        self.show_zoom(self.view.zoom())
        self.view.setFocus()


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
        self._pages.clear()
        self.doc_id = 0
        self.view.clear()
        self.refresh_documents()

    def refresh_documents(self, select: int | None = None) -> None:
        docs = self.session.documents() if self.session else []
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for d in docs:
            i = self.tabs.addTab(icon("document"), d.title)
            self.tabs.setTabData(i, d.id)
            self.tabs.setTabToolTip(i, f"{d.title}\n{d.filename} · {d.page_count} pages")
        self.tabs.blockSignals(False)
        self.tabs.setVisible(bool(docs))
        self.bar.setEnabled(bool(docs))
        self.stack.setCurrentWidget(self.view if docs else self.empty)
        ids = [d.id for d in docs]
        target = select if select in ids else self.doc_id if self.doc_id in ids else \
            (ids[0] if ids else 0)
        if target:
            self.tabs.setCurrentIndex(ids.index(target))
        self.show_document(target)

    def document_ids(self) -> list[int]:
        return [self.tabs.tabData(i) for i in range(self.tabs.count())]

    def show_document(self, doc_id: int) -> None:
        if doc_id == self.doc_id and (doc_id == 0 or self.view.page_count()):
            return
        if self.doc_id:
            self._pages[self.doc_id] = self.view.current_page()
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
        self.view.load(store.document_data(doc_id), store.document_text(doc_id),
                       list(doc.page_labels) if doc else [])
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
