"""An open list of what something includes ("techniques may include, but are not limited
to: 1. ... 2. ...") illustrates the item; the sentence that requires it is the clause an
assessor cites, so it ranks first even when the list names more of the item's phrases."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.suggest import scoring
from reviewer_app.core.suggest.engine import suggest_text
from tests.factories.policies import layout_pdf

RULE = "Officers shall use de-escalation techniques to gain voluntary compliance"


@pytest.fixture(scope="module")
def policy():
    pdf = layout_pdf([
        ("h", "400.1 PURPOSE AND SCOPE"),
        ("p", "This policy provides guidelines on the reasonable use of force."),
        ("h", "400.2 DE-ESCALATION"),
        ("p", f"{RULE} whenever it is safe and feasible to do so. De-escalation techniques "
              "may include, but are not necessarily limited to, verbal persuasion, "
              "advisements and warnings, and tactical repositioning to create time and "
              "distance."),
        ("h", "400.3 REPORTING"),
        ("p", "Officers shall promptly report any use of force to a supervisor."),
    ])
    return inspect_pdf(pdf, "p.pdf").text


@pytest.mark.parametrize(("text", "examples"), [
    ("De-escalation techniques may include, but are not necessarily limited to:", True),
    ("a) Such action will include, but is not limited to, verbally intervening.", True),
    ("Prohibited content includes but is not limited to: (a) threats", True),
    ("Officers shall weigh the facts, including, but not limited to, the crime.", False),
    ("Officers shall intervene to stop the use of excessive force.", False),
])
def test_an_open_list_of_examples_is_recognised(text, examples):
    assert bool(scoring._EXAMPLES.search(text)) is examples


def test_the_requiring_sentence_ranks_above_its_list_of_examples(policy, monkeypatch):
    found = suggest_text(policy, resolve_standards("doj-2020"), "deescalation", top=3)
    first = found["deescalation"][0]
    assert RULE in first.text and "may include" not in first.text, first.text
    assert [s.score for s in found["deescalation"]] == sorted(
        (s.score for s in found["deescalation"]), reverse=True)
    # the cue decides: without it the list of techniques, naming more phrases, comes first
    monkeypatch.setitem(scoring.COEF, "examples", 0.0)
    plain = suggest_text(policy, resolve_standards("doj-2020"), "deescalation", top=3)
    assert "may include" in plain["deescalation"][0].text
