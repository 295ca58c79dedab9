"""A hostile-input corpus, generated (nothing downloaded): PDFs that attack the terminal,
the page-label code, the page tree, the file-type check and the encryption handling."""

from __future__ import annotations

import pymupdf

from tests.factories.pdfs import SAMPLE_PAGES, make_pdf

ESCAPE_TITLE = "\x1b]0;owned\x07\x1b[2J\x1b[31mRed\x9b31m Policy\u202eevil"


def titled_pdf(title: str = ESCAPE_TITLE) -> bytes:
    doc = pymupdf.open(stream=make_pdf(SAMPLE_PAGES), filetype="pdf")
    doc.set_metadata({"title": title})
    return doc.tobytes()


def huge_page_label_pdf(pages: int = 1, start: int = 2_000_000_000, style: str = "r",
                        prefix: str = "") -> bytes:
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page().insert_text((72, 72), "Officers shall intervene.")
    doc.set_page_labels([{"startpage": 0, "prefix": prefix, "style": style,
                          "firstpagenum": start}])
    return doc.tobytes()


def page_tree_cycle_pdf() -> bytes:
    """A page tree whose /Kids holds the tree itself."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    return bytes(out)


def html_with_pdf_marker() -> bytes:
    return (b"<!DOCTYPE html>\n<html><head><title>Download</title></head><body>"
            b"<p>Your file policy.pdf (%PDF-1.7) is ready.</p></body></html>\n")


def empty_password_pdf() -> bytes:
    doc = pymupdf.open(stream=make_pdf(SAMPLE_PAGES), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner-secret",
                       user_pw="", permissions=int(pymupdf.PDF_PERM_PRINT))
