"""Hostile PDFs: a clear message or a bounded, correct result; never a traceback or a
stall."""

from __future__ import annotations

import sqlite3

import pymupdf
import pytest

from reviewer_app.core.errors import DocumentError
from reviewer_app.core.pdf.documents import inspect_pdf
from tests.factories import hostile_pdfs as h

MAX_LABEL = 24  # reviewer_app.core.pdf.page_labels.MAX_LABEL


def test_page_labels_from_two_billion_are_bounded():
    info = inspect_pdf(h.huge_page_label_pdf(pages=50), "labels.pdf")
    assert len(info.page_labels) == 50
    assert all(len(lab) <= MAX_LABEL for lab in info.page_labels)
    assert info.page_labels[0] == "2000000000" and info.page_labels[49] == "2000000049"


@pytest.mark.parametrize("style", ["a", "A", "R"])
def test_other_label_styles_with_huge_starts_are_bounded(style):
    info = inspect_pdf(h.huge_page_label_pdf(pages=3, style=style), "labels.pdf")
    assert all(len(lab) <= MAX_LABEL for lab in info.page_labels)


def test_huge_label_prefix_is_cut():
    info = inspect_pdf(h.huge_page_label_pdf(pages=2, start=1, style="D",
                                              prefix="X" * 100_000), "labels.pdf")
    assert all(len(lab) <= MAX_LABEL for lab in info.page_labels)


def test_ordinary_labels_are_unchanged():
    from reviewer_app.core.pdf.page_labels import MAX_LABEL as bound
    from reviewer_app.core.pdf.page_labels import labels_from_rules, roman

    assert bound == MAX_LABEL
    rules = [{"startpage": 0, "style": "r", "firstpagenum": 1},
             {"startpage": 4, "style": "D", "firstpagenum": 1, "prefix": "A-"}]
    assert labels_from_rules(rules, 6) == ["i", "ii", "iii", "iv", "A-1", "A-2"]
    assert roman(1994) == "mcmxciv" and roman(4000) == ""


def test_review_file_stays_small_with_huge_labels(tmp_path, cli):
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(h.huge_page_label_pdf(pages=50))
    f = tmp_path / "r.review"
    assert cli("new", f, "--agency", "Test PD")[0] == 0
    code, out, err = cli("add-doc", f, pdf)
    assert code == 0, err
    with sqlite3.connect(f) as conn:
        (size,) = conn.execute("SELECT length(page_labels) FROM documents").fetchone()
    assert size < 50 * (MAX_LABEL + 4) + 2


def test_page_tree_cycle_is_a_clear_message(tmp_path, cli):
    pdf = tmp_path / "cycle.pdf"
    pdf.write_bytes(h.page_tree_cycle_pdf())
    f = tmp_path / "r.review"
    cli("new", f, "--agency", "Test PD")
    code, _, err = cli("add-doc", f, pdf)
    assert code == 2 and "page tree loops back" in err and "Traceback" not in err


def test_html_with_pdf_marker_is_named_a_web_page():
    with pytest.raises(DocumentError, match="web page"):
        inspect_pdf(h.html_with_pdf_marker(), "policy.pdf")


def test_empty_user_password_pdf_is_stored_decrypted():
    info = inspect_pdf(h.empty_password_pdf(), "locked.pdf")
    assert info.was_encrypted
    doc = pymupdf.open(stream=info.data, filetype="pdf")
    assert not doc.metadata.get("encryption") and doc.page_count == 2
    assert any("stored decrypted" in n for n in info.notes)


def test_escape_sequences_in_a_pdf_title_are_not_kept():
    info = inspect_pdf(h.titled_pdf(), "evil.pdf")
    assert all(c.isprintable() for c in info.title) and "Red" in info.title
