"""Ranking: the planted clause comes first; absent items get no confident suggestion."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.suggest.engine import CONFIDENT, Suggestion, suggest, suggest_text
from reviewer_app.core.text.anchoring import anchor_span
from tests.factories.policies import layout_pdf
from tests.factories.reviews import add_document, create_review


@pytest.fixture(scope="module")
def standards():
    return resolve_standards("doj-2020")


@pytest.fixture(scope="module")
def ranked(force_policy_pdf, standards):
    text = inspect_pdf(force_policy_pdf, "policy.pdf").text
    return text, suggest_text(text, standards, top=5)


def test_planted_chokehold_clause_ranks_first(ranked):
    _, results = ranked
    first = results["chokehold"][0]
    assert first.text.startswith("300.3.3 RESPIRATORY RESTRAINTS An officer shall not use a "
                                 "chokehold")
    assert (first.section, first.heading) == ("300.3.3", "RESPIRATORY RESTRAINTS")
    assert first.score >= CONFIDENT
    # the definition and the neck-contact paragraph are weaker evidence of a prohibition
    others = [s.text for s in results["chokehold"][1:]]
    assert any(t.startswith("300.1.1 DEFINITIONS Chokehold") for t in others)


def test_other_planted_clauses_rank_first(ranked):
    _, results = ranked
    assert results["duty_to_intervene"][0].section == "300.3.1"
    assert results["medical_aid"][0].section == "300.5"


def test_items_the_policy_does_not_address_get_no_confident_suggestion(ranked):
    _, results = ranked
    for item in ("early_intervention", "recruitment", "community_engagement", "no_knock"):
        assert all(s.score < CONFIDENT for s in results[item]), item


def test_suggestions_are_distinct_and_scored_between_0_and_1(ranked):
    text, results = ranked
    for found in results.values():
        spans = [(s.start, s.end) for s in found]
        for i, (a0, a1) in enumerate(spans):
            for b0, b1 in spans[i + 1:]:
                inter = min(a1, b1) - max(a0, b0)
                assert inter <= 0.5 * min(a1 - a0, b1 - b0)  # no near-duplicates
        assert all(0.0 <= s.score <= 1.0 for s in found)
        assert all(isinstance(s, Suggestion) for s in found)


def test_negation_decides_between_two_mentions(standards):
    pdf = layout_pdf([
        ("h", "200.1 CONTROL HOLDS"),
        ("p", "Officers receive instruction in the carotid restraint and chokehold techniques "
              "taught at the academy, and the instructor records their proficiency."),
        ("h", "200.2 RESTRICTIONS"),
        ("p", "Officers shall not use a chokehold or carotid restraint unless deadly force is "
              "authorized."),
    ])
    first = suggest_text(inspect_pdf(pdf, "p.pdf").text, standards, "chokehold")["chokehold"][0]
    assert first.section == "200.2"


def test_suggestion_anchors_like_a_manual_highlight(tmp_path, force_policy_pdf, standards):
    store = create_review(tmp_path / "r.review")
    doc_id = add_document(store, force_policy_pdf, "policy.pdf")
    best = suggest(store, "chokehold", top=3)["chokehold"][0]
    assert best.doc_id == doc_id
    anchor = anchor_span(store.document_text(doc_id), best.start, best.end)
    assert anchor.exact.startswith("300.3.3 RESPIRATORY RESTRAINTS")
    assert anchor.page == best.page and anchor.quads
    store.close()


def test_suggest_one_item_and_unknown_item(review, standards):
    store, _ = review
    only = suggest(store, "chokehold", top=2)
    assert list(only) == ["chokehold"] and len(only["chokehold"]) <= 2
    with pytest.raises(Exception, match="no item 'nonsense'"):
        suggest(store, "nonsense")


def test_accepting_a_passage_across_a_page_break_highlights_no_header(force_policy_pdf):
    from reviewer_app.core.index.segment import segment_document
    from reviewer_app.core.suggest.engine import anchor_suggestion

    text = inspect_pdf(force_policy_pdf, "policy.pdf").text
    [p] = [p for p in segment_document(text) if p.section == "300.3.2" and p.kind == "opening"]
    s = Suggestion(1, p.page, p.start, p.end, p.section, p.heading, p.text, 0.9)
    plain = anchor_span(text, s.start, s.end)
    raw = text.rects_for_range(s.start, s.end)
    assert any(r[1] < 80 or r[3] > 740 for _, r in raw)  # header/footer in the span
    anchor = anchor_suggestion(text, s)
    assert anchor.exact == plain.exact and (anchor.start, anchor.end) == (s.start, s.end)
    assert {pno for pno, _ in anchor.quads} == {0, 1}
    assert all(80 <= r[1] and r[3] <= 740 for _, r in anchor.quads)
    lines = len(p.text) // 80  # one box per body line, none for the furniture
    assert lines <= len(anchor.quads) < len(raw)
    assert plain.quads == anchor.quads  # a manual highlight leaves furniture out the same way


def test_item_by_item_equals_all_at_once(review):
    store, _ = review
    everything = suggest(store, top=3)
    for item_id, found in everything.items():
        assert suggest(store, item_id, top=3)[item_id] == found
