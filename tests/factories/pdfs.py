"""Generated PDFs: a small policy (SAMPLE_PAGES), pages with words at known places, its
revision, an encrypted copy, scanned and partly scanned documents."""

from __future__ import annotations

import pymupdf

PASSWORD = "s3cret-policy"

SAMPLE_PAGES = [
    "300.1 PURPOSE AND SCOPE\nThis policy provides guidelines on the reasonable use of force. "
    "Officers shall use only that amount of force that reasonably appears necessary.\n"
    "300.2 CHOKEHOLDS\nChokeholds are prohibited unless deadly force is authorized by law.",
    "300.3 DUTY TO INTERVENE\nAny officer present and observing another officer using "
    "excessive force shall intervene to prevent the use of unreasonable force.\n"
    "300.4 MEDICAL AID\nOfficers shall render first aid and summon medical assistance "
    "for any person injured during a use of force.",
]

# clauses of SAMPLE_PAGES that tests link as evidence
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

SCAN_TEXT = "Officers shall intervene when they see excessive force."

LINE_X, LINE_Y, LINE_STEP = 72, 100, 20


def make_pdf(pages: list[str], rotation: int = 0, fontsize: float = 11) -> bytes:
    """A small PDF whose pages hold the given text, wrapped into lines."""
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=612, height=792)
        if text:
            page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), text, fontsize=fontsize)
        if rotation:
            page.set_rotation(rotation)
    doc.set_metadata({"title": "Generated Policy"})
    return doc.tobytes()


def pdf_with_lines(pages: list[list[str]], rotation: int = 0, toc=None) -> bytes:
    """Pages of 612x792 pt with each line at x=72, y=100+20*i (baseline), 12 pt Helvetica."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=612, height=792)
        for i, line in enumerate(lines):
            page.insert_text((LINE_X, LINE_Y + LINE_STEP * i), line, fontsize=12)
        if rotation:
            page.set_rotation(rotation)
    if toc:
        doc.set_toc(toc)
    return doc.tobytes()


def revised_pdf() -> bytes:
    return make_pdf(REVISED_PAGES)


def encrypted(data: bytes, password: str = PASSWORD) -> bytes:
    """``data`` encrypted with AES-256; ``password`` opens it."""
    doc = pymupdf.open(stream=data)
    out = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password,
                      owner_pw=password + "!")
    doc.close()
    return out


def _add_scan_of(out: pymupdf.Document, page: pymupdf.Page, dpi: int) -> None:
    new = out.new_page(width=page.rect.width, height=page.rect.height)
    new.insert_image(new.rect, pixmap=page.get_pixmap(dpi=dpi))


def scanned_pdf(pages: list[str], dpi: int = 150) -> bytes:
    """Image-only pages: the text is rendered to a picture, as a scanner would."""
    text_doc = pymupdf.open(stream=make_pdf(pages, fontsize=16))
    scan = pymupdf.open()
    for page in text_doc:
        _add_scan_of(scan, page, dpi=dpi)
    return scan.tobytes(deflate=True)


def partly_scanned_pdf() -> bytes:
    """Page 1 an image of text (no text layer), page 2 ordinary text."""
    src = pymupdf.open(stream=make_pdf([SCAN_TEXT, SAMPLE_PAGES[1]]))
    out = pymupdf.open()
    _add_scan_of(out, src[0], dpi=200)
    out.insert_pdf(src, from_page=1, to_page=1)
    data = out.tobytes()
    src.close()
    out.close()
    return data
