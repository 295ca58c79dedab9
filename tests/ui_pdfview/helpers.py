"""PDFs with words at known places, and where those words are."""

from __future__ import annotations

import pymupdf

from reviewer_app.core.text.textmap import DocumentText, extract_document

LINE_X, LINE_Y, LINE_STEP = 72, 100, 20


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


def text_of(data: bytes) -> DocumentText:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return extract_document(doc)


def word_box(text: DocumentText, pno: int, word: str, nth: int = 0):
    """Unrotated box of the nth occurrence of ``word`` on a page."""
    page = text.pages[pno]
    found = 0
    for i, start in enumerate(page.starts):
        end = page.starts[i + 1] - 1 if i + 1 < len(page.starts) else len(page.text)
        if page.text[start:end] == word:
            if found == nth:
                return tuple(page.boxes[4 * i: 4 * i + 4])
            found += 1
    raise AssertionError(f"{word!r} not on page {pno}")


def start_of(box):
    x0, y0, x1, y1 = box
    return x0 + 0.3, (y0 + y1) / 2


def end_of(box):
    x0, y0, x1, y1 = box
    return x1 - 0.3, (y0 + y1) / 2
