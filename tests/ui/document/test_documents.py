"""Rotated pages, pages without text (area evidence), several documents, adding and dropping."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reviewer_app.ui.item.evidence_list import ROLE_QUOTE
from tests.factories.reviews import review_file
from tests.ui.helpers import activate, drag, press, select_quote

QUOTE = "Officers shall use only that amount of force that reasonably appears necessary."


def test_link_on_a_rotated_page(qtbot, make_window, tmp_path, pdf_factory):
    from tests.factories.pdfs import SAMPLE_PAGES

    path = review_file(tmp_path / "rot.review",
                      [("rotated.pdf", pdf_factory(SAMPLE_PAGES, rotation=90))])
    win = make_window()
    win.open_review(path)
    activate(qtbot, win)
    win.checklist.select_item("legal_compliance")
    span = select_quote(qtbot, win, QUOTE)
    assert win.view.selection() == span
    press(win.view, "Ctrl+L")
    (ev,) = win.session.evidence_for_item("legal_compliance")
    text = win.session.store.document_text(ev.doc_id)
    assert ev.exact == QUOTE and text.pages[0].rotation == 90
    # geometry is stored unrotated: the same boxes the text map gives for the span
    assert [q for q in ev.quads] == [(p, tuple(r)) for p, r in text.rects_for_range(*span)]
    assert [h.evidence_id for h in win.view.highlights()] == [ev.id]


def test_area_evidence_on_a_page_without_text(qtbot, make_window, tmp_path, pdf_factory):
    data = pdf_factory(["", "Page two has text about de-escalation."])
    path = review_file(tmp_path / "scan.review", [("scan.pdf", data)])
    win = make_window()
    win.open_review(path)
    activate(qtbot, win)
    win.checklist.select_item("deescalation")
    win.view.go_to_page(0)
    qtbot.waitUntil(lambda: win.view.notice_visible(), timeout=2000)
    a = win.view.page_point_to_view(0, 100, 120)
    b = win.view.page_point_to_view(0, 320, 260)
    drag(qtbot, win.view.viewport(), a, b)
    area = win.view.area_selection()
    assert area is not None and area[0] == 0
    press(win.view, "Ctrl+L")
    (ev,) = win.session.evidence_for_item("deescalation")
    assert ev.kind == "area" and ev.page == 0 and ev.exact == ""
    (page, rect), = ev.quads
    assert page == 0
    assert abs(rect[0] - 100) < 2 and abs(rect[1] - 120) < 2
    assert abs(rect[2] - 320) < 2 and abs(rect[3] - 260) < 2
    row = win.item_panel.evidence.item(0)
    assert "Marked area on page 1" in row.data(ROLE_QUOTE)
    assert [h.evidence_id for h in win.view.highlights()] == [ev.id]
    win.actions.undo.trigger()
    assert win.session.evidence_for_item("deescalation") == []


def test_documents_switch_and_evidence_jumps_across_them(qtbot, make_window, tmp_path,
                                                         pdf_factory, sample_pdf):
    other = pdf_factory(["EARLY INTERVENTION\nThe Department maintains an early intervention "
                         "system that tracks complaints and uses of force."])
    path = review_file(tmp_path / "two.review", [("policy.pdf", sample_pdf),
                                                ("eis.pdf", other)])
    win = make_window()
    win.open_review(path)
    activate(qtbot, win)
    ids = win.area.document_ids()
    assert len(ids) == 2 and win.area.doc_id == ids[0]
    win.checklist.select_item("early_intervention")
    press(win.view, "Ctrl+Tab")
    assert win.area.doc_id == ids[1]
    select_quote(qtbot, win, "maintains an early intervention system")
    press(win.view, "Ctrl+L")
    (ev,) = win.session.evidence_for_item("early_intervention")
    assert ev.doc_id == ids[1]
    win.area.show_document(ids[0])
    assert win.view.highlights() == []  # highlights are per document
    win.controller.reveal_evidence(ev.id)
    assert win.area.doc_id == ids[1] and win.area.tabs.currentIndex() == 1
    assert win.view.active_highlight() == ev.id


def test_add_and_drop_documents(qtbot, make_window, tmp_path, pdf_factory, sample_pdf):
    empty = review_file(tmp_path / "empty.review", [])
    win = make_window()
    win.open_review(empty)
    assert win.area.stack.currentWidget() is win.area.empty  # "No policy documents yet"
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    assert win.add_documents([pdf]) == 1
    assert [d.filename for d in win.session.documents()] == ["policy.pdf"]
    assert win.area.stack.currentWidget() is win.view and win.view.page_count() == 2
    assert win.actions.undo.text().startswith("&Undo Add document")

    # the same PDF again is refused with a message, nothing changes
    assert win.add_documents([pdf]) == 0
    assert len(win.session.documents()) == 1

    # dropping a PDF adds it; dropping a .review opens it
    second = tmp_path / "second.pdf"
    second.write_bytes(pdf_factory(["A second order about recruitment and hiring."]))
    _drop(win, [second])
    qtbot.waitUntil(lambda: len(win.session.documents()) == 2, timeout=3000)
    other = review_file(tmp_path / "other.review", [])
    _drop(win, [other])
    qtbot.waitUntil(lambda: win.session.path == other, timeout=3000)


def test_bad_files_give_a_message_not_a_traceback(qtbot, make_window, tmp_path, capsys):
    win = make_window()
    bad = tmp_path / "notes.review"
    bad.write_text("not a database")
    assert not win.open_review(bad)
    assert "not a review file" in capsys.readouterr().err
    assert win.session is None
    win.open_review(review_file(tmp_path / "ok.review", []))
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"hello")
    assert win.add_documents([junk]) == 0
    assert "not a PDF" in capsys.readouterr().err


def _drop(win, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(QPoint(200, 200)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)
