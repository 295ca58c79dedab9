"""Property tests of re-anchoring: wording ignores layout; identical, extended and cut
revisions give the statuses and offsets they must."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from reviewer_app.core.revisions.reanchor import reanchor, same_wording, wording
from tests.factories.strategies import FILLER, SETTINGS, char_span, text_and_span, words
from tests.factories.texts import anchor_at, doc_text


@given(words, st.lists(st.sampled_from([" ", "  ", "\n", " \n "]), min_size=1))
def test_wording_ignores_layout(ws, gaps):
    spaced = "".join(w + gaps[k % len(gaps)] for k, w in enumerate(ws))
    assert same_wording(" ".join(ws), spaced.upper())
    assert wording(" ".join(ws)) == wording(spaced.replace("officer", "offi- cer"))


# -- re-anchoring -------------------------------------------------------------------------
@SETTINGS
@given(text_and_span())
def test_identical_document_gives_intact_at_the_same_offsets(case):
    ws, i, j = case
    old, new = doc_text(" ".join(ws)), doc_text(" ".join(ws))
    ev = anchor_at(old, *char_span(ws, i, j))
    r = reanchor(ev, new, old)
    assert r.status == "intact"
    assert (r.anchor.start, r.anchor.end) == (ev.start, ev.end)


@SETTINGS
@given(text_and_span(), FILLER, st.booleans())
def test_text_inserted_before_a_quote_moves_it_by_that_much(case, filler, keep_old):
    ws, i, j = case
    inserted = ws[:i] + filler + ws[i:]  # right before the quote
    old, new = doc_text(" ".join(ws)), doc_text(" ".join(inserted))
    ev = anchor_at(old, *char_span(ws, i, j))
    assume(old.text.count(ev.exact) == 1)  # repeats are told apart by other rules
    r = reanchor(ev, new, old if keep_old else None)
    shift = len(" ".join(filler)) + 1
    assert r.status == "moved", r.reason
    assert (r.anchor.start, r.anchor.end) == (ev.start + shift, ev.end + shift)
    assert r.anchor.exact == ev.exact


@SETTINGS
@given(text_and_span(), FILLER)
def test_text_inserted_after_a_quote_leaves_it_intact(case, filler):
    ws, i, j = case
    old = doc_text(" ".join(ws))
    new = doc_text(" ".join(ws[:j] + filler + ws[j:]))
    ev = anchor_at(old, *char_span(ws, i, j))
    assume(old.text.count(ev.exact) == 1)
    r = reanchor(ev, new, old)
    assert r.status in ("intact", "moved")
    assert (r.anchor.start, r.anchor.end) == (ev.start, ev.end)


@SETTINGS
@given(text_and_span())
def test_a_deleted_quote_is_never_called_unchanged(case):
    ws, i, j = case
    rest = ws[:i] + ws[j:]
    assume(rest)
    old, new = doc_text(" ".join(ws)), doc_text(" ".join(rest))
    ev = anchor_at(old, *char_span(ws, i, j))
    r = reanchor(ev, new, old)
    if wording(ev.exact) not in wording(new.text):
        assert r.status in ("changed", "orphaned")
    if r.anchor is not None:
        assert new.text[r.anchor.start:r.anchor.end] == r.anchor.exact
