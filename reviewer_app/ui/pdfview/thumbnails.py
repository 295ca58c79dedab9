"""Page thumbnails for a PdfView: a list of every page, rendered only where it is scrolled to.

Thumbnails go through the view's render workers on their own lane, served only when the
page view has nothing left to render, and live in their own small cache. Rows are
virtual (QListView asks for what it paints), so a 758-page manual costs nothing until
its thumbnails are looked at.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate

from reviewer_app.ui.pdfview.cache import TileKey
from reviewer_app.ui.pdfview.jobs import TileJob

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt passes to overrides

THUMB_WIDTH = 116  # logical px
PAGE_ROLE = Qt.ItemDataRole.UserRole + 2


class ThumbnailModel(QAbstractListModel):
    def __init__(self, view):
        super().__init__()
        self.view = view
        view.documentChanged.connect(self._reset)
        view.outlineChanged.connect(self._reset)  # the page count may come with the info
        view.render_service.thumbReady.connect(self._thumb_ready)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.view.page_count()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        pno = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.view.page_label(pno)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"Page {self.view.page_label(pno)} ({pno + 1} of {self.view.page_count()})"
        if role == PAGE_ROLE:
            return pno
        return None

    def key(self, pno: int, dpr: float) -> TileKey:
        w_pt, _ = self.view.layout_model.pages[pno].display_size
        return TileKey(self.view.render_service.generation, pno,
                       max(round(THUMB_WIDTH / w_pt * dpr * 1000), 1))

    def image(self, pno: int, dpr: float):
        tile = self.view.render_service.thumbs.get(self.key(pno, dpr))
        return tile.image if tile is not None else None

    def _thumb_ready(self, key: TileKey) -> None:
        if key.gen == self.view.render_service.generation and key.page < self.rowCount():
            idx = self.index(key.page)
            self.dataChanged.emit(idx, idx)


class ThumbnailDelegate(QStyledItemDelegate):
    """A page picture with a thin border and its label; the current page outlined."""

    def __init__(self, model: ThumbnailModel, parent=None):
        super().__init__(parent)
        self.model = model

    def _thumb_size(self, pno: int) -> QSize:
        w_pt, h_pt = self.model.view.layout_model.pages[pno].display_size
        return QSize(THUMB_WIDTH, round(THUMB_WIDTH * h_pt / w_pt))

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        size = self._thumb_size(index.row())
        return QSize(THUMB_WIDTH + 24, size.height() + option.fontMetrics.height() + 18)

    def paint(self, p: QPainter, option, index) -> None:
        pno = index.row()
        p.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        size = self._thumb_size(pno)
        r = option.rect
        page = QRect(r.x() + (r.width() - size.width()) // 2, r.y() + 6, size.width(),
                     size.height())
        if selected:
            hl = option.palette.color(QPalette.ColorRole.Highlight)
            p.fillRect(page.adjusted(-4, -4, 4, 4), hl)
        p.fillRect(page.adjusted(1, 2, 2, 2), QColor(0, 0, 0, 40))  # small shadow
        p.fillRect(page, Qt.GlobalColor.white)
        image = self.model.image(pno, p.device().devicePixelRatioF())
        if image is not None:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            p.drawImage(page, image)
        p.setPen(QColor(0, 0, 0, 60))
        p.drawRect(page.adjusted(0, 0, -1, -1))
        p.setPen(option.palette.color(QPalette.ColorRole.Text))
        label = QRect(r.x(), page.bottom() + 4, r.width(), option.fontMetrics.height())
        p.drawText(label, Qt.AlignmentFlag.AlignCenter, index.data())
        p.restore()


class ThumbnailList(QListView):
    """Every page as a thumbnail; click to go there; follows the view's current page."""

    MARGIN_ROWS = 3

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.setAccessibleName("Page thumbnails")
        self.thumb_model = ThumbnailModel(view)
        self.setModel(self.thumb_model)
        self.setItemDelegate(ThumbnailDelegate(self.thumb_model, self))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(24)
        self.clicked.connect(lambda idx: view.go_to_page(idx.row()))
        self.activated.connect(lambda idx: view.go_to_page(idx.row()))
        view.currentPageChanged.connect(self._follow)
        self.verticalScrollBar().valueChanged.connect(self.request_visible)
        self.thumb_model.modelReset.connect(self.request_visible)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.request_visible()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._follow(self.view.current_page())
        self.request_visible()

    def visible_rows(self) -> range:
        n = self.thumb_model.rowCount()
        if not n or not self.isVisible():
            return range(0)
        top = self.indexAt(self.viewport().rect().topLeft())
        bottom = self.indexAt(self.viewport().rect().bottomLeft())
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else n - 1
        return range(max(first - self.MARGIN_ROWS, 0), min(last + self.MARGIN_ROWS, n - 1) + 1)

    def request_visible(self, *_args) -> None:
        view = self.view
        if not view.page_count():
            return
        dpr = self.viewport().devicePixelRatioF()
        jobs = []
        for pno in self.visible_rows():
            w_pt, h_pt = view.layout_model.pages[pno].display_size
            jobs.append(TileJob(self.thumb_model.key(pno, dpr), w_pt, h_pt, dpr, "thumbs"))
        view.render_service.request_thumbs(jobs)

    def _follow(self, page: int) -> None:
        """Select and show the current page's thumbnail (when the list is on screen:
        scrolling a hidden list lays out every row, 40 ms on a 758-page manual)."""
        if self.isVisible() and 0 <= page < self.thumb_model.rowCount():
            idx = self.thumb_model.index(page)
            if self.currentIndex() != idx:
                self.setCurrentIndex(idx)
                self.scrollTo(idx, QListView.ScrollHint.EnsureVisible)
