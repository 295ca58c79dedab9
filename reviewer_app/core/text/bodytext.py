"""A document's body text for matching across revisions: running headers and footers
left out, with maps between view positions and canonical offsets in both directions.

A revision that reflows a policy puts new page breaks, and with them the running header
and footer, in the middle of clauses; the old revision had its own furniture elsewhere.
Matching on the body text makes "the same words, now across a page break" an exact match
and keeps furniture out of the context that tells candidates apart. Deletions are kept as
runs, so a 1.7-million-character manual maps with a few thousand entries. Furniture is a line
among the first or last few of a page whose text (digits aside) repeats on many pages.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from reviewer_app.core.text.normalize import fold
from reviewer_app.core.text.textmap import DocumentText

EDGE_LINES = 4  # lines at the top and at the bottom of a page that may be furniture
MIN_SHARE = 0.3  # share of the pages a line must repeat on to be furniture
MAX_LINE = 160  # characters: longer lines are body text

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class BodyView:
    """Folded body text with runs of canonical characters deleted, mapped both ways."""

    text: str
    run_src: array  # canonical offset where each deleted run starts, ascending
    run_view: array  # view position at which each run was deleted
    run_end: array  # canonical offset just past each run

    def to_source(self, pos: int) -> int:
        """Canonical offset of the view character at ``pos`` (or of the end)."""
        k = bisect_right(self.run_view, pos) - 1
        return pos if k < 0 else self.run_end[k] + (pos - self.run_view[k])

    def to_view(self, offset: int) -> int:
        """View position of a canonical offset (the next kept character if deleted)."""
        k = bisect_right(self.run_src, offset) - 1
        if k < 0:
            return offset
        return self.run_view[k] + max(0, offset - self.run_end[k])

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.to_source(start), self.to_source(end - 1) + 1

    def slice_source(self, start: int, end: int) -> str:
        """The view text of the canonical span [start, end)."""
        return self.text[self.to_view(start):self.to_view(end)]


def _deleted_runs(masked: str) -> list[tuple[int, int]]:
    """Runs to delete for the loose form: repeated spaces (blanked furniture, empty pages)
    but the last, leading and trailing spaces, and the space after a hyphen or slash at
    a line end.
    Plain ``str.find`` loops: several times faster than a regex on a long manual."""
    runs: list[tuple[int, int]] = []
    for mark in ("- ", "/ "):
        pos = masked.find(mark)
        while pos >= 0:
            runs.append((pos + 1, pos + 2))
            pos = masked.find(mark, pos + 2)
    pos = masked.find("  ")
    while pos >= 0:
        end = pos
        while end < len(masked) and masked[end] == " ":
            end += 1
        runs.append((pos, end - 1))
        pos = masked.find("  ", end)
    if masked.startswith(" "):
        runs.append((0, len(masked) - len(masked.lstrip(" "))))
    if masked.endswith(" "):
        runs.append((len(masked.rstrip(" ")), len(masked)))
    runs.sort()
    merged: list[tuple[int, int]] = []
    for a, b in runs:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _build(masked: str) -> BodyView:
    run_src, run_view, run_end = array("i"), array("i"), array("i")
    parts, pos, gone = [], 0, 0
    for a, b in _deleted_runs(masked):
        parts.append(masked[pos:a])
        run_src.append(a)
        run_view.append(a - gone)
        run_end.append(b)
        gone += b - a
        pos = b
    parts.append(masked[pos:])
    return BodyView("".join(parts), run_src, run_view, run_end)


def _edge_lines(text: DocumentText, pno: int) -> list[tuple[int, int]]:
    """Page-local character ranges of the first and last few lines of a page."""
    page = text.pages[pno]
    n, lines, starts = page.word_count(), page.lines, page.starts
    heads = [0]
    i = 1
    while i < n and len(heads) <= EDGE_LINES:  # where the first lines begin
        if lines[i] != lines[i - 1]:
            heads.append(i)
        i += 1
    tails = [n]
    i = n - 1
    while i > 0 and len(tails) <= EDGE_LINES:  # where the last lines end
        if lines[i] != lines[i - 1]:
            tails.append(i)
        i -= 1
    bounds = sorted(set(heads) | set(tails) | {n})
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b > a and (a in heads[:EDGE_LINES] or b in tails[:EDGE_LINES]):
            out.append((starts[a], starts[b] - 1 if b < n else len(page.text)))
    return out


def furniture_ranges(text: DocumentText) -> list[tuple[int, int]]:
    """Canonical spans of running headers and footers (empty for short documents)."""
    if "bodytext.furniture" in text.cache:
        return text.cache["bodytext.furniture"]
    pages_with_text = [p for p, pt in enumerate(text.pages) if pt.has_text]
    out: list[tuple[int, int]] = []
    if len(pages_with_text) >= 3:
        found: list[tuple[str, int, int]] = []
        seen: Counter[str] = Counter()
        for pno in pages_with_text:
            base, keys = text.page_starts[pno], set()
            for s, e in _edge_lines(text, pno):
                line = text.pages[pno].text[s:e]
                if len(line) > MAX_LINE:
                    continue
                key = _DIGITS.sub("#", fold(line))
                found.append((key, base + s, base + e))
                keys.add(key)
            seen.update(keys)
        need = max(3, int(MIN_SHARE * len(pages_with_text)))
        out = sorted((s, e) for key, s, e in found if seen[key] >= need)
    text.cache["bodytext.furniture"] = out
    return out


def _masked(text: DocumentText) -> str:
    """The folded canonical text with furniture blanked out (lengths unchanged)."""
    folded = fold(text.text)
    if len(folded) != len(text.text):  # exotic case folding: keep offsets exact
        folded = text.text
    parts, pos = [], 0
    for s, e in furniture_ranges(text):
        parts += [folded[pos:s], " " * (e - s)]
        pos = e
    parts.append(folded[pos:])
    return "".join(parts)


def loose_body(text: DocumentText) -> BodyView:
    """Body text, folded, with single spaces and no space after a hyphen or slash at a
    line end: the form ``normalize.normalize_quote`` gives a quote."""
    if "bodytext.loose" not in text.cache:
        text.cache["bodytext.loose"] = _build(_masked(text))
    return text.cache["bodytext.loose"]


def word_index(text: DocumentText) -> dict[str, list[int]]:
    """View positions of every word of the loose body text, to find candidate places."""
    if "bodytext.words" not in text.cache:
        words = loose_body(text).text.split(" ")
        index: dict[str, list[int]] = {}
        for w, pos in zip(words, accumulate((len(w) + 1 for w in words), initial=0),
                          strict=False):
            index.setdefault(w, []).append(pos)
        text.cache["bodytext.words"] = index
    return text.cache["bodytext.words"]
