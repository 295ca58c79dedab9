"""The evidence of the selected item: quote, document and page; click jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from reviewer_app.core.records import DocumentRecord, Evidence
from reviewer_app.core.vocabulary import EvidenceStatus, Result
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.common.theme import ACCENT, HIGHLIGHT_COLORS, font_scaled, tinted, wrap_lines
from reviewer_app.ui.revisions.marks import STATUS_TEXT, draw_status_glyph, status_color

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt passes to overrides

ROLE_EVIDENCE_ID = Qt.ItemDataRole.UserRole + 1
ROLE_QUOTE = Qt.ItemDataRole.UserRole + 2
ROLE_META = Qt.ItemDataRole.UserRole + 3
ROLE_WARNING = Qt.ItemDataRole.UserRole + 4
ROLE_KIND = Qt.ItemDataRole.UserRole + 5
ROLE_STATUS = Qt.ItemDataRole.UserRole + 6
MAX_QUOTE_LINES = 4
PAD = 10
GLYPH = 13


def describe(ev: Evidence, doc: DocumentRecord | None) -> tuple[str, str, str]:
    """(quote, "Document · p. 4", status line) for one evidence row; the status line is
    empty for evidence that a revision left intact."""
    title = doc.title if doc else f"document {ev.doc_id}"
    if doc is not None and not doc.active:
        title = f"{title} (replaced revision {doc.filename})"
    label = doc.page_label(ev.page) if doc else str(ev.page + 1)
    page = f"p. {label}" if label == str(ev.page + 1) else f"p. {label} (PDF page {ev.page + 1})"
    if ev.kind == "area":
        quote = ev.exact or f"\u25ad Marked area on page {label} (no text layer)"
    else:
        quote = ev.exact
    return quote, f"{title} · {page}", STATUS_TEXT.get(ev.status, ("", "", ""))[1]


def explain(ev: Evidence) -> str:
    """The tooltip's account of a revision status, with both wordings when they differ."""
    if ev.status == EvidenceStatus.INTACT:
        return ""
    text = STATUS_TEXT[ev.status][2]
    if ev.status == EvidenceStatus.CHANGED and ev.previous_exact:
        text += f"\n\nBefore: \u201c{ev.previous_exact}\u201d\nNow: \u201c{ev.exact}\u201d"
    return text


class EvidenceDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.color = HIGHLIGHT_COLORS[Result.NOT_ASSESSED]

    def _layout(self, option: QStyleOptionViewItem, index: AnyIndex, width: int):
        fm = QFontMetrics(option.font)
        text_w = max(60, width - 2 * PAD - 6)
        quote = index.data(ROLE_QUOTE) or ""
        if index.data(ROLE_KIND) != "area":
            quote = f"\u201c{quote}\u201d"
        return fm, text_w, wrap_lines(fm, quote, text_w, MAX_QUOTE_LINES)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 320
        fm, _, lines = self._layout(option, index, width)
        small = QFontMetrics(font_scaled(option.font, 0.88))
        extra = small.height() + 2 if index.data(ROLE_WARNING) else 0
        return QSize(width, fm.lineSpacing() * len(lines) + small.height() + extra + 20)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        p.save()
        r = option.rect
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            p.fillRect(r, tinted(ACCENT, 34))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            p.fillRect(r, tinted(ACCENT, 12))
        p.fillRect(QRect(r.left(), r.top() + 6, 3, r.height() - 12), self.color)
        fm, text_w, lines = self._layout(option, index, r.width())
        p.setFont(option.font)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        qrect = QRect(r.left() + PAD + 4, r.top() + 8, text_w, fm.lineSpacing() * len(lines))
        for n, line in enumerate(lines):
            p.drawText(QRect(qrect.left(), qrect.top() + n * fm.lineSpacing(), text_w,
                             fm.lineSpacing()), int(Qt.AlignmentFlag.AlignLeft), line)
        small = font_scaled(option.font, 0.88)
        sfm = QFontMetrics(small)
        p.setFont(small)
        p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        y = qrect.bottom() + 4
        p.drawText(QRect(qrect.left(), y, text_w, sfm.height()), Qt.AlignmentFlag.AlignLeft,
                   sfm.elidedText(index.data(ROLE_META), Qt.TextElideMode.ElideMiddle, text_w))
        warning = index.data(ROLE_WARNING)
        if warning:
            status = index.data(ROLE_STATUS) or ""
            sy = y + sfm.height() + 2
            draw_status_glyph(p, QRectF(qrect.left(), sy + (sfm.height() - GLYPH) / 2,
                                        GLYPH, GLYPH), status)
            p.setPen(status_color(status))
            p.drawText(QRect(qrect.left() + GLYPH + 5, sy, text_w - GLYPH - 5, sfm.height()),
                       Qt.AlignmentFlag.AlignLeft,
                       sfm.elidedText(warning, Qt.TextElideMode.ElideRight, text_w - GLYPH - 5))
        p.setPen(QPen(tinted(pal.color(QPalette.ColorRole.Mid), 90), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.restore()


class EvidenceList(QListWidget):
    """Rows of evidence; Enter/click reveals one, Delete removes it (undoably)."""

    evidenceActivated = Signal(int)
    removeRequested = Signal(int)
    confirmRequested = Signal(int)  # accept a revision's new wording (or place)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("EvidenceList")
        self.setAccessibleName("Evidence of the selected item")
        self.delegate = EvidenceDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.itemClicked.connect(self._activate)
        self.itemActivated.connect(self._activate)
        self.remove_action = QAction(icon("remove"), "Remove evidence", self)
        self.remove_action.setShortcuts([QKeySequence(Qt.Key.Key_Delete),
                                         QKeySequence(Qt.Key.Key_Backspace)])
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self._remove_current)
        self.addAction(self.remove_action)

    def set_evidence(self, rows: list[tuple[Evidence, DocumentRecord | None]],
                     color) -> None:
        current = self.current_evidence_id()
        self.delegate.color = color
        self.clear()
        for ev, doc in rows:
            quote, meta, warning = describe(ev, doc)
            it = QListWidgetItem()
            it.setData(ROLE_EVIDENCE_ID, ev.id)
            it.setData(ROLE_QUOTE, quote)
            it.setData(ROLE_META, meta)
            it.setData(ROLE_WARNING, warning)
            it.setData(ROLE_KIND, ev.kind)
            it.setData(ROLE_STATUS, ev.status)
            it.setData(Qt.ItemDataRole.AccessibleTextRole,
                       f"{quote}. {meta}. {warning}".strip())
            why = explain(ev)
            it.setToolTip(plain_tip(f"{quote}\n\n{meta}" + (f"\n\n{why}" if why else "")))
            self.addItem(it)
            if ev.id == current:
                self.setCurrentItem(it)
        self.fit_height()

    def fit_height(self) -> None:
        """Show every row: the surrounding panel scrolls, not the list."""
        self.doItemsLayout()
        h = sum(self.sizeHintForRow(i) for i in range(self.count()))
        self.setFixedHeight(max(h, 0) + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def current_evidence_id(self) -> int | None:
        it = self.currentItem()
        return it.data(ROLE_EVIDENCE_ID) if it else None

    def select_evidence(self, evidence_id: int | None) -> None:
        for i in range(self.count()):
            if self.item(i).data(ROLE_EVIDENCE_ID) == evidence_id:
                self.setCurrentRow(i)
                return
        self.clearSelection()

    def _activate(self, it: QListWidgetItem) -> None:
        self.evidenceActivated.emit(it.data(ROLE_EVIDENCE_ID))

    def _remove_current(self) -> None:
        ev_id = self.current_evidence_id()
        if ev_id is not None:
            self.removeRequested.emit(ev_id)

    def contextMenuEvent(self, event) -> None:
        it = self.itemAt(event.pos())
        if it is None:
            return
        self.setCurrentItem(it)
        menu = QMenu(self)
        show = menu.addAction(icon("find"), "Show in document")
        accept = None
        if it.data(ROLE_STATUS) in (EvidenceStatus.CHANGED, EvidenceStatus.MOVED):
            accept = menu.addAction(icon("accept"), "Accept new wording"
                                    if it.data(ROLE_STATUS) == EvidenceStatus.CHANGED
                                    else "Accept new place")
            accept.setEnabled(self.remove_action.isEnabled())  # not in a read-only review
        menu.addAction(self.remove_action)
        chosen = menu.exec(event.globalPos())
        if chosen is show:
            self._activate(it)
        elif chosen is not None and chosen is accept:
            self.confirmRequested.emit(it.data(ROLE_EVIDENCE_ID))
