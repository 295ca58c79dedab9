"""Rotated pages and pages without text: geometry stays unrotated, areas are rectangles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from reviewer_app.ui.pdfview import Highlight
from tests.factories.pdfs import pdf_with_lines
from tests.factories.texts import text_of, word_box
from tests.ui.helpers import end_of, start_of

LINES = ["Alpha Bravo Charlie Delta", "Echo Foxtrot Golf Hotel"]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_selection_on_rotated_page(make_view, drag, rotation):
    data = pdf_with_lines([LINES], rotation=rotation)
    text = text_of(data)
    assert text.pages[0].rotation == rotation
    view = make_view(data, text)
    drag(view, view.page_point_to_view(0, *start_of(word_box(text, 0, "Bravo"))),
         view.page_point_to_view(0, *end_of(word_box(text, 0, "Golf"))))
    assert view.selected_text() == "Bravo Charlie Delta Echo Foxtrot Golf"


def test_rotated_page_is_laid_out_landscape(make_view):
    view = make_view(pdf_with_lines([LINES], rotation=90))
    r = view.page_rect_in_view(0)
    assert r.width() > r.height()
    # unrotated top-left corner of the page shows at the display top-right (90 deg clockwise)
    corner = view.page_point_to_view(0, 0, 0)
    assert abs(corner.x() - r.right()) <= 1 and abs(corner.y() - r.top()) <= 1


def _viewport_image(view, qtbot):
    qtbot.waitUntil(view.visible_rendered, timeout=20000)
    return view.viewport().grab().toImage()


def test_highlight_drawn_where_its_unrotated_quad_is(make_view, qtbot):
    data = pdf_with_lines([LINES], rotation=90)
    view = make_view(data, size=(1000, 800))
    view.fit_page()
    quad = (300.0, 400.0, 420.0, 440.0)  # blank area of the page, unrotated space
    hl = Highlight(7, "B.2", "Item B.2: chokeholds", QColor(220, 40, 40), ((0, quad),))
    view.set_highlights([hl])
    image = _viewport_image(view, qtbot)
    inside = view.page_point_to_view(0, 360, 420)
    # where the quad would be if rotation were ignored
    r = view.page_rect_in_view(0)
    k = view.layout_model.px_per_pt
    naive = QPoint(round(r.x() + 360 * k), round(r.y() + 420 * k))
    c_in, c_naive = QColor(image.pixel(inside)), QColor(image.pixel(naive))
    assert c_in.red() > 200 and c_in.green() < 200 and c_in.blue() < 200  # tinted red
    assert (c_naive.red(), c_naive.green(), c_naive.blue()) == (255, 255, 255)
    assert view.highlight_at(inside.toPointF()).evidence_id == 7


def test_page_without_text_gives_area_selection(make_view, drag, qtbot):
    data = pdf_with_lines([LINES, []])
    view = make_view(data)
    view.go_to_page(1)
    assert view.current_page() == 1
    assert view.notice_visible()
    with qtbot.waitSignal(view.areaSelected) as sig:
        drag(view, view.page_point_to_view(1, 100, 120), view.page_point_to_view(1, 300, 250))
    page, rect = sig.args
    assert page == 1
    assert rect == pytest.approx((100, 120, 300, 250), abs=1.0)
    assert view.area_selection()[0] == 1
    assert view.selection() is None


def test_area_on_rotated_scan_is_unrotated(make_view, drag, qtbot):
    data = pdf_with_lines([[]], rotation=90)
    view = make_view(data)
    with qtbot.waitSignal(view.areaSelected) as sig:
        drag(view, view.page_point_to_view(0, 50, 60), view.page_point_to_view(0, 250, 400))
    page, rect = sig.args
    assert page == 0
    assert rect == pytest.approx((50, 60, 250, 400), abs=1.0)


def test_notice_hidden_on_text_pages_and_area_mode_forces_rectangles(make_view, drag, qtbot):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    assert not view.notice_visible()
    view.area_mode = True
    with qtbot.waitSignal(view.areaSelected) as sig:
        drag(view, view.page_point_to_view(0, *start_of(word_box(text, 0, "Alpha"))),
             view.page_point_to_view(0, 400, 200))
    assert sig.args[0] == 0
    assert view.selected_text() == ""


def test_tiny_drag_on_scan_is_a_click(make_view, qtbot):
    view = make_view(pdf_with_lines([[]]))
    with qtbot.assertNotEmitted(view.areaSelected):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.page_point_to_view(0, 200, 200))
