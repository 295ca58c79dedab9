"""Property tests: normalisation, anchoring and body-text views."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.core.text.anchoring import find_quote_spans
from reviewer_app.core.text.bodytext import _build, loose_body
from reviewer_app.core.text.normalize import fold, normalize_quote
from tests.factories.strategies import char_span, text_and_span
from tests.factories.texts import doc_text


# -- normalisation ------------------------------------------------------------------------
@given(st.text(max_size=200))
def test_fold_keeps_the_length(text):
    assert len(fold(text)) == len(text) or len(text.lower()) != len(text)


@given(st.text(alphabet="abcXYZ-/ \n\t\u2019'.,", max_size=120))
def test_normalize_quote_is_idempotent(text):
    once = normalize_quote(text)
    assert normalize_quote(once) == once


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
