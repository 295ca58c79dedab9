"""Generated PDFs for the robustness tests of the window: a policy and its revision, an
encrypted copy, a partly scanned document."""

from __future__ import annotations

import pymupdf

from tests.conftest import SAMPLE_PAGES, make_pdf

PASSWORD = "s3cret-policy"

CHOKE = "Chokeholds are prohibited unless deadly force is authorized by law."
INTERVENE = ("Any officer present and observing another officer using excessive force shall "
             "intervene to prevent the use of unreasonable force.")
AID = "summon medical assistance for any person injured during a use of force."
SCOPE = "Officers shall use only that amount of force that reasonably appears necessary."

# the revision: a paragraph inserted on top (clauses move), a sentence reworded (changed),
# a clause deleted (orphaned)
REVISED_PAGES = [
    "300.0 REVISION NOTE\nThis revision adds a note at the top of the policy.\n"
    + SAMPLE_PAGES[0],
    SAMPLE_PAGES[1].replace("shall intervene", "must intervene").replace(
        "Officers shall render first aid and summon medical assistance for any person injured "
        "during a use of force.", "Medical care is described in policy 412."),
]


def revised_pdf() -> bytes:
    return make_pdf(REVISED_PAGES)


def encrypted(data: bytes) -> bytes:
    doc = pymupdf.open(stream=data)
    out = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=PASSWORD,
                      owner_pw=PASSWORD + "!")
    doc.close()
    return out


SCAN_TEXT = "Officers shall intervene when they see excessive force."


def partly_scanned_pdf() -> bytes:
    """Page 1 an image of text (no text layer), page 2 ordinary text."""
    src = pymupdf.open(stream=make_pdf([SCAN_TEXT, SAMPLE_PAGES[1]]))
    out = pymupdf.open()
    page = out.new_page(width=src[0].rect.width, height=src[0].rect.height)
    page.insert_image(page.rect, pixmap=src[0].get_pixmap(dpi=200))
    out.insert_pdf(src, from_page=1, to_page=1)
    data = out.tobytes()
    src.close()
    out.close()
    return data
