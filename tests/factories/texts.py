"""Texts built without a PDF (made-up word boxes), the text of a generated PDF, anchors
and where words are."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import pymupdf

from reviewer_app.core.text.anchoring import anchor_span, locate_quote
from reviewer_app.core.text.textmap import DocumentText, PageText, extract_document


def page_text(text: str, line_words: int = 8) -> PageText:
    """A page of canonical text with made-up word boxes: one line per line of ``text``
    when it has several, else lines of ``line_words`` words."""
    if "\n" in text:
        placed = [(w, row, col) for row, line in enumerate(text.split("\n"))
                  for col, w in enumerate(line.split())]
    else:
        placed = [(w, *divmod(i, line_words)) for i, w in enumerate(text.split())]
    words = [w for w, _, _ in placed]
    starts, boxes, lines = array("i"), array("f"), array("i")
    pos = 0
    for w, row, col in placed:
        starts.append(pos)
        boxes.extend((72 + 60 * col, 72 + 14 * row, 72 + 60 * col + 6 * len(w), 84 + 14 * row))
        lines.append(row)
        pos += len(w) + 1
    return PageText(" ".join(words), starts, boxes, lines, 612, 792, 0)


def doc_text(*pages: str) -> DocumentText:
    return DocumentText([page_text(p) for p in pages])


@dataclass
class Ev:
    """An evidence-like anchor (what ``reanchor`` reads)."""

    start: int | None
    end: int | None
    exact: str
    prefix: str
    suffix: str
    page: int


def anchor(text: DocumentText, quote: str, page: int | None = None) -> Ev:
    a = locate_quote(text, quote, page)
    return Ev(a.start, a.end, a.exact, a.prefix, a.suffix, a.page)


def anchor_at(text: DocumentText, start: int, end: int) -> Ev:
    a = anchor_span(text, start, end)
    return Ev(a.start, a.end, a.exact, a.prefix, a.suffix, a.page)


def text_of(data: bytes) -> DocumentText:
    """The canonical text of a PDF, as the view and the core extract it."""
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
