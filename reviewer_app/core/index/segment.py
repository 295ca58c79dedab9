"""Clause segmentation: cut a document's canonical text into passages an assessor cites.

A passage is a paragraph, a numbered section's first paragraph together with its heading,
a list item, or a short list with its lead-in. Structure comes from the word geometry
kept in ``PageText`` (indentation, vertical gaps, font height) and from the way policies
number their clauses ("300.3.2", "IV.", "B.", "(c)"). Running headers, footers and
copyright lines are recognised because they repeat at the same height on many pages;
they are left out of passages' text and structure.

Each passage keeps its place in the outline: ``section`` (the number of the nearest
heading), ``heading`` (that heading's words) and ``context`` (the chain of headings and a
list's lead-in), which the search index weighs separately from the passage's own text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from reviewer_app.core.index.lines import (
    Line,
    classify,
    mark_furniture,
    mode_of,
    page_lines,
)
from reviewer_app.core.text.textmap import DocumentText

SEGMENTER_VERSION = 3

MAX_PASSAGE = 1400  # longer blocks are cut at sentence ends
TARGET_CHUNK = 700
MAX_LIST = 1200  # a lead-in with its items becomes one extra passage up to this size
MAX_SECTION = 2500  # a whole short section (heading to next heading) likewise

_DOTTED = re.compile(r"^\d{1,4}(?:\.\d{1,3})+")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\"\u201c])")


@dataclass(frozen=True)
class Passage:
    page: int  # 0-based page of the first character
    start: int  # global canonical offsets
    end: int
    section: str  # number of the nearest heading: "300.3.2", "IV.B", or ""
    heading: str  # that heading's words: "DUTY TO INTERVENE"
    text: str  # the passage's words, without running headers/footers
    context: str = ""  # heading chain and list lead-in, for the search index
    kind: str = "paragraph"  # opening (with its heading) | paragraph | item | list | section
    # | chunk (a piece of an over-long paragraph)


@dataclass
class _Heading:
    level: float
    number: str
    title: str
    lead_in: bool = False
    x0: float = 0.0
    page: int = 0


# A contents (or index) page names sections but governs nothing after it: its heading
# closes at the next page instead of becoming the section of the policy's first pages.
_CONTENTS_TITLE = re.compile(r"^(table of )?contents$|^index$", re.IGNORECASE)


@dataclass
class _Block:
    lines: list[Line]
    heading: bool = False

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


# -- blocks ------------------------------------------------------------------------------
def _continues(prev: Line, ln: Line, pitch: float) -> bool:
    """A line that starts like a list item but carries on a sentence: "... as outlined in" /
    "(a) and (b) above." (no deeper indent, no gap, lower-case after the marker)."""
    rest = ln.text[len(ln.marker):].lstrip()
    return (ln.page == prev.page and not prev.marker and not prev.heading
            and not prev.text.rstrip().endswith((".", ":", ";", "!", "?"))
            and bool(rest) and rest[0].islower() and ln.x0 <= prev.x0 + 3
            and prev.h > 0 and 0 < (ln.y0 - prev.y0) / prev.h <= pitch * 1.3 + 0.05)


def _blocks(body: list[Line], doc: DocumentText) -> list[_Block]:
    heights = [round(ln.h, 1) for ln in body if ln.h > 0]
    body_h = mode_of(heights, 12.0)
    ratios = []
    for a, b in zip(body, body[1:], strict=False):
        if a.page == b.page and a.h > 0 and 0 < b.y0 - a.y0 < 2.5 * a.h:
            ratios.append(round((b.y0 - a.y0) / a.h, 2))
    pitch = mode_of(ratios, 1.2)
    classify(body, body_h, pitch)
    right = mode_of([round(ln.x1 / 4) * 4 for ln in body], 540.0)

    blocks: list[_Block] = []
    prev: Line | None = None
    for ln in body:
        if ln.marker and prev is not None and _continues(prev, ln, pitch):
            ln.marker, ln.heading = "", False
        new = prev is None or ln.heading or prev.heading or bool(ln.marker)
        if not new and prev is not None:
            if ln.page != prev.page:
                new = prev.text.rstrip().endswith((".", ":", ";")) and prev.x1 < right - 40
            else:
                dy = ln.y0 - prev.y0
                new = dy < -0.5 * prev.h or (prev.h > 0 and dy / prev.h > pitch * 1.3 + 0.05)
            if not new and blocks and blocks[-1].first.marker:
                new = ln.x0 < blocks[-1].first.x0 - 3  # text back out of a list item
        if new and prev is not None and prev.heading and ln.heading and blocks \
                and blocks[-1].heading and ln.page == prev.page and not ln.marker \
                and 0 < ln.y0 - prev.y0 < pitch * 1.3 * prev.h + 1:
            new = False  # a heading wrapped onto a second line
        if new:
            blocks.append(_Block([ln], heading=ln.heading))
        else:
            blocks[-1].lines.append(ln)
        prev = ln
    return blocks


# -- passages ----------------------------------------------------------------------------
def _split_heading(text: str, marker: str) -> tuple[str, str]:
    """Number as printed ("300.4.1", "IV.", "(c)") and words of a heading, without the
    colon some policies end their headings with."""
    words = text[len(marker):] if marker else text
    return marker, words.strip().rstrip(":").strip()


def _level(block: _Block, body_h: float) -> float:
    first = block.first
    level = first.x0
    m = _DOTTED.match(first.text)
    if m:
        level += 15 * m.group(0).count(".")
    if first.h >= 1.3 * body_h:
        level -= 1000
    return level


def _clean_text(lines: list[Line], starts: list[int], start: int, end: int) -> str:
    """The span's words without the furniture lines that sit inside it."""
    i = max(bisect_right(starts, start) - 1, 0)
    parts = []
    while i < len(lines) and lines[i].start < end:
        ln = lines[i]
        if ln.end > start:
            part = ln.text[max(start - ln.start, 0):end - ln.start].strip()
            if part:
                parts.append(part)
        i += 1
    return " ".join(parts)


def _chunks(block: _Block) -> list[tuple[int, int]]:
    """Cut an over-long block at sentence ends into pieces of about TARGET_CHUNK chars."""
    spans: list[tuple[int, int]] = []
    lines = block.lines
    cur_start = lines[0].start
    for ln in lines:
        if ln.end - cur_start < MAX_PASSAGE:
            continue
        cut = None
        for m in _SENTENCE_END.finditer(ln.text):
            pos = ln.start + m.start()
            if pos - cur_start >= TARGET_CHUNK:
                cut = pos
                break
        if cut is None:
            continue
        spans.append((cur_start, cut))
        cur_start = cut + 1
    spans.append((cur_start, lines[-1].end))
    return spans


@dataclass
class _Unit:
    """A non-heading block with its place in the outline, before passages are cut."""

    block: _Block
    start: int  # includes the heading printed right above it
    section: str
    heading: str
    context: str
    outer_context: str  # without the block's own lead-in
    opens_section: bool  # printed right under a heading


def _outline(blocks: list[_Block], body_h: float) -> list[_Unit | None]:
    """Walk the blocks keeping a stack of open headings and lead-ins; None marks a heading."""
    units: list[_Unit | None] = []
    stack: list[_Heading] = []
    pending: _Block | None = None

    def chain() -> str:
        return " / ".join(f"{h.number} {h.title}".strip() for h in stack)

    for block in blocks:
        first = block.first
        while stack and stack[-1].page < first.page and _CONTENTS_TITLE.match(stack[-1].title):
            stack.pop()
        if block.heading:
            level = _level(block, body_h)
            while stack and (stack[-1].level >= level - 6 or
                             (stack[-1].lead_in and stack[-1].x0 >= first.x0 - 3)):
                stack.pop()
            number, title = _split_heading(block.text(), first.marker)
            stack.append(_Heading(level, number, title, x0=first.x0, page=first.page))
            pending = block
            units.append(None)
            continue
        if first.marker:  # an item closes the lead-ins deeper than itself, and the
            # headings at its own indentation or deeper (it is their sibling)
            while stack and stack[-1].lead_in and stack[-1].x0 > first.x0 + 3:
                stack.pop()
            while stack and not stack[-1].lead_in and stack[-1].level > -500 \
                    and stack[-1].x0 >= first.x0 - 3:
                stack.pop()
        else:  # a paragraph closes the lead-ins at its indentation or deeper
            while stack and stack[-1].lead_in and stack[-1].x0 >= first.x0 - 3:
                stack.pop()
        section, heading = next(((h.number, h.title) for h in reversed(stack)
                                 if not h.lead_in), ("", ""))
        outer = chain()
        lead = next((h.title for h in reversed(stack) if h.lead_in), "")
        ctx = outer if not lead or outer.endswith(lead) else f"{outer} / {lead}"
        start = pending.start if pending is not None else block.start
        units.append(_Unit(block, start, section, heading, ctx, outer, pending is not None))
        pending = None
        if block.text().rstrip().endswith(":"):
            stack.append(_Heading(first.x0 - 10, "", block.text().strip(), lead_in=True,
                                  x0=first.x0))
    return units


def _at(units: list[_Unit | None], i: int) -> _Unit:
    """``units[i]``, known to be there (None marks the furniture between units)."""
    u = units[i]
    assert u is not None
    return u


def _group_end(units: list[_Unit | None], i: int) -> int:
    """Index after the last unit that belongs under unit i: deeper-indented blocks, or the
    items that follow a lead-in ending with a colon."""
    head = _at(units, i).block
    x = head.first.x0
    colon = head.text().rstrip().endswith(":")
    j = i + 1
    if j >= len(units) or units[j] is None:
        return j
    first_x = _at(units, j).block.first.x0
    same_level_items = colon and _at(units, j).block.first.marker and first_x <= x + 3
    while j < len(units) and units[j] is not None:
        f = _at(units, j).block.first
        if f.x0 > x + 3 or (same_level_items and f.marker and f.x0 >= first_x - 3):
            j += 1
            continue
        break
    return j


def segment_document(text: DocumentText) -> list[Passage]:
    lines: list[Line] = []
    for pno in range(len(text.pages)):
        lines.extend(page_lines(text, pno))
    if not lines:
        return []
    mark_furniture(lines, text)
    body = [ln for ln in lines if not ln.furniture]
    if not body:
        return []
    body_h = mode_of([round(ln.h, 1) for ln in body if ln.h > 0], 12.0)
    starts = [ln.start for ln in body]
    units = _outline(_blocks(body, text), body_h)
    out: list[Passage] = []

    def emit(u: _Unit, start: int, end: int, kind: str, ctx: str) -> None:
        words = _clean_text(body, starts, start, end)
        if words:
            out.append(Passage(text.page_of(start), start, end, u.section, u.heading, words,
                               ctx, kind))

    for i, u in enumerate(units):
        if u is None:
            continue
        block = u.block
        kind = "item" if block.first.marker else "paragraph"
        if u.opens_section:
            kind = "opening"
        if block.end - u.start > MAX_PASSAGE:
            spans = _chunks(block)
            spans[0] = (u.start, spans[0][1])
            for s, e in spans:
                emit(u, s, e, "chunk", u.context)
        else:
            emit(u, u.start, block.end, kind, u.context)
        j = _group_end(units, i)
        if j > i + 1 and _at(units, j - 1).block.end - u.start <= MAX_LIST:
            emit(u, u.start, _at(units, j - 1).block.end, "list", u.outer_context)
        if u.opens_section:
            k = i + 1
            while k < len(units) and units[k] is not None:
                k += 1
            if k > j and _at(units, k - 1).block.end - u.start <= MAX_SECTION:
                emit(u, u.start, _at(units, k - 1).block.end, "section", u.outer_context)
    return out
