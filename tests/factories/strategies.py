"""Hypothesis strategies for the property tests: texts from a small policy vocabulary
(so words repeat, as in real manuals), spans of them, and filler to insert."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

VOCAB = ("officer shall use force only when necessary the member must report any injury "
         "to a supervisor within one hour deadly chokehold intervene warning vehicle").split()
words = st.lists(st.sampled_from(VOCAB), min_size=12, max_size=80)
FILLER = st.lists(st.sampled_from(["1961", "2042", "3310", "47", "5050"]), min_size=1,
                  max_size=12)
SETTINGS = settings(max_examples=int(os.environ.get("ROBUST_EXAMPLES", 60)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def text_and_span(draw):
    """(words, i, j): a text of words and the span words[i:j] (2 to 14 words) in it."""
    ws = draw(words)
    i = draw(st.integers(0, len(ws) - 3))
    j = draw(st.integers(i + 2, min(len(ws), i + 14)))
    return ws, i, j


def char_span(ws: list[str], i: int, j: int) -> tuple[int, int]:
    """Character offsets of words[i:j] in " ".join(words)."""
    start = sum(len(w) + 1 for w in ws[:i])
    return start, start + len(" ".join(ws[i:j]))
