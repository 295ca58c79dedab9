"""PdfView: a continuous-scroll PDF reader widget with selection, highlights and find.

The widget never touches MuPDF: page geometry comes with the ``DocumentText`` (or from a
worker's ``DocumentInfo``), pixels from the ``RenderService`` workers, text from the
``DocumentText`` handed to ``load``. Everything stored is in unrotated page space and is
mapped to the screen through ``DocumentLayout``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QPainter,
    QPalette,
    QRegion,
)
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from reviewer_app.core.pdf.geometry import DocumentInfo, PageGeometry
from reviewer_app.core.text.search import search
from reviewer_app.core.text.textmap import DocumentText
from reviewer_app.ui.pdfview import overlays, painting, tiles
from reviewer_app.ui.pdfview.cache import DEFAULT_BUDGET, TileKey, screen_budget
from reviewer_app.ui.pdfview.coordinates import CoordinatesMixin
from reviewer_app.ui.pdfview.events import EventsMixin
from reviewer_app.ui.pdfview.highlights import Highlight, HighlightIndex
from reviewer_app.ui.pdfview.interaction import Interaction
from reviewer_app.ui.pdfview.layout import DocumentLayout
from reviewer_app.ui.pdfview.navigation import NavigationMixin
from reviewer_app.ui.pdfview.render_worker import RenderService
from reviewer_app.ui.pdfview.selecting import SelectingMixin
from reviewer_app.ui.pdfview.selection import TextSelection

NO_TEXT_NOTICE = "This page has no text layer; drag to mark an area"
_SCREEN_CHANGES = tuple(getattr(QEvent.Type, name) for name in
                        ("DevicePixelRatioChange", "ScreenChangeInternal")
                        if hasattr(QEvent.Type, name))


class PdfView(NavigationMixin, CoordinatesMixin, SelectingMixin, EventsMixin,
              QAbstractScrollArea):
    """Shows one PDF; see INTERFACES.md for the contract with the window."""

    selectionChanged = Signal()
    areaSelected = Signal(int, object)
    highlightClicked = Signal(int)
    currentPageChanged = Signal(int)
    zoomChanged = Signal(float)
    documentChanged = Signal()  # loaded or cleared
    textChanged = Signal()  # the text (and labels) of the shown document arrived later
    outlineChanged = Signal()  # the outline arrived from a worker
    findChanged = Signal(int, int)  # index of the current hit (-1: none), hit count
    renderingFinished = Signal()  # every visible page is drawn at the current zoom

    START_FALLBACK_MS = 400  # render processes start at the first paint, or this after load

    def __init__(self, parent: QWidget | None = None, *, cache_bytes: int | None = None,
                 render_workers: int = 1, isolate_rendering: bool = True):
        super().__init__(parent)
        self.setAccessibleName("Document page view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setSingleStep(40)
        self._auto_budget = cache_bytes is None  # scaled to the screen (see _fit_budget)
        self.render_service = RenderService(cache_bytes or DEFAULT_BUDGET, render_workers,
                                            isolate_rendering, parent=None)
        self.render_service.tileReady.connect(self._on_tile)
        self.render_service.tileFailed.connect(lambda *_: self.viewport().update())
        self.render_service.infoReady.connect(self._on_info)
        self.destroyed.connect(self.render_service.shutdown)

        self._text: DocumentText | None = None
        self._labels: list[str] = []
        self._outline: list[tuple[int, str, int]] = []
        self._outline_known = False
        self._layout = DocumentLayout()
        self._estimated = False  # pages laid out from the first one's size, rest due
        self._gen = 0
        self._fit: str | None = "width"
        self._current = -1
        self._highlights = HighlightIndex()
        self._active: int | None = None
        self._sel = TextSelection()
        self._area: tuple[int, tuple[float, float, float, float]] | None = None
        self._area_mode = False
        self._find_query = ""
        self._find_hits: list[tuple[int, int]] = []
        self._find_index = -1
        self._context_actions: list[QAction] = []
        self._tag_font = QFont(self.font())
        self._tag_font.setPointSizeF(max(self.font().pointSizeF() * 0.9, 8.0))
        self._tag_font.setBold(True)

        self._notice = QLabel(NO_TEXT_NOTICE, self.viewport())
        self._notice.setAccessibleName("No text layer notice")
        self._notice.setStyleSheet(
            "QLabel { background: rgba(40, 44, 52, 225); color: white; border-radius: 6px;"
            " padding: 6px 12px; }")
        self._notice.hide()
        self.interaction = Interaction(self)

    # -- document -------------------------------------------------------------------------

    def load(self, data: bytes, text: DocumentText | None,
             page_labels: Sequence[str] = ()) -> None:
        """Show a PDF. ``text`` supplies page geometry and the selectable text; without it
        the pages come from a worker and show at once, and ``set_text`` adds the text
        when it is known (a document being added)."""
        self._reset_state()
        self._text = text
        self._labels = list(page_labels)
        self._sel.reset(text)
        has_geometry = bool(text is not None and text.pages
                            and all(p.width > 0 for p in text.pages))
        self._gen = self.render_service.open(data, geometry=not has_geometry,
                                             labels=not self._labels)
        if not self.render_service.started():  # in case the view is never painted
            QTimer.singleShot(self.START_FALLBACK_MS, self.render_service.start)
        self._set_pages([PageGeometry(p.width, p.height, p.rotation) for p in text.pages]
                        if has_geometry and text else [])  # else laid out when a worker says
        self.documentChanged.emit()

    def set_text(self, text: DocumentText, page_labels: Sequence[str] = ()) -> None:
        """Attach the canonical text of the document already shown (and its labels):
        selection, find and the no-text notice start working; the pixels are kept."""
        self._text = text
        self._sel.reset(text)
        if page_labels:
            self._labels = list(page_labels)
        pages = [PageGeometry(p.width, p.height, p.rotation) for p in text.pages]
        if pages and all(p.width > 0 for p in pages) and (
                len(pages) != len(self._layout.pages)):
            self._set_pages(pages)
        self._update_notice()
        self.viewport().update()
        self.textChanged.emit()

    def clear(self) -> None:
        self._reset_state()
        self._text = None
        self._labels = []
        self.render_service.close_document()
        self._gen = self.render_service.generation
        self._set_pages([])
        self.documentChanged.emit()

    def _reset_state(self) -> None:
        had_selection = self._sel.span() is not None or self._area is not None
        self._estimated = False
        self._sel.reset()
        self._area = None
        self._highlights = HighlightIndex()
        self._active = None
        self._outline = []
        self._outline_known = False
        self._find_hits, self._find_index, self._find_query = [], -1, ""
        self._current = -1
        if had_selection:
            self.selectionChanged.emit()

    def _set_pages(self, pages: list[PageGeometry]) -> None:
        self._layout = DocumentLayout(pages, self._layout.zoom)
        if self._fit:
            self._layout.set_zoom(self._fit_zoom(self._fit))
        self._update_scrollbars()
        self.verticalScrollBar().setValue(0)
        self._after_scroll()
        self.zoomChanged.emit(self._layout.zoom)

    def _on_info(self, info: DocumentInfo) -> None:
        pages, count = list(info.pages), info.count
        if pages and len(pages) < count:  # the first page only: assume the rest alike
            if not self._layout.pages:
                self._set_pages(pages + [pages[-1]] * (count - len(pages)))
                self._estimated = True
        elif pages and not self._layout.pages:
            self._set_pages(pages)
        elif pages and (self._estimated or len(self._layout.pages) != count):
            self._estimated = False
            if pages != self._layout.pages:
                self._replace_pages(pages)
        if not self._labels and info.page_labels:
            self._labels = list(info.page_labels)
        if info.has_outline:
            self._outline = list(info.outline)
            self._outline_known = True
            self.outlineChanged.emit()
        self.currentPageChanged.emit(max(self._current, 0))

    def _replace_pages(self, pages: list[PageGeometry]) -> None:
        """Other page sizes than laid out: lay out again, the same place kept in view."""
        anchor = self._anchor_at(QPointF(0, 0))
        if anchor is not None and anchor[0] >= len(pages):
            anchor = None
        self._layout = DocumentLayout(pages, self._layout.zoom)
        zoom = self._fit_zoom(self._fit) if self._fit else self._layout.zoom
        self._apply_zoom(zoom, anchor, QPointF(0, 0))
        self.zoomChanged.emit(self._layout.zoom)

    # -- scrolling and painting -----------------------------------------------------------

    def _update_scrollbars(self) -> None:
        vp = self.viewport().size()
        v, h = self.verticalScrollBar(), self.horizontalScrollBar()
        v.setRange(0, max(int(self._layout.height - vp.height()), 0))
        v.setPageStep(max(vp.height() - 40, 40))
        h.setRange(0, max(int(self._layout.width - vp.width()), 0))
        h.setPageStep(max(vp.width() - 40, 40))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        self._after_scroll()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit and self._layout.pages:
            anchor = self._anchor_at(QPointF(0, 0))
            self._apply_zoom(self._fit_zoom(self._fit), anchor, QPointF(0, 0))
        self._update_scrollbars()
        self._place_notice()
        self._after_scroll()

    def _after_scroll(self) -> None:
        self._request_tiles()
        page = self._compute_current_page()
        if page != self._current:
            self._current = page
            self._update_notice()
            if page >= 0:
                self.setAccessibleDescription(
                    f"Page {self.page_label(page)}, {page + 1} of {self.page_count()}")
                self.currentPageChanged.emit(page)

    def _visible_pages(self, margin: float = 0.0) -> range:
        top = self.verticalScrollBar().value()
        return self._layout.pages_between(top - margin, top + self.viewport().height() + margin)

    def _compute_current_page(self) -> int:
        if not self._layout.pages:
            return -1
        v = self.verticalScrollBar()
        if v.maximum() > 0 and v.value() >= v.maximum():
            return len(self._layout) - 1
        top, h = v.value(), self.viewport().height()
        best, best_seen = -1, -1.0
        for pno in self._layout.pages_between(top, top + h):
            r = self._layout.page_rect(pno)
            seen = min(r.bottom(), top + h) - max(r.top(), top)
            if seen > best_seen + 0.5:
                best, best_seen = pno, seen
        return best

    def _dpr(self) -> float:
        return self.viewport().devicePixelRatioF()

    def _scale_milli(self) -> int:
        return max(round(self._layout.px_per_pt * self._dpr() * 1000), 1)

    def _request_tiles(self) -> None:
        if self._layout.pages and self.render_service.current() is not None:
            jobs = tiles.plan(self._layout, self._gen, self._scale_milli(), self._dpr(),
                              self.verticalScrollBar().value(), self.viewport().height())
            self._fit_budget(jobs)
            self.render_service.request(jobs)

    def _fit_budget(self, jobs) -> None:
        """A few screens' worth of tiles, and never less than what is wanted now (zoomed
        far in, a screen needs several 2048-pixel tiles: evicting them would loop)."""
        if not self._auto_budget:
            return
        screen = self.screen()
        size = screen.size() if screen is not None else self.viewport().size()
        wanted = sum(tiles.job_bytes(j) for j in jobs)
        budget = max(screen_budget(size.width(), size.height(), self._dpr()), wanted * 5 // 4)
        if budget != self.render_service.cache.budget:
            self.render_service.cache.set_budget(budget)

    def _visible_keys(self) -> list[TileKey]:
        return tiles.in_view(self._layout, self._gen, self._scale_milli(), self._dpr(),
                             self.verticalScrollBar().value(), self.viewport().height())

    def visible_rendered(self) -> bool:
        """True when every tile in view is rendered (or failed) at the current zoom."""
        if not self._layout.pages:
            return self.render_service.current() is None
        svc = self.render_service
        return all(k in svc.cache or k in svc.failed for k in self._visible_keys())

    def _on_tile(self, key: TileKey) -> None:
        if key.gen == self._gen and key.page in self._visible_pages(margin=2):
            self.viewport().update(self.page_rect_in_view(key.page).toAlignedRect())
            if self.visible_rendered():
                self.renderingFinished.emit()

    def paintEvent(self, event) -> None:
        if not self.render_service.started():  # after this first paint has gone out
            QTimer.singleShot(0, self.render_service.start)
        p = QPainter(self.viewport())
        bg = painting.background_color(self.palette().color(QPalette.ColorRole.Window))
        area = QRectF(event.rect())
        pages = [(pno, self._snapped_rect(pno)) for pno in self._visible_pages()]
        pages = [(pno, r) for pno, r in pages if r.intersects(area)]
        # grey only around the pages: a full-viewport fill under them costs a pass of
        # millions of pixels per frame on high-DPI screens
        around = QRegion(event.rect())
        for _pno, r in pages:
            around -= QRegion(r.toAlignedRect().adjusted(1, 1, -1, -1))
        for r in around:  # type: ignore[attr-defined]  # PySide6 iterates a QRegion's rects
            p.fillRect(r, bg)
        if not pages:
            return
        dpr, sm = self._dpr(), self._scale_milli()
        cache, failed = self.render_service.cache, self.render_service.failed
        for pno, rect in pages:
            keys = tiles.page_keys(self._layout, self._gen, pno, sm)
            have = [cache.get(key) for key in keys]
            complete = all(t is not None for t in have)
            painting.draw_page_frame(p, rect, bg, fill=not complete)
            if not complete:
                others = [(kk, t) for kk, t in cache.page_tiles(self._gen, pno)
                          if kk.scale_milli != sm]
                if others:
                    painting.draw_preview(p, rect, self._layout.px_per_pt, others)
            painting.draw_tiles(p, rect.topLeft(), [t for t in have if t is not None], dpr)
            err = next((failed[key] for key in keys if key in failed), None)
            if err:
                painting.draw_failed(p, rect, err)
            overlays.paint_overlays(p, self, pno)

    def _snapped_rect(self, pno: int) -> QRectF:
        """The page in the viewport, its corner on a device pixel so tiles meet exactly."""
        r = self.page_rect_in_view(pno)
        d = self._dpr()
        r.moveTopLeft(QPointF(round(r.x() * d) / d, round(r.y() * d) / d))
        return r

    # -- highlights -----------------------------------------------------------------------

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        self._highlights = HighlightIndex(list(highlights))
        self.viewport().update()

    def highlights(self) -> list[Highlight]:
        return list(self._highlights.items)

    def set_active_highlight(self, evidence_id: int | None) -> None:
        self._active = evidence_id
        self.viewport().update()

    def active_highlight(self) -> int | None:
        return self._active

    def highlight_at(self, pos: QPointF) -> Highlight | None:
        hit = self.view_to_page(pos)
        if hit is None:
            return None
        pno, x, y = hit
        return self._highlights.hit(pno, x, y)

    def _search(self, query: str) -> list[tuple[int, int]]:
        return search(self._text, query) if self._text is not None else []

    # -- events (the mouse and keys: ``EventsMixin``) ----------------------------------------

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.interaction.overrides_shortcut(
                event):
            event.accept()
            return True
        if event.type() in _SCREEN_CHANGES:  # another devicePixelRatio: re-render sharp
            self.viewport().update()
            self._request_tiles()
        return super().event(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            return self.interaction.tooltip(event)
        return super().viewportEvent(event)
