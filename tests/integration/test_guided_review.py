"""Guided review of a real policy (Harrisonburg, VA) with key presses only: the window
proposes each item's clause, Enter links it, Down/Up cycle the proposals, 1-4 record the
result and move on. Counts the keys: at most three per item whose first proposal is right.
Skipped when ../shared (the corpus) is absent."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reviewer_app.core.text.anchoring import find_quote_spans
from tests.factories.corpus import corpus_pdf
from tests.factories.reviews import review_file
from tests.ui.helpers import activate, press

DOC = "harrisonburg-va_use-of-force.pdf"
EXTRA = Path(__file__).resolve().parents[2] / "benchmarks" / "labels_extra.json"
STRENGTH_KEY = {"full": "1", "partial": "2"}


def _labels(labels: dict) -> dict:
    extra = json.loads(EXTRA.read_text())
    out: dict = {}
    for key in (extra, labels):
        entry = next(d for d in key["documents"] if d["file"].endswith(DOC))
        out.update(entry["labels"])
    return out


def _is_right(s, spans: list[tuple[int, int]]) -> bool:
    """The benchmark's rule: >= 60% of a labelled quote, in a span of <= 1,500 chars."""
    return len(s.text) <= 1500 and any(
        min(s.end, e) - max(s.start, b) >= 0.6 * (e - b) for b, e in spans)


def test_guided_review_of_harrisonburg_by_keys(qtbot, make_window, tmp_path, labels):
    pdf = corpus_pdf(DOC)
    truth = _labels(labels)
    path = review_file(tmp_path / "harrisonburg.review", [(DOC, pdf.read_bytes())])
    win = make_window((1440, 900))
    assert win.open_review(path)
    activate(qtbot, win)
    text = win.session.store.document_text(win.session.documents()[0].id)
    order = [i.id for i in win.session.standards.ordered_items()]
    win.checklist.select_item(order[0])
    win.view.setFocus()

    presses: dict[str, int] = {}
    first_right: dict[str, bool] = {}

    def key(name: str, item_id: str) -> None:
        presses[item_id] = presses.get(item_id, 0) + 1
        press(QApplication.focusWidget() or win.view, name)

    press(win.view, "Ctrl+Shift+G")  # Review > Guided review
    assert win.actions.guided_review.isChecked() and win.guided.active
    assert win.view.proposal() is not None  # the dashed proposal with its tag
    press(QApplication.focusWidget() or win.view, "Escape")  # leaves, nothing recorded
    assert not win.guided.active and win.view.proposal() is None
    assert win.session.result(order[0]) == "not_assessed"
    press(win.view, "Ctrl+Shift+G")
    assert win.guided.active
    for item_id in order:
        assert win.checklist.current_item_id() == item_id
        proposals = win.guided.proposals
        label = truth.get(item_id)
        if label:
            spans = [s for q in label["quotes"] for s in find_quote_spans(text, q["text"])]
            right = [n for n, s in enumerate(proposals) if _is_right(s, spans)]
            first_right[item_id] = bool(right) and right[0] == 0
            if right:
                for _ in range(right[0]):
                    key("Down", item_id)
                shown = win.view.proposal()
                s = proposals[right[0]]
                assert shown is not None and shown[0][0][0] == s.start
                assert all(s.start <= a < b <= s.end for a, b in shown[0])
                key("Return", item_id)
                ev = win.session.evidence_for_item(item_id)
                assert [(e.start, e.end) for e in ev] == [(proposals[right[0]].start,
                                                          proposals[right[0]].end)]
            key(STRENGTH_KEY[label["strength"]], item_id)
        else:
            key("3", item_id)  # Not met
    assert not win.guided.active  # every item has a result: the mode ended by itself
    assert all(win.session.result(i) != "not_assessed" for i in order)
    for item_id, right in first_right.items():
        if right:
            assert presses[item_id] <= 3, (item_id, presses[item_id])
    assert sum(first_right.values()) >= 8, first_right
    # an absent item's Not met came with the absence report as its rationale
    absent = [i for i in order if not truth.get(i)]
    assert any(win.session.rationale(i).startswith("No clause found for") for i in absent)
    print(f"\nguided review: {sum(presses.values())} key presses for {len(order)} items; "
          f"first proposal right on {sum(first_right.values())} of {len(first_right)}")

    # every step is undoable: the last item's result, then its link (if any)
    last = order[-1]
    before = win.session.result(last)
    press(win.view, "Ctrl+Z")
    assert win.session.result(last) != before
