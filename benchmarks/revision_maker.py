"""Revised versions of a real policy PDF, with the place of every tracked clause known.

A policy's canonical text is cut into paragraphs at MuPDF's text blocks, edited as a
revision would edit it (renumbered sections, inserted paragraphs, reworded or deleted
clauses), and typeset again with reportlab in a different page size and font (a reflow).
Edits go through ``Draft.edit``, which keeps every tracked span in step, so the expected
new place of each clause is known exactly. ``expected_spans`` maps them into the new PDF's canonical
text by aligning its words with the draft's (the new running header and footer skipped).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reviewer_app.core.text.textmap import DocumentText

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/Library/Fonts"),
             Path("C:/Windows/Fonts"))

INSERTED = [
    "This paragraph was added in the current revision to clarify the reporting duties of "
    "supervisors after any incident described in this chapter.",
    "Members should consult the training unit if any portion of this section is unclear; "
    "questions are answered within ten business days.",
    "The Chief of Police reviews this chapter every year and records the review in the "
    "directives log maintained by the administrative division.",
    "Nothing in this revision changes the collective bargaining agreement in force between "
    "the department and its sworn members.",
]

SYNONYMS = [("shall", "must"), ("officers", "members"), ("officer", "member"),
            ("will", "shall"), ("may", "can"), ("prior to", "before"), ("utilize", "use"),
            ("appropriate", "proper"), ("individual", "person"), ("immediately", "promptly"),
            ("reasonable", "objectively reasonable"), ("department", "agency")]

_NUMBER = re.compile(r"(?<![\d.])(\d{1,4})\.(\d{1,3})((?:\.\d{1,3})*)(?![\d])")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_RULE = re.compile(r"([_\-.=*~])\1{9,}")
_LONG = re.compile(r"\S{31,}")


@dataclass
class Draft:
    """Editable text with tracked spans (None once a span has been deleted)."""

    text: str
    spans: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    def edit(self, a: int, b: int, repl: str) -> None:
        delta = len(repl) - (b - a)
        self.text = self.text[:a] + repl + self.text[b:]
        for key, span in self.spans.items():
            if span is None:
                continue
            s, e = span
            if b <= s and not (a == b == s and repl.endswith("\n")):
                self.spans[key] = (s + delta, e + delta)
            elif a >= e:
                continue
            elif a >= s and b <= e:
                self.spans[key] = (s, e + delta)
            else:  # an edit overlapping the span's edge: the span takes it in
                self.spans[key] = (min(s, a), max(e + delta, a + len(repl)))

    def delete_span(self, key: str) -> None:
        s, e = self.spans[key]
        if e < len(self.text) and self.text[e] in " \n":
            e += 1
        elif s > 0 and self.text[s - 1] in " \n":
            s -= 1
        self.spans[key] = None
        self.edit(s, e, "")


def draft_from(text: DocumentText, spans: dict[str, tuple[int, int]]) -> Draft:
    """The canonical text with a newline wherever MuPDF starts a new text block."""
    chars = list(text.text)
    for pno, page in enumerate(text.pages):
        base = text.page_starts[pno]
        for i in range(1, page.word_count()):
            if page.lines[i] // 1000 != page.lines[i - 1] // 1000:
                chars[base + page.starts[i] - 1] = "\n"
    draft = Draft("".join(chars), dict(spans))
    for m in reversed(list(_PRIVATE.finditer(draft.text))):  # symbol-font bullets
        draft.edit(m.start(), m.end(), "\u2022")
    for m in reversed(list(_RULE.finditer(draft.text))):  # ____ rules would be wrapped
        draft.edit(m.start(), m.end(), m.group(1) * 8)
    for m in reversed(list(_LONG.finditer(draft.text))):  # so would long URLs
        for cut in range(m.end() - 30, m.start(), -30):
            draft.edit(cut, cut, " ")
    return draft


def furniture_blocks(text: DocumentText) -> list[tuple[int, int]]:
    """Canonical spans of text blocks that repeat (digits aside) at the top or bottom of
    many pages: running headers and footers."""
    blocks: list[tuple[int, int, str]] = []  # global start, end, key
    counts: dict[str, int] = {}
    for pno, page in enumerate(text.pages):
        base, seen = text.page_starts[pno], set()
        bounds = [i for i in range(page.word_count())
                  if i == 0 or page.lines[i] // 1000 != page.lines[i - 1] // 1000]
        for n, i in enumerate(bounds):
            end = page.starts[bounds[n + 1]] - 1 if n + 1 < len(bounds) else len(page.text)
            if n < 2 or n >= len(bounds) - 2:
                key = re.sub(r"\d+", "#", page.text[page.starts[i]:end].lower())
                blocks.append((base + page.starts[i], base + end, key))
                seen.add(key)
        for k in seen:
            counts[k] = counts.get(k, 0) + 1
    need = max(3, int(0.3 * len(text.pages)))
    return [(s, e) for s, e, key in blocks if counts[key] >= need]


def strip_furniture(d: Draft, text: DocumentText) -> int:
    """Delete running headers and footers, as a reflow would before setting new ones.
    Call before any other edit."""
    removed = 0
    for s, e in sorted(furniture_blocks(text), reverse=True):
        if any(sp and sp[0] < e + 1 and sp[1] > s - 1 for sp in d.spans.values()):
            continue
        if e < len(d.text) and d.text[e] == "\n":
            e += 1
        elif s > 0:
            s -= 1
        d.edit(s, e, "")
        removed += 1
    return removed


# -- edits ---------------------------------------------------------------------------------
def renumber(d: Draft) -> int:
    """Section numbers 300.3.2 -> 301.3.2 everywhere (also inside quotes)."""
    hits = list(_NUMBER.finditer(d.text))
    for m in reversed(hits):
        d.edit(m.start(1), m.end(1), str(int(m.group(1)) + 1))
    return len(hits)


def insert_paragraphs(d: Draft, rng: random.Random, share: float = 0.08) -> int:
    """New paragraphs at a share of paragraph breaks, always including right before
    some tracked clauses (their prefix changes)."""
    inside = [sp for sp in d.spans.values() if sp]
    breaks = [i for i, c in enumerate(d.text)
              if c == "\n" and not any(s < i < e for s, e in inside)]
    chosen = set(rng.sample(breaks, max(1, int(len(breaks) * share)))) if breaks else set()
    for _key, span in sorted(d.spans.items()):
        if span and rng.random() < 0.3:
            before = d.text.rfind("\n", 0, span[0])
            if before >= 0 and not any(s < before < e for s, e in inside):
                chosen.add(before)
    for pos in sorted(chosen, reverse=True):
        d.edit(pos, pos + 1, "\n" + rng.choice(INSERTED) + "\n")
    return len(chosen)


def reword(d: Draft, keys: list[str], rng: random.Random) -> dict[str, str]:
    """Change one to three words inside each clause (synonyms, a dropped word)."""
    done = {}
    for key in keys:
        span = d.spans.get(key)
        if not span:
            continue
        s, e = span
        clause = d.text[s:e]
        subs = [(m.start(), m.end(), new) for old, new in SYNONYMS
                for m in re.finditer(rf"\b{re.escape(old)}\b", clause, re.I)]
        rng.shuffle(subs)
        picked: list[tuple[int, int, str]] = []
        for sub in subs:
            if len(picked) < 2 and all(sub[1] <= p[0] or sub[0] >= p[1] for p in picked):
                picked.append(sub)
        words = [m for m in re.finditer(r"\S+", clause)]
        if not picked and len(words) > 6:  # no synonym: drop an inner word
            w = words[rng.randrange(2, len(words) - 2)]
            picked.append((w.start(), w.end() + 1, ""))
        for a, b, new in sorted(picked, reverse=True):
            d.edit(s + a, s + b, new)
        done[key] = d.text[slice(*d.spans[key])]
    return done


# -- typesetting -----------------------------------------------------------------------------
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in FONT_DIRS:
        path = folder / "DejaVuSerif.ttf"
        if path.exists():
            if "RevSerif" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("RevSerif", str(path)))
            return "RevSerif"
    return "Times-Roman"


HEADER = "Revised Policy Manual - effective January 2026"


def typeset(d: Draft, page: tuple[float, float] = (420, 595), size: float = 9.0) -> bytes:
    """The draft as a new PDF: one paragraph per line of the draft, a new page size and
    font, and a new running header and page-number footer on every page."""
    from io import BytesIO

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = _font()
    style = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3,
                           spaceAfter=size * 0.6)

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, size - 1)
        canvas.drawString(36, page[1] - 28, HEADER)
        canvas.drawString(36, 20, f"Page {doc.page}")
        canvas.restoreState()

    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=36, rightMargin=36, topMargin=40,
                            bottomMargin=40, title="Revised policy", invariant=1)
    story = [Paragraph(escape(p), style) for p in d.text.split("\n") if p]
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def expected_spans(d: Draft, new: DocumentText) -> dict[str, tuple[int, int] | None] | None:
    """Where each tracked span lies in the new PDF's canonical text (running header and
    footer words skipped); None when extraction did not return the typeset words."""
    furniture = len(HEADER.split()) + 2
    new_words: list[tuple[int, int]] = []  # global offsets of body words
    for pno, page in enumerate(new.pages):
        base = new.page_starts[pno]
        for i in range(furniture, page.word_count()):
            s = page.starts[i]
            e = page.starts[i + 1] - 1 if i + 1 < page.word_count() else len(page.text)
            new_words.append((base + s, base + e))
    draft_words = [(m.start(), m.end()) for m in re.finditer(r"\S+", d.text)]
    if len(draft_words) != len(new_words) or any(
            d.text[a:b] != new.text[c:e]
            for (a, b), (c, e) in zip(draft_words, new_words, strict=True)):
        return None
    starts = [a for a, _ in draft_words]
    from bisect import bisect_right

    out: dict[str, tuple[int, int] | None] = {}
    for key, span in d.spans.items():
        if span is None:
            out[key] = None
            continue
        i = bisect_right(starts, span[0]) - 1
        j = bisect_right(starts, span[1] - 1) - 1
        out[key] = (new_words[i][0] + span[0] - draft_words[i][0],
                    new_words[j][0] + span[1] - draft_words[j][0])
    return out
