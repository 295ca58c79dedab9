"""Cohen's kappa against textbook examples, and what counts as an agreement."""

from __future__ import annotations

import pytest

from reviewer_app.core.review.workflow.agreement import cohens_kappa


def test_kappa_of_the_textbook_table():
    """Wikipedia's 'Cohen's kappa' worked example: 50 proposals, two readers; Yes/Yes 20,
    Yes/No 5, No/Yes 10, No/No 15: p_o = 0.7, p_e = 0.5, kappa = 0.4."""
    pairs = ([("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10
             + [("no", "no")] * 15)
    assert cohens_kappa(pairs) == pytest.approx(0.4)


def test_kappa_of_a_three_category_table():
    """Three categories, worked by hand: diagonal 22+20+18 of 100; marginals (first /
    second) a 30/30, b 40/35, c 30/35: p_o = 0.60, p_e = 0.335, kappa = 0.3985."""
    pairs = ([("a", "a")] * 22 + [("a", "b")] * 5 + [("a", "c")] * 3
             + [("b", "a")] * 6 + [("b", "b")] * 20 + [("b", "c")] * 14
             + [("c", "a")] * 2 + [("c", "b")] * 10 + [("c", "c")] * 18)
    po = (22 + 20 + 18) / 100
    pe = (30 * 30 + 40 * 35 + 30 * 35) / 100 ** 2
    assert (po, pe) == (pytest.approx(0.60), pytest.approx(0.335))
    assert cohens_kappa(pairs) == pytest.approx(0.3985, abs=1e-4)


def test_perfect_and_chance_and_undefined():
    assert cohens_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohens_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    assert cohens_kappa([("a", "a")] * 5) is None  # one category only: undefined
    assert cohens_kappa([]) is None
