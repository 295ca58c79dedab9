"""Property tests: normalisation, body-text views, anchoring and re-anchoring."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reviewer_app.core.revisions.reanchor import reanchor, same_wording, wording
from reviewer_app.core.text.anchoring import find_quote_spans
from reviewer_app.core.text.bodytext import _build, loose_body
from reviewer_app.core.text.normalize import fold, normalize_quote
from tests.robust.conftest import anchor_at, doc_text

VOCAB = ("officer shall use force only when necessary the member must report any injury "
         "to a supervisor within one hour deadly chokehold intervene warning vehicle").split()
words = st.lists(st.sampled_from(VOCAB), min_size=12, max_size=80)
FILLER = st.lists(st.sampled_from(["1961", "2042", "3310", "47", "5050"]), min_size=1,
                  max_size=12)
SETTINGS = settings(max_examples=int(os.environ.get("ROBUST_EXAMPLES", 60)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def text_and_span(draw):
    ws = draw(words)
    i = draw(st.integers(0, len(ws) - 3))
    j = draw(st.integers(i + 2, min(len(ws), i + 14)))
    return ws, i, j


def char_span(ws: list[str], i: int, j: int) -> tuple[int, int]:
    start = sum(len(w) + 1 for w in ws[:i])
    return start, start + len(" ".join(ws[i:j]))


# -- normalisation ------------------------------------------------------------------------
@given(st.text(max_size=200))
def test_fold_keeps_the_length(text):
    assert len(fold(text)) == len(text) or len(text.lower()) != len(text)


@given(st.text(alphabet="abcXYZ-/ \n\t\u2019'.,", max_size=120))
def test_normalize_quote_is_idempotent(text):
    once = normalize_quote(text)
    assert normalize_quote(once) == once


@given(words, st.lists(st.sampled_from([" ", "  ", "\n", " \n "]), min_size=1))
def test_wording_ignores_layout(ws, gaps):
    spaced = "".join(w + gaps[k % len(gaps)] for k, w in enumerate(ws))
    assert same_wording(" ".join(ws), spaced.upper())
    assert wording(" ".join(ws)) == wording(spaced.replace("officer", "offi- cer"))


@given(text_and_span())
def test_a_quote_is_found_whatever_its_line_breaks(case):
    ws, i, j = case
    text = doc_text(" ".join(ws))
    quote = "\n".join(ws[i:j]).upper()
    start, end = char_span(ws, i, j)
    assert (start, end) in find_quote_spans(text, quote)


# -- body views ---------------------------------------------------------------------------
@given(st.text(alphabet="ab- /\n", max_size=80))
def test_body_view_maps_back_and_forth(source):
    masked = fold(source)
    view = _build(masked)
    assert "  " not in view.text and view.text == view.text.strip(" ")
    for pos, ch in enumerate(view.text):
        src = view.to_source(pos)
        assert masked[src] == ch
        assert view.to_view(src) == pos


def test_running_headers_and_footers_leave_the_body_view():
    bodies = ["Officers report every use of force.", "Supervisors review the reports.",
              "Training is annual and documented.", "Deadly force is a last resort.",
              "Vehicles are not weapons.", "Medical aid follows any injury."]
    pages = [f"City of Testville Police Manual\n{b}\nPage {n} of 6"
             for n, b in enumerate(bodies, 1)]
    text = doc_text(*pages)
    body = loose_body(text).text
    assert "testville" not in body and "page 3 of" not in body
    assert body == fold(" ".join(bodies))


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
