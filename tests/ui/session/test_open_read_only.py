"""Reviews open elsewhere or on write-protected media: who has it, what can be done, a
read-only window that offers no edit, and a copy to work on."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from dataclasses import asdict

import pytest

from reviewer_app.core.review import store as store_module
from reviewer_app.core.review.lock import LockOwner, ReviewLock
from reviewer_app.ui.dialogs import common as dialogs
from tests.factories.pdfs import revised_pdf

OTHER = LockOwner("kim", "laptop-7", 4242, "2024-05-02T09:14:00Z")


@pytest.fixture
def interactive(monkeypatch):
    monkeypatch.setattr(dialogs, "NONINTERACTIVE", False)


def lock_from_other_computer(path) -> None:
    ReviewLock(path).path.write_text(json.dumps(asdict(OTHER)))


@pytest.fixture
def held_by_running_program(linked_review):
    """Another process on this computer has the review open (holds its lock)."""
    code = ("import sys\nfrom reviewer_app.core.review.lock import ReviewLock\n"
            "ReviewLock(sys.argv[1]).acquire()\nprint('ready', flush=True)\nsys.stdin.read()")
    proc = subprocess.Popen([sys.executable, "-c", code, str(linked_review)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield linked_review
    proc.stdin.close()
    proc.wait(timeout=10)


def editing_enabled(win) -> dict[str, bool]:
    a = win.actions
    acts = {n: getattr(a, n).isEnabled() for n in (
        "add_document", "link", "area_mode", "remove_evidence", "replace_document",
        "rename_document", "review_details", "edit_rationale")}
    acts["results"] = any(act.isEnabled() for act in a.result.values())
    acts["result_buttons"] = win.item_panel.results.isEnabled()
    acts["rationale"] = not win.item_panel.rationale.isReadOnly()
    acts["add_button"] = win.area.add_button.isEnabled()
    return acts


def test_a_review_locked_on_another_computer_offers_read_only_or_anyway(
        make_window, linked_review, answers, interactive):
    lock_from_other_computer(linked_review)
    win = make_window()
    answers.buttons.append("Cancel")
    assert not win.open_review(linked_review) and win.session is None
    box = answers.boxes[-1]
    assert "kim on laptop-7" in box["text"]
    assert {"Cancel", "Open anyway", "Open read-only"} <= set(box["buttons"])
    assert "overwrite each other's work" in box["info"]

    answers.buttons.append("Open read-only")
    assert win.open_review(linked_review) and win.session.read_only
    assert "kim on laptop-7" in win.robust.banner.message()
    assert ReviewLock(linked_review).owner().host == "laptop-7"  # still theirs
    win.close_review()

    answers.buttons.append("Open anyway")
    assert win.open_review(linked_review) and not win.session.read_only
    assert not win.robust.banner.isVisible()
    owner = ReviewLock(linked_review).owner()
    assert owner.host == socket.gethostname()  # taken over


def test_a_review_open_in_a_running_program_offers_read_only_only(
        make_window, held_by_running_program, answers, interactive):
    win = make_window()
    answers.buttons.append("Open read-only")
    assert win.open_review(held_by_running_program)
    box = answers.boxes[-1]
    assert "Open anyway" not in box["buttons"] and "Open read-only" in box["buttons"]
    assert "on this computer" in box["info"]
    assert win.session.read_only and "has it open" in win.robust.banner.message()


def test_read_only_review_shows_the_banner_and_offers_no_edit(
        make_window, linked_review, monkeypatch, tmp_path):
    monkeypatch.setattr(store_module, "_write_blocker",  # as on a locked USB stick
                        lambda path: "the file is write-protected")
    win = make_window()
    assert win.open_review(linked_review)
    assert win.session.read_only
    text = win.robust.banner.message()
    assert text.startswith("Opened read-only: the file is write-protected.")
    assert "Changes cannot be saved; use File \u203a Save a copy\u2026 to work on a copy" in text
    assert [b.text() for b in win.robust.banner.buttons] == ["Save a copy\u2026"]
    assert "(read-only)" in win.windowTitle() and win.save_label.text() == "Read-only"
    win.checklist.select_item("chokehold")
    assert not any(editing_enabled(win).values()), editing_enabled(win)
    assert win.actions.save_copy.isEnabled()  # reading and copying still work
    win.view.select_range(0, 20)  # Enter in the view links without the (disabled) action
    assert not win.controller.link_selection()
    assert "read-only" in win.statusBar().currentMessage()
    assert len(win.session.evidence_for_item("chokehold")) == 1
    pdf = tmp_path / "more.pdf"
    pdf.write_bytes(revised_pdf())
    assert win.add_documents([pdf]) == 0  # a drop is refused too, before any reading
    assert "read-only" in win.statusBar().currentMessage()
    assert win.session.store.documents()[0].filename == "use-of-force.pdf"


def test_save_a_copy_of_a_read_only_review_and_work_on_it(
        make_window, linked_review, monkeypatch, answers, tmp_path):
    monkeypatch.setattr(store_module, "_write_blocker",
                        lambda path: "the file is write-protected" if path == linked_review
                        else "")
    win = make_window()
    win.open_review(linked_review)
    original = linked_review.read_bytes()
    dest = tmp_path / "mine.review"
    answers.files.append(str(tmp_path / "mine"))  # the suffix is added
    win.robust.banner.buttons[0].click()
    assert win.session.path == dest and not win.session.read_only
    assert "Now working on the copy mine.review" in win.statusBar().currentMessage()
    assert not win.robust.banner.isVisible() and "(read-only)" not in win.windowTitle()
    win.checklist.select_item("chokehold")
    assert all(editing_enabled(win).values()), editing_enabled(win)
    assert win.controller.set_result("partial")
    assert linked_review.read_bytes() == original  # the original is untouched


def test_screenshots_and_scripts_open_a_review_in_use_read_only(make_window, linked_review,
                                                                capsys):
    lock_from_other_computer(linked_review)
    win = make_window()  # tests run non-interactive, like --screenshot
    assert win.open_review(linked_review) and win.session.read_only
    assert "Opening it read-only" in capsys.readouterr().err
