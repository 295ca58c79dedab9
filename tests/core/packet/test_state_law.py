"""The packet's methodology names the state law considered for the agency's state."""

from __future__ import annotations

import os

import pymupdf

from reviewer_app.core.packet import export_packet
from tests.factories.pdfs import make_pdf
from tests.factories.reviews import add_document, create_review


def _methodology(pdf) -> tuple[str, int]:
    doc = pymupdf.open(pdf)
    toc = {title: page for _, title, page in doc.get_toc()}
    pages = range(toc["Methodology"] - 1, toc["Findings by item"] - 1)
    return " ".join(" ".join(doc[p].get_text() for p in pages).split()), pages[-1]


def test_methodology_cites_the_state_law_of_the_agencys_state(tmp_path):
    policy = make_pdf(["Use of Force", "Chokeholds are prohibited (720 ILCS 5/7-5.5) unless "
                       "deadly force is justified."])
    with create_review(tmp_path / "il.review", agency_ori="IL0221300",
                       agency_state="IL") as store:
        add_document(store, policy, "use-of-force.pdf")
        result = export_packet(store, tmp_path / "packet")
    text, last = _methodology(result.packet_pdf)
    part = text[text.index("STATE LAW CONSIDERED"):]
    assert "A Adherence to applicable laws. State law considered: 720 ILCS 5/7-5 " in part
    assert "B Prohibition of choke holds. State law considered: 720 ILCS 5/7-5.5(a)-(d) " \
        "(Prohibited use of force by a peace officer)" in part
    assert "fulltext.asp?DocName=072000050K7-5.5" in part
    assert "720 ILCS 5/7-5.5(a)-(d): section cited in Generated Policy p. 2; source" in part
    assert "720 ILCS 5/7-5: section not cited in the documents" in part
    assert "19.2-83" not in part  # Virginia's are not Illinois's
    png = os.environ.get("STATE_LAW_PACKET_PNG")
    if png:
        pymupdf.open(result.packet_pdf)[last].get_pixmap(dpi=110).save(png)


def test_no_state_no_state_law_and_a_state_without_notes_says_so(tmp_path):
    with create_review(tmp_path / "none.review") as store:
        text, _ = _methodology(export_packet(store, tmp_path / "p1").packet_pdf)
    assert "STATE LAW CONSIDERED" not in text
    with create_review(tmp_path / "tx.review", agency_ori="TX0000000",
                       agency_state="TX") as store:
        text, _ = _methodology(export_packet(store, tmp_path / "p2").packet_pdf)
    assert "holds no state law notes for TX" in text
