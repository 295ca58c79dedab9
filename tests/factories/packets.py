"""Reviews to export: generated policies (one with a rotated page and bold headings) linked
and assessed through the core's commands, and helpers to read what a packet holds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf

from reviewer_app.core.review.store import ReviewStore

from .reviews import add_document, create_review, link, set_finding

BODY = {
    "intro": "This order governs the use of force by all sworn members of the Office. Members "
             "shall use only the force that is objectively reasonable under the Fourth "
             "Amendment and the statutes of the State.",
    "choke": "Chokeholds and vascular neck restraints are prohibited unless the use of deadly "
             "force is authorized by law.",
    "intervene": "Any member present and observing another member using excessive force shall "
                 "intervene to prevent it and shall report the incident to a supervisor "
                 "without delay.",
    "medical": "Members shall render first aid and summon emergency medical services for any "
               "person injured during a use of force, as quickly as reasonably possible.",
    "training": "All members receive annual training on this order, de-escalation and legal "
                "updates.",
}
# quotes linked in the tests; "span" crosses a line break of the generated page
QUOTES = {
    "legal_compliance": ("policy", "only the force that is objectively reasonable under the "
                                   "Fourth Amendment and the statutes of the State"),
    "chokehold": ("policy", "Chokeholds and vascular neck restraints are prohibited unless "
                            "the use of deadly force is authorized by law."),
    "duty_to_intervene": ("policy", "shall intervene to prevent it and shall report the "
                                    "incident to a supervisor without delay"),
    "medical_aid": ("policy", "render first aid and summon emergency medical services"),
    "uof_training": ("annex", "All members receive annual training on this order"),
}


def policy_pdf() -> bytes:
    """Two pages: bold section headings over body text; the second page is rotated 90°."""
    doc = pymupdf.open()
    sections = [[("100.1 PURPOSE AND SCOPE", BODY["intro"]),
                 ("100.2 CHOKEHOLDS", BODY["choke"])],
                [("100.3 DUTY TO INTERVENE", BODY["intervene"]),
                 ("100.4 MEDICAL AID", BODY["medical"])]]
    for n, page_sections in enumerate(sections):
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 40), "Use of Force Policy 100", fontname="helv", fontsize=8)
        y = 90.0
        for heading, text in page_sections:
            page.insert_text((72, y), heading, fontname="hebo", fontsize=11)
            rect = pymupdf.Rect(72, y + 8, 400, y + 140)
            page.insert_textbox(rect, text, fontname="helv", fontsize=11)
            y += 150
        if n == 1:
            page.set_rotation(90)
    doc.set_metadata({"title": "Use of Force Policy 100"})
    return doc.tobytes()


def annex_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 90), "TRAINING", fontname="hebo", fontsize=11)
    page.insert_textbox(pymupdf.Rect(72, 100, 540, 300), BODY["training"], fontname="helv",
                        fontsize=11)
    doc.set_metadata({"title": "Training Annex Ελληνικά Кириллица"})
    return doc.tobytes()


def build_review(path: Path, complete: bool) -> ReviewStore:
    """Built by Tess Tester at the keyboard (the name each row records)."""
    from reviewer_app.core.review.workflow.user import _session, set_session_user

    before = list(_session)
    set_session_user("Tess Tester")
    try:
        return _build_review(path, complete)
    finally:
        set_session_user(before[0] if before else None)


def _build_review(path: Path, complete: bool) -> ReviewStore:
    store = create_review(path, agency_name="Agía Marína Police Department — Σπάρτη",
                          agency_ori="IL0990000", agency_state="IL",
                          assessor="Tess Tester", credentialing_body="Test Accreditation")
    docs = {"policy": add_document(store, policy_pdf(), "policy-100.pdf"),
            "annex": add_document(store, annex_pdf(), "training annex.pdf")}
    for item_id, (doc, quote) in QUOTES.items():
        link(store, item_id, docs[doc], quote)
    set_finding(store, "legal_compliance", "met", "Objective reasonableness and state law.")
    set_finding(store, "chokehold", "met", "Prohibited except where deadly force is lawful.")
    set_finding(store, "duty_to_intervene", "partial", "Duty exists; reporting is vague.")
    set_finding(store, "medical_aid", "met")
    set_finding(store, "no_knock", "not_applicable", "The Office does not serve warrants.")
    if complete:
        for item in store.standards().items:
            if item.id not in store.findings():
                set_finding(store, item.id, "not_met", "Not addressed by the policies.")
    return store


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def normalized(text: str) -> str:
    return " ".join(text.split())
