"""Evidence highlights (click, tooltip, active) and find in document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reviewer_app.core.text.anchoring import anchor_span
from reviewer_app.ui.pdfview import Highlight
from tests.factories.pdfs import pdf_with_lines
from tests.factories.texts import text_of

PAGES = [["The officer shall use force only when necessary.", "Force must be reasonable."],
         ["Chokeholds are prohibited.", "Deadly force is a last resort."],
         ["Report every use of force to a supervisor."]]


def _highlight(text, phrase, eid, label, color="#2e9e57"):
    start = text.text.index(phrase)
    anchor = anchor_span(text, start, start + len(phrase))
    return Highlight(eid, label, f"Item {label}", QColor(color), anchor.quads)


def test_click_on_highlight_emits_its_id(make_view, qtbot):
    data = pdf_with_lines(PAGES)
    text = text_of(data)
    view = make_view(data, text)
    view.set_highlights([_highlight(text, "use force only", 11, "A.1"),
                         _highlight(text, "Force must be", 12, "A.2", "#d9822b")])
    (pno, (x0, y0, x1, y1)), = _highlight(text, "Force must be", 12, "A.2").quads
    with qtbot.waitSignal(view.highlightClicked) as sig:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.page_point_to_view(pno, (x0 + x1) / 2, (y0 + y1) / 2))
    assert sig.args == [12]
    with qtbot.assertNotEmitted(view.highlightClicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.page_point_to_view(0, 300, 500))


def test_highlight_hit_testing_and_active(make_view):
    data = pdf_with_lines(PAGES)
    text = text_of(data)
    view = make_view(data, text)
    hl = _highlight(text, "Chokeholds are prohibited", 5, "C.1")
    view.set_highlights([hl])
    view.set_active_highlight(5)
    assert view.active_highlight() == 5
    (pno, (x0, y0, x1, y1)), = hl.quads
    assert pno == 1
    view.go_to_page(1)
    assert view.highlight_at(view.page_point_to_view(1, (x0 + x1) / 2, y0 + 2).toPointF()) == hl
    assert view.highlight_at(view.page_point_to_view(1, x1 + 30, y1 + 30).toPointF()) is None


def test_find_counts_hits_and_steps(make_view, qtbot):
    data = pdf_with_lines(PAGES)
    text = text_of(data)
    view = make_view(data, text, size=(700, 500))
    with qtbot.waitSignal(view.findChanged) as sig:
        count = view.find("FORCE")
    assert count == text.text.lower().count("force") == 4
    assert sig.args == [0, 4]
    hits = view.find_hits()
    assert [text.text[s:e].lower() for s, e in hits] == ["force"] * 4
    assert view.find_next() == 1
    assert view.find_next() == 2
    assert view.current_page() == 1  # the third hit is on page 2, scrolled into view
    assert view.find_previous() == 1
    assert view.find_previous() == 0
    assert view.find_previous() == 3  # wraps
    assert view.current_page() == 2


def test_find_is_whitespace_tolerant_and_clears(make_view):
    data = pdf_with_lines(PAGES)
    view = make_view(data)
    assert view.find("deadly   force\nis") == 1
    assert view.find("no such phrase") == 0
    assert view.find_index() == -1
    view.find("force")
    view.clear_find()
    assert view.find_hits() == []


def test_find_hits_are_painted_over_their_words(make_view, qtbot):
    data = pdf_with_lines(PAGES)
    text = text_of(data)
    view = make_view(data, text)
    assert view.find("Deadly force") == 1
    qtbot.waitUntil(view.visible_rendered, timeout=20000)
    image = view.viewport().grab().toImage()
    (pno, (x0, y0, x1, y1)), = text.rects_for_range(*view.find_hits()[0])
    hit = QColor(image.pixel(view.page_point_to_view(pno, x0 + 1, y0 + 1)))
    assert hit.red() > 200 and hit.blue() < 120  # orange: the current hit, over white paper
    outside = QColor(image.pixel(view.page_point_to_view(pno, x1 + 40, y1 + 40)))
    assert outside.name() == "#ffffff"
