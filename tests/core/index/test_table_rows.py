"""A table's header row ("MAKE   MODEL   CALIBER") is never taken for a section heading:
the rows under it stay in the numbered section they belong to."""

from __future__ import annotations

import pymupdf

from reviewer_app.core.index.segment import segment_document
from reviewer_app.core.pdf.documents import inspect_pdf


def _policy_with_a_table() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 100.0

    def put(x: float, text: str) -> None:
        page.insert_text((x, y), text, fontsize=10)

    put(72, "312.3.2 SHOTGUNS")
    y += 18
    put(72, "The following additional shotguns are approved for on-duty use:")
    y += 18
    for x, word in ((72, "MAKE"), (230, "MODEL"), (386, "CALIBER")):
        put(x, word)
    y += 18
    for x, word in ((72, "Remington"), (230, "870"), (386, "12 gauge")):
        put(x, word)
    y += 24
    put(72, "When not deployed, the shotgun shall be properly secured in a locking rack.")
    return doc.tobytes()


def test_a_table_header_row_is_not_a_heading():
    text = inspect_pdf(_policy_with_a_table(), "table.pdf").text
    passages = segment_document(text)
    assert passages
    assert all(p.heading != "MAKE MODEL CALIBER" for p in passages)
    secured = next(p for p in passages if "properly secured" in p.text)
    assert (secured.section, secured.heading) == ("312.3.2", "SHOTGUNS")
