"""Mouse and keyboard for PdfView: selecting text or areas, clicking highlights, scrolling.

A press on a page with text starts a character selection (double-click: words, triple:
lines; Shift extends); on a page without text, or in area mode, a drag marks a rectangle.
A press and release without movement is a click: it clears the selection and, over an
evidence highlight, emits ``highlightClicked``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolTip

from reviewer_app.ui.pdfview.selection import Unit

MIN_AREA_PT = 3.0  # smaller rectangles are clicks, not areas


class Interaction:
    def __init__(self, view):
        self.view = view
        self._mode: str | None = None  # "text" | "area" | None
        self._press_pos = QPointF()
        self._last_pos = QPointF()
        self._moved = False
        self._area_page = -1
        self._area_start = (0.0, 0.0)
        self._area_end = (0.0, 0.0)
        self._last_double = (0.0, QPointF())
        self._autoscroll = QTimer(view)
        self._autoscroll.setInterval(30)
        self._autoscroll.timeout.connect(self._autoscroll_step)

    # -- helpers --------------------------------------------------------------------------

    def _offset_at(self, pno: int, x: float, y: float) -> int | None:
        text = self.view.document_text()
        if text is None or not self.view.page_has_text(pno):
            return None
        local = text.pages[pno].offset_at(x, y)
        return None if local is None else text.page_starts[pno] + local

    def drag_area(self):
        """The rectangle being dragged, (page, unrotated rect), or None."""
        if self._mode != "area" or not self._moved:
            return None
        (x0, y0), (x1, y1) = self._area_start, self._area_end
        return self._area_page, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def _clamp_to_page(self, pno: int, x: float, y: float) -> tuple[float, float]:
        g = self.view.layout_model.pages[pno]
        return min(max(x, 0.0), g.width), min(max(y, 0.0), g.height)

    def _uses_area(self, pno: int) -> bool:
        if self.view.document_text() is None:  # still being read: nothing to select yet
            return self.view.area_mode
        return self.view.area_mode or not self.view.page_has_text(pno)

    # -- mouse ----------------------------------------------------------------------------

    def press(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view = self.view
        view.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        self._press_pos = self._last_pos = pos
        self._moved = False
        hit = view.view_to_page(pos)
        if hit is None:
            self._mode = None
            view.clear_selection()
            return
        pno, x, y = hit
        if self._uses_area(pno):
            self._mode = "area"
            self._area_page = pno
            self._area_start = self._area_end = self._clamp_to_page(pno, x, y)
            return
        offset = self._offset_at(pno, x, y)
        if offset is None:
            self._mode = None
            return
        self._mode = "text"
        had = view.selection() is not None or view.area_selection() is not None
        t, p = self._last_double
        triple = (time.monotonic() - t) * 1000 < QApplication.doubleClickInterval() and (
            (pos - p).manhattanLength() < QApplication.startDragDistance())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and view.selection():
            view._sel.extend(offset)
            self._moved = True  # extending is a selection, not a click
        else:
            view._area = None
            view._sel.begin(offset, Unit.LINE if triple else Unit.CHAR)
        if triple:
            self._moved = True  # a triple click is a selection, not a click
        view.viewport().update()
        if had or view.selection() is not None:
            view.selectionChanged.emit()

    def double_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.view.view_to_page(event.position())
        if hit is None or self._uses_area(hit[0]):
            return
        offset = self._offset_at(*hit)
        if offset is None:
            return
        self._mode = "text"
        self._moved = True
        self._last_double = (time.monotonic(), event.position())
        self.view._sel.begin(offset, Unit.WORD)
        self.view.viewport().update()
        self.view.selectionChanged.emit()

    def move(self, event) -> None:
        pos = event.position()
        if self._mode is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._hover(pos)
            return
        if not self._moved and (pos - self._press_pos).manhattanLength() < (
                QApplication.startDragDistance()):
            return
        self._moved = True
        self._last_pos = pos
        self._drag_to(pos)
        h = self.view.viewport().height()
        if pos.y() < 0 or pos.y() > h:
            if not self._autoscroll.isActive():
                self._autoscroll.start()
        else:
            self._autoscroll.stop()

    def _drag_to(self, pos: QPointF) -> None:
        view = self.view
        if self._mode == "area":
            doc = view.view_to_doc(pos)
            x, y = view.layout_model.from_doc(self._area_page, doc)
            self._area_end = self._clamp_to_page(self._area_page, x, y)
            view.viewport().update()
            return
        hit = view.view_to_page(pos, nearest=True)
        if hit is None:
            return
        offset = self._offset_at(*hit)
        if offset is None or offset == view._sel.head:
            return
        view._sel.extend(offset)
        view.viewport().update()
        view.selectionChanged.emit()

    def _autoscroll_step(self) -> None:
        if self._mode is None:
            self._autoscroll.stop()
            return
        y, h = self._last_pos.y(), self.view.viewport().height()
        dist = y if y < 0 else y - h if y > h else 0
        if not dist:
            self._autoscroll.stop()
            return
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + int(max(min(dist, 200), -200) / 2) or (1 if dist > 0 else -1))
        self._drag_to(self._last_pos)

    def release(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._autoscroll.stop()
        view, mode, moved = self.view, self._mode, self._moved
        self._mode = None
        if mode == "area" and moved:
            area = self._finish_area()
            if area is not None:
                view._set_area(*area)
                return
        if moved:
            return
        # a click: clears any selection, and picks the highlight under it
        view.clear_selection()
        hl = view.highlight_at(event.position())
        if hl is not None:
            view.highlightClicked.emit(hl.evidence_id)

    def _finish_area(self):
        (x0, y0), (x1, y1) = self._area_start, self._area_end
        rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        if rect[2] - rect[0] < MIN_AREA_PT or rect[3] - rect[1] < MIN_AREA_PT:
            self.view.viewport().update()
            return None
        return self._area_page, rect

    def _hover(self, pos: QPointF) -> None:
        view = self.view
        hit = view.view_to_page(pos)
        if hit is None:
            view.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        elif self._uses_area(hit[0]):
            view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        elif view.highlight_at(pos) is not None:
            view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            view.viewport().setCursor(Qt.CursorShape.IBeamCursor)

    def tooltip(self, event) -> bool:
        hl = self.view.highlight_at(QPointF(event.pos()))
        if hl is not None and hl.tooltip:
            QToolTip.showText(event.globalPos(), hl.tooltip, self.view.viewport())
        else:
            QToolTip.hideText()
            event.ignore()
        return True

    # -- wheel and keys -------------------------------------------------------------------

    def wheel(self, event) -> bool:
        """Ctrl+wheel zooms around the cursor; returns True when handled."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.view.set_zoom(self.view.zoom() * pow(1.0015, delta), event.position())
        event.accept()
        return True

    def key(self, event) -> bool:
        """Reading keys; returns True when handled."""
        view = self.view
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        v, h = view.verticalScrollBar(), view.horizontalScrollBar()
        if event.matches(QKeySequence.StandardKey.Copy):
            view.copy_selection()
        elif ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            view.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            view.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            view.fit_width()
        elif key == Qt.Key.Key_Down:
            v.setValue(v.value() + v.singleStep())
        elif key == Qt.Key.Key_Up:
            v.setValue(v.value() - v.singleStep())
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if h.maximum() > 0:
                h.setValue(h.value() + step * h.singleStep())
            else:
                view.go_to_page(view.current_page() + step)
        elif key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Space and not (
                mods & Qt.KeyboardModifier.ShiftModifier)):
            v.setValue(v.value() + v.pageStep())
        elif key == Qt.Key.Key_PageUp or key == Qt.Key.Key_Space:
            v.setValue(v.value() - v.pageStep())
        elif key == Qt.Key.Key_Home:
            v.setValue(0)
        elif key == Qt.Key.Key_End:
            v.setValue(v.maximum())
        elif key == Qt.Key.Key_Escape and (view.selection() or view.area_selection()):
            view.clear_selection()
        else:
            return False
        return True

    def overrides_shortcut(self, event) -> bool:
        """Keys the view must get even when a window action has the same shortcut."""
        view = self.view
        if event.matches(QKeySequence.StandardKey.Copy):
            return bool(view.selected_text())
        return event.key() == Qt.Key.Key_Escape and bool(
            view.selection() or view.area_selection())
