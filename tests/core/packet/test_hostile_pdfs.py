"""Hostile PDFs in the packet (issue 15): annotated copies carry no scripts, automatic or
launch actions, outside links, embedded files or attachments, and add-doc says so; pages
scaled by /UserUnit give evidence images of a bounded size instead of a failed export."""

from __future__ import annotations

import re

import pymupdf
import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.packet import export_packet
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review.store import ReviewStore
from tests.factories.packets import policy_pdf
from tests.factories.reviews import add_document, link

ACTIVE_MARKS = (b"/JavaScript", b"/Launch", b"/URI", b"/EmbeddedFile", b"/FileAttachment",
                b"/OpenAction", b"/GoToR", b"app.alert")
QUOTE = "Chokeholds and vascular neck restraints are prohibited"


def active_pdf() -> bytes:
    """The test policy with every kind of active content the issue names."""
    doc = pymupdf.open(stream=policy_pdf(), filetype="pdf")
    page = doc[0]
    cat = doc.pdf_catalog()
    doc.xref_set_key(cat, "OpenAction", "<</S/JavaScript/JS(app.alert\\('open'\\))>>")
    doc.xref_set_key(page.xref, "AA", "<</O <</S/JavaScript/JS(app.alert\\('page'\\))>>>>")
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 700, 200, 720),
                      "uri": "https://evil.example/track"})
    page.insert_link({"kind": pymupdf.LINK_LAUNCH, "from": pymupdf.Rect(72, 730, 200, 750),
                      "file": "calc.exe"})
    page.insert_link({"kind": pymupdf.LINK_GOTOR, "from": pymupdf.Rect(300, 730, 400, 750),
                      "file": "other.pdf", "page": 0})
    page.add_file_annot(pymupdf.Point(500, 700), b"MZ payload", "payload.exe")
    doc.embfile_add("secret.txt", b"embedded secret")
    return doc.tobytes()


def _review(tmp_path, data: bytes) -> tuple[ReviewStore, int]:
    store = ReviewStore.create(tmp_path / "r.review", agency_name="Hostile PD",
                               standards=resolve_standards("doj-2020"))
    doc_id = add_document(store, data, "hostile.pdf")
    link(store, "chokehold", doc_id, QUOTE)
    return store, doc_id


def test_the_hostile_fixture_really_is_hostile():
    data = active_pdf()
    assert all(mark in data or mark == b"/EmbeddedFile" for mark in ACTIVE_MARKS[:3])
    with pymupdf.open(stream=data) as doc:
        assert doc.embfile_count() == 1


def test_annotated_copy_drops_active_content(tmp_path):
    store, _ = _review(tmp_path, active_pdf())
    try:
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    (annotated,) = result.annotated
    raw = annotated.read_bytes()
    with pymupdf.open(annotated) as doc:
        objects = "".join(doc.xref_object(x, compressed=True) for x in range(1, doc.xref_length()))
        assert doc.embfile_count() == 0
        kinds = [lk["kind"] for p in doc for lk in p.get_links()]
        annots = [a.type[1] for p in doc for a in p.annots()]
        assert QUOTE.split()[0] in doc[0].get_text()  # the policy itself is intact
    objects = re.sub(r"/\w+ null", "", objects)  # a key set to null is no key at all
    for mark in ACTIVE_MARKS:
        assert mark.decode() not in objects, mark
    assert b"app.alert" not in raw
    assert not {pymupdf.LINK_URI, pymupdf.LINK_LAUNCH, pymupdf.LINK_GOTOR} & set(kinds)
    assert "FileAttachment" not in annots and "Highlight" in annots
    text = " ".join(pymupdf.open(result.packet_pdf)[p].get_text()
                    for p in range(result.pages))
    assert "no active content" in " ".join(text.split())


def test_add_doc_notes_the_active_content(tmp_path, capsys):
    from reviewer_app.cli import run_cli

    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(active_pdf())
    review = tmp_path / "r.review"
    assert run_cli(["new", str(review), "--agency", "Hostile PD"]) == 0
    assert run_cli(["add-doc", str(review), str(pdf)]) == 0
    assert "annotated copy leaves them out" in capsys.readouterr().out
    info = inspect_pdf(active_pdf(), "hostile.pdf")
    assert {"scripts", "launch actions", "links to outside addresses", "embedded files",
            "file attachments", "an action run on opening"} <= set(info.active_content)
    assert any("annotated copy leaves them out" in n for n in info.notes)
    assert inspect_pdf(policy_pdf(), "plain.pdf").active_content == []


@pytest.mark.parametrize("unit", ["100", "75000"])
def test_user_unit_pages_give_bounded_evidence_images(tmp_path, unit):
    doc = pymupdf.open(stream=policy_pdf(), filetype="pdf")
    for page in doc:
        doc.xref_set_key(page.xref, "UserUnit", unit)
    store, _ = _review(tmp_path, doc.tobytes())
    try:
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    with pymupdf.open(result.packet_pdf) as packet:
        sizes = [(img[2], img[3]) for p in packet for img in p.get_images()]
    assert sizes and all(0 < max(w, h) <= 2400 for w, h in sizes)


def test_an_open_at_page_action_is_neither_reported_nor_removed():
    """Many real policies open at page 1 (/OpenAction [page /Fit]): not active content."""
    from reviewer_app.core.pdf.active_content import active_content, strip_active_content

    doc = pymupdf.open(stream=policy_pdf(), filetype="pdf")
    cat = doc.pdf_catalog()
    doc.xref_set_key(cat, "OpenAction", f"[{doc[0].xref} 0 R/Fit]")
    assert active_content(doc) == []
    strip_active_content(doc)
    assert doc.xref_get_key(cat, "OpenAction")[0] == "array"
