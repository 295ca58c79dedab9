"""File > Merge a copy…: the summary dialog lists what came in and the conflicts, a
choice settles one (undoable), and the merge itself is one undo step."""

from __future__ import annotations

import shutil

from reviewer_app.core.review.store import ReviewStore
from reviewer_app.ui.merge import flow
from tests.factories.pdfs import AID
from tests.factories.reviews import link, set_finding


def _other_copy(linked_review, tmp_path):
    other = tmp_path / "laptop-b.review"
    shutil.copyfile(linked_review, other)
    with ReviewStore.open(other) as store:
        set_finding(store, "chokehold", "partial", "Ban has a loophole (laptop B).")
        link(store, "no_knock", store.documents()[0].id, AID)
    return other


def test_merge_a_copy_lists_and_settles(make_window, linked_review, tmp_path, qtbot):
    other = _other_copy(linked_review, tmp_path)
    win = make_window()
    win.open_review(linked_review)
    win.session.execute(__import__("reviewer_app.core.review.commands", fromlist=["x"])
                        .SetFinding("chokehold", "not_met", "No ban here (laptop A)."))
    assert win.actions.merge_copy.text() == "&Merge a copy…"
    dlg = flow.merge_copy(win, other)
    assert dlg is not None
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    came = [dlg.came_in.item(i).text() for i in range(dlg.came_in.count())]
    assert any("evidence for 9 (no_knock)" in line for line in came)
    assert win.session.result("chokehold") == "not_assessed"  # in conflict until settled
    assert win.session.findings()["chokehold"].needs_rereview
    dlg.grab().save(str(tmp_path / "merge-summary.png"))
    (uid, group), = dlg._groups.items()
    texts = [group.button(k).text() for k in (1, 2)]
    take = 1 + [("laptop-b.review" in t) for t in texts].index(True)
    dlg.reject()  # decided later: File > Settle merge conflicts… lists it again
    dlg = flow.open_conflicts(win, show=False)
    assert dlg is not None and list(dlg._groups) == [uid]
    qtbot.addWidget(dlg)
    dlg.choose(uid, take)
    dlg.accept()
    assert win.session.result("chokehold") == "partial"
    assert not win.session.findings()["chokehold"].needs_rereview
    win.session.undo()  # the settling
    assert win.session.result("chokehold") == "not_assessed"
    win.session.undo()  # the merge
    assert win.session.result("chokehold") == "not_met"
    assert flow.open_conflicts(win) is None
    win.actions.merge_conflicts.trigger()  # wired to the menu: says none are open
    assert "No merge conflicts" in win.statusBar().currentMessage()
    assert not win.session.evidence_for_item("no_knock")


def test_merging_the_review_itself_says_so(make_window, linked_review, capsys):
    win = make_window()
    win.open_review(linked_review)
    assert flow.merge_copy(win, linked_review) is None
    assert "is the review itself" in capsys.readouterr().err


def test_the_menu_item_asks_for_the_other_copy_once(make_window, linked_review, monkeypatch):
    """File > Merge a copy… was wired twice (the file dialog came up a second time)."""
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    win = make_window()
    win.open_review(linked_review)
    win.actions.merge_copy.trigger()
    assert len(asked) == 1
