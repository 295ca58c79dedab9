"""Fuzzy re-anchoring: where a quote's wording changed, the regions of the new text that
share its words, and the best alignment of the quote within each."""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from reviewer_app.core.revisions.candidates import (
    EXTRA_COST,
    LONG_WORDS,
    MAX_HITS_PER_WORD,
    MAX_REGIONS,
    SHORT_WORDS,
    Candidate,
    Context,
    MatchText,
    candidate,
)
from reviewer_app.core.text.bodytext import BodyView, word_index
from reviewer_app.core.text.normalize import find_all


# -- fuzzy ----------------------------------------------------------------------------------
def word_regions(doc: MatchText, q: str) -> list[int]:
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


def sandwich_regions(loose: BodyView, q: str, ctx: Context) -> list[tuple[int, int]]:
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


def align(loose: BodyView, q: str, lo: int, hi: int) -> tuple[int, int] | None:
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


def fuzzy_candidates(doc: MatchText, q: str, ctx: Context) -> list[Candidate]:
    regions = [(p, p + len(q)) for p in word_regions(doc, q)]
    regions += sandwich_regions(doc.loose, q, ctx)
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for lo, hi in regions:
        span = align(doc.loose, q, lo, hi)
        if span is None or span in seen:
            continue
        seen.add(span)
        out.append(candidate(doc, ctx, q, *doc.loose.span_to_source(*span)))
    return out


def accept_fuzzy(c: Candidate, n_words: int) -> bool:
    """The confidence rules: the shorter the quote, the more its context must agree."""
    sim, ctx = c.quote_sim, c.ctx_best
    if sim >= 55 and c.ctx_both >= 85:
        return True
    if n_words < SHORT_WORDS:
        return sim >= 80 and ctx >= 75
    if n_words < LONG_WORDS:
        return (sim >= 80 and ctx >= 70) or (sim >= 90 and ctx >= 40)
    return sim >= 90 or (sim >= 75 and ctx >= 70)


def distinct(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.combined, reverse=True):
        if all(c.end <= o.start or c.start >= o.end for o in out):
            out.append(c)
    return out


