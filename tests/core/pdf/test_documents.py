import pymupdf
import pytest

from reviewer_app.core.errors import DocumentError
from reviewer_app.core.pdf.documents import inspect_pdf, page_labels


def test_page_labels_follow_the_pdf_rules():
    doc = pymupdf.open()
    for _ in range(8):
        doc.new_page()
    doc.set_page_labels([
        {"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
        {"startpage": 3, "prefix": "A-", "style": "D", "firstpagenum": 1},
        {"startpage": 6, "prefix": "", "style": "a", "firstpagenum": 26}])
    assert page_labels(doc) == ["i", "ii", "iii", "A-1", "A-2", "A-3", "z", "aa"]
    plain = pymupdf.open()
    plain.new_page()
    assert page_labels(plain) == ["1"]


def test_inspect_reports_hash_pages_id_and_text(sample_pdf):
    info = inspect_pdf(sample_pdf, "sample.pdf")
    assert info.page_count == 2 and len(info.sha256) == 64
    assert info.title == "Generated Policy" and info.pdf_id.startswith("[<")
    assert "CHOKEHOLDS" in info.text.pages[0].text and info.pages_without_text == []


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"hello world", "not a PDF"),
    (b"%PDF-1.7\n" + b"\x00" * 50, "damaged")])
def test_unusable_bytes_are_named(data, message):
    with pytest.raises(DocumentError, match=message):
        inspect_pdf(data, "bad.pdf")


@pytest.mark.parametrize("meta, filename, title", [
    ("General Order 300: Use of Force", "x.pdf", "General Order 300: Use of Force"),
    ("POLICE DEPARTMENT", "hanover-park-il_use-of-force.pdf", "Hanover Park IL – Use of Force"),
    ("Microsoft Word - D205p.docx", "D205p Use of Force.pdf", "D205p Use of Force"),
    ("", "la-grange-il_policy-manual.pdf", "La Grange IL – Policy Manual"),
])
def test_titles_skip_letterheads_and_word_processor_junk(meta, filename, title):
    from reviewer_app.core.pdf.documents import document_title

    assert document_title(meta, filename) == title
