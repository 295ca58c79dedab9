"""Navigation panel: the document's outline (bookmarks) as a tree, and page thumbnails.

Choosing an entry or a thumbnail scrolls the view there; both follow the view's current
page. A document without an outline opens on its thumbnails.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.pdfview.thumbnails import ThumbnailList

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlinePanel(QWidget):
    """Tabs "Outline" (entries with their page labels) and "Pages" (thumbnails)."""

    def __init__(self, view=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Document outline")
        self._view = None
        self._entries: list[tuple[int, QTreeWidgetItem]] = []  # (page, item) in order
        self._stale = False  # the view's outline changed while this panel was hidden
        self._pick_tab = False
        self._fallback = None  # () -> [(level, title, page)] when the PDF has no outline
        self.detected = False  # the entries shown are detected sections, not bookmarks
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Navigation")
        outline_page = QWidget()
        outline_box = QVBoxLayout(outline_page)
        outline_box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.tabs)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Outline entries")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.itemActivated.connect(self._go)
        self.tree.itemClicked.connect(self._go)
        self.empty = QLabel("This document has no outline.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        outline_box.addWidget(self.tree)
        outline_box.addWidget(self.empty)
        self.tabs.addTab(outline_page, "Outline")
        self.thumbnails: ThumbnailList | None = None
        self.set_view(view)

    def set_view(self, view) -> None:
        if self._view is not None:
            self._view.outlineChanged.disconnect(self._outline_arrived)
            self._view.documentChanged.disconnect(self._rebuild)
            self._view.currentPageChanged.disconnect(self._follow)
        self._view = view
        if self.thumbnails is not None:
            self.tabs.removeTab(1)
            self.thumbnails.deleteLater()
            self.thumbnails = None
        if view is not None:
            self.thumbnails = ThumbnailList(view)
            self.tabs.addTab(self.thumbnails, "Pages")
            view.outlineChanged.connect(self._outline_arrived)
            view.documentChanged.connect(self._rebuild)
            view.currentPageChanged.connect(self._follow)
        self._rebuild()

    def set_fallback(self, provider) -> None:
        """Entries to show when the document has no outline of its own (the sections
        found in its text)."""
        self._fallback = provider
        self._rebuild()

    def entry_count(self) -> int:
        self._build_if_stale()
        return len(self._entries)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._build_if_stale()

    def _build_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self._build()
            if self._pick_tab:
                self._pick_tab = False
                self._pick_start_tab()
            if self._view is not None:
                self._follow(self._view.current_page())

    def _rebuild(self) -> None:
        """Build the tree now if it is on screen, else when it is shown (a manual's
        outline can have 2,000 entries: 40 ms nobody needs while the panel is hidden)."""
        if self.isVisible():
            self._stale = False
            self._build()
        else:
            self._stale = True

    def _build(self) -> None:
        self.tree.clear()
        self._entries = []
        view = self._view
        outline: list[tuple[int, str, int]] = view.outline() if view is not None else []
        known = view is not None and view.outline_known()
        self.detected = False
        if not outline and known and self._fallback is not None:
            outline = self._fallback()
            self.detected = bool(outline)
        parents: list[QTreeWidgetItem] = []
        for level, title, page in outline:
            item = QTreeWidgetItem([title, view.page_label(page) if view else ""])
            item.setData(0, PAGE_ROLE, page)
            item.setToolTip(0, plain_tip(title))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            while len(parents) >= max(level, 1):
                parents.pop()
            if parents:
                parents[-1].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            parents.append(item)
            self._entries.append((page, item))
        self.tree.expandToDepth(0)
        self.tree.resizeColumnToContents(1)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        has = bool(self._entries)
        self.tree.setVisible(has)
        self.empty.setVisible(not has or self.detected)
        if self.detected:
            self.empty.setText("Sections found in the text: the PDF has no bookmarks.")
        else:
            self.empty.setText("This document has no outline." if known or self._view is None
                               else "Reading the outline\u2026")

    def _outline_arrived(self) -> None:
        """The document's outline is known: show it, or the thumbnails when there is none."""
        self._rebuild()
        if self._stale:
            self._pick_tab = True
        else:
            self._pick_start_tab()

    def _pick_start_tab(self) -> None:
        if self.thumbnails is not None:
            self.tabs.setCurrentIndex(0 if self._entries else 1)

    def _go(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        page = item.data(0, PAGE_ROLE)
        if page is not None and self._view is not None:
            self._view.go_to_page(int(page))

    def _follow(self, page: int) -> None:
        """Mark the last entry at or before the current page, without moving the view."""
        if not self._entries or self._stale:
            return
        pages = [p for p, _ in self._entries]
        i = bisect_right(pages, page) - 1
        if i < 0:
            self.tree.clearSelection()
            return
        item = self._entries[i][1]
        if self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
            self.tree.blockSignals(False)
