"""Clause segmentation on generated policies laid out like real manuals."""

from __future__ import annotations

import pytest

from reviewer_app.core.index.segment import segment_document
from reviewer_app.core.pdf.documents import inspect_pdf
from tests.factories.policies import COPYRIGHT, HEADER, SUBHEADER, layout_pdf


@pytest.fixture(scope="module")
def policy(force_policy_pdf):
    text = inspect_pdf(force_policy_pdf, "policy.pdf").text
    return text, segment_document(text)


def _by_start(passages, prefix):
    return [p for p in passages if p.text.startswith(prefix)]


def test_running_headers_footers_and_page_numbers_are_dropped(policy):
    text, passages = policy
    assert HEADER in text.text and COPYRIGHT in text.text  # they are in the PDF...
    for p in passages:  # ...but in no passage, nor in any heading chain
        for furniture in (HEADER, SUBHEADER, COPYRIGHT, "Use of Force - 1"):
            assert furniture not in p.text
            assert furniture not in p.context


def test_sections_keep_number_and_heading(policy):
    _, passages = policy
    [duty] = [p for p in passages if p.section == "300.3.1" and p.kind == "opening"]
    assert duty.heading == "DUTY TO INTERVENE"
    assert duty.text.startswith("300.3.1 DUTY TO INTERVENE Any officer present")
    assert duty.text.endswith("report it to a supervisor.")
    assert "300.3 USE OF FORCE" in duty.context  # the parent section is in the chain
    [defn] = _by_start(passages, "Deadly force - Force")
    assert (defn.section, defn.heading) == ("300.1.1", "DEFINITIONS")


def test_offsets_point_at_the_passage_in_the_canonical_text(policy):
    text, passages = policy
    for p in passages:
        span = text.text[p.start:p.end]
        assert span.startswith(p.text[:20]) and span.endswith(p.text.split()[-1])
        assert set(p.text.split()) <= set(span.split())  # its words, furniture left out
        assert text.page_of(p.start) == p.page


def test_list_items_carry_their_lead_in(policy):
    _, passages = policy
    lead = "Officers may not use any of the following techniques"
    [item_b] = [p for p in passages if p.kind == "item" and p.text.startswith("(b) Kicks")]
    assert lead in item_b.context
    assert item_b.section == "300.3"
    [whole] = [p for p in passages if p.kind == "list" and p.text.startswith(lead)]
    assert "(a) Strikes" in whole.text and "(b) Kicks" in whole.text
    assert whole.text.endswith("already under control.")


def test_paragraph_running_across_a_page_break_stays_one_passage(policy):
    text, passages = policy
    [control] = [p for p in passages if p.section == "300.3.2" and p.kind == "opening"]
    assert text.page_of(control.end - 1) == control.page + 1
    assert "their authority and limitations." in control.text
    assert "Use of Force - 1" not in control.text


def test_a_long_paragraph_is_cut_at_sentence_ends():
    sentence = "Officers shall document every use of force in a written report promptly. "
    pdf = layout_pdf([("h", "100.1 REPORTS"), ("p", sentence * 40)])
    passages = segment_document(inspect_pdf(pdf, "long.pdf").text)
    chunks = [p for p in passages if p.kind == "chunk"]
    assert len(chunks) >= 2
    assert all(len(p.text) <= 1500 for p in chunks)
    assert all(p.text.rstrip().endswith(".") for p in chunks)
    assert chunks[0].text.startswith("100.1 REPORTS")


def test_scanned_or_empty_document_has_no_passages(pdf_factory):
    text = inspect_pdf(pdf_factory(["", ""]), "blank.pdf").text
    assert segment_document(text) == []


def test_outline_numbering_styles():
    pdf = layout_pdf([
        ("h", "IV. PROCEDURES"),
        ("li", "A. Deadly force may be used only as a last resort when other means fail."),
        ("li", "B. Warning shots are prohibited in all circumstances."),
        ("h", "V. TRAINING"),
        ("p", "All sworn officers shall attend annual training on this order."),
    ] * 1 + [("page", "")] + [("p", "Filler text on a second page for the footer count.")] * 3)
    passages = segment_document(inspect_pdf(pdf, "outline.pdf").text)
    [warning] = [p for p in passages if p.text.startswith("B. Warning shots")]
    assert (warning.section, warning.heading) == ("IV.", "PROCEDURES")
    [training] = [p for p in passages if "annual training" in p.text and p.kind == "opening"]
    assert (training.section, training.heading) == ("V.", "TRAINING")
