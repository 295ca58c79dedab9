"""Review files of agencies sharing one template manual, for the clause library."""

from __future__ import annotations

from pathlib import Path

from tests.factories.pdfs import make_pdf
from tests.factories.reviews import add_document, create_review, link, set_finding

CHOKE = ("{agency} Police Department members shall not use a chokehold or carotid "
         "restraint unless deadly force is authorized, consistent with {cite}.")
AID = ("Officers of this department shall promptly render first aid and summon medical "
       "assistance for any person injured in a use of force, as soon as it is safe to do so.")


def manual(agency: str, cite: str, aid: str = AID, section: str = "300.2.1") -> bytes:
    return make_pdf([
        f"{agency} Policy Manual\nSection {section} Purpose\nThis policy guides the use "
        "of force by members.",
        "Use of Force\n" + CHOKE.format(agency=agency, cite=cite),
        f"Medical Aid\nSection {section}.4\n{aid}\nReports are filed the same day.",
    ])


def make_review(path: Path, agency: str, cite: str) -> Path:
    with create_review(path, agency_name=f"{agency} Police Department") as store:
        doc = add_document(store, manual(agency, cite), f"{agency}.pdf")
        link(store, "chokehold", doc, CHOKE.format(agency=agency, cite=cite))
        set_finding(store, "chokehold", "met", f"{agency} bans chokeholds outright.")
        link(store, "medical_aid", doc, AID)
        set_finding(store, "medical_aid", "met", "Aid rendered and summoned.")
    return path
