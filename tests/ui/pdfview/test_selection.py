"""Selecting text with the mouse: whole words, lines, page breaks, words, copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.factories.pdfs import pdf_with_lines
from tests.factories.texts import text_of, word_box
from tests.ui.helpers import end_of, start_of

LINES = ["Alpha Bravo Charlie Delta", "Echo Foxtrot Golf Hotel", "India Juliet Kilo Lima"]


def _pt(view, pno, point):
    return view.page_point_to_view(pno, *point)


def test_drag_selects_exact_words(make_view, drag):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    a, b = word_box(text, 0, "Bravo"), word_box(text, 0, "Charlie")
    drag(view, _pt(view, 0, start_of(a)), _pt(view, 0, end_of(b)))
    assert view.selected_text() == "Bravo Charlie"
    start, end = view.selection()
    assert text.text[start:end] == "Bravo Charlie"


def test_drag_from_inside_a_word_snaps_to_whole_words(make_view, drag):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    x0, y0, x1, y1 = word_box(text, 0, "Charlie")
    # from the middle of "Charlie" backwards to the start of "Bravo": whole words, never
    # "Bravo Char" (issue 16: a quote stored as "ees. It is the")
    third = x0 + (x1 - x0) * 4 / 7
    drag(view, _pt(view, 0, (third, (y0 + y1) / 2)),
         _pt(view, 0, start_of(word_box(text, 0, "Bravo"))))
    assert view.selected_text() == "Bravo Charlie"


def test_selection_follows_text_flow_across_lines(make_view, drag):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    drag(view, _pt(view, 0, start_of(word_box(text, 0, "Charlie"))),
         _pt(view, 0, end_of(word_box(text, 0, "Foxtrot"))))
    assert view.selected_text() == "Charlie Delta Echo Foxtrot"


def test_selection_across_a_page_break(make_view, drag):
    data = pdf_with_lines([LINES, ["Omega Sigma Tau", "Upsilon Phi"]])
    text = text_of(data)
    view = make_view(data, text)
    view.set_zoom(0.3)  # both pages in view
    # from "Kilo" near the end of page 1 to the end of "Sigma" at the top of page 2
    drag(view, _pt(view, 0, start_of(word_box(text, 0, "Kilo"))),
         _pt(view, 1, end_of(word_box(text, 1, "Sigma"))), steps=8)
    assert view.selected_text() == "Kilo Lima\nOmega Sigma"


def test_double_click_selects_a_word_and_copy(make_view, qtbot):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    x0, y0, x1, y1 = word_box(text, 0, "Foxtrot")
    pos = _pt(view, 0, ((x0 + x1) / 2, (y0 + y1) / 2))
    with qtbot.waitSignal(view.selectionChanged):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.selected_text() == "Foxtrot"
    QGuiApplication.clipboard().clear()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Foxtrot"


def test_triple_click_selects_the_line(make_view, qtbot):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    x0, y0, x1, y1 = word_box(text, 0, "Golf")
    pos = _pt(view, 0, ((x0 + x1) / 2, (y0 + y1) / 2))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.selected_text() == "Echo Foxtrot Golf Hotel"


def test_click_clears_and_select_range_api(make_view, qtbot):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    start = text.text.index("Echo")
    view.select_range(start, start + len("Echo Foxtrot"))
    assert view.selected_text() == "Echo Foxtrot"
    with qtbot.waitSignal(view.selectionChanged):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=_pt(view, 0, (300, 600)))
    assert view.selection() is None and view.selected_text() == ""


def test_shift_click_extends(make_view, qtbot, drag):
    data = pdf_with_lines([LINES])
    text = text_of(data)
    view = make_view(data, text)
    drag(view, _pt(view, 0, start_of(word_box(text, 0, "Alpha"))),
         _pt(view, 0, end_of(word_box(text, 0, "Alpha"))))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier,
                     pos=_pt(view, 0, end_of(word_box(text, 0, "Echo"))))
    assert view.selected_text() == "Alpha Bravo Charlie Delta Echo"
