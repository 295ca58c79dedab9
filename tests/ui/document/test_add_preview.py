"""Adding a document: its pages show at once, the text (selection) follows, nothing is
loaded twice; a failed add goes back to what was shown; the review stays open meanwhile."""

from __future__ import annotations

from reviewer_app.core.child import reader
from tests.factories.reviews import review_file


def test_pages_show_while_the_text_is_read(qtbot, make_window, tmp_path, monkeypatch,
                                           pdf_factory, sample_pdf):
    path = review_file(tmp_path / "r.review", [("first.pdf", pdf_factory(["First order."]))])
    win = make_window()
    win.open_review(path)
    first_id = win.area.doc_id
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    seen = {}
    real = reader.prepare

    def watched(data, filename, password=None):  # runs in the worker thread
        seen.update(preview=win.area.previewing(), text=win.view.document_text(),
                    pages=win.view.page_count(), doc_id=win.area.doc_id,
                    gen=win.view.render_service.generation,
                    tabs=win.area.tabs.count())
        return real(data, filename, password)

    monkeypatch.setattr(reader, "prepare", watched)
    assert win.add_documents([pdf]) == 1
    # while it was read: shown (laid out from its first page) under its own tab, no text
    assert seen["preview"] == "policy.pdf" and seen["text"] is None
    assert seen["pages"] == 2 and seen["doc_id"] == 0 and seen["tabs"] == 2
    # then stored: the same pixels kept (no reload), the text attached, tabs as stored
    new_id = win.area.doc_id
    assert new_id not in (0, first_id) and win.area.previewing() is None
    assert win.view.render_service.generation == seen["gen"]
    assert win.view.document_text() is win.session.store.document_text(new_id)
    assert win.area.document_ids() == [first_id, new_id]
    assert win.area.tabs.tabText(1) == win.session.document(new_id).title
    win.view.select_range(0, 10)
    assert win.view.selected_text() == win.view.document_text().text[:10]
    qtbot.waitUntil(win.view.visible_rendered, timeout=10000)


def test_a_failed_add_goes_back_to_the_document_shown(qtbot, make_window, tmp_path,
                                                      pdf_factory, capsys):
    path = review_file(tmp_path / "r.review", [("first.pdf", pdf_factory(["First order."]))])
    win = make_window()
    win.open_review(path)
    first_id = win.area.doc_id
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert win.add_documents([broken]) == 0
    assert "broken.pdf" in capsys.readouterr().err
    assert win.area.previewing() is None and win.area.doc_id == first_id
    assert win.area.document_ids() == [first_id] and win.area.tabs.count() == 1
    assert win.view.document_text() is not None


def test_the_review_stays_open_while_a_document_is_added(make_window, sample_review):
    win = make_window()
    win.open_review(sample_review)
    win._adding = "manual.pdf"  # as during add_documents
    win.close_review()
    assert win.session is not None
    assert win.add_documents([sample_review]) == 0
    assert "manual.pdf is still being added" in win.statusBar().currentMessage()
    win._adding = None
    win.close_review()
    assert win.session is None


def test_suggestions_on_an_empty_review_ask_for_documents(qtbot, make_window, tmp_path):
    win = make_window()
    win.open_review(review_file(tmp_path / "empty.review", []))
    win.checklist.select_item("chokehold")
    panel = win.item_panel.suggestions
    qtbot.waitUntil(lambda: not panel.busy(), timeout=20000)
    assert panel.empty.text().startswith("Add the agency's policy documents")
