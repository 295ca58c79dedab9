"""PageNavigator, OutlinePanel and FindBar driving a PdfView."""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt

from reviewer_app.ui.pdfview import FindBar, OutlinePanel, PageNavigator
from reviewer_app.ui.pdfview.navigator import resolve_page
from tests.factories.pdfs import pdf_with_lines

LABELS = ["i", "ii", "iii", "1", "2", "3"]


def _doc():
    return pdf_with_lines([[f"Page {i} about force"] for i in range(6)],
                          toc=[[1, "Front matter", 1], [1, "Policy", 4], [2, "Use of force", 5]])


def test_resolve_page_prefers_labels():
    assert resolve_page("iii", LABELS) == 2
    assert resolve_page("II", LABELS) == 1
    assert resolve_page("2", LABELS) == 4  # the label "2", not the second page
    assert resolve_page("6", LABELS) == 5
    assert resolve_page("x", LABELS) is None and resolve_page("", LABELS) is None


def test_navigator_shows_labels_and_jumps(make_view, qtbot):
    view = make_view(_doc(), labels=LABELS)
    nav = PageNavigator(view)
    qtbot.addWidget(nav)
    assert nav.text() == "i (1 / 6)"
    view.go_to_page(3)
    assert nav.text() == "1 (4 / 6)"
    nav.page_box.setText("iii")
    qtbot.keyClick(nav.page_box, Qt.Key.Key_Return)
    assert view.current_page() == 2
    qtbot.mouseClick(nav.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 3
    nav.page_box.setText("zz")
    qtbot.keyClick(nav.page_box, Qt.Key.Key_Return)
    assert view.current_page() == 3 and "zz" in nav.page_box.toolTip()


def test_navigator_plain_numbers(make_view, qtbot):
    view = make_view(pdf_with_lines([["a"]] * 3))
    nav = PageNavigator(view)
    qtbot.addWidget(nav)
    assert nav.text() == "1 of 3"


def test_outline_panel_lists_entries_and_navigates(make_view, qtbot):
    view = make_view(_doc(), labels=LABELS)
    panel = OutlinePanel(view)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.entry_count() == 3, timeout=20000)
    top = panel.tree.topLevelItem(1)
    assert top.text(0) == "Policy" and top.text(1) == "1"
    child = top.child(0)
    assert child.text(0) == "Use of force"
    panel.tree.itemActivated.emit(child, 0)
    assert view.current_page() == 4
    assert panel.tree.currentItem() is child


def test_outline_panel_without_outline(make_view, qtbot):
    view = make_view(pdf_with_lines([["a"]]))
    panel = OutlinePanel(view)
    qtbot.addWidget(panel)
    qtbot.waitUntil(view.outline_known, timeout=20000)
    assert panel.entry_count() == 0 and not panel.empty.isHidden()
    assert panel.empty.text() == "This document has no outline."


def test_find_bar(make_view, qtbot):
    view = make_view(_doc())
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.open()
    qtbot.keyClicks(bar.query, "FORCE")
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 6"  # 6 pages mention force
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 6" and view.find_index() == 1
    qtbot.mouseClick(bar.prev_button, Qt.MouseButton.LeftButton)
    assert view.find_index() == 0
    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)
    assert bar.isHidden() and view.find_hits() == []


def test_find_bar_no_matches(make_view, qtbot):
    view = make_view(_doc())
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.open("zebra")
    assert bar.count.text() == "No matches"


def test_page_labels_from_pdf_when_not_given(make_view, qtbot):
    doc = pymupdf.open(stream=pdf_with_lines([["a"], ["b"]]), filetype="pdf")
    doc.set_page_labels([{"startpage": 0, "prefix": "A-", "style": "D", "firstpagenum": 1}])
    view = make_view(doc.tobytes())
    qtbot.waitUntil(lambda: view.page_label(1) == "A-2", timeout=20000)


def test_thumbnails_render_lazily_and_navigate(make_view, qtbot):
    view = make_view(pdf_with_lines([[f"Page {i}"] for i in range(30)]))
    panel = OutlinePanel(view)
    qtbot.addWidget(panel)
    panel.resize(220, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.tabs.currentWidget() is panel.thumbnails, timeout=20000)
    thumbs = panel.thumbnails
    model = thumbs.thumb_model
    assert model.rowCount() == 30
    dpr = thumbs.viewport().devicePixelRatioF()
    qtbot.waitUntil(lambda: model.image(0, dpr) is not None, timeout=20000)
    rows = thumbs.visible_rows()
    assert 0 in rows and 29 not in rows  # only what is scrolled to (plus a margin)
    assert model.image(29, dpr) is None
    thumbs.clicked.emit(model.index(12))
    assert view.current_page() == 12
    view.go_to_page(20)
    assert thumbs.currentIndex().row() == 20
    qtbot.waitUntil(lambda: model.image(20, dpr) is not None, timeout=20000)
    assert abs(model.image(20, dpr).width() - model.key(20, dpr).scale * 612) <= 1


def test_outline_panel_opens_on_outline_when_there_is_one(make_view, qtbot):
    view = make_view(_doc(), labels=LABELS)
    panel = OutlinePanel(view)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.entry_count() == 3, timeout=20000)
    assert panel.tabs.currentIndex() == 0
