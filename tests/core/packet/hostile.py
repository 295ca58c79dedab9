"""A hostile-input corpus the tests generate: reviews whose every text field (standards
set, review details, document title and file name, PDF text, rationale, note, log) holds
a given string, so each test can check that the string reaches packet.pdf as text."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path

import pymupdf

from reviewer_app.core.checklist.standards import StandardsSet, parse_standards
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from tests.factories.paths import ROOT  # noqa: E402
from tests.factories.reviews import add_document, link, set_finding

MARKUP = {
    "font": '<font color="red" size="30">RED</font>',
    "link": '<a href="https://evil.example/x">click</a>',
    "img": '<img src="/etc/hostname" width="40" height="40"/>',
    "unclosed": "<b>unclosed",
    "para": "</para>",
    "font_name": '<font name="NoSuchFont">x</font>',
    "entity": "&bogus; &amp; &#0;",
}
# the fields filled with text, by where the text comes from
STANDARDS_FIELDS = ("item_title", "requirement", "category", "reference", "set_title",
                    "edition", "publisher", "disclaimer", "source")
REVIEW_FIELDS = ("agency_name", "assessor", "credentialing_body", "agency_ori",
                 "agency_state")
DOCUMENT_FIELDS = ("doc_title", "filename", "quote", "heading", "rationale", "note")
ALL_FIELDS = STANDARDS_FIELDS + REVIEW_FIELDS + DOCUMENT_FIELDS


def hostile_standards(text: Callable[[str], str]) -> StandardsSet:
    raw = tomllib.loads((ROOT / "standards" / "doj-2020.toml").read_text())
    d = copy.deepcopy(raw)
    item = d["items"][0]
    item["title"] += " " + text("item_title")
    item["requirement"] += " " + text("requirement")
    item["references"] = [text("reference")]
    d["categories"][0]["title"] += " " + text("category")
    d["title"] += " " + text("set_title")
    d["edition"] += " " + text("edition")
    d["publisher"] += " " + text("publisher")
    d["disclaimer"] += " " + text("disclaimer")
    d["source"] += " " + text("source")
    return parse_standards(d)


def hostile_pdf(heading: str, quote: str) -> bytes:
    """One page: a bold heading and a body paragraph holding ``quote``."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 90), heading, fontname="hebo", fontsize=12)
    page.insert_textbox(pymupdf.Rect(72, 100, 540, 700),
                        f"Members shall use only objectively reasonable force. {quote} "
                        "This sentence ends the clause.", fontname="helv", fontsize=11)
    return doc.tobytes()


def hostile_review(path: Path, text: Callable[[str], str],
                   quote: str | None = None) -> ReviewStore:
    """A review of item A whose every field holds ``text(field)`` (the quote, which must
    be found in the PDF's text, ``quote`` when given)."""
    quote = text("quote") if quote is None else quote
    store = ReviewStore.create(
        path, agency_name="PD " + text("agency_name"), assessor="A " + text("assessor"),
        credentialing_body="CB " + text("credentialing_body"),
        agency_ori="ORI " + text("agency_ori"), agency_state="ST " + text("agency_state"),
        standards=hostile_standards(text))
    doc_id = add_document(store, hostile_pdf("HEADING " + text("heading"), quote),
                          "policy " + text("filename") + ".pdf")
    cmd.run(store, cmd.RenameDocument(doc_id, "Policy " + text("doc_title")))
    ev = link(store, "legal_compliance", doc_id, quote)
    cmd.run(store, cmd.EditEvidence(ev, {"note": "N " + text("note")}, "Edit note"))
    set_finding(store, "legal_compliance", "met", "R " + text("rationale"))
    return store
