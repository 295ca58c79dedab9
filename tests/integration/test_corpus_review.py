"""A full review of a real policy (Hanover Park, IL) with mouse drags and key presses:
every checklist item linked or marked, the outcome shown, nothing lost after reopening.
Skipped when ../shared (the corpus) is absent."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest

from tests.factories.corpus import corpus_pdf
from tests.factories.reviews import review_file
from tests.ui.helpers import activate, drag, press, quote_points

pytestmark = pytest.mark.corpus

DOC = "hanover-park-il_use-of-force.pdf"
STRENGTH_KEY = {"full": "1", "partial": "2"}


def _hanover_labels(labels: dict) -> dict:
    entry = next(d for d in labels["documents"] if d["file"].endswith(DOC))
    return entry["labels"]


def _select_on_page(qtbot, win, quote: str, page: int) -> tuple[int, int]:
    a, b, span = quote_points(win, quote, page)
    viewport = win.view.viewport().rect()
    assert viewport.contains(a) and viewport.contains(b)
    drag(qtbot, win.view.viewport(), a, b)
    return span


def test_full_review_of_hanover_park(qtbot, make_window, tmp_path, labels):
    pdf = corpus_pdf(DOC)
    truth = _hanover_labels(labels)
    path = review_file(tmp_path / "hanover.review", [])
    win = make_window((1440, 900))
    assert win.open_review(path)
    assert win.add_documents([pdf]) == 1
    activate(qtbot, win)
    standards = win.session.standards
    order = [i.id for i in standards.ordered_items()]

    win.checklist.select_item(order[0])
    win.checklist.tree.setFocus()
    expected: dict[str, tuple[str, int]] = {}
    for n, item_id in enumerate(order):
        assert win.checklist.current_item_id() == item_id
        label = truth.get(item_id)
        if label:
            for q in label["quotes"]:
                start, end = _select_on_page(qtbot, win, q["text"], q["page"])
                assert win.view.selection() == (start, end)
                press(win.view, "Ctrl+L")
            key = STRENGTH_KEY[label["strength"]]
            note = f"Linked {len(label['quotes'])} clause(s)."
        else:
            key, note = "3", "Not addressed in this directive."
        press(win.view, key)
        press(win.view, "F2")  # to the rationale editor
        assert win.focusWidget() is win.item_panel.rationale
        QTest.keyClicks(win.item_panel.rationale, note)
        press(win.item_panel.rationale, "Escape")  # saves and leaves the editor
        result = {"1": "met", "2": "partial", "3": "not_met"}[key]
        expected[item_id] = (result, len(label["quotes"]) if label else 0)
        assert win.session.result(item_id) == result
        assert win.session.rationale(item_id) == note
        if n + 1 < len(order):
            press(win.view, "Alt+Down")

    outcome = win.checklist.card
    assert outcome.badge.status == "Certified"  # the colour; the words (issue 12) say
    assert outcome.badge.text == "Recommendation: certify"  # it awaits the sign-off
    assert outcome.progress_text.text().startswith(f"{len(order)} of {len(order)} assessed")
    assert len(win.view.highlights()) == sum(n for _, n in expected.values())
    press(win.view, "F8")  # no item is left without a result
    assert "Every item has a result" in win.statusBar().currentMessage()

    press(win.view, "Ctrl+W")  # close the review
    assert win.session is None
    assert win.open_review(path)
    s = win.session
    for item_id, (result, n) in expected.items():
        assert s.result(item_id) == result, item_id
        assert len(s.evidence_for_item(item_id)) == n, item_id
    text = s.store.document_text(s.documents()[0].id).text
    for ev in s.all_evidence():
        assert text[ev.start:ev.end] == ev.exact  # anchors intact after reopening
    assert win.checklist.card.badge.status == "Certified"
