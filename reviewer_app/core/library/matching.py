"""Finding library clauses in a document: word shingles, then rapidfuzz to confirm.

Why shingles and not MinHash: a library clause is usually a sentence or two inside a
longer passage, so what matters is *containment* (how much of the clause the document
holds), which Jaccard estimates from MinHash get wrong when the sizes differ. An inverted
index from each 4-word shingle of the masked clause to its clauses gives containment
exactly and in one pass over the document (a dict look-up per word), with no dependency.
Matching runs over the document's whole masked word stream, so reflow, page breaks and a
passage cut in a different place do not matter; renumbering and the agency's name are
masked away; a small edit costs only the few shingles it touches. A candidate region is
then confirmed with rapidfuzz on the masked words, and its differences are listed word by
word (difflib opcodes) for the assessor to see.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from reviewer_app.core.library.masking import AGENCY, Token, tokens
from reviewer_app.core.library.store import LibraryClause

SHINGLE = 4
MIN_CONTAINMENT = 0.5  # share of the clause's shingles found close together
MIN_RATIO = 80.0  # rapidfuzz ratio of the masked words of clause and region


@dataclass(frozen=True)
class Difference:
    """One word-level change from the library clause to the document ("shall" -> "may")."""

    kind: str  # "replace", "delete" (only in the library clause) or "insert" (only here)
    library: str
    document: str
    after: str = ""  # the document's word before the change, to find it by

    def text(self) -> str:
        where = f" after '{self.after}'" if self.after else ""
        if self.kind == "replace":
            return f"'{self.library}' became '{self.document}'{where}"
        if self.kind == "delete":
            return f"'{self.library}' is missing{where}"
        return f"'{self.document}' was added{where}"


@dataclass(frozen=True)
class LibraryMatch:
    """A place in a document holding a library clause, for one checklist item."""

    clause: LibraryClause
    doc_id: int
    start: int  # offsets into the document's canonical text
    end: int
    ratio: float  # rapidfuzz ratio, 0-100
    places: int  # how many places of the document hold this clause (the best is shown)
    differences: tuple[Difference, ...]

    @property
    def item_id(self) -> str:
        return self.clause.item_id

    def headline(self) -> str:
        c = self.clause
        result = c.usual_result.replace("_", " ").capitalize() or "no result"
        many = "review" if c.reviews == 1 else "reviews"
        return f"same clause as in {c.reviews} earlier {many}, used for {{code}} ({result})"


def _shingles(words: tuple[str, ...] | list[str]) -> list[int]:
    return [hash(tuple(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)]


class LibraryIndex:
    """The library's clauses, indexed by their shingles, ready to be matched."""

    def __init__(self, clauses: list[LibraryClause]):
        self.clauses = [c for c in clauses if len(c.words) >= SHINGLE + 2]
        self.sizes: list[int] = []
        self.postings: dict[int, list[int]] = defaultdict(list)
        for n, c in enumerate(self.clauses):
            grams = set(_shingles(c.words))
            self.sizes.append(len(grams))
            for g in grams:
                self.postings[g].append(n)

    def match(self, text: str, doc_id: int = 1, agency: frozenset[str] = frozenset()
              ) -> list[LibraryMatch]:
        """Every library clause found in ``text``, best place first, per (clause, item)."""
        toks = tokens(text, agency)
        words = [t.word for t in toks]
        hits: dict[int, list[int]] = defaultdict(list)
        for pos, g in enumerate(_shingles(words)):
            for n in self.postings.get(g, ()):
                hits[n].append(pos)
        out = []
        for n, positions in hits.items():
            size = self.sizes[n]
            if len(positions) < MIN_CONTAINMENT * size:
                continue
            clause = self.clauses[n]
            places = []
            for first, last, _count in _clusters(positions, len(clause.words),
                                                 MIN_CONTAINMENT * size):
                lo, hi = _align(clause.words, words, first, last + SHINGLE)
                ratio = fuzz.ratio(" ".join(clause.words), " ".join(words[lo:hi]))
                if ratio >= MIN_RATIO:
                    places.append((ratio, lo, hi))
            if not places:
                continue
            ratio, lo, hi = max(places, key=lambda p: (p[0], -p[1]))  # ties: the first place
            start, end = sentence_bounds(text, toks[lo].start, toks[hi - 1].end)
            out.append(LibraryMatch(clause, doc_id, start, end, ratio, len(places),
                                    differences(clause.words, toks[lo:hi], text)))
        out.sort(key=lambda m: (-m.ratio, -m.clause.reviews, m.start))
        return out


def _align(clause: tuple[str, ...], words: list[str], lo: int, hi: int) -> tuple[int, int]:
    """The word range [lo, hi) fitted to the clause: words the shingles reached beyond it
    are dropped, and clause words the shingles missed at either edge (a changed first or
    last word) are taken in, so the differences name them."""
    ops = difflib.SequenceMatcher(a=list(clause), b=words[lo:hi], autojunk=False
                                  ).get_opcodes()
    head, tail = ops[0], ops[-1]
    new_lo = lo + head[4] if head[0] == "insert" else lo
    new_hi = lo + tail[3] if tail[0] == "insert" else hi
    if head[0] in ("delete", "replace") and head[1] == 0:
        new_lo = max(0, lo - (head[2] - head[1]) + (head[4] - head[3]))
    if tail[0] in ("delete", "replace") and tail[2] == len(clause):
        new_hi = min(len(words), hi + (tail[2] - tail[1]) - (tail[4] - tail[3]))
    return (new_lo, new_hi) if new_lo < new_hi else (lo, hi)


def _clusters(positions: list[int], length: int, keep: float = 0.0
              ) -> list[tuple[int, int, int]]:
    """Windows of shingle hits about a clause long: (first, last, hits), left to right.

    A window starts at a hit and spans the clause's shingles and a quarter more (room for
    words the agency inserted); a window with too few hits drops its first (a stray hit
    before the clause) and tries again, one with enough is taken whole.
    """
    span = int((length - SHINGLE + 1) * 1.25) + 2
    need = (length - SHINGLE + 1) * MIN_CONTAINMENT
    out = []
    n = len(positions)
    i = j = 0
    while i < n:  # j only moves right: one pass, however many stray hits there are
        limit = positions[i] + span
        j = max(j, i)
        while j < n and positions[j] < limit:
            j += 1
        if j - i >= keep:  # the caller drops windows with fewer hits than ``keep``
            out.append((positions[i], positions[j - 1], j - i))
        i = j if j - i >= need else i + 1
    return out


_SENTENCE_END = re.compile(r"[.;:!?](?=[\s\"'’”)]|$)")


def sentence_bounds(text: str, start: int, end: int, reach: int = 400) -> tuple[int, int]:
    """[start, end) widened to whole sentences: a library clause quoted as a fragment
    ("... at a moving vehicle unless") is offered as the sentence one can cite."""
    if text[start:start + 1].isupper():  # starts a sentence already (or a heading)
        left = start
    else:
        left = _sentence_start(text, start, reach)
    if end > start and _SENTENCE_END.match(text, end - 1):
        return left, end
    m = _SENTENCE_END.search(text, end, min(end + reach, len(text)))
    return left, m.end() if m else end


def _sentence_start(text: str, start: int, reach: int) -> int:
    back = text.rfind("\n\n", max(start - reach, 0), start)
    left = max(start - reach, 0, back + 2 if back >= 0 else 0)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    if ends:
        left = ends[-1]
    elif start - reach > 0:
        left = start
    while left < start and text[left].isspace():
        left += 1
    return left


def differences(library: tuple[str, ...], region: list[Token], text: str = ""
                ) -> tuple[Difference, ...]:
    """The word-level changes from the library clause to the document's region (the
    agency's name in place of another's is not one). With ``text``, the document's side
    is given in its own words rather than masked."""
    mine = [t.word for t in region]
    shown = [text[t.start:t.end] for t in region] if text else mine
    ops = difflib.SequenceMatcher(a=list(library), b=mine, autojunk=False).get_opcodes()
    out = []
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            continue
        if library[a0:a1] == (AGENCY,) and b1 - b0 <= 3:
            continue  # another agency's name (unknown for a bare PDF), or cut at the edge
        out.append(Difference(tag, " ".join(library[a0:a1]), " ".join(shown[b0:b1]),
                              shown[b0 - 1] if b0 else ""))
    return tuple(out)


# item -> (doc, start, end, confident) of its lexical suggestions, best first
Spans = dict[str, list[tuple[int, int, int, bool]]]
CLOSE = 95.0  # a match this close is word for word but for a word or two


def agreement(m: LibraryMatch, agreeing: Spans) -> int:
    """The rank (0 = first) of the first lexical suggestion at the match's place, or a
    large number when none is."""
    for rank, (d, s, e, _sure) in enumerate(agreeing.get(m.item_id, ())):
        if d == m.doc_id and s < m.end and m.start < e:
            return rank
    return 1 << 20


def leads(m: LibraryMatch, agreeing: Spans) -> bool:
    """Whether a library match goes above the lexical suggestions: the first lexical
    suggestion is at the same place, or the match is (nearly) word for word and no
    confident lexical suggestion comes first. A library clause elsewhere than a confident
    first suggestion (the same template offers several clauses on one subject, and
    assessors choose differently) or a looser match is still listed, after them."""
    if agreement(m, agreeing) == 0:
        return True
    first = agreeing.get(m.item_id, [])[:1]
    return m.ratio >= CLOSE and not (first and first[0][3])


def best_per_item(matches: list[LibraryMatch], agreeing: Spans | None = None
                  ) -> dict[str, list[LibraryMatch]]:
    """Matches grouped by item, best first; one place of the document listed once per item.

    Leading matches (see ``leads``) first, then the one the lexical suggestions rank
    higher, then the clause more reviews used, then the closer match.
    """
    agreeing = agreeing or {}
    out: dict[str, list[LibraryMatch]] = defaultdict(list)
    for m in sorted(matches, key=lambda m: -m.ratio):
        group = out[m.item_id]
        if any(o.doc_id == m.doc_id and o.start < m.end and m.start < o.end for o in group):
            continue
        group.append(m)
    for group in out.values():
        group.sort(key=lambda m: (not leads(m, agreeing), agreement(m, agreeing),
                                  -m.clause.reviews, -m.ratio, m.start))
    return dict(out)
