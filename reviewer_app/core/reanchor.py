"""Re-anchoring evidence on a revised document: which span of the new text is the clause
the assessor cited in the old one?

The steps follow the W3C selector pattern Hypothesis uses: the stored position, verified
by the quote; the quote's wording anywhere (several hits told apart by context and
nearness); then a fuzzy match of the quote together with its context. Whatever falls
below the confidence rules is an orphan: an attachment to the wrong clause that looks
right is worse than a visible loss, so doubt always ends in ``orphaned``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz

from reviewer_app.core.anchoring import TextAnchor, anchor_span
from reviewer_app.core.normalize import View, find_all, fold, loose_view, normalize_quote
from reviewer_app.core.textmap import DocumentText

INTACT, MOVED, CHANGED, ORPHANED = "intact", "moved", "changed", "orphaned"
CONTEXT_WIDE = 48  # characters of context taken from the old text when it is at hand
SHORT_WORDS = 6  # quotes with fewer words need their context to agree before fuzzy matching
MAX_HITS_PER_SHINGLE = 150
MAX_CANDIDATES = 10

_NON_WORD = re.compile(r"[\W_]")
_LEAD = re.compile(r"^[\W_]+")
_TRAIL = re.compile(r"[\W_]+$")


class OldAnchor(Protocol):
    """What is known of a text evidence in the old revision (``records.Evidence`` fits)."""

    start: int | None
    end: int | None
    exact: str
    prefix: str
    suffix: str
    page: int


@dataclass(frozen=True)
class Reanchored:
    """Outcome for one evidence: status, the new anchor (None for orphans), confidence."""

    status: str
    anchor: TextAnchor | None
    score: float  # 0-100: how sure the match is (for orphans: the best rejected candidate)
    reason: str
    candidate: TextAnchor | None = None  # an orphan's closest rejected match, to offer


@dataclass
class _Cand:
    start: int  # canonical offsets in the new text
    end: int
    quote_sim: float
    prefix_sim: float | None
    suffix_sim: float | None
    nearness: float

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


# -- text forms ----------------------------------------------------------------------------
def wording(text: str) -> str:
    """The words of a text with layout removed: case, spaces, hyphens and line breaks."""
    return normalize_quote(text).replace(" ", "").replace("-", "")


def same_wording(a: str, b: str) -> bool:
    return wording(a) == wording(b)


def _key(text: str) -> str:
    return _NON_WORD.sub("", fold(normalize_quote(text)))


def _key_view(text: DocumentText) -> View:
    """Folded text with every non-word character deleted, mapped back to the canonical."""
    if "reanchor.key" not in text.cache:
        folded = fold(text.text)
        removed = [m.start() - k for k, m in enumerate(_NON_WORD.finditer(folded))]
        text.cache["reanchor.key"] = View(_NON_WORD.sub("", folded), tuple(removed))
    return text.cache["reanchor.key"]


def _loose(text: DocumentText) -> View:
    shared = text.cache.get("loose")  # anchoring's copy, when it has built one
    if isinstance(shared, View):
        return shared
    if "reanchor.loose" not in text.cache:
        text.cache["reanchor.loose"] = loose_view(text.text)
    return text.cache["reanchor.loose"]


# -- context --------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Context:
    prefix: str  # normalised (loose form)
    suffix: str
    expected: float  # where the quote is expected in the new text, as a fraction of it
    old_start: int | None
    old_end: int | None


def _context(ev: OldAnchor, old: DocumentText | None, new: DocumentText) -> _Context:
    prefix, suffix = ev.prefix, ev.suffix
    expected = 0.5
    if old is not None and ev.start is not None and old.text[ev.start:ev.end] == ev.exact:
        prefix = old.text[max(0, ev.start - CONTEXT_WIDE):ev.start]
        suffix = old.text[ev.end:ev.end + CONTEXT_WIDE]
        expected = ev.start / max(len(old.text), 1)
    elif ev.start is not None and new.text:
        expected = min(ev.start / len(new.text), 1.0)
    return _Context(normalize_quote(prefix), normalize_quote(suffix), expected,
                    ev.start, ev.end)


def _side_sim(want: str, got: str, tail: bool) -> float | None:
    if not want:
        return None
    got = got[-len(want):] if tail else got[:len(want)]
    return fuzz.ratio(want, got)


def _candidate(new: DocumentText, ctx: _Context, quote_norm: str, start: int, end: int,
               quote_sim: float | None = None) -> _Cand:
    full = new.text
    before = normalize_quote(full[max(0, start - 3 * CONTEXT_WIDE):start])
    after = normalize_quote(full[end:end + 3 * CONTEXT_WIDE])
    if quote_sim is None:
        quote_sim = fuzz.ratio(quote_norm, normalize_quote(full[start:end]))
    where = start / max(len(full), 1)
    return _Cand(start, end, quote_sim, _side_sim(ctx.prefix, before, tail=True),
                 _side_sim(ctx.suffix, after, tail=False), 1.0 - min(abs(where - ctx.expected)
                                                                     * 10, 1.0))


# -- exact wording ------------------------------------------------------------------------
def _exact_spans(new: DocumentText, exact: str) -> list[tuple[int, int]]:
    key = _key(exact)
    if not key:
        return []
    view = _key_view(new)
    spans = []
    lead = _LEAD.match(exact)
    trail = _TRAIL.search(exact)
    full = new.text
    for h in find_all(view.text, key)[:500]:
        s, e = view.span_to_source(h, h + len(key))
        if lead and full[s - len(lead.group()):s] == lead.group():
            s -= len(lead.group())
        if trail and full[e:e + len(trail.group())] == trail.group():
            e += len(trail.group())
        spans.append((s, e))
    return spans


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
def _shingle_regions(loose: View, q: str) -> list[int]:
    """Loose-view positions where the quote may start, by votes of its word pairs."""
    words = q.split(" ")
    n = 2 if len(words) > 2 else 1
    votes: list[tuple[int, int]] = []
    offset = 0
    offsets = []
    for w in words:
        offsets.append(offset)
        offset += len(w) + 1
    shingles = 0
    for i in range(len(words) - n + 1):
        sh = " ".join(words[i:i + n])
        if len(sh) < 4:
            continue
        hits = find_all(loose.text, sh)
        if not hits or len(hits) > MAX_HITS_PER_SHINGLE:
            continue
        shingles += 1
        votes.extend((h - offsets[i], i) for h in hits)
    if not votes:
        return []
    votes.sort()
    tol = max(30, len(q) // 3)
    groups: list[tuple[int, int]] = []  # (distinct shingles, median start)
    group = [votes[0]]
    for v in votes[1:]:
        if v[0] - group[-1][0] <= tol:
            group.append(v)
        else:
            groups.append((len({g[1] for g in group}), group[len(group) // 2][0]))
            group = [v]
    groups.append((len({g[1] for g in group}), group[len(group) // 2][0]))
    need = max(1, min(3, shingles // 4))
    groups = [g for g in groups if g[0] >= need]
    groups.sort(reverse=True)
    return [max(0, pos) for _, pos in groups[:MAX_CANDIDATES]]


def _sandwich_regions(loose: View, q: str, ctx: _Context) -> list[tuple[int, int]]:
    """Loose-view spans lying between the old prefix and suffix, found verbatim."""
    pre, suf = ctx.prefix[-24:].strip(), ctx.suffix[:24].strip()
    if len(pre) < 12 or len(suf) < 12:
        return []
    out = []
    for p in find_all(loose.text, pre)[:50]:
        lo = p + len(pre)
        window = loose.text[lo:lo + 3 * len(q) + 60]
        k = window.find(suf)
        if k > 0:
            out.append((lo, lo + k))
    return out


def _refine(loose: View, q: str, lo: int, hi: int) -> tuple[int, int, float]:
    """Best word-aligned span of loose text near [lo, hi) for quote ``q``."""
    text = loose.text
    a = max(0, lo - len(q) // 2 - 40)
    b = min(len(text), hi + len(q) // 2 + 40)
    window = text[a:b]
    if not window.strip():
        return lo, hi, 0.0
    al = fuzz.partial_ratio_alignment(q, window)
    ds, de = al.dest_start + a, al.dest_end + a
    starts = [a] if a == 0 or text[a - 1] == " " else []
    starts += [a + i + 1 for i, c in enumerate(window) if c == " "]
    ends = [a + i for i, c in enumerate(window) if c == " "] + [b]
    starts = sorted(starts, key=lambda s: abs(s - ds))[:7]
    ends = sorted(ends, key=lambda e: abs(e - de))[:7]
    best = (ds, de, -1.0)
    for s in starts:
        for e in ends:
            if e - s < 1:
                continue
            r = fuzz.ratio(q, text[s:e])
            if r > best[2]:
                best = (s, e, r)
    return best


def _fuzzy_candidates(new: DocumentText, q: str, ctx: _Context) -> list[_Cand]:
    loose = _loose(new)
    regions = [(p, p + len(q)) for p in _shingle_regions(loose, q)]
    regions += _sandwich_regions(loose, q, ctx)
    out: list[_Cand] = []
    seen: set[tuple[int, int]] = set()
    for lo, hi in regions:
        s, e, sim = _refine(loose, q, lo, hi)
        if sim < 0 or (s, e) in seen:
            continue
        seen.add((s, e))
        src = loose.span_to_source(s, e)
        out.append(_candidate(new, ctx, q, *src, quote_sim=sim))
    return out


def _accept_fuzzy(c: _Cand, n_words: int) -> bool:
    if n_words < SHORT_WORDS:
        return c.quote_sim >= 80 and c.ctx_best >= 75
    return (c.quote_sim >= 85 and c.ctx_best >= 40) or (c.quote_sim >= 70 and c.ctx_best >= 70) \
        or (c.quote_sim >= 55 and c.ctx_both >= 85)


def _distinct(cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: c.combined, reverse=True):
        if all(c.end <= o.start or c.start >= o.end for o in out):
            out.append(c)
    return out


# -- the matcher ----------------------------------------------------------------------------
def _result(new: DocumentText, status: str, c: _Cand, reason: str) -> Reanchored:
    return Reanchored(status, anchor_span(new, c.start, c.end), round(c.combined if status ==
                      CHANGED else max(c.quote_sim, c.ctx_mean), 1), reason)


def _moved_reason(ev: OldAnchor, anchor: TextAnchor) -> str:
    if anchor.page == ev.page:
        return f"same wording, still on page {ev.page + 1}"
    return f"same wording, moved from page {ev.page + 1} to page {anchor.page + 1}"


def reanchor(ev: OldAnchor, new: DocumentText, old: DocumentText | None = None) -> Reanchored:
    """Find the old evidence ``ev`` in ``new``; ``old`` (the old revision's text) widens the
    context used to tell candidates apart."""
    exact = ev.exact
    if not exact.strip():
        return Reanchored(ORPHANED, None, 0.0, "the evidence has no quote to look for")
    if not new.has_text:
        return Reanchored(ORPHANED, None, 0.0,
                          "the new revision has no text layer (a scan?); link it again by area")
    ctx = _context(ev, old, new)
    q = normalize_quote(exact)
    n_words = len(q.split(" "))

    # 1. the stored position, verified by the quote and (for short quotes) its context
    if ev.start is not None and new.text[ev.start:ev.end] == exact:
        c = _candidate(new, ctx, q, ev.start, ev.end, quote_sim=100.0)
        if n_words >= SHORT_WORDS or c.ctx_best >= 60:
            return _result(new, INTACT, c, "unchanged, at the same place")

    # 2. the same wording elsewhere
    hits = [_candidate(new, ctx, q, s, e) for s, e in _exact_spans(new, exact)]
    same = [c for c in hits if same_wording(exact, new.text[c.start:c.end])]
    pool = same or hits
    best = _pick_exact(pool) if pool else None
    if best is not None:
        anchor = anchor_span(new, best.start, best.end)
        weak = n_words < SHORT_WORDS and best.ctx_best < 40
        if weak:
            better = [c for c in _fuzzy_candidates(new, q, ctx)
                      if c.ctx_both >= 85 and c.quote_sim >= 60 and
                      (c.end <= best.start or c.start >= best.end)]
            if better:
                top = max(better, key=lambda c: c.combined)
                return _result(new, CHANGED, top, f"wording changed ({top.quote_sim:.0f}% "
                                                  "similar) where its context still stands")
        if pool is same:
            status = INTACT if (best.start, best.end) == (ev.start, ev.end) else MOVED
            return Reanchored(status, anchor, round(max(best.ctx_mean, 90.0), 1),
                              _moved_reason(ev, anchor))
        return Reanchored(CHANGED, anchor, 99.0,
                          "same words; only punctuation or letter case differ")
    if pool:
        return Reanchored(ORPHANED, None, 50.0,
                          f"the wording occurs {len(pool)} times and its context does not "
                          "tell which one is meant; link it again", None)

    # 3. fuzzy: similar wording with agreeing context
    cands = _distinct(_fuzzy_candidates(new, q, ctx))
    if not cands:
        return Reanchored(ORPHANED, None, 0.0, "nothing like it in the new revision")
    top = cands[0]
    if not _accept_fuzzy(top, n_words):
        return Reanchored(ORPHANED, None, round(top.combined, 1),
                          f"not found; the closest passage is only {top.quote_sim:.0f}% similar",
                          anchor_span(new, top.start, top.end))
    rivals = [c for c in cands[1:] if _accept_fuzzy(c, n_words)]
    if rivals and top.combined - rivals[0].combined < 4:
        return Reanchored(ORPHANED, None, round(top.combined, 1),
                          f"{len(rivals) + 1} passages resemble it equally; link it again",
                          anchor_span(new, top.start, top.end))
    return _result(new, CHANGED, top, f"wording changed ({top.quote_sim:.0f}% similar)")
