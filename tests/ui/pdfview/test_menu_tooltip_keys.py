"""Right-click menu, highlight tooltips, auto-scroll while dragging, page keys, live find."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from reviewer_app.ui.pdfview import FindBar, Highlight
from tests.factories.pdfs import pdf_with_lines
from tests.factories.texts import text_of, word_box
from tests.ui.helpers import start_of


def _pages(n):
    return [[f"Page {i + 1} line {j} words here" for j in range(30)] for i in range(n)]


def test_context_menu_has_copy_then_window_actions(make_view):
    data = pdf_with_lines(_pages(1))
    view = make_view(data)
    link = QAction("Link selection to item")
    view.set_context_actions([link])
    menu = view.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Copy" and texts[-1] == "Link selection to item"
    assert not menu.actions()[0].isEnabled()  # nothing selected
    text = view.document_text()
    view.select_range(0, 4)
    assert view.context_menu().actions()[0].isEnabled()
    QApplication.clipboard().clear()
    view.context_menu().actions()[0].trigger()
    assert QApplication.clipboard().text() == text.text[:4]


def test_tooltip_over_a_highlight(make_view):
    data = pdf_with_lines(_pages(1))
    view = make_view(data)
    quad = (72.0, 200.0, 300.0, 214.0)
    view.set_highlights([Highlight(3, "D.4", "D.4 Duty to intervene", QColor("#3366cc"),
                                   ((0, quad),))])
    pos = view.page_point_to_view(0, 150, 207)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == "D.4 Duty to intervene"
    away = view.page_point_to_view(0, 150, 500)
    event = QHelpEvent(QEvent.Type.ToolTip, away, view.viewport().mapToGlobal(away))
    QApplication.sendEvent(view.viewport(), event)
    assert not event.isAccepted()  # nothing to show there


def test_dragging_below_the_view_scrolls_and_extends(make_view, qtbot):
    data = pdf_with_lines(_pages(3))
    text = text_of(data)
    view = make_view(data, text, size=(700, 400))
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton,
                     pos=view.page_point_to_view(0, *start_of(word_box(text, 0, "Page"))))
    below = QPoint(200, vp.height() + 60)
    qtbot.mouseMove(vp, pos=QPoint(200, 200))
    qtbot.mouseMove(vp, pos=below)
    before_scroll, before_len = view.verticalScrollBar().value(), len(view.selected_text())
    for _ in range(5):  # what the auto-scroll timer does each tick
        view.interaction._autoscroll_step()
    assert view.verticalScrollBar().value() > before_scroll
    assert len(view.selected_text()) > before_len
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=below)
    assert view.selected_text().startswith("Page 1 line 0")


def test_left_right_keys_turn_pages_when_nothing_to_scroll_sideways(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(4)))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_page() == 1
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_page() == 1


def test_escape_clears_selection(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(1)))
    view.select_range(0, 6)
    view.setFocus()
    with qtbot.waitSignal(view.selectionChanged):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selection() is None


def test_find_bar_searches_as_you_type_from_three_letters(make_view, qtbot):
    view = make_view(pdf_with_lines(_pages(2)))
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.open()
    qtbot.keyClicks(bar.query, "li")
    assert not bar._timer.isActive() and view.find_hits() == []
    qtbot.keyClicks(bar.query, "ne 29")
    with qtbot.waitSignal(view.findChanged, timeout=5000):
        pass
    assert len(view.find_hits()) == 2 and bar.count.text() == "1 of 2"


def test_view_to_page_outside_pages(make_view):
    view = make_view(pdf_with_lines(_pages(2)))
    assert view.view_to_page(QPointF(2, 2)) is None
    assert view.view_to_page(QPointF(2, 2), nearest=True)[0] == 0
