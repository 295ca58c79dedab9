"""Starting the app: the demo review, --screenshot, --item/--page, the demo's rebuild rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from reviewer_app.core import demo
from reviewer_app.core.review.store import ReviewStore


def test_demo_review_is_built_once_and_rebuilt_when_the_pdf_changes(tmp_path, monkeypatch,
                                                                     pdf_factory):
    path = demo.demo_review_path(tmp_path)
    with ReviewStore.open(path, read_only=True) as store:
        assert store.review().agency_name == "Riverton Police Department"
        assert len(store.evidence()) == len(demo.EVIDENCE)
        findings = store.findings()
        assert {i: f.result for i, f in findings.items()} == {
            i: r for i, r, _ in demo.FINDINGS}
        store_ids = {e.item_id for e in store.evidence()}
    # every item of the sample policy's quotes anchored; B has evidence but no result yet
    assert "chokehold" in store_ids and "chokehold" not in findings
    stamp = path.stat().st_mtime_ns
    assert demo.demo_review_path(tmp_path) == path and path.stat().st_mtime_ns == stamp

    # a user's work in the demo is kept while the bundled PDF is the same
    with ReviewStore.open(path) as store:
        from reviewer_app.core.review import commands as cmd

        cmd.run(store, cmd.SetFinding("chokehold", "met"))
    demo.demo_review_path(tmp_path)
    with ReviewStore.open(path, read_only=True) as store:
        assert store.findings()["chokehold"].result == "met"


def test_demo_covers_every_item(tmp_path):
    """The sample policy addresses all doj-2020 items (each has a search term in the text)."""
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.pdf.documents import inspect_pdf

    text = inspect_pdf(demo.DEMO_PDF.read_bytes(), "sample.pdf").text.text.lower()
    for item in resolve_standards("doj-2020").items:
        assert any(t.lower() in text for t in item.search_terms), item.id


def test_window_opens_the_demo(qtbot, make_window):
    win = make_window()
    assert win.open_demo()
    assert win.windowTitle() == "Riverton Police Department \u2014 Riverton demo.review " \
                                "\u2014 Reviewer"
    assert win.view.page_count() == 7
    assert win.checklist.card.badge.status == "In process"
    assert len(win.view.highlights()) >= 2  # the first item's evidence is shown
    assert win.save_label.text().endswith("All changes saved")


def _run_app(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "REVIEWER_APP_DATA_DIR": str(tmp_path / "data"),
           "REVIEWER_APP_SETTINGS": str(tmp_path / "settings.ini")}
    return subprocess.run([sys.executable, "-m", "reviewer_app", *args], env=env,
                          capture_output=True, text=True, timeout=240)


def test_screenshot_writes_a_1440x900_png(tmp_path):
    out = tmp_path / "shot.png"
    proc = _run_app(["--screenshot", str(out), "--item", "B", "--page", "4"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    # not a blank window: the page and the panels put many colours on it
    colours = {image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}
    assert len(colours) > 20


def test_screenshot_of_a_bad_file_fails_with_a_message(tmp_path):
    bad = tmp_path / "x.review"
    bad.write_bytes(b"")
    proc = _run_app([str(bad), "--screenshot", str(tmp_path / "s.png")], tmp_path)
    assert proc.returncode == 2
    assert "the file is empty" in proc.stderr and "Traceback" not in proc.stderr
    proc = _run_app(["--item", "nope", "--screenshot", str(tmp_path / "s.png")], tmp_path)
    assert proc.returncode == 2 and "no checklist item 'nope'" in proc.stderr
