"""The item panel shows the review's state's statutes for the item, and follows the
state when the review's details change."""

from __future__ import annotations

import os

from reviewer_app.core.review.commands.review_details import EditReview
from tests.factories.pdfs import make_pdf
from tests.factories.reviews import review_file
from tests.ui.helpers import activate


def test_state_law_notes_follow_the_item_and_the_reviews_state(qtbot, make_window, tmp_path):
    policy = make_pdf(["Use of Force", "Chokeholds are prohibited (720 ILCS 5/7-5.5) unless "
                       "deadly force is justified. See also ILCS 720 5/7-5."])
    path = review_file(tmp_path / "il.review", [("lisle.pdf", policy)],
                       agency_name="Lisle Police Department", agency_ori="IL0221300",
                       agency_state="IL")
    win = make_window()
    win.resize(1500, 1000)
    win.open_review(path)
    activate(qtbot, win)
    panel = win.item_panel
    win.checklist.select_item("chokehold")
    notes = panel.state_law
    assert notes.isVisible()
    assert notes.title.text() == "STATE LAW (IL): ALSO CONSIDER"
    # one line per statute, so the result buttons stay in view
    assert "720 ILCS 5/7-5.5(a)-(d)" in notes.text()
    assert "cited: Generated Policy p. 2" in notes.text()
    assert "ilga.gov" not in notes.text()
    assert "720 ILCS 5/7-5 " not in notes.text()  # item A's notes are not item B's
    notes.details.click()  # what it requires, its words, its source
    assert "https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=072000050K7-5.5" \
        in notes.text()
    assert "Section cited in: Generated Policy p. 2" in notes.text()
    assert "shall not use a chokehold or restraint above the shoulders" in notes.text()
    qtbot.wait(300)  # let the word-wrapped labels settle before the picture
    panel.grab().save(str(tmp_path / "state_law.png"))
    if os.environ.get("STATE_LAW_SCREENSHOT"):
        win.grab().save(os.environ["STATE_LAW_SCREENSHOT"])
    notes.details.click()
    win.checklist.select_item("legal_compliance")
    shown = notes.text()
    assert "cited: Generated Policy p. 2" in shown  # written "ILCS 720 5/7-5" there
    assert "50 ILCS 705/10.6</b> · Illinois Police Training Act" in shown
    assert "not cited in the documents" in shown
    win.checklist.select_item("warning_shots")  # no Illinois note on this item
    assert not notes.isVisible()
    win.checklist.select_item("chokehold")
    win.session.execute(EditReview({"agency_state": "VA", "agency_ori": ""}))
    qtbot.waitUntil(lambda: "19.2-83.4" in notes.text(), timeout=5000)
    assert "720 ILCS" not in notes.text()
    win.session.execute(EditReview({"agency_state": ""}))
    qtbot.waitUntil(lambda: not notes.isVisible(), timeout=5000)
