"""A review edited outside the app (a finding flipped with a database tool, its log
triggers dropped) says so the moment it opens, before an export would refuse it."""

from __future__ import annotations

import sqlite3

from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore


def _tamper(path) -> None:
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("UPDATE findings SET result = 'met' WHERE item_id = 'chokehold'")
    conn.commit()
    conn.close()


def test_a_review_changed_outside_the_app_says_so_on_opening(qtbot, make_window, sample_review):
    with ReviewStore.open(sample_review) as store:
        cmd.run(store, cmd.SetFinding("chokehold", "not_met", "no ban found"))
    win = make_window()
    assert win.open_review(sample_review)
    qtbot.wait(50)
    assert not win.robust.tampered.isVisible()
    win.close_review()

    _tamper(sample_review)
    assert win.open_review(sample_review)
    qtbot.waitUntil(lambda: win.robust.tampered.isVisible(), timeout=3000)
    said = win.robust.tampered.text.text()
    assert "changed outside the app" in said and "findings differ" in said
    assert [b.text() for b in win.robust.tampered.buttons] == ["Show all problems"]
    win.close_review()
    assert not win.robust.tampered.isVisible()
