"""The old and new texts as the re-anchoring matcher sees them (body text, furniture left
out), the context an evidence had, and a candidate span scored against that context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from reviewer_app.core.text.bodytext import BodyView, loose_body
from reviewer_app.core.text.furniture import span_reads
from reviewer_app.core.text.normalize import find_all, normalize_quote
from reviewer_app.core.text.textmap import DocumentText

CONTEXT_WIDE = 48  # characters of body text compared on each side
SHORT_WORDS = 6  # quotes with fewer words need their context to agree
LONG_WORDS = 12
MAX_HITS_PER_WORD = 150
MAX_REGIONS = 10
EXTRA_COST = 0.3  # alignment: cost of a new character that is not in the quote
SLACK = 20  # characters a context may have shifted by and still count (discounted)

NON_WORD = re.compile(r"[\W_]")


class OldAnchor(Protocol):
    """What is known of a text evidence in the old revision (``records.Evidence`` fits);
    read-only, so that frozen records fit."""

    @property
    def start(self) -> int | None: ...
    @property
    def end(self) -> int | None: ...
    @property
    def exact(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    @property
    def page(self) -> int: ...


def wording_key(text: str) -> str:
    return NON_WORD.sub("", normalize_quote(text))


# -- the two texts --------------------------------------------------------------------------
@dataclass
class MatchText:
    text: DocumentText
    loose: BodyView

    @classmethod
    def of(cls, text: DocumentText) -> MatchText:
        return cls(text, loose_body(text))

    def body(self, start: int, end: int) -> str:
        """Loose body text of a canonical span (furniture inside it left out)."""
        return self.loose.slice_source(start, end).strip()

    def around(self, start: int, end: int, width: int) -> tuple[str, str]:
        a, b = self.loose.to_view(start), self.loose.to_view(end)
        return self.loose.text[max(0, a - width):a].strip(), self.loose.text[b:b + width].strip()

    def wording_spans(self, q: str) -> list[tuple[int, int]]:
        """Canonical spans holding the normalised quote ``q`` (furniture skipped)."""
        hits = find_all(self.loose.text, q)[:500] if q else []
        return [self.loose.span_to_source(h, h + len(q)) for h in hits]


@dataclass(frozen=True)
class Context:
    prefix: str  # loose body text before the quote
    suffix: str
    expected: float  # where the quote is expected in the new text, as a fraction of it


def old_anchor_valid(ev: OldAnchor, old: MatchText | None) -> bool:
    return (old is not None and ev.start is not None and ev.end is not None
            and span_reads(old.text, ev.start, ev.end, ev.exact))


def context_at(doc: MatchText, start: int, end: int) -> Context:
    before, after = doc.around(start, end, CONTEXT_WIDE)
    return Context(before, after, start / max(len(doc.text.text), 1))


def context_for(ev: OldAnchor, old: MatchText | None, new: MatchText) -> Context:
    if old_anchor_valid(ev, old):
        assert old is not None and ev.start is not None and ev.end is not None  # old_anchor_valid
        return context_at(old, ev.start, ev.end)
    n = len(new.text.text)
    expected = min(ev.start / n, 1.0) if ev.start is not None and n else 0.5
    return Context(normalize_quote(ev.prefix), normalize_quote(ev.suffix), expected)


def side_similarity(want: str, window: str, tail: bool) -> float:
    """How well the old context reappears next to a candidate: adjacent, or (discounted)
    a few characters off, past a new section number or bullet."""
    if not want:  # the quote began (ended) the old text: agreement if it still does
        return 100.0 if not window else 50.0
    if not window:
        return 0.0
    adjacent = window[-len(want):] if tail else window[:len(want)]
    near = window[-len(want) - SLACK:] if tail else window[:len(want) + SLACK]
    return max(fuzz.ratio(want, adjacent), 0.9 * fuzz.partial_ratio(want, near))


@dataclass
class Candidate:
    start: int  # canonical offsets in the new text
    end: int
    lcs: int  # characters of the (normalised) quote found in order in the span's body
    q_len: int
    span_len: int
    prefix_sim: float | None
    suffix_sim: float | None
    nearness: float

    @property
    def quote_sim(self) -> float:
        return 200.0 * self.lcs / max(self.q_len + self.span_len, 1)

    @property
    def ctx_values(self) -> list[float]:
        return [v for v in (self.prefix_sim, self.suffix_sim) if v is not None]

    @property
    def ctx_best(self) -> float:
        return max(self.ctx_values, default=100.0)

    @property
    def ctx_both(self) -> float:
        return min(self.ctx_values, default=100.0)

    @property
    def ctx_mean(self) -> float:
        vals = self.ctx_values
        return sum(vals) / len(vals) if vals else 100.0

    @property
    def combined(self) -> float:
        return 0.7 * self.quote_sim + 0.3 * self.ctx_mean + 3.0 * self.nearness


def candidate(doc: MatchText, ctx: Context, q: str, start: int, end: int) -> Candidate:
    span = doc.body(start, end)
    before, after = doc.around(start, end, 3 * CONTEXT_WIDE)
    where = start / max(len(doc.text.text), 1)
    return Candidate(start, end, int(LCSseq.similarity(q, span)), len(q), len(span),
                 side_similarity(ctx.prefix, before, tail=True),
                 side_similarity(ctx.suffix, after, tail=False),
                 1.0 - min(abs(where - ctx.expected) * 10, 1.0))


