"""Issue 16: quotes are the policy's words, not the page furniture. One detector serves the
segmenter, matching, stored quotes, the packet's highlights, crops and headings."""

from __future__ import annotations

import io

import pymupdf
import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.index.segment import segment_document
from reviewer_app.core.packet.annotate import annotate_document
from reviewer_app.core.packet.crops import crops_for_document
from reviewer_app.core.packet.headings import HeadingFinder
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.status import review_status
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.anchoring import locate_quote, snap_to_words
from reviewer_app.core.text.furniture import furniture_ranges
from tests.factories.furniture import CROSSING, HEADER, furniture_policy

HEADER_BOTTOM = 60.0  # the running header sits above this y on every page


@pytest.fixture
def text():
    return inspect_pdf(furniture_policy(), "uof.pdf").text


def _furniture_words(text) -> set[str]:
    return {text.text[s:e] for s, e in furniture_ranges(text)}


def test_detector_finds_header_page_number_and_footer(text):
    found = _furniture_words(text)
    assert HEADER[0] in found
    assert any("Page 3 of 4" in f for f in found)
    assert "Lake Example Sheriff's Office - General Orders" in found
    assert not any("Duty to Intervene" in f or "duty of every" in f for f in found)


def test_cross_page_quote_is_found_and_stored_without_furniture(text):
    a = locate_quote(text, CROSSING)  # refused before: "quote not found"
    assert a.exact == CROSSING
    assert "Page" not in a.exact and "Policy Number" not in a.exact
    assert {p for p, _ in a.quads} == {1, 2}
    assert all(r[1] > HEADER_BOTTOM and r[3] < 740 for _, r in a.quads)


def test_the_segmenter_and_headings_use_the_same_detector(text):
    for passage in segment_document(text):
        assert "Policy Number" not in passage.text and "General Orders" not in passage.text
    doc = pymupdf.open(stream=furniture_policy(), filetype="pdf")
    finder = HeadingFinder(doc, text)
    # the bold running header "Use of Force" is no section heading
    assert finder.heading_before(2, 70) != HEADER[0]


def test_selection_snaps_to_whole_words(text):
    start = text.text.index("employees") if "employees" in text.text else \
        text.text.index("employee present")
    s, e = snap_to_words(text, start + 3, start + 12)
    assert text.text[s:e].startswith("employee") and not text.text[s - 1].isalnum()


def _review(tmp_path) -> tuple[ReviewStore, int, int]:
    store = ReviewStore.create(tmp_path / "f.review", agency_name="Lake Example SO",
                               assessor="Ann", standards=resolve_standards("doj-2020"))
    data = furniture_policy()
    doc_id = cmd.run(store, cmd.AddDocument(data, "uof.pdf", inspect_pdf(data, "uof.pdf"))).doc_id
    a = locate_quote(store.document_text(doc_id), CROSSING)
    ev = cmd.run(store, cmd.AddEvidence(
        item_id="duty_to_intervene", item_code="7", doc_id=doc_id, kind="text", page=a.page,
        quads=a.quads, start=a.start, end=a.end, exact=a.exact, prefix=a.prefix,
        suffix=a.suffix)).evidence
    return store, doc_id, ev.id


def test_cross_page_evidence_is_intact_and_crops_are_one_legible_region_per_page(tmp_path):
    store, doc_id, ev_id = _review(tmp_path)
    try:
        row = next(e for i in review_status(store).to_json()["items"] for e in i["evidence"]
                   if e["id"] == ev_id)
        assert row["intact"] and row["quote"] == CROSSING
        ev = store.evidence_by_id(ev_id)
        crops = crops_for_document(store.document_data(doc_id), store.document_text(doc_id),
                                   [ev])[ev_id]
        assert [c.page for c in crops] == [1, 2]
        for crop in crops:  # a band around the clause, not the page from header down
            assert crop.height < 150
            assert pymupdf.Pixmap(io.BytesIO(crop.jpeg)).width > crop.width
        out = pymupdf.open(stream=annotate_document(
            store.document_data(doc_id), [ev], store.standards(), "Ann", "P-1"), filetype="pdf")
        for page in out:
            for annot in page.annots(types=[pymupdf.PDF_ANNOT_HIGHLIGHT]):
                assert annot.rect.y0 > HEADER_BOTTOM and annot.rect.y1 < 740
    finally:
        store.close()


def test_cli_links_the_cross_page_quote_the_window_accepts(tmp_path, capsys):
    from reviewer_app.main import main

    pdf = tmp_path / "uof.pdf"
    pdf.write_bytes(furniture_policy())
    f = tmp_path / "c.review"
    assert main(["new", str(f), "--agency", "X", "--assessor", "Ann"]) == 0
    assert main(["add-doc", str(f), str(pdf)]) == 0
    capsys.readouterr()
    assert main(["link", str(f), "--item", "duty_to_intervene", "--quote", CROSSING]) == 0
    out = capsys.readouterr().out
    assert "Page 3" not in out and "linked evidence 1" in out


def test_a_mid_page_quote_needs_no_document_wide_detection(text):
    """link is quick on a 758-page manual: a span on one page that touches no header or
    footer line is body text as it stands, without detecting furniture everywhere."""
    from reviewer_app.core.text.furniture import CACHE_KEY, body_text

    page = text.pages[0].text
    mid = text.page_starts[0] + page.index(" ", len(page) // 2) + 1
    end = text.text.index(" ", mid + 10)
    assert body_text(text, mid, end) == text.text[mid:end]
    assert CACHE_KEY not in text.cache


def test_a_span_reaching_into_the_footer_on_one_page_still_leaves_it_out(text):
    from reviewer_app.core.text.furniture import body_text

    footer = "Lake Example Sheriff's Office - General Orders"
    end = text.text.index(footer) + len(footer)
    start = text.text.rindex(" ", 0, text.text.index(footer) - 20)
    assert text.page_of(start) == text.page_of(end - 1)
    assert footer not in body_text(text, start, end)
