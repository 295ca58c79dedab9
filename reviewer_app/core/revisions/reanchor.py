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

from dataclasses import dataclass, replace

from rapidfuzz.distance import LCSseq

from reviewer_app.core.revisions.candidates import (
    SHORT_WORDS,
    Candidate,
    Context,
    MatchText,
    OldAnchor,
    candidate,
    context_at,
    context_for,
    old_anchor_valid,
    wording_key,
)
from reviewer_app.core.revisions.fuzzy import accept_fuzzy, distinct, fuzzy_candidates
from reviewer_app.core.text.anchoring import TextAnchor, anchor_span
from reviewer_app.core.text.bodytext import furniture_ranges
from reviewer_app.core.text.furniture import span_reads
from reviewer_app.core.text.normalize import normalize_quote
from reviewer_app.core.text.textmap import DocumentText
from reviewer_app.core.vocabulary import EvidenceStatus

INTACT, MOVED, CHANGED, ORPHANED = tuple(EvidenceStatus)  # short names for the members
INTACT, MOVED, CHANGED, ORPHANED = tuple(EvidenceStatus)  # short names for the members


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


# -- several occurrences ----------------------------------------------------------------------
def _old_rivals(ev: OldAnchor, old: MatchText | None) -> tuple[list[Context], int | None]:
    """Contexts of the quote's other occurrences in the old text, and this one's rank."""
    if not old_anchor_valid(ev, old):
        return [], None
    assert old is not None and ev.start is not None and ev.end is not None  # old_anchor_valid
    spans = old.wording_spans(normalize_quote(old.body(ev.start, ev.end)))
    # overlap, not "contains the start": right after a running header the body view maps
    # the quote's first character a little apart from the stored start
    start, end = ev.start, ev.end
    rank = next((i for i, (s, e) in enumerate(spans) if s < end and e > start), None)
    return [context_at(old, s, e) for i, (s, e) in enumerate(spans) if i != rank], rank


def _belongs_to_rival(new: MatchText, c: Candidate, q: str, rivals: list[Context]) -> bool:
    """True unless the candidate's surroundings match this occurrence's old context
    clearly better than every other occurrence's."""
    return any(candidate(new, rc, q, c.start, c.end).ctx_mean >= c.ctx_mean - 1
               for rc in rivals)


def _answers_other_clause(ev: OldAnchor, old: MatchText | None, new: MatchText,
                          c: Candidate) -> bool:
    """Mutual best match: True when the new passage is closer to some other passage of the
    old text than to the quote (a near-duplicate clause elsewhere; ours was deleted)."""
    if not old_anchor_valid(ev, old):
        return False
    assert old is not None and ev.start is not None and ev.end is not None  # old_anchor_valid
    t = new.body(c.start, c.end)
    mine = LCSseq.similarity(t, normalize_quote(ev.exact))
    for o in fuzzy_candidates(old, t, context_at(new, c.start, c.end)):
        if (o.end <= ev.start or o.start >= ev.end) and o.lcs > mine + 0.02 * len(t) \
                and o.quote_sim >= c.quote_sim:
            return True
    return False


def _pick_exact(cands: list[Candidate]) -> Candidate | None:
    """The hit whose context agrees best; None when context and place cannot tell."""
    ranked = sorted(cands, key=lambda c: (c.ctx_mean + 3.0 * c.nearness), reverse=True)
    if len(ranked) == 1:
        return ranked[0]
    a, b = ranked[0], ranked[1]
    if a.ctx_mean - b.ctx_mean >= 5 or abs(a.nearness - b.nearness) >= 0.1:
        return a
    return None


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


def _found(status: EvidenceStatus, new: MatchText, c: Candidate, score: float,
           reason: str) -> Reanchored:
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
    new = MatchText.of(new_text)
    old = MatchText.of(old_text) if old_text is not None and old_text.has_text else None
    ctx = context_for(ev, old, new)
    old_body = exact
    if old_anchor_valid(ev, old):
        assert old is not None and ev.start is not None and ev.end is not None  # old_anchor_valid
        old_body = old.body(ev.start, ev.end)
    q = normalize_quote(old_body)
    n_words = len(q.split(" "))
    rivals, rank = _old_rivals(ev, old)

    # 1. the stored position, verified by the quote and (for short quotes) its context
    if ev.start is not None and ev.end is not None and span_reads(new_text, ev.start, ev.end,
                                                                  exact):
        c = candidate(new, ctx, q, ev.start, ev.end)
        if n_words >= SHORT_WORDS or c.ctx_best >= 60:
            return _found(INTACT, new, c, 100.0, "unchanged, at the same place")

    # 2. the same wording elsewhere (a new page break inside it does not count); a reflow
    # can also join a word hyphenated at a line end, which only the fuzzy search finds
    same = [candidate(new, ctx, q, s, e) for s, e in new.wording_spans(q)]
    fuzzy = None
    if not same:
        fuzzy = fuzzy_candidates(new, q, ctx)
        same = sorted((c for c in fuzzy if same_wording(old_body, new.body(c.start, c.end))),
                      key=lambda c: c.start)
    if rank is not None and len(same) == len(rivals) + 1 > 1:
        best: Candidate | None = same[rank]  # as many occurrences as before: the same in order
    else:
        same = [c for c in same if not _belongs_to_rival(new, c, q, rivals)]
        best = _pick_exact(same) if same else None
    if best is not None:
        if n_words < SHORT_WORDS and best.ctx_best < 40:
            # a short phrase found only out of context: prefer its old place, reworded
            better = [c for c in fuzzy_candidates(new, q, ctx)
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
        fuzzy = fuzzy_candidates(new, q, ctx)
    cands = distinct([c for c in fuzzy
                       if not rivals or not _belongs_to_rival(new, c, q, rivals)])
    if not cands:
        return _orphan("nothing like it in the new revision")
    top = cands[0]
    top_anchor = _anchor(new_text, top.start, top.end)
    if not accept_fuzzy(top, n_words):
        return _orphan(f"not found; the closest passage is only {top.quote_sim:.0f}% similar",
                       top.combined, top_anchor)
    if _answers_other_clause(ev, old, new, top):
        return _orphan("the passage found matches another clause of the old revision "
                       "better; this one seems deleted", top.combined, top_anchor)
    close = [c for c in cands[1:] if accept_fuzzy(c, n_words)]
    if close and top.combined - close[0].combined < 4:
        return _orphan(f"{len(close) + 1} passages resemble it equally; link it again",
                       top.combined, top_anchor)
    if wording_key(old_body) == wording_key(new.body(top.start, top.end)):
        return _found(CHANGED, new, top, 99.0, "same words; only punctuation differs")
    return _found(CHANGED, new, top, top.combined,
                  f"wording changed ({top.quote_sim:.0f}% similar)")
