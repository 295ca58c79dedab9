"""Fuzz (issue 15): random text, markup and control characters in every field of a review
export and verify as a packet without a traceback. Few examples and a one-page PDF keep it
quick; PACKET_FUZZ_EXAMPLES raises the count for a longer run."""

from __future__ import annotations

import os

import pymupdf
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reviewer_app.core.checklist.standards import StandardsError, resolve_standards
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import export_packet, verify_packet
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from tests.core.packet.hostile import MARKUP, hostile_standards
from tests.factories.reviews import add_document, link, set_finding

FRAGMENTS = list(MARKUP.values()) + ["\x1b[31m", "\x1b]0;title\x07", "\x00", "\u202e",
                                     "\r\n", "\t", "&", "<", "]]>", "%PDF", "\ufffd", "😀",
                                     "x" * 400]
FIELDS = ("agency_name", "assessor", "credentialing_body", "agency_ori", "agency_state",
          "notes", "doc_title", "filename", "rationale", "note", "pdf_title", "item_title",
          "requirement", "category", "reference", "set_title", "edition", "publisher",
          "disclaimer", "source")
QUOTE = "Officers shall render first aid without delay."

text = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
                          st.sampled_from(FRAGMENTS)), max_size=4).map("".join)
SETTINGS = settings(max_examples=int(os.environ.get("PACKET_FUZZ_EXAMPLES", 6)), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _pdf(title: str) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_textbox(pymupdf.Rect(72, 72, 540, 300), f"Use of force. {QUOTE} End.",
                        fontname="helv", fontsize=11)
    doc.set_metadata({"title": title})
    return doc.tobytes()


def _try(action) -> None:
    """Run a change the app may refuse: a clean refusal is fine, a traceback is not."""
    try:
        action()
    except ReviewError:
        pass


@SETTINGS
@given(values=st.fixed_dictionaries({f: text for f in FIELDS}))
@example(values={f: "<b>unclosed \x1b[31m</para>" for f in FIELDS})
@example(values={f: "x" * 3000 for f in FIELDS})
def test_random_text_in_every_field_exports_and_verifies(tmp_path_factory, values):
    tmp = tmp_path_factory.mktemp("fuzz")
    try:
        standards = hostile_standards(lambda f: values.get(f, ""))
    except StandardsError:
        standards = resolve_standards("doj-2020")
    store = ReviewStore.create(tmp / "r.review", agency_name="A" + values["agency_name"],
                               standards=standards)
    try:
        for key in ("assessor", "credentialing_body", "agency_ori", "agency_state", "notes"):
            _try(lambda key=key: cmd.run(store, cmd.EditReview({key: values[key]})))
        doc_id = add_document(store, _pdf(values["pdf_title"]), values["filename"] + ".pdf")
        _try(lambda: cmd.run(store, cmd.RenameDocument(doc_id, "T" + values["doc_title"])))
        ev = link(store, "legal_compliance", doc_id, QUOTE)
        _try(lambda: cmd.run(store, cmd.EditEvidence(ev, {"note": values["note"]})))
        set_finding(store, "legal_compliance", "met", values["rationale"])
        result = export_packet(store, tmp / "packet")
    finally:
        store.close()
    report = verify_packet(result.folder)
    assert report.ok, report
    with pymupdf.open(result.packet_pdf) as doc:
        assert doc.page_count == result.pages and "\x1b" not in doc[0].get_text()


def test_characters_the_fonts_cannot_show_read_back_as_question_marks(tmp_path):
    """An emoji (in no packet font) and U+FFFD (readers take it for "unknown") once read
    back from packet.pdf as control codes, on the cover and in every page header."""
    name = "A\ufffd Pe\u00f1a \U0001f600 \u2192 PD"
    with ReviewStore.create(tmp_path / "r.review", agency_name=name,
                            standards=resolve_standards("doj-2020")) as store:
        result = export_packet(store, tmp_path / "packet")
    with pymupdf.open(result.packet_pdf) as doc:
        text = "".join(page.get_text() for page in doc)
    assert not [c for c in text if ord(c) < 32 and c not in "\n\t"]
    assert "A? Pe\u00f1a ? " in text  # the header: Noto Sans has no arrow either
    assert "A? Pe\u00f1a ? \u2192 PD" in text  # the cover sets the arrow in the mono font
