"""Helpers for the robustness tests: texts built without a PDF, anchors, small reviews."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import pytest

from reviewer_app.core.text.anchoring import anchor_span, locate_quote
from reviewer_app.core.text.textmap import DocumentText, PageText


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


@pytest.fixture
def new_review(tmp_path):
    """A factory of empty reviews (doj-2020) in tmp_path; closed at the end."""
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.review.store import ReviewStore

    opened = []

    def make(name: str = "r.review") -> ReviewStore:
        store = ReviewStore.create(tmp_path / name, agency_name="Test PD", assessor="Tess",
                                   standards=resolve_standards("doj-2020"))
        opened.append(store)
        return store

    yield make
    for s in opened:
        try:
            s.close()
        except Exception:
            pass
