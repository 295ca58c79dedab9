"""Text too long to lay out never fails export (issue 15): it flows across pages, wraps,
or is cut with a visible mark."""

from __future__ import annotations

import pymupdf

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.packet import export_packet
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from tests.factories.packets import normalized
from tests.factories.reviews import add_document, link, set_finding

WORDS = ("members shall use only the force that is objectively reasonable and shall "
         "render aid report every use to a supervisor and intervene ").split()


def prose(n_chars: int, seed: int = 0) -> str:
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < n_chars:
        out.append(f"{WORDS[i % len(WORDS)]}{i}")
        i += 1
    return " ".join(out)


def two_page_pdf() -> bytes:
    doc = pymupdf.open()
    for n in range(2):
        page = doc.new_page(width=612, height=792)
        page.insert_textbox(pymupdf.Rect(50, 50, 562, 760), prose(4200, seed=1000 * n),
                            fontname="helv", fontsize=8)
    return doc.tobytes()


def _export(store: ReviewStore, tmp_path):
    try:
        return export_packet(store, tmp_path / "packet")
    finally:
        store.close()


def _text(path) -> str:
    with pymupdf.open(path) as doc:
        return normalized(" ".join(p.get_text() for p in doc))


def _review(tmp_path, **details) -> tuple[ReviewStore, int]:
    store = ReviewStore.create(tmp_path / "r.review", standards=resolve_standards("doj-2020"),
                               **{"agency_name": "Long PD", **details})
    return store, add_document(store, two_page_pdf(), "policy.pdf")


def test_a_rationale_of_several_pages_flows_on(tmp_path):
    store, doc_id = _review(tmp_path)
    rationale = prose(9000)
    link(store, "legal_compliance", doc_id, prose(200)[:120].rsplit(" ", 1)[0])
    set_finding(store, "legal_compliance", "met", rationale)
    text = _text(_export(store, tmp_path).packet_pdf)
    assert rationale[:2000] in text and rationale[-2000:] in text


def test_a_quote_over_two_pages_of_7000_characters_exports(tmp_path):
    store, doc_id = _review(tmp_path)
    text = store.document_text(doc_id)
    quote = " ".join((text.pages[0].text[-3600:] + " " + text.pages[1].text[:3600]).split())
    assert len(quote) > 7000
    link(store, "legal_compliance", doc_id, quote)
    out = _text(_export(store, tmp_path).packet_pdf)
    assert quote[:500] in out and quote[-500:] in out


def test_a_3000_character_word_wraps(tmp_path):
    word = "x" * 3000
    store, doc_id = _review(tmp_path, assessor=word)
    cmd.run(store, cmd.RenameDocument(doc_id, "W" * 3000))
    link(store, "chokehold", doc_id, prose(300)[150:260].split(" ", 1)[1].rsplit(" ", 1)[0])
    set_finding(store, "chokehold", "met", word)
    out = _text(_export(store, tmp_path).packet_pdf)
    assert out.replace(" ", "").count("x" * 1000) >= 1  # the rationale, whole
    assert "W" * 200 in out.replace(" ", "")


def test_very_long_names_are_cut_with_a_visible_mark(tmp_path):
    long_name = "Metropolitan " * 400
    store, doc_id = _review(tmp_path, agency_name="Agency " + long_name,
                            assessor="Assessor " + long_name,
                            credentialing_body="Body " + "y" * 3000)
    cmd.run(store, cmd.RenameDocument(doc_id, "Title " + long_name))
    link(store, "chokehold", doc_id, prose(300)[150:260].split(" ", 1)[1].rsplit(" ", 1)[0])
    result = _export(store, tmp_path)
    out = _text(result.packet_pdf)
    assert "more characters not shown]" in out
    assert "Agency Metropolitan" in out and "Title Metropolitan" in out
    with pymupdf.open(result.packet_pdf) as doc:
        first = doc[0].get_text()
    assert "Assessor Metropolitan" in _text(result.packet_pdf)
    assert "CERTIFICATION ASSESSMENT REPORT" in first
