"""Per-document actions in the window: rename from the tab's menu (undoable), passwords
when adding, notes on odd PDFs in a bar, OCR for scanned pages (or how to get it)."""

from __future__ import annotations

import pytest

from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.ui.document import tools as document_tools
from tests.factories.pdfs import PASSWORD, SCAN_TEXT, encrypted, partly_scanned_pdf


def tab_action(win, text: str, index: int = 0):
    menu = document_tools.tab_menu(win, win.area.tabs.tabRect(index).center())
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_rename_a_document_from_its_tab_and_undo(make_window, linked_review, answers):
    win = make_window()
    win.open_review(linked_review)
    doc_id = win.area.doc_id
    old = win.session.document(doc_id).title
    answers.texts.append(("  Use of Force   Policy 300 ", True))
    tab_action(win, "Rename\u2026").trigger()
    assert answers.prompts == ["Title shown on the tab and in the packet:"]
    assert win.area.tabs.tabText(0) == "Use of Force Policy 300"
    assert win.session.store.document(doc_id).title == "Use of Force Policy 300"
    win.checklist.select_item("chokehold")
    assert "Use of Force Policy 300" in win.item_panel.evidence.item(0).toolTip()
    assert win.actions.undo.text() == "&Undo Rename document to Use of Force Policy 300"
    win.actions.undo.trigger()
    assert win.area.tabs.tabText(0) == old and win.area.doc_id == doc_id
    assert win.session.store.document(doc_id).title == old
    stack = win.session.undo_stack
    answers.texts.append(("   ", True))  # an empty title is refused, nothing changes
    tab_action(win, "Rename\u2026").trigger()
    assert win.area.tabs.tabText(0) == old and stack.canRedo() and stack.index() == 0


def test_adding_an_encrypted_pdf_asks_until_the_password_is_right(
        make_window, linked_review, answers, tmp_path, sample_pdf):
    win = make_window()
    win.open_review(linked_review)
    pdf = tmp_path / "locked.pdf"
    pdf.write_bytes(encrypted(sample_pdf.replace(b"Generated Policy", b"Locked  Policy")))
    answers.texts += [("wrong", True), (PASSWORD, True)]
    assert win.add_documents([pdf]) == 1
    assert "password-protected" in answers.prompts[0] and "was wrong" in answers.prompts[1]
    doc = win.session.documents()[-1]
    stored = win.session.store.document_data(doc.id)
    assert inspect_pdf(stored, "stored.pdf").page_count == 2  # decrypted: no password needed
    assert PASSWORD.encode() not in linked_review.read_bytes()
    notes = win.robust.notice.message()
    assert "stored decrypted and the password is not kept" in notes


def test_cancelling_the_password_adds_nothing(make_window, linked_review, answers, tmp_path,
                                              sample_pdf, capsys):
    win = make_window()
    win.open_review(linked_review)
    pdf = tmp_path / "locked.pdf"
    pdf.write_bytes(encrypted(sample_pdf))
    answers.texts.append(("", False))
    assert win.add_documents([pdf]) == 0
    assert len(win.session.documents()) == 1 and not win.robust.notice.isVisible()
    assert capsys.readouterr().err == ""  # a cancel is not an error


def test_notes_on_a_scanned_pdf_and_reading_it_with_ocr(make_window, linked_review, answers,
                                                        tmp_path, monkeypatch):
    monkeypatch.setattr(document_tools, "ocr_status",
                        lambda: (False, "To search such pages, install Tesseract OCR."))
    win = make_window()
    win.open_review(linked_review)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(partly_scanned_pdf())
    assert win.add_documents([pdf]) == 1
    bar = win.robust.notice
    assert "Page 1 has no text layer (scanned?)" in bar.message()
    assert bar.buttons == []  # no OCR offered without Tesseract
    act = win.actions.ocr_document
    assert not act.isEnabled() and "install Tesseract" in act.toolTip()
    bar.close_button.click()
    assert not bar.isVisible()


@pytest.mark.ocr
def test_ocr_from_the_notes_bar_gives_the_page_text_and_undo_takes_it_back(
        make_window, linked_review, tmp_path):
    win = make_window()
    win.open_review(linked_review)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(partly_scanned_pdf())
    win.add_documents([pdf])
    doc_id = win.area.doc_id
    assert win.actions.ocr_document.isEnabled()
    (read,) = win.robust.notice.buttons
    assert read.text() == "Read with OCR\u2026"
    read.click()
    text = win.view.document_text()
    assert "excessive force" in text.pages[0].text  # the view has the new text at once
    assert text is win.session.store.document_text(doc_id)
    assert not win.actions.ocr_document.isEnabled()  # nothing left to read
    assert "install" not in win.actions.ocr_document.toolTip()
    win.actions.undo.trigger()
    assert not win.view.document_text().pages[0].has_text
    assert win.actions.ocr_document.isEnabled()
    assert SCAN_TEXT not in win.session.store.document_text(doc_id).text


def test_the_tab_menu_says_why_ocr_is_not_offered(make_window, linked_review):
    win = make_window()
    win.open_review(linked_review)
    ocr = tab_action(win, "Read scanned pages with OCR\u2026")
    assert not ocr.isEnabled() and "Every page of this document has a text layer" in \
        ocr.toolTip()
    assert tab_action(win, "Replace with revision\u2026").isEnabled()
