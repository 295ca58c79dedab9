"""Guided review never proposes a clause the item already has as evidence (the demo's B:
its ban is linked, only the result is missing)."""

from __future__ import annotations

from reviewer_app.core.demo import demo_review_path
from tests.ui.helpers import activate, press


def test_a_linked_clause_is_not_proposed_again(qtbot, make_window, tmp_path):
    win = make_window((1440, 900))
    assert win.open_review(demo_review_path(tmp_path))
    activate(qtbot, win)
    store = win.session.store
    item = store.standards().item("B")
    linked = [(e.doc_id, e.start, e.end) for e in store.evidence(item_id=item.id)]
    finding = store.findings().get(item.id)
    assert linked and (finding is None or str(finding.result) == "not_assessed")
    win.checklist.select_item(item.id)
    win.view.setFocus()
    messages: list[str] = []
    win.guided.message.connect(messages.append)
    press(win.view, "Ctrl+Shift+G")
    assert win.guided.active and win.guided.item_id == item.id
    for p in win.guided.proposals:
        assert not any(d == p.doc_id and a < p.end and p.start < b for d, a, b in linked)
    if not win.guided.proposals:
        assert "its evidence is linked; record the result" in messages[-1]
