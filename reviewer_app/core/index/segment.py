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
from collections import Counter
from dataclasses import dataclass

from reviewer_app.core.text.furniture import is_furniture
from reviewer_app.core.text.textmap import DocumentText

SEGMENTER_VERSION = 3

MAX_PASSAGE = 1400  # longer blocks are cut at sentence ends
TARGET_CHUNK = 700
MAX_LIST = 1200  # a lead-in with its items becomes one extra passage up to this size
MAX_SECTION = 2500  # a whole short section (heading to next heading) likewise

_MARKER = re.compile(
    r"""^(
        \d{1,4}(?:\.\d{1,3})+\.?            # 300.3.7  4.1.
      | \d{1,3}[.)]                         # 1.  1)
      | \((?:\d{1,3}|[a-zA-Z]{1,4})\)       # (1) (a) (iv)
      | [IVXLC]{1,6}\.                      # II.
      | [ivxlc]{1,6}[.)]                    # iv.  ii)
      | [A-Za-z][.)]                        # A.  b)
      | [\u2022\u25cf\u25aa\u25e6\u00b7\u2013\uf0b7\uf0a7\uf076\uf0d8*-]   # bullets
    )(?=\s|$)""",
    re.X,
)
_DOTTED = re.compile(r"^\d{1,4}(?:\.\d{1,3})+")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\"\u201c])")
_TERMINAL = (".", ";", ",", "!", "?")


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


@dataclass(slots=True)
class _Line:
    page: int
    start: int  # global
    end: int
    x0: float
    y0: float
    x1: float
    y1: float
    h: float
    text: str
    marker: str = ""
    heading: bool = False
    furniture: bool = False
    columns: bool = False  # a table row ("MAKE   MODEL   CALIBER"): never a heading


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
    lines: list[_Line]
    heading: bool = False

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


# -- visual lines ------------------------------------------------------------------------
def _page_lines(doc: DocumentText, pno: int) -> list[_Line]:
    """Words grouped into visual lines (MuPDF line keys, merged when on one baseline)."""
    page = doc.pages[pno]
    n = page.word_count()
    if not n:
        return []
    base = doc.page_starts[pno]
    starts, boxes, text = page.starts, page.boxes, page.text
    keys = page.lines.tolist()
    cuts = [0, *(k for k in range(1, n) if keys[k] != keys[k - 1]), n]
    out: list[_Line] = []
    prev: _Line | None = None
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
                prev.columns = True  # words far apart on one baseline: a table row
            prev.end, prev.x1 = base + e, max(prev.x1, x1)
            prev.y0, prev.y1 = min(prev.y0, y0), max(prev.y1, y1)
            prev.h = prev.y1 - prev.y0
            prev.text = text[prev.start - base:e]
        else:
            prev = _Line(pno, base + s, base + e, x0, y0, x1, y1, y1 - y0, text[s:e])
            out.append(prev)
    return out


def _mark_furniture(lines: list[_Line], doc: DocumentText) -> None:
    """Running headers, footers and page numbers, as the shared detector finds them."""
    for ln in lines:
        ln.furniture = is_furniture(doc, ln.start, ln.end)


# -- line classification -----------------------------------------------------------------
def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    return Counter(values).most_common(1)[0][0]


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or",
                "the", "to", "with", "vs", "v."}


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", text)]
    if not words or not words[0][0].isupper():
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.75 * len(big)


def _classify(body: list[_Line], body_h: float, pitch: float) -> None:
    big = 1.3 * body_h
    for ln in body:
        m = _MARKER.match(ln.text)
        ln.marker = m.group(1) if m else ""
    for k, ln in enumerate(body):
        rest = ln.text[len(ln.marker):].strip()
        if ln.columns or len(rest) > (100 if ln.h >= big else 80) or rest.endswith(_TERMINAL) \
                or _letters(rest) < 2:
            continue  # headings are short and unpunctuated
        nxt = body[k + 1] if k + 1 < len(body) else None
        if ln.h >= big:
            ln.heading = True  # larger type: chapter or policy title
        elif rest.isupper() and _letters(rest) >= 3:
            ln.heading = True
        elif (ln.marker and (ln.marker[0].isalnum() or ln.marker[0] == "(")
              and len(rest) <= 70 and _title_case(rest) and nxt is not None
              and nxt.page == ln.page and nxt.x0 > ln.x0 + 4
              and rest.split()[-1].lower() not in _SMALL_WORDS
              and (nxt.marker or (nxt.y0 - ln.y0) / max(ln.h, 1.0) > pitch * 1.3 + 0.05)):
            ln.heading = True  # "C. Legal Authority" over an indented block of its own


# -- blocks ------------------------------------------------------------------------------
def _continues(prev: _Line, ln: _Line, pitch: float) -> bool:
    """A line that starts like a list item but carries on a sentence: "... as outlined in" /
    "(a) and (b) above." (no deeper indent, no gap, lower-case after the marker)."""
    rest = ln.text[len(ln.marker):].lstrip()
    return (ln.page == prev.page and not prev.marker and not prev.heading
            and not prev.text.rstrip().endswith((".", ":", ";", "!", "?"))
            and bool(rest) and rest[0].islower() and ln.x0 <= prev.x0 + 3
            and prev.h > 0 and 0 < (ln.y0 - prev.y0) / prev.h <= pitch * 1.3 + 0.05)


def _blocks(body: list[_Line], doc: DocumentText) -> list[_Block]:
    heights = [round(ln.h, 1) for ln in body if ln.h > 0]
    body_h = _mode(heights, 12.0)
    ratios = []
    for a, b in zip(body, body[1:], strict=False):
        if a.page == b.page and a.h > 0 and 0 < b.y0 - a.y0 < 2.5 * a.h:
            ratios.append(round((b.y0 - a.y0) / a.h, 2))
    pitch = _mode(ratios, 1.2)
    _classify(body, body_h, pitch)
    right = _mode([round(ln.x1 / 4) * 4 for ln in body], 540.0)

    blocks: list[_Block] = []
    prev: _Line | None = None
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


def _clean_text(lines: list[_Line], starts: list[int], start: int, end: int) -> str:
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
    lines: list[_Line] = []
    for pno in range(len(text.pages)):
        lines.extend(_page_lines(text, pno))
    if not lines:
        return []
    _mark_furniture(lines, text)
    body = [ln for ln in lines if not ln.furniture]
    if not body:
        return []
    body_h = _mode([round(ln.h, 1) for ln in body if ln.h > 0], 12.0)
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
