"""Cues no item phrase carries: a clause that states the law in its own words is a
candidate for the adherence-to-law item, a rule for every officer is better evidence than one
for a single role, a lead-in is never cut from what it introduces, and an item outside the
standard's theme is not found with confidence inside the theme's chapters."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.suggest.engine import suggest_text
from reviewer_app.core.suggest.law import binds_everyone, cites_law, law_statement
from reviewer_app.core.suggest.scoring import span_evidence
from reviewer_app.core.suggest.spans import Phrase, best_spans, stems
from tests.factories.policies import layout_pdf


@pytest.fixture(scope="module")
def standards():
    return resolve_standards("doj-2020")


@pytest.mark.parametrize("text", [
    "All members shall observe and comply with every person's rights under the federal and "
    "state Constitutions.",
    "An officer may use any force which he reasonably believes to be necessary to effect an "
    "arrest (720 ILCS 5/7-5).",
    "The use of deadly force is permissible only as provided in the Compiled Statutes.",
    "Force shall be used in accordance with state law.",
    "See 42 U.S.C. \u00a7 1983.",
])
def test_law_statements_are_recognised(text):
    assert law_statement(text)


@pytest.mark.parametrize("text", [
    "Officers shall complete the law enforcement report before the end of the shift.",
    "Officers shall carry the approved baton on duty.",
    "The supervisor will review the report.",
])
def test_other_clauses_are_not_law_statements(text):
    assert not law_statement(text)


def test_citations_and_whom_a_clause_binds():
    assert cites_law("Tennessee v. Garner, 471 U.S. 1 (1985)")
    assert not cites_law("Officers shall render aid.")
    assert binds_everyone("All sworn personnel shall attend annual training.")
    assert binds_everyone("Each officer will qualify twice a year.")
    assert not binds_everyone("SWAT personnel shall train monthly.")


def test_a_statute_citation_naming_no_item_phrase_is_suggested_for_adherence_to_law(standards):
    pdf = layout_pdf([
        ("h", "300.1 PURPOSE AND SCOPE"),
        ("p", "This policy provides guidelines on the reasonable use of force."),
        ("h", "300.3.1 USE OF FORCE TO EFFECT AN ARREST"),
        ("p", "An officer may use any force which he/she reasonably believes to be necessary "
              "to effect an arrest and to defend him/herself from bodily harm while making "
              "an arrest (720 ILCS 5/7-5)."),
        ("h", "300.4 REPORTING"),
        ("p", "Officers shall promptly report any use of force to a supervisor."),
    ])
    found = suggest_text(inspect_pdf(pdf, "p.pdf").text, standards, "legal_compliance", top=3)
    sections = [s.section for s in found["legal_compliance"]]
    assert "300.3.1" in sections
    # and without the citation the same clause is no candidate: the cue is the citation
    plain = layout_pdf([
        ("h", "300.3.1 USE OF FORCE TO EFFECT AN ARREST"),
        ("p", "An officer may use any force which he/she reasonably believes to be necessary "
              "to effect an arrest and to defend him/herself from bodily harm."),
        ("h", "300.4 REPORTING"),
        ("p", "Officers shall promptly report any use of force to a supervisor."),
    ])
    others = suggest_text(inspect_pdf(plain, "p.pdf").text, standards, "legal_compliance")
    assert "300.3.1" not in [s.section for s in others["legal_compliance"]]


def test_a_term_label_is_never_cut_from_its_definition():
    text = ("De-Escalation: Taking action or communicating verbally to stabilize the situation "
            "so that more time and options are available. De-escalation may include verbal "
            "persuasion and tactical repositioning.")
    phrases = [Phrase(tuple(stems("de-escalation")), 1.0, 0),
               Phrase(tuple(stems("verbal persuasion")), 0.9, 1)]
    for a, b in best_spans(text, phrases, count=2):
        assert not text[a:b].rstrip().endswith(":"), text[a:b]


def test_a_variant_of_a_leading_phrase_counts_as_leading():
    phrases = [Phrase(tuple(stems("identify themselves")), 0.3, 0, (), 0.93),
               Phrase(tuple(stems("identify him/herself")), 0.3, 1, (), 0.79),
               Phrase(tuple(stems("vehicle")), 0.3, 2, (), 0.79)]
    assert span_evidence("The officer shall identify him/herself as a peace officer.",
                         phrases)[1]
    assert not span_evidence("The vehicle was parked.", phrases)[1]


def test_an_item_outside_the_theme_weighs_less_inside_the_force_chapter(standards):
    def top_score(chapter: str) -> float:
        pdf = layout_pdf([
            ("h", chapter),
            ("p", "This policy provides guidelines for the members of the department."),
            ("h", "300.8 TRAINING"),
            ("p", "The issuance of this order and the required instruction will be documented "
                  "in the Recruit Training Guide of all new employees."),
        ], chapter="Manual")
        found = suggest_text(inspect_pdf(pdf, "p.pdf").text, standards, "recruitment")
        return found["recruitment"][0].score

    assert top_score("300 USE OF FORCE") < top_score("300 PERSONNEL")
