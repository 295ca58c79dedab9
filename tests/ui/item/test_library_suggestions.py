"""The clause library in the item panel: a clause earlier reviews used comes first, says
how it differs, and is linked only when the assessor presses Link."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLabel

from reviewer_app.core.library.harvest import harvest
from reviewer_app.core.library.store import ClauseLibrary
from tests.factories.library import AID, make_review, manual
from tests.factories.reviews import review_file
from tests.ui.helpers import activate


def test_a_library_clause_leads_the_suggestions_and_links_on_press(qtbot, make_window,
                                                                    tmp_path):
    office = tmp_path / "office"
    office.mkdir()
    make_review(office / "lisle.review", "Lisle", "720 ILCS 5/7-5.5")
    make_review(office / "urbana.review", "Urbana", "720 ILCS 5/7-5.5")
    with ClauseLibrary.open(Path(os.environ["REVIEWER_APP_CASELOAD_DB"])) as library:
        harvest(library, [office])
    weakened = AID.replace("shall promptly", "may")
    path = review_file(tmp_path / "new.review",
                       [("harrisonburg.pdf", manual("Harrisonburg", "Va. Code § 19.2-83.3",
                                                    weakened))],
                       agency_name="Harrisonburg Police Department")
    win = make_window()
    win.open_review(path)
    activate(qtbot, win)
    win.checklist.select_item("medical_aid")
    suggestions = win.item_panel.suggestions
    qtbot.waitUntil(lambda: not suggestions.busy() and bool(suggestions.rows), timeout=20000)
    first = suggestions.rows[0]
    assert first.suggestion.marks == ("library",)
    head = first.findChildren(QLabel)[0].text()
    assert "same clause as in 2 earlier reviews, used for" in head and "(Met)" in head
    assert "&#x27;shall promptly&#x27; became &#x27;may&#x27;" in head or \
        "'shall promptly' became 'may'" in head
    assert not win.session.evidence_for_item("medical_aid")  # nothing linked by itself
    win.item_panel.grab().save(str(tmp_path / "library_suggestion.png"))
    if os.environ.get("LIBRARY_SCREENSHOT"):
        win.item_panel.grab().save(os.environ["LIBRARY_SCREENSHOT"])
    first.accept_button.click()
    (ev,) = win.session.evidence_for_item("medical_aid")
    assert (ev.start, ev.end) == (first.suggestion.start, first.suggestion.end)
    assert "render first aid" in ev.exact
