"""Further standards sets in a review: proposed evidence through the bundled DOJ -> CALEA
crosswalk, accepted in one undoable step (redo gives the same rows), the snapshots sealed
against edits outside the app, and undoing a set refused while it has evidence."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.commands.base import CommandStack
from reviewer_app.core.review.commands.sets import AcceptProposals, AddSets, check_new_sets
from reviewer_app.core.review.extra_sets import crosswalks
from reviewer_app.core.review.integrity import seal_problems
from reviewer_app.core.review.proposals import also_counts_for, proposals
from reviewer_app.core.review.set_view import set_store
from reviewer_app.core.review.status import review_status
from tests.factories.pdfs import CHOKE
from tests.factories.reviews import link
from tests.factories.sets import calea_set


def calea() -> StandardsSet:
    return calea_set()


@pytest.fixture
def two(review):
    store, doc_id = review
    walks = check_new_sets([store.standards()], [calea()], [])
    assert [c.id for c in walks] == ["doj-2020_to_calea"]  # the bundled one joins them
    stack = CommandStack(store)
    stack.execute(AddSets([calea()], walks))
    return store, doc_id, stack


def test_a_link_is_proposed_on_every_mapped_item_and_accepted_in_one_step(two):
    store, doc_id, stack = two
    assert [link.label for link in also_counts_for(store, "chokehold")] == [
        "calea 4.1.6", "calea 4.1.7"]
    ev_id = link(store, "chokehold", doc_id, CHOKE)
    found = proposals(store, "calea")
    assert [(p.target.code, p.evidence.id, p.target_stored) for p in found] == [
        ("4.1.6", ev_id, "calea/4.1.6"), ("4.1.7", ev_id, "calea/4.1.7")]
    assert store.evidence("calea/4.1.6") == []  # proposed, never stored
    cmd = stack.execute(AcceptProposals("calea"))
    rows = [(e.id, e.item_id, e.start, e.end) for e in cmd.created or []]
    assert [r[1] for r in rows] == ["calea/4.1.6", "calea/4.1.7"]
    assert proposals(store, "calea") == []
    view = set_store(store, "calea")
    state = review_status(view).item("4.1.6")
    assert state.evidence[0].evidence.exact == CHOKE and state.evidence[0].intact
    assert review_status(store).item("chokehold").evidence[0].evidence.id == ev_id
    stack.undo()
    assert store.evidence("calea/4.1.6") == [] and len(proposals(store, "calea")) == 2
    stack.redo()
    assert [(e.id, e.item_id, e.start, e.end) for e in store.evidence()
            if e.item_id.startswith("calea/")] == rows
    assert seal_problems(store.conn) == []


def test_a_bundled_crosswalk_that_does_not_fit_is_left_out_saying_why(review):
    store, _ = review
    small = calea()
    small = StandardsSet(small.id, small.title, small.edition, small.publisher, 36,
                         small.categories, small.items[:2])
    notes: list[str] = []
    assert check_new_sets([store.standards()], [small], [], notes=notes) == []
    assert "doj-2020_to_calea was not used" in notes[0] and "is not an item of calea" in notes[0]


def test_accepting_one_item_leaves_the_others_proposed(two):
    store, doc_id, stack = two
    link(store, "chokehold", doc_id, CHOKE)
    stack.execute(AcceptProposals("calea", "4.1.7"))
    assert [p.target.code for p in proposals(store, "calea")] == ["4.1.6"]
    with pytest.raises(ReviewError, match="no evidence is proposed for calea 4.1.1"):
        stack.execute(AcceptProposals("calea", "4.1.1"))


def test_snapshots_are_sealed(two):
    store, _, _ = two
    assert seal_problems(store.conn) == []
    store.conn.execute("UPDATE review_sets SET standards_json = replace(standards_json, "
                       "'stand-in', 'edited')")
    problems = seal_problems(store.conn)
    assert any("standards set 'calea' was edited" in p for p in problems)


def test_a_set_removed_outside_the_app_is_noticed(two):
    store, _, _ = two
    store.conn.execute("DELETE FROM review_sets")
    assert any("further standards sets" in p for p in seal_problems(store.conn))


def test_undoing_a_set_with_evidence_is_refused(two):
    store, doc_id, stack = two
    link(store, "chokehold", doc_id, CHOKE)
    stack.execute(AcceptProposals("calea"))
    undo_accept = stack.done.pop()  # skip the accept: undo the set beneath it
    with pytest.raises(ReviewError, match="has evidence or findings now"):
        stack.undo()
    stack.done.append(undo_accept)
    stack.undo()
    stack.undo()
    assert [s.id for s in store.sets()] == ["doj-2020"] and crosswalks(store.conn) == []
    assert seal_problems(store.conn) == []


def test_a_damaged_crosswalk_copy_is_named_not_a_traceback(two):
    store, _, _ = two
    store.conn.execute("UPDATE review_crosswalks SET crosswalk_json = '{broken'")
    problems = seal_problems(store.conn)
    assert any("crosswalk 'doj-2020_to_calea' is unreadable" in p for p in problems)
