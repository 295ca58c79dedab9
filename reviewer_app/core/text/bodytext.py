"""A document's body text for matching across revisions: running headers and footers
left out, with maps between view positions and canonical offsets in both directions.

A revision that reflows a policy puts new page breaks, and with them the running header
and footer, in the middle of clauses; the old revision had its own furniture elsewhere.
Matching on the body text makes "the same words, now across a page break" an exact match
and keeps furniture out of the context that tells candidates apart. Deletions are kept as
runs, so a 1.7-million-character manual maps with a few thousand entries. Furniture is what
the shared detector (``furniture``) finds.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from reviewer_app.core.text.furniture import furniture_ranges
from reviewer_app.core.text.normalize import fold
from reviewer_app.core.text.textmap import DocumentText


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
