"""Text selection as a span of the canonical text, grown by characters, words or lines.

The selection is a global [start, end) span into ``DocumentText.text`` (the same offsets
evidence is anchored with), so what is painted, copied and linked is always the same text.
A drag snaps to whole words; a span the program sets is kept as it is.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import Enum

from reviewer_app.core.text.anchoring import snap_to_words
from reviewer_app.core.text.textmap import DocumentText, PageText


class Unit(Enum):
    CHAR = 1
    WORD = 2
    LINE = 3


def _word_index(page: PageText, local: int) -> int | None:
    if not page.starts:
        return None
    return max(bisect_right(page.starts, local) - 1, 0)


def _word_end(page: PageText, i: int) -> int:
    return page.starts[i + 1] - 1 if i + 1 < len(page.starts) else len(page.text)


def unit_span(text: DocumentText, offset: int, unit: Unit) -> tuple[int, int]:
    """The word or line containing a global offset (a char span for CHAR)."""
    if unit is Unit.CHAR:
        return offset, offset
    pno = text.page_of(offset)
    page, base = text.pages[pno], text.page_starts[pno]
    i = _word_index(page, offset - base)
    if i is None:
        return offset, offset
    if offset - base > _word_end(page, i) and i + 1 < len(page.starts):
        i += 1  # on the space after a word: take the next word
    if unit is Unit.WORD:
        return base + page.starts[i], base + _word_end(page, i)
    first = last = i
    while first > 0 and page.lines[first - 1] == page.lines[i]:
        first -= 1
    while last + 1 < len(page.starts) and page.lines[last + 1] == page.lines[i]:
        last += 1
    return base + page.starts[first], base + _word_end(page, last)


class TextSelection:
    """Anchor and head of a drag, expanded to whole units after a double/triple click."""

    def __init__(self) -> None:
        self.anchor: tuple[int, int] | None = None  # the unit span where the drag began
        self.head: int | None = None
        self.unit = Unit.CHAR
        self.exact = False  # a span set by the program (find, reveal): never snapped
        self._text: DocumentText | None = None

    def reset(self, text: DocumentText | None = None) -> None:
        self.anchor, self.head, self.unit = None, None, Unit.CHAR
        if text is not None:
            self._text = text

    def begin(self, offset: int, unit: Unit = Unit.CHAR) -> None:
        self.unit, self.exact = unit, False
        self.anchor = unit_span(self._text, offset, unit) if self._text else (offset, offset)
        self.head = offset

    def extend(self, offset: int) -> None:
        if self.anchor is not None:
            self.head = offset

    def set_span(self, start: int, end: int) -> None:
        self.unit, self.exact = Unit.CHAR, True
        self.anchor, self.head = (start, start), end

    def span(self) -> tuple[int, int] | None:
        if self.anchor is None or self.head is None:
            return None
        a0, a1 = self.anchor
        h0, h1 = (unit_span(self._text, self.head, self.unit) if self._text
                  else (self.head, self.head))
        if self.unit is Unit.CHAR:
            h0 = h1 = self.head
        start, end = min(a0, h0), max(a1, h1)
        if self.unit is Unit.CHAR and not self.exact and self._text is not None and end > start:
            start, end = snap_to_words(self._text, start, end)  # whole words, as linked
        return (start, end) if end > start else None
