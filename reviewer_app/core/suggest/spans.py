"""Citable spans: the sentence, list item or short run of them that carries a requirement.

The ranker finds the passage (a paragraph, a list with its lead-in, a short section); an
assessor cites one or two sentences of it. This module cuts a passage's words into units
(sentences and list items), scores each unit by the item's phrases it names, and keeps the
best short run of consecutive units, with the lead-in of a list item ("The following are
prohibited:") when it fits. The span is then mapped back to canonical offsets, skipping
the running headers that a passage's words leave out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from reviewer_app.core.text.textmap import DocumentText

MAX_SPAN = 1500  # a suggestion never exceeds this many characters
TARGET_SPAN = 700  # runs of units stop growing past this length
MAX_UNITS = 3  # nor past this many units
LEAD_IN = 300  # a list's lead-in joins its item when it is at most this long

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
# Candidate unit breaks: after sentence punctuation before a capital, a bracket, a quote,
# a list marker or a section number; and before any bracketed marker or bullet.
_BREAK = re.compile(
    r"(?<=[.;:!?])\s+(?=[A-Z(\"\u201c\u2022\u25cf\u25aa\u25e6\u00b7\uf0b7\uf0a7]"
    r"|\d{1,4}(?:\.\d{1,3})*[.)]?\s|[a-z][.)]\s)"
    r"|\s+(?=\((?:\d{1,3}|[a-zA-Z]{1,4})\)\s|[\u2022\u25cf\u25aa\u25e6\u00b7\uf0b7\uf0a7]\s)")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\bv|\bvs|\bNo|\bnos|\bMr|\bMrs|\bMs|\bDr|\bSt|\betc|\be\.g|\bi\.e|\bCt|"
    r"\bSec|\bArt|\bCh|\bInc|\bCo|\bJr|\bU\.S|\bF\.\d?d|\bS\.\s?Ct|\bApp|\bGen|\bRev)\.$")
_ANAPHOR = re.compile(r"^(?:Those|These|This|Such|They|It)\b")
_LIST_START = re.compile(r"^(?:\((?:\d{1,3}|[a-zA-Z]{1,4})\)|\d{1,3}[.)]|[a-zA-Z][.)]|"
                         r"[\u2022\u25cf\u25aa\u25e6\u00b7\uf0b7\uf0a7])\s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


@dataclass(frozen=True)
class Phrase:
    """One of an item's phrases as the span scorer sees it: stems, weight and concept."""

    stems: tuple[str, ...]
    weight: float  # rarity times the phrase's place in the item's list
    group: int  # phrases of one concept share a group: a unit gains once per concept
    near_words: tuple[str, ...] = ()  # content-word stems, for a looser "words close" match
    rank_weight: float = 1.0  # the phrase's place in the item's list alone (no rarity)


def units(text: str) -> list[tuple[int, int]]:
    """Sentence and list-item spans of a passage's words (offsets into ``text``)."""
    cuts = [0]
    for m in _BREAK.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        if before.endswith(".") and _ABBREVIATION.search(before):
            continue
        cuts.append(m.end())
    cuts.append(len(text) + 1)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b - 1] if b <= len(text) else text[a:]
        end = a + len(piece.rstrip())
        if end > a:
            out.append((a, end))
    return out


def _has_phrase(seq: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in seq
    first = phrase[0]
    return any(seq[i:i + n] == list(phrase) for i, w in enumerate(seq) if w == first)


def unit_scores(text: str, spans: list[tuple[int, int]],
                phrases: list[Phrase]) -> list[dict[int, float]]:
    """Per unit, the best phrase weight it names per concept."""
    out = []
    for a, b in spans:
        seq = stems(text[a:b])
        words = set(seq)
        got: dict[int, float] = {}
        for p in phrases:
            if _has_phrase(seq, p.stems):
                w = p.weight
            elif p.near_words and words.issuperset(p.near_words):
                w = 0.5 * p.weight
            else:
                continue
            if w > got.get(p.group, 0.0):
                got[p.group] = w
        out.append(got)
    return out


def best_spans(text: str, phrases: list[Phrase], bonus: dict[int, float] | None = None,
               count: int = 1) -> list[tuple[int, int]]:
    """Up to ``count`` non-overlapping runs of at most MAX_UNITS consecutive units, best
    first: those that name most of the item for their length; ``bonus`` adds weight to
    some units (a rule or a prohibition in them)."""
    spans = units(text)
    if not spans:
        return [(0, len(text))] if text else []
    scores = unit_scores(text, spans, phrases)
    bonus = bonus or {}
    windows: list[tuple[float, int, int]] = []
    for i in range(len(spans)):
        covered: dict[int, float] = {}
        extra = 0.0
        for j in range(i, min(i + MAX_UNITS, len(spans))):
            length = spans[j][1] - spans[i][0]
            if j > i and length > TARGET_SPAN:
                break
            for g, w in scores[j].items():
                covered[g] = max(covered.get(g, 0.0), w)
            extra += bonus.get(j, 0.0)
            if j + 1 < len(spans) and text[spans[j][1] - 1] == ":":
                continue  # a lead-in or a term ("De-Escalation:") goes with what follows
            if covered:
                windows.append((sum(covered.values()) + extra - 0.15 * (j - i)
                                - 0.0002 * length, i, j))
    windows.sort(key=lambda w: (-w[0], w[1], w[2]))
    chosen: list[tuple[int, int]] = []
    for _, i, j in windows:
        if all(j < a or i > b for a, b in chosen):
            chosen.append((i, j))
            if len(chosen) >= count:
                break
    if not chosen:
        j = 0
        while j + 1 < len(spans) and spans[j + 1][1] - spans[0][0] <= TARGET_SPAN:
            j += 1
        chosen = [(0, j)]
    return [_widen(text, spans, i, j) for i, j in chosen]


def best_span(text: str, phrases: list[Phrase], bonus: dict[int, float] | None = None
              ) -> tuple[int, int]:
    """The best run of units (see ``best_spans``)."""
    found = best_spans(text, phrases, bonus)
    return found[0] if found else (0, 0)


def _widen(text: str, spans: list[tuple[int, int]], i: int, j: int) -> tuple[int, int]:
    """Offsets of units i..j, with the lead-in of a list item when it fits; never more
    than MAX_SPAN characters."""
    a, b = spans[i][0], spans[j][1]
    if i > 0 and _LIST_START.match(text[a:b]):
        k = i - 1
        while k > 0 and _LIST_START.match(text[spans[k][0]:spans[k][1]]):
            k -= 1  # back over the item's siblings to the list's lead-in
        lead = spans[k]
        if not _LIST_START.match(text[lead[0]:lead[1]]) and lead[1] - lead[0] <= LEAD_IN \
                and b - lead[0] <= TARGET_SPAN:
            a = lead[0]
            if k > 0 and _ANAPHOR.match(text[a:b]) and b - spans[k - 1][0] <= TARGET_SPAN:
                a = spans[k - 1][0]  # "Those can include:" needs the sentence it refers to
    if b - a > MAX_SPAN:
        cut = text.rfind(" ", a, a + MAX_SPAN)
        b = cut if cut > a else a + MAX_SPAN
    return a, b


def to_canonical(doc: DocumentText | None, start: int, end: int, clean: str,
                 a: int, b: int) -> tuple[int, int]:
    """Canonical offsets of ``clean[a:b]``, where ``clean`` is the passage's words (its
    canonical span ``start``-``end`` without running headers, pages joined by a space)."""
    if doc is None:
        return start + a, start + b
    canon = doc.text[start:end]
    if len(canon) == len(clean) and canon.replace("\n", " ") == clean:
        return start + a, start + b
    clean_words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", clean)]
    canon_words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", canon)]
    where: list[tuple[int, int]] = []
    k = 0
    for _, _, word in clean_words:
        j = k
        while j < len(canon_words) and canon_words[j][2] != word:
            j += 1
        if j == len(canon_words):  # not found: keep the place of the previous word
            where.append(where[-1] if where else (0, 0))
            continue
        where.append((canon_words[j][0], canon_words[j][1]))
        k = j + 1
    first = next((n for n, w in enumerate(clean_words) if w[1] > a), len(clean_words) - 1)
    last = next((n - 1 for n, w in enumerate(clean_words) if w[0] >= b), len(clean_words) - 1)
    last = max(last, first)
    return start + where[first][0], start + where[last][1]
