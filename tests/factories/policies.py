"""Policy PDFs laid out like real manuals: running header and footer, numbered headings,
paragraphs separated by a gap, lists with hanging indents, text that runs across pages."""

from __future__ import annotations

import textwrap

import pymupdf

HEADER = "Testville Police Department"
SUBHEADER = "Testville PD Policy Manual"
COPYRIGHT = "Copyright Example Publisher 2024, All Rights Reserved."

LEFT, TOP, BOTTOM, PITCH = 72, 100, 700, 14.0


def layout_pdf(blocks: list[tuple[str, str]], chapter: str = "Use of Force") -> bytes:
    """Blocks are (kind, text): "h" heading, "p" paragraph, "li" list item "(a) text",
    "page" forces a page break. Every page gets the header, footer and page number."""
    doc = pymupdf.open()
    state = {"page": None, "y": TOP}

    def new_page() -> None:
        page = doc.new_page(width=612, height=792)
        n = doc.page_count
        page.insert_text((200, 30), HEADER, fontsize=14)
        page.insert_text((240, 46), SUBHEADER, fontsize=9)
        page.insert_text((LEFT, 70), chapter, fontsize=11)
        page.insert_text((LEFT, 752), COPYRIGHT, fontsize=7)
        page.insert_text((470, 752), f"{chapter} - {n}", fontsize=9)
        state["page"], state["y"] = page, TOP

    def line(x: float, text: str) -> None:
        if state["page"] is None or state["y"] > BOTTOM:
            new_page()
        state["page"].insert_text((x, state["y"]), text, fontsize=10)
        state["y"] += PITCH

    for kind, text in blocks:
        if kind == "page":
            new_page()
            continue
        if kind == "h":
            line(LEFT, text)
        elif kind == "p":
            for part in textwrap.wrap(text, 95):
                line(LEFT, part)
        elif kind == "li":
            marker, rest = text.split(" ", 1)
            if state["page"] is None or state["y"] > BOTTOM:
                new_page()
            state["page"].insert_text((LEFT + 28, state["y"]), marker, fontsize=10)
            for part in textwrap.wrap(rest, 85):
                line(LEFT + 56, part)
        state["y"] += PITCH * 0.6  # paragraph gap
    doc.set_metadata({"title": "Testville Use of Force"})
    return doc.tobytes()


FILLER = ("Officers are involved on a daily basis in numerous and varied interactions and, when "
          "warranted, may use reasonable force in carrying out their duties. Officers must have "
          "an understanding of, and true appreciation for, their authority and limitations.")


def force_policy_blocks() -> list[tuple[str, str]]:
    return [
        ("h", "300.1 PURPOSE AND SCOPE"),
        ("p", "This policy provides guidelines on the reasonable use of force. " + FILLER),
        ("h", "300.1.1 DEFINITIONS"),
        ("p", "Chokehold - Applying direct pressure to the throat, windpipe or airway of a "
              "person with the intent to reduce the intake of air."),
        ("p", "Deadly force - Force reasonably anticipated and intended to create a substantial "
              "likelihood of causing death or very serious injury."),
        ("h", "300.2 POLICY"),
        ("p", FILLER + " " + FILLER),
        ("h", "300.3 USE OF FORCE"),
        ("p", "Officers shall use only that amount of force that reasonably appears necessary "
              "given the facts and circumstances perceived by the officer at the time."),
        ("p", "Officers may not use any of the following techniques except where deadly force "
              "is justified:"),
        ("li", "(a) Strikes to the head or throat with an impact weapon."),
        ("li", "(b) Kicks to a restrained person, or any other technique that is likely to "
               "cause serious bodily injury to a person who is already under control."),
        ("h", "300.3.1 DUTY TO INTERVENE"),
        ("p", "Any officer present and observing another officer using force that is clearly "
              "beyond that which is objectively reasonable shall intercede to prevent the use "
              "of unreasonable force, and shall report it to a supervisor."),
        ("h", "300.3.2 CONTROL TECHNIQUES"),
        ("p", "Pain compliance techniques may be effective in controlling a passive or actively "
              "resisting individual. Officers trained in the neck area anatomy should be aware "
              "of the risks of any contact with the neck during control holds. " + FILLER),
        ("h", "300.3.3 RESPIRATORY RESTRAINTS"),
        ("p", "An officer shall not use a chokehold or any other restraint that restricts the "
              "breathing of a person unless deadly force is authorized by law."),
        ("h", "300.4 TRAINING"),
        ("p", "The training unit keeps records of attendance. " + FILLER + " " + FILLER + " "
              + FILLER),
        ("h", "300.5 MEDICAL CONSIDERATIONS"),
        ("p", "Once it is safe to do so, medical assistance shall be obtained for any person who "
              "has sustained visible injury or complains of injury after a use of force."),
    ]

