"""What a packet may claim: the reasons a draft gives stay readable for a large set."""

from __future__ import annotations

from reviewer_app.core.checklist.determination import review_problems


def _status(n: int) -> dict:
    items = [{"code": f"S{k}", "title": f"Standard {k}", "result": "not_assessed",
              "mandatory": False, "evidence": [], "rationale": "",
              "needs_rereview": False} for k in range(n)]
    return {"items": items, "documents": [{"title": "policy", "active": True}],
            "review": {"assessor": "Dana"}}


def test_a_few_unassessed_items_are_all_named():
    blockers = " ".join(review_problems(_status(3)).blockers)
    assert "3 of 3 items are not assessed (S0, S1, S2)" in blockers


def test_a_300_item_set_names_a_dozen_and_counts_the_rest():
    blockers = " ".join(review_problems(_status(300)).blockers)
    assert "300 of 300 items are not assessed (S0, S1," in blockers
    assert "S11 and 288 more)" in blockers and "S12," not in blockers
