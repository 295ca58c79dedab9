"""Zoom (steps, fit, Ctrl+wheel around the cursor, keys) and page navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from reviewer_app.ui.pdfview.layout import MARGIN
from tests.factories.pdfs import pdf_with_lines


def _pages(n):
    return [[f"Page {i + 1} line {j}" for j in range(30)] for i in range(n)]


def test_fit_width_and_fit_page(make_view):
    view = make_view(pdf_with_lines(_pages(3)), size=(900, 700))
    view.fit_width()
    assert view.fit_mode() == "width"
    assert view.page_rect_in_view(0).width() == pytest.approx(
        view.viewport().width() - 2 * MARGIN, abs=1)
    view.fit_page()
    r = view.page_rect_in_view(view.current_page())
    assert r.height() <= view.viewport().height()
    assert r.top() >= 0 and r.bottom() <= view.viewport().height()


def test_fit_width_follows_resizes(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(2)), size=(900, 700))
    view.fit_width()
    view.resize(600, 700)
    qtbot.waitUntil(lambda: abs(view.page_rect_in_view(0).width()
                                - (view.viewport().width() - 2 * MARGIN)) <= 1)


def test_zoom_steps_and_signal(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(2)))
    view.set_zoom(1.0)
    with qtbot.waitSignal(view.zoomChanged) as sig:
        view.zoom_in()
    assert sig.args[0] == pytest.approx(1.1)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(0.9)
    assert view.fit_mode() is None


def _wheel(view, pos: QPoint, delta: int, mods=Qt.KeyboardModifier.ControlModifier):
    event = QWheelEvent(QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton, mods,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_wheel_zooms_around_the_cursor(make_view):
    view = make_view(pdf_with_lines(_pages(5)), size=(800, 700))
    view.set_zoom(1.0)
    view.go_to_page(1)
    pos = QPoint(250, 300)
    before = view.view_to_page(QPointF(pos))
    _wheel(view, pos, 240)
    assert view.zoom() > 1.3
    after = view.view_to_page(QPointF(pos))
    assert after[0] == before[0]
    assert after[1] == pytest.approx(before[1], abs=1.5)
    assert after[2] == pytest.approx(before[2], abs=1.5)
    _wheel(view, pos, -240)
    assert view.zoom() == pytest.approx(1.0, abs=0.02)


def test_plain_wheel_scrolls(make_view):
    view = make_view(pdf_with_lines(_pages(5)))
    _wheel(view, QPoint(100, 100), -120, Qt.KeyboardModifier.NoModifier)
    assert view.verticalScrollBar().value() > 0
    assert view.fit_mode() == "width"


def test_keyboard_zoom_and_scroll(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(5)))
    view.setFocus()
    view.set_zoom(1.0)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.1)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.fit_mode() == "width"
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert bar.value() == bar.pageStep() + bar.singleStep()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    assert view.current_page() == 4
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0 and view.current_page() == 0
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert bar.value() == bar.pageStep()


def test_go_to_page_emits_and_reveal(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(6)))
    with qtbot.waitSignal(view.currentPageChanged) as sig:
        view.go_to_page(3)
    assert sig.args == [3] and view.current_page() == 3
    assert view.page_rect_in_view(3).top() == pytest.approx(6, abs=2)
    text = view.document_text()
    start = text.text.index("Page 6 line 20")
    view.reveal_range(start, start + 14)
    assert view.current_page() == 5
    y = view.page_point_to_view(5, 80, 100 + 20 * 20).y()
    assert 0 < y < view.viewport().height()
    view.reveal_rect(1, (72, 700, 200, 720))
    y = view.page_point_to_view(1, 72, 710).y()
    assert 0 < y < view.viewport().height()


def test_accessible_and_focusable(make_view):
    view = make_view(pdf_with_lines(_pages(1)))
    assert view.accessibleName()
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
