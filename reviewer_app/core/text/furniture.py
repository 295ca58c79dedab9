"""Page furniture: running headers, footers and page numbers, told apart from body text.

One detector for everything that must leave furniture out: clause segmentation, quote
matching and re-anchoring (``bodytext``), the stored quote of an evidence (a clause that
crosses a page break is the policy's words, not "... It is the Use of Force Page 5 of 6
duty of ..."), the highlights and crops of the packet, and its section headings.

A furniture line is a visual line in the top or bottom band of its page that either reads
as a page number ("Page 5 of 6", "Use of Force - 2", "12") or repeats, digits aside, at
about the same height on several pages (the segmenter's long-standing rule, now shared).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TypeVar

from reviewer_app.core.text.textmap import DocumentText

BAND = 0.16  # top/bottom share of a page where furniture may sit
Y_BIN = 3.0  # points: heights within one bin (or a neighbouring one) are "the same"
CACHE_KEY = "furniture.ranges"

_PAGE_NUMBER = re.compile(
    r"(?:^|\s[-\u2013]\s|\bpage\s*)[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class VisualLine:
    page: int
    start: int  # global canonical offsets
    end: int
    x0: float
    y0: float
    x1: float
    y1: float
    h: float
    text: str
    columns: bool = False  # words far apart on one baseline: a table row


L = TypeVar("L", bound=VisualLine)


def visual_lines(doc: DocumentText, pno: int, make: type[L]) -> list[L]:
    """Words grouped into visual lines: MuPDF line keys, merged when on one baseline. The
    one grouping: this detector and the segmenter (``index.lines``) read the same lines;
    ``make`` builds them (the segmenter's ``Line`` extends ``VisualLine``)."""
    page = doc.pages[pno]
    n = page.word_count()
    if not n:
        return []
    base, starts, boxes, text = doc.page_starts[pno], page.starts, page.boxes, page.text
    keys = page.lines.tolist()
    cuts = [0, *(k for k in range(1, n) if keys[k] != keys[k - 1]), n]
    out: list[L] = []
    prev: L | None = None
    for i, j in zip(cuts, cuts[1:], strict=False):
        x0 = min(boxes[4 * i:4 * j:4])
        y0 = min(boxes[4 * i + 1:4 * j:4])
        x1 = max(boxes[4 * i + 2:4 * j:4])
        y1 = max(boxes[4 * i + 3:4 * j:4])
        s = starts[i]
        e = starts[j] - 1 if j < n else len(text)
        if prev is not None and abs(y0 - prev.y0) < 0.35 * max(prev.h, 1.0) \
                and x0 >= prev.x1 - 2.0:
            if x0 - prev.x1 > 3.0 * max(prev.h, 1.0):
                prev.columns = True
            prev.end, prev.x1 = base + e, max(prev.x1, x1)
            prev.y0, prev.y1 = min(prev.y0, y0), max(prev.y1, y1)
            prev.h = prev.y1 - prev.y0
            prev.text = text[prev.start - base:e]
        else:
            prev = make(pno, base + s, base + e, x0, y0, x1, y1, y1 - y0, text[s:e])
            out.append(prev)
    return out


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.lower()).strip()


def furniture_ranges(text: DocumentText) -> list[tuple[int, int]]:
    """Canonical [start, end) spans of every furniture line, ascending (cached)."""
    if CACHE_KEY in text.cache:
        return text.cache[CACHE_KEY]
    pages_with_text = sum(1 for p in text.pages if p.has_text)
    need = 2 if pages_with_text <= 5 else 3
    marked: list[tuple[int, int]] = []
    seen: dict[tuple[str, int], set[int]] = {}
    band: list[tuple[VisualLine, str, int]] = []
    for pno in range(len(text.pages)):
        height = text.pages[pno].height or 792.0
        for ln in visual_lines(text, pno, VisualLine):
            if ln.y1 > BAND * height and ln.y0 < (1 - BAND) * height:
                continue
            if _PAGE_NUMBER.search(ln.text.strip()):
                marked.append((ln.start, ln.end))
                continue
            key, ybin = _key(ln.text), round(ln.y0 / Y_BIN)
            band.append((ln, key, ybin))
            seen.setdefault((key, ybin), set()).add(pno)
    if pages_with_text >= 2:
        for ln, key, ybin in band:
            pages: set[int] = set()
            for b in (ybin - 1, ybin, ybin + 1):
                pages |= seen.get((key, b), set())
            if len(pages) >= need:
                marked.append((ln.start, ln.end))
    out = sorted(marked)
    text.cache[CACHE_KEY] = out
    return out


def is_furniture(text: DocumentText, start: int, end: int) -> bool:
    """True when the canonical span [start, end) lies inside one furniture line."""
    ranges = furniture_ranges(text)
    k = bisect_right(ranges, (start, 1 << 62)) - 1
    return k >= 0 and ranges[k][0] <= start and end <= ranges[k][1]


def _may_hold_furniture(text: DocumentText, start: int, end: int) -> bool:
    """False when [start, end) lies on one page and touches no line of its top or bottom
    band: then nothing inside it can be furniture, and the document-wide detection (about
    0.1 s on a 758-page manual) is not needed for a one-off ``link``."""
    if start >= end:
        return False
    first, last = text.page_of(start), text.page_of(end - 1)
    if first != last:
        return True
    height = text.pages[first].height or 792.0
    return any(not (ln.y1 > BAND * height and ln.y0 < (1 - BAND) * height)
               for ln in visual_lines(text, first, VisualLine) if ln.start < end and ln.end > start)


def body_spans(text: DocumentText, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) that are body text, blanks at their edges trimmed."""
    full = text.text
    start, end = max(0, min(start, len(full))), max(0, min(end, len(full)))
    out: list[tuple[int, int]] = []
    pos = start
    known = CACHE_KEY in text.cache
    ranges = furniture_ranges(text) if known or _may_hold_furniture(text, start, end) else []
    for s, e in ranges:
        if e <= start or s >= end:
            continue
        out.append((pos, max(pos, s)))
        pos = max(pos, e)
    out.append((pos, end))
    trimmed = []
    for a, b in out:
        while a < b and full[a].isspace():
            a += 1
        while b > a and full[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def body_text(text: DocumentText, start: int, end: int) -> str:
    """The words of [start, end) without the furniture inside it: what a quote stores."""
    full = text.text
    return " ".join(full[a:b] for a, b in body_spans(text, start, end))


def body_rects(text: DocumentText, start: int, end: int) -> list:
    """(page, rect) boxes over the body text of [start, end) only."""
    return [r for a, b in body_spans(text, start, end) for r in text.rects_for_range(a, b)]


def span_reads(text: DocumentText, start: int | None, end: int | None, exact: str) -> bool:
    """True when [start, end) still holds the quote: its body text (how quotes are stored)
    or, for evidence recorded before furniture was left out, its raw text."""
    if start is None or end is None:
        return False
    return text.text[start:end] == exact or body_text(text, start, end) == exact
