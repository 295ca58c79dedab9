"""Accepting a suggestion: anchor its span exactly like a manual highlight, with boxes over
the clause's own lines only (never over a running header or footer inside the span)."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from reviewer_app.core.text.anchoring import TextAnchor, anchor_span
from reviewer_app.core.text.textmap import DocumentText


class Suggestion(Protocol):
    """What accepting needs of a suggestion (engine.Suggestion has it; read-only, so
    frozen records fit)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


def body_ranges(text: DocumentText, s: Suggestion) -> list[tuple[int, int]]:
    """The suggestion's span without the running headers and footers printed inside it
    (a passage that runs across a page break holds the next page's header in its span):
    the canonical lines of the span are matched, in order, against the passage's words."""
    want = s.text.split()
    ranges: list[tuple[int, int]] = []
    pos = 0
    for pno in range(text.page_of(s.start), text.page_of(max(s.end - 1, s.start)) + 1):
        page, base = text.pages[pno], text.page_starts[pno]
        n = page.word_count()
        i = 0
        while i < n:
            j = i + 1
            while j < n and page.lines[j] == page.lines[i]:
                j += 1
            lo = base + page.starts[i]
            hi = base + (page.starts[j] - 1 if j < n else len(page.text))
            a, b = max(lo, s.start), min(hi, s.end)
            if a < b:
                words = text.text[a:b].split()
                if want[pos:pos + len(words)] == words:
                    pos += len(words)
                    if ranges and a - ranges[-1][1] <= 1:
                        ranges[-1] = (ranges[-1][0], b)
                    else:
                        ranges.append((a, b))
            i = j
    return ranges if pos == len(want) else [(s.start, s.end)]


def anchor_suggestion(text: DocumentText, s: Suggestion) -> TextAnchor:
    """Anchor a suggestion exactly like a manual highlight of its span, with boxes drawn
    over the passage's own lines only (never over a header or footer inside the span)."""
    anchor = anchor_span(text, s.start, s.end)
    ranges = body_ranges(text, s)
    if ranges == [(s.start, s.end)]:
        return anchor
    quads = tuple(q for a, b in ranges for q in text.rects_for_range(a, b))
    return replace(anchor, quads=quads)
