"""Text normalisation for matching quotes against a document's canonical text.

The canonical text (see ``textmap``) is what offsets point into. Matching happens on
*views* of it: a case- and punctuation-folded copy with some characters deleted, plus a
map back to canonical offsets. Folding is one-to-one per character so that only
deletions move offsets, which keeps the map a sorted list searched with ``bisect``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import cast

_FOLD_CHARS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\t": " ", "\n": " ", "\r": " ", "\f": " ",
}
_ASCII_FOLD = {k: v for k, v in _FOLD_CHARS.items() if k.isascii()}
_FOLD = str.maketrans({**_FOLD_CHARS, **{chr(c): chr(c + 32) for c in range(65, 91)}})

# A line break after a hyphen or slash becomes "- " in the canonical text; the quote
# usually has no space there ("him/herself"), so the loose view drops that space.
_AFTER_HYPHEN_OR_SLASH = re.compile(r"([-/]) ")  # the space (group end) is deleted
_SPACE = re.compile(" ")
_WS = re.compile(r"\s+")


def clean_word(word: str) -> str:
    """Canonical form of one extracted word: NFKC (ligatures), no soft hyphens or controls."""
    if word.isascii() and word.isprintable():  # most words: NFKC and the filter keep them
        return word.strip()
    word = unicodedata.normalize("NFKC", word)
    return "".join(c for c in word if c != "\u00ad" and (c.isprintable() or c == " ")).strip()


def fold(text: str) -> str:
    """Case and punctuation folding that keeps the length of the text.

    ``str.lower`` and ``str.replace`` run in C and are ~10x faster than ``translate`` on
    a 1.7M-character manual; the rare characters whose lower case is longer fall back.
    """
    low = text.lower()
    if len(low) != len(text):
        return text.translate(_FOLD)
    for src, dst in _FOLD_CHARS.items():
        if src in low:
            low = low.replace(src, dst)
    return low


def normalize_quote(quote: str) -> str:
    """A quote as typed or pasted, brought to the loose view's form."""
    quote = unicodedata.normalize("NFKC", quote).replace("\u00ad", "")
    quote = _WS.sub(" ", fold(quote)).strip()
    return _AFTER_HYPHEN_OR_SLASH.sub(r"\1", quote)


@dataclass(frozen=True)
class View:
    """A folded copy of ``source`` with matches of a pattern deleted, mapped back to it."""

    text: str
    _removed_at: tuple[int, ...]  # view positions at which one source char was removed

    @classmethod
    def build(cls, source: str, delete: re.Pattern[str]) -> View:
        """Delete the character that follows group 1 of each match of ``delete``."""
        folded = fold(source)
        positions = [m.end(1) for m in delete.finditer(folded)]
        removed = tuple(p - k for k, p in enumerate(positions))
        return cls(delete.sub(r"\1", folded), removed)

    def to_source(self, pos: int) -> int:
        """Offset in the source of the view character at ``pos`` (or the end)."""
        return pos + bisect_right(self._removed_at, pos)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.to_source(start), self.to_source(end - 1) + 1


def loose_view(source: str) -> View:
    return View.build(source, _AFTER_HYPHEN_OR_SLASH)


def _fold_part(part: str) -> str | None:
    """``fold`` of one page, or None when lower case changes its length.

    Replacing before lowering gives the same result (the folded characters are no letters)
    and usually leaves an ASCII string, whose ``lower`` is many times faster."""
    table = _FOLD_CHARS if not part.isascii() else _ASCII_FOLD
    for src, dst in table.items():
        if src in part:
            part = part.replace(src, dst)
    low = part.lower()
    return low if len(low) == len(part) else None


def folded_view_of_parts(parts: list[str], sep: str) -> View | None:
    """``fold(sep.join(parts))`` as a view that deletes nothing, built page by page; None
    when lower case changes a length (then only the loose view folds like ``fold``).

    For a needle without "-" or "/" (and, as normalized, without outer spaces) its matches
    here are exactly its matches in the loose view: a match holds no hyphen or slash, so no
    space the loose view deletes. Building it costs a third of the loose view."""
    folded = [_fold_part(p) for p in parts]
    sep_folded = _fold_part(sep)
    if sep_folded is None or any(f is None for f in folded):
        return None
    return View(sep_folded.join(cast("list[str]", folded)), ())


def loose_view_of_parts(parts: list[str], sep: str) -> View:
    """``loose_view(sep.join(parts))``, built page by page: two to three times as fast on a
    manual, since most pages are ASCII once their quotes and dashes are folded."""
    folded = [_fold_part(p) for p in parts]
    sep_folded = _fold_part(sep)
    if sep_folded is None or any(f is None for f in folded):
        return loose_view(sep.join(parts))  # the whole-text fallback of ``fold``
    texts: list[str] = []
    removed: list[int] = []
    pos, prev = 0, ""  # source offset of the segment, and the source character before it
    for i, part in enumerate(cast("list[str]", folded)):
        for seg in ((sep_folded, part) if i and sep_folded else (part,)):
            cuts = [h + 1 for h in find_all(seg, "- ")] if "- " in seg else []
            if "/ " in seg:
                cuts = sorted(cuts + [h + 1 for h in find_all(seg, "/ ")])
            if seg[:1] == " " and prev in ("-", "/") and prev:
                cuts.insert(0, 0)  # "- " across the boundary
            if cuts:
                done = len(removed)
                removed.extend(pos + c - done - k for k, c in enumerate(cuts))
                last = 0
                for c in cuts:  # the view keeps everything but the cut spaces
                    texts.append(seg[last:c])
                    last = c + 1
                seg_view = seg[last:]
            else:
                seg_view = seg
            texts.append(seg_view)
            pos += len(seg)
            prev = seg[-1] if seg else prev
    return View("".join(texts), tuple(removed))


def spaceless_view(source: str) -> View:
    folded = fold(source)
    positions = [m.start() for m in _SPACE.finditer(folded)]
    return View(folded.replace(" ", ""), tuple(p - k for k, p in enumerate(positions)))


def find_all(haystack: str, needle: str) -> list[int]:
    hits, pos = [], haystack.find(needle)
    while pos >= 0 and needle:
        hits.append(pos)
        pos = haystack.find(needle, pos + 1)
    return hits
