"""Re-anchoring evidence on a revised document: which span of the new text is the clause
the assessor cited in the old one?

The steps follow the W3C selector pattern Hypothesis uses: the stored position, verified
by the quote; the quote's wording anywhere (several hits told apart by their order and
context); then a fuzzy match of the quote together with its context. Matching runs on the
body text (``bodytext``: running headers and footers left out), so a clause that a new
page break cuts in two still matches exactly. Whatever falls below the confidence rules is
an orphan: an attachment to the wrong clause that looks right is worse than a visible
loss, so doubt always ends in ``orphaned``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from reviewer_app.core.text.anchoring import TextAnchor, anchor_span
from reviewer_app.core.text.bodytext import BodyView, furniture_ranges, loose_body, word_index
from reviewer_app.core.text.furniture import span_reads
from reviewer_app.core.text.normalize import find_all, normalize_quote
from reviewer_app.core.text.textmap import DocumentText
from reviewer_app.core.vocabulary import EvidenceStatus

INTACT, MOVED, CHANGED, ORPHANED = tuple(EvidenceStatus)  # short names for the members
CONTEXT_WIDE = 48  # characters of body text compared on each side
SHORT_WORDS = 6  # quotes with fewer words need their context to agree
LONG_WORDS = 12
MAX_HITS_PER_WORD = 150
MAX_REGIONS = 10
EXTRA_COST = 0.3  # alignment: cost of a new character that is not in the quote
SLACK = 20  # characters a context may have shifted by and still count (discounted)

_NON_WORD = re.compile(r"[\W_]")


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


@dataclass(frozen=True)
class Reanchored:
    """Outcome for one evidence: status, the new anchor (None for orphans), confidence."""

    status: EvidenceStatus
    anchor: TextAnchor | None
    score: float  # 0-100: how sure the match is (for orphans: the best rejected candidate)
    reason: str
    candidate: TextAnchor | None = None  # an orphan's closest rejected match, to offer


def wording(text: str) -> str:
    """The words of a text with layout removed: case, spaces, hyphens and line breaks."""
    return normalize_quote(text).replace(" ", "").replace("-", "")


def same_wording(a: str, b: str) -> bool:
    return wording(a) == wording(b)


def _key(text: str) -> str:
    return _NON_WORD.sub("", normalize_quote(text))


# -- the two texts --------------------------------------------------------------------------
@dataclass
class _Doc:
    text: DocumentText
    loose: BodyView

    @classmethod
    def of(cls, text: DocumentText) -> _Doc:
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
class _Context:
    prefix: str  # loose body text before the quote
    suffix: str
    expected: float  # where the quote is expected in the new text, as a fraction of it


def _old_valid(ev: OldAnchor, old: _Doc | None) -> bool:
    return old is not None and span_reads(old.text, ev.start, ev.end, ev.exact)


def _context_at(doc: _Doc, start: int, end: int) -> _Context:
    before, after = doc.around(start, end, CONTEXT_WIDE)
    return _Context(before, after, start / max(len(doc.text.text), 1))


def _context(ev: OldAnchor, old: _Doc | None, new: _Doc) -> _Context:
    if _old_valid(ev, old):
        assert old is not None and ev.start is not None and ev.end is not None  # _old_valid
        return _context_at(old, ev.start, ev.end)
    n = len(new.text.text)
    expected = min(ev.start / n, 1.0) if ev.start is not None and n else 0.5
    return _Context(normalize_quote(ev.prefix), normalize_quote(ev.suffix), expected)


def _side_sim(want: str, window: str, tail: bool) -> float:
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
class _Cand:
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


def _candidate(doc: _Doc, ctx: _Context, q: str, start: int, end: int) -> _Cand:
    span = doc.body(start, end)
    before, after = doc.around(start, end, 3 * CONTEXT_WIDE)
    where = start / max(len(doc.text.text), 1)
    return _Cand(start, end, int(LCSseq.similarity(q, span)), len(q), len(span),
                 _side_sim(ctx.prefix, before, tail=True),
                 _side_sim(ctx.suffix, after, tail=False),
                 1.0 - min(abs(where - ctx.expected) * 10, 1.0))


# -- several occurrences ----------------------------------------------------------------------
def _old_rivals(ev: OldAnchor, old: _Doc | None) -> tuple[list[_Context], int | None]:
    """Contexts of the quote's other occurrences in the old text, and this one's rank."""
    if not _old_valid(ev, old):
        return [], None
    assert old is not None and ev.start is not None and ev.end is not None  # _old_valid
    spans = old.wording_spans(normalize_quote(old.body(ev.start, ev.end)))
    rank = next((i for i, s in enumerate(spans) if s[0] <= ev.start < s[1]), None)
    return [_context_at(old, s, e) for s, e in spans if not s <= ev.start < e], rank


def _belongs_to_rival(new: _Doc, c: _Cand, q: str, rivals: list[_Context]) -> bool:
    """True unless the candidate's surroundings match this occurrence's old context
    clearly better than every other occurrence's."""
    return any(_candidate(new, rc, q, c.start, c.end).ctx_mean >= c.ctx_mean - 1
               for rc in rivals)


def _answers_other_clause(ev: OldAnchor, old: _Doc | None, new: _Doc, c: _Cand) -> bool:
    """Mutual best match: True when the new passage is closer to some other passage of the
    old text than to the quote (a near-duplicate clause elsewhere; ours was deleted)."""
    if not _old_valid(ev, old):
        return False
    assert old is not None and ev.start is not None and ev.end is not None  # _old_valid
    t = new.body(c.start, c.end)
    mine = LCSseq.similarity(t, normalize_quote(ev.exact))
    for o in _fuzzy_candidates(old, t, _context_at(new, c.start, c.end)):
        if (o.end <= ev.start or o.start >= ev.end) and o.lcs > mine + 0.02 * len(t) \
                and o.quote_sim >= c.quote_sim:
            return True
    return False


def _pick_exact(cands: list[_Cand]) -> _Cand | None:
    """The hit whose context agrees best; None when context and place cannot tell."""
    ranked = sorted(cands, key=lambda c: (c.ctx_mean + 3.0 * c.nearness), reverse=True)
    if len(ranked) == 1:
        return ranked[0]
    a, b = ranked[0], ranked[1]
    if a.ctx_mean - b.ctx_mean >= 5 or abs(a.nearness - b.nearness) >= 0.1:
        return a
    return None


# -- fuzzy ----------------------------------------------------------------------------------
def _word_regions(doc: _Doc, q: str) -> list[int]:
    """View positions where the quote may start, by votes of its less common words."""
    index = word_index(doc.text)
    words = q.split(" ")
    votes: list[tuple[int, int]] = []
    shingles, pos = 0, 0
    for i, w in enumerate(words):
        hits = index.get(w, ())
        if hits and len(hits) <= MAX_HITS_PER_WORD and (len(w) > 2 or len(words) < 4):
            shingles += 1
            votes.extend((h - pos, i) for h in hits)
        pos += len(w) + 1
    if not votes:
        return []
    votes.sort()
    span = max(60, len(q) // 2)
    peaks: list[tuple[int, int]] = []  # (distinct words voting within the window, start)
    inside: Counter[int] = Counter()
    j = 0
    for i, (v, word_no) in enumerate(votes):  # a sliding window of ``span`` over the votes
        inside[word_no] += 1
        while votes[j][0] < v - span:
            inside[votes[j][1]] -= 1
            if not inside[votes[j][1]]:
                del inside[votes[j][1]]
            j += 1
        peaks.append((len(inside), votes[(i + j) // 2][0]))
    need = max(1, min(3, shingles // 4))
    chosen: list[int] = []
    for n, pos in sorted(peaks, reverse=True):
        if n < need or len(chosen) >= MAX_REGIONS:
            break
        if all(abs(pos - c) > span for c in chosen):
            chosen.append(pos)
    return [max(0, p) for p in chosen]


def _sandwich_regions(loose: BodyView, q: str, ctx: _Context) -> list[tuple[int, int]]:
    """View spans lying between the old prefix and suffix, both found verbatim."""
    pre, suf = ctx.prefix[-24:].strip(), ctx.suffix[:24].strip()
    if len(pre) < 12 or len(suf) < 12:
        return []
    out = []
    for p in find_all(loose.text, pre)[:50]:
        lo = p + len(pre)
        k = loose.text[lo:lo + 3 * len(q) + 60].find(suf)
        if k > 0:
            out.append((lo, lo + k))
    return out


def _align(loose: BodyView, q: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The word-aligned view span near [lo, hi) that best holds the quote; its beginning
    and end are aligned separately so that words added inside stay inside."""
    text = loose.text
    a = max(0, lo - len(q) // 2 - 60)
    b = min(len(text), max(hi, lo + len(q)) + len(q) // 2 + 60)
    window = text[a:b]
    if len(window) < len(q):
        return None
    k = min(len(q), 40)
    whole, head, tail = (fuzz.partial_ratio_alignment(part, window) for part in (q, q[:k], q[-k:]))
    if whole is None or head is None or tail is None:  # only below a score cutoff
        return None
    starts = ([a] if a == 0 or text[a - 1] == " " else []) + \
        [i + 1 for i in range(a, b) if text[i] == " "]
    ends = [i for i in range(a, b) if text[i] == " "] + [b]
    near_s = {s for m in (whole, head)
              for s in sorted(starts, key=lambda s: abs(s - a - m.dest_start))[:4]}
    near_e = {e for m in (whole, tail)
              for e in sorted(ends, key=lambda e: abs(e - a - m.dest_end))[:4]}
    best, best_j = None, float("-inf")
    for s in near_s:
        for e in near_e:
            if e <= s:
                continue
            lcs = LCSseq.similarity(q, text[s:e])
            j = lcs - EXTRA_COST * (e - s - lcs)
            if j > best_j:
                best, best_j = (s, e), j
    return best


def _fuzzy_candidates(doc: _Doc, q: str, ctx: _Context) -> list[_Cand]:
    regions = [(p, p + len(q)) for p in _word_regions(doc, q)]
    regions += _sandwich_regions(doc.loose, q, ctx)
    out: list[_Cand] = []
    seen: set[tuple[int, int]] = set()
    for lo, hi in regions:
        span = _align(doc.loose, q, lo, hi)
        if span is None or span in seen:
            continue
        seen.add(span)
        out.append(_candidate(doc, ctx, q, *doc.loose.span_to_source(*span)))
    return out


def _accept_fuzzy(c: _Cand, n_words: int) -> bool:
    """The confidence rules: the shorter the quote, the more its context must agree."""
    sim, ctx = c.quote_sim, c.ctx_best
    if sim >= 55 and c.ctx_both >= 85:
        return True
    if n_words < SHORT_WORDS:
        return sim >= 80 and ctx >= 75
    if n_words < LONG_WORDS:
        return (sim >= 80 and ctx >= 70) or (sim >= 90 and ctx >= 40)
    return sim >= 90 or (sim >= 75 and ctx >= 70)


def _distinct(cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: c.combined, reverse=True):
        if all(c.end <= o.start or c.start >= o.end for o in out):
            out.append(c)
    return out


# -- the matcher ----------------------------------------------------------------------------
def _moved_reason(ev: OldAnchor, anchor: TextAnchor) -> str:
    if anchor.page == ev.page:
        where = f"still on page {ev.page + 1}"
    else:
        where = f"moved from page {ev.page + 1} to page {anchor.page + 1}"
    split = "; a page break now falls inside it" if len({p for p, _ in anchor.quads}) > 1 \
        else ""
    return f"same wording, {where}{split}"


def _anchor(text: DocumentText, start: int, end: int) -> TextAnchor:
    """The anchor of a span, its boxes leaving out a running header or footer inside it
    (a clause cut by a page break is highlighted on both pages, the furniture not)."""
    a = anchor_span(text, start, end)
    inside = [(s, e) for s, e in furniture_ranges(text) if s < end and e > start]
    if not inside:
        return a
    quads, pos = [], start
    for s, e in inside:
        quads += text.rects_for_range(pos, max(pos, s))
        pos = max(pos, e)
    quads += text.rects_for_range(pos, end)
    return replace(a, quads=tuple(quads))


def _orphan(reason: str, score: float = 0.0, near: TextAnchor | None = None) -> Reanchored:
    return Reanchored(ORPHANED, None, round(min(score, 100.0), 1), reason, near)


def _found(status: EvidenceStatus, new: _Doc, c: _Cand, score: float, reason: str) -> Reanchored:
    return Reanchored(status, _anchor(new.text, c.start, c.end),
                      round(min(score, 100.0), 1), reason)


def reanchor(ev: OldAnchor, new_text: DocumentText,
             old_text: DocumentText | None = None) -> Reanchored:
    """Find the old evidence ``ev`` in ``new_text``. ``old_text`` (the old revision's text)
    widens the context and tells repeated sentences apart; without it the stored selectors
    are used."""
    exact = ev.exact
    if not exact.strip():
        return _orphan("the evidence has no quote to look for")
    if not new_text.has_text:
        return _orphan("the new revision has no text layer (a scan?); link it again by area")
    new = _Doc.of(new_text)
    old = _Doc.of(old_text) if old_text is not None and old_text.has_text else None
    ctx = _context(ev, old, new)
    old_body = exact
    if _old_valid(ev, old):
        assert old is not None and ev.start is not None and ev.end is not None  # _old_valid
        old_body = old.body(ev.start, ev.end)
    q = normalize_quote(old_body)
    n_words = len(q.split(" "))
    rivals, rank = _old_rivals(ev, old)

    # 1. the stored position, verified by the quote and (for short quotes) its context
    if ev.start is not None and ev.end is not None and span_reads(new_text, ev.start, ev.end,
                                                                  exact):
        c = _candidate(new, ctx, q, ev.start, ev.end)
        if n_words >= SHORT_WORDS or c.ctx_best >= 60:
            return _found(INTACT, new, c, 100.0, "unchanged, at the same place")

    # 2. the same wording elsewhere (a new page break inside it does not count); a reflow
    # can also join a word hyphenated at a line end, which only the fuzzy search finds
    same = [_candidate(new, ctx, q, s, e) for s, e in new.wording_spans(q)]
    fuzzy = None
    if not same:
        fuzzy = _fuzzy_candidates(new, q, ctx)
        same = sorted((c for c in fuzzy if same_wording(old_body, new.body(c.start, c.end))),
                      key=lambda c: c.start)
    if rank is not None and len(same) == len(rivals) + 1 > 1:
        best: _Cand | None = same[rank]  # as many occurrences as before: the same in order
    else:
        same = [c for c in same if not _belongs_to_rival(new, c, q, rivals)]
        best = _pick_exact(same) if same else None
    if best is not None:
        if n_words < SHORT_WORDS and best.ctx_best < 40:
            # a short phrase found only out of context: prefer its old place, reworded
            better = [c for c in _fuzzy_candidates(new, q, ctx)
                      if c.ctx_both >= 85 and c.quote_sim >= 60
                      and (c.end <= best.start or c.start >= best.end)]
            if better:
                top = max(better, key=lambda c: c.combined)
                return _found(CHANGED, new, top, top.combined,
                              f"wording changed ({top.quote_sim:.0f}% similar) where its "
                              "context still stands")
            return _orphan("the words occur only elsewhere, away from their old context; "
                           "link them again if that place is meant", best.ctx_mean,
                           _anchor(new_text, best.start, best.end))
        status = INTACT if (best.start, best.end) == (ev.start, ev.end) else MOVED
        anchor = _anchor(new_text, best.start, best.end)
        return Reanchored(status, anchor, round(max(best.ctx_mean, 90.0), 1),
                          _moved_reason(ev, anchor))
    if same:
        return _orphan(f"the wording occurs {len(same)} times and its context does not "
                       "tell which one is meant; link it again", 50.0)

    # 3. fuzzy: similar wording with agreeing context
    if fuzzy is None:
        fuzzy = _fuzzy_candidates(new, q, ctx)
    cands = _distinct([c for c in fuzzy
                       if not rivals or not _belongs_to_rival(new, c, q, rivals)])
    if not cands:
        return _orphan("nothing like it in the new revision")
    top = cands[0]
    top_anchor = _anchor(new_text, top.start, top.end)
    if not _accept_fuzzy(top, n_words):
        return _orphan(f"not found; the closest passage is only {top.quote_sim:.0f}% similar",
                       top.combined, top_anchor)
    if _answers_other_clause(ev, old, new, top):
        return _orphan("the passage found matches another clause of the old revision "
                       "better; this one seems deleted", top.combined, top_anchor)
    close = [c for c in cands[1:] if _accept_fuzzy(c, n_words)]
    if close and top.combined - close[0].combined < 4:
        return _orphan(f"{len(close) + 1} passages resemble it equally; link it again",
                       top.combined, top_anchor)
    if _key(old_body) == _key(new.body(top.start, top.end)):
        return _found(CHANGED, new, top, 99.0, "same words; only punctuation differs")
    return _found(CHANGED, new, top, top.combined,
                  f"wording changed ({top.quote_sim:.0f}% similar)")
