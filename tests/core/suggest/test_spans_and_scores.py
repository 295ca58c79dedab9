"""Citable spans and trustworthy scores: each suggestion is a sentence-sized span inside its
passage, the list follows the score shown, definitions are marked, and an item nothing
answers gets an absence report instead of a confident guess."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.suggest.absence import text_absence
from reviewer_app.core.suggest.engine import suggest_text
from reviewer_app.core.suggest.scoring import marks_of
from reviewer_app.core.suggest.spans import MAX_SPAN, Phrase, best_span, stems, units
from tests.factories.corpus import corpus_pdf


@pytest.fixture(scope="module")
def standards():
    return resolve_standards("doj-2020")


@pytest.fixture(scope="module")
def policy(force_policy_pdf, standards):
    text = inspect_pdf(force_policy_pdf, "policy.pdf").text
    return text, suggest_text(text, standards, top=8)


def test_units_keep_abbreviations_and_split_list_items():
    text = ("The U.S. Supreme Court case of Graham v. Connor, 490 U.S. 386 (1989) set the "
            "standard. The following are prohibited: (a) Choke holds (b) Warning shots.")
    pieces = [text[a:b] for a, b in units(text)]
    assert pieces[0].startswith("The U.S. Supreme Court") and pieces[0].endswith("standard.")
    assert pieces[1:] == ["The following are prohibited:", "(a) Choke holds",
                          "(b) Warning shots."]


def test_best_span_is_the_sentence_naming_the_item_with_its_lead_in():
    text = ("Officers carry batons. Officers train yearly on firearms. "
            "The following are prohibited: (a) Choke holds (b) Warning shots.")
    phrase = Phrase(tuple(stems("choke holds")), 1.0, 0)
    a, b = best_span(text, [phrase])
    assert text[a:b] == "The following are prohibited: (a) Choke holds"


def test_every_suggestion_is_a_span_of_the_document_in_score_order(policy):
    text, results = policy
    for found in results.values():
        scores = [s.score for s in found]
        assert scores == sorted(scores, reverse=True)
        for s in found:
            assert len(s.text) <= MAX_SPAN
            assert " ".join(text.text[s.start:s.end].split()) == s.text
            assert text.page_of(s.start) == s.page


def test_definitions_tables_and_contents_are_marked():
    assert "definition" in marks_of("Chokehold - a hold that restricts breathing.", "")
    assert "definition" in marks_of("A carotid hold is a technique that restricts blood flow.",
                                    "")
    assert "contents" in marks_of("300.7 Chokeholds . . . . . . . . . . 12", "")
    assert marks_of("The following are prohibited: (a) Choke holds", "") == ()
    assert marks_of("Those can include: (a) Gouges to the eyes", "") == ()
    assert "table" in marks_of("MAKE MODEL CALIBER GLOCK 17 9MM", "")
    assert marks_of("Officers shall not use a chokehold unless deadly force is justified.",
                    "DEFINITIONS") == ()


def test_an_absent_item_gets_an_absence_report(force_policy_pdf, standards):
    text = inspect_pdf(force_policy_pdf, "policy.pdf").text
    report = text_absence(text, standards, "early_intervention", "Testville", str)
    assert report is not None
    words = report.text()
    assert "No clause found for 10 Early intervention system" in words
    assert f"Searched {len(text.pages)} pages of 1 document (Testville)" in words
    assert "'early warning'" in words
    assert text_absence(text, standards, "chokehold", "Testville", str) is None


@pytest.mark.corpus
def test_la_grange_chokehold_ban_comes_first(standards):
    path = corpus_pdf("la-grange-il_policy-manual.pdf")
    text = inspect_pdf(path.read_bytes(), path.name).text
    found = suggest_text(text, standards, "chokehold", top=5)["chokehold"]
    assert (found[0].section, found[0].page + 1) == ("300.3.7", 51)
    assert found[0].text.startswith("300.3.7 RESPIRATORY RESTRAINTS A member shall not")
    assert len(found[0].text) <= 500
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
