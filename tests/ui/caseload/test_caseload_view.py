"""The Caseload view as a user drives it: filters, search, sort, double-click, refresh in
the background, and its place in the window (start page, File > Caseload)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor

from reviewer_app.core.caseload.index import CaseloadIndex
from reviewer_app.core.caseload.scan import scan
from reviewer_app.ui.window.settings import Settings


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    from reviewer_app.core.caseload.sample_office import edge_case_office

    root = tmp_path_factory.mktemp("view-office") / "office"
    edge_case_office(root, 2027)
    return root


@pytest.fixture
def page(qtbot, tmp_path, office, monkeypatch):
    from reviewer_app.ui.caseload.page import CaseloadPage

    db = tmp_path / "index.sqlite"
    monkeypatch.setenv("REVIEWER_APP_CASELOAD_DB", str(db))
    with CaseloadIndex.open(db) as index:
        scan(index, [office])
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set_value("caseload/folders", [str(office)])
    p = CaseloadPage(settings)
    qtbot.addWidget(p)
    p.resize(1440, 900)
    p.load()
    p.show()
    return p


def _agencies(page) -> list[str]:
    return [page.row_at(r).entry.agency for r in range(page.proxy.rowCount())]


def test_chips_search_and_filters_narrow_the_table(page, qtbot):
    assert page.proxy.rowCount() == 9
    qtbot.mouseClick(page.chips["Not certified"], Qt.MouseButton.LeftButton)
    assert _agencies(page) == ["Not Certified PD"]
    qtbot.mouseClick(page.chips["In process"], Qt.MouseButton.LeftButton)  # either outcome
    assert sorted(_agencies(page)) == ["In Process PD", "Not Certified PD", "Re-review PD"]
    qtbot.mouseClick(page.chips["Not certified"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chips["In process"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chips["rereview"], Qt.MouseButton.LeftButton)
    assert _agencies(page) == ["Re-review PD"]
    qtbot.mouseClick(page.chips["rereview"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.search, "il0000004")
    assert _agencies(page) == ["Certified Feb 1 PD"]
    assert "Showing 1 of 9" in page.status.text()
    page.search.clear()
    assert page.chips["Certified"].text().endswith("5")  # the copy counted once


def test_sorting_by_expiry_puts_the_soonest_first_and_undated_last(page):
    page.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)
    expiries = [page.row_at(r).entry.expires_on for r in range(page.proxy.rowCount())]
    dated = [e for e in expiries if e]
    assert dated == sorted(dated) and expiries[:len(dated)] == dated
    assert page.row_at(0).entry.agency == "Expired Jan 30 PD"


def test_double_click_asks_to_open_that_review(page, qtbot, office):
    page.search.setText("Re-review")
    rect = page.table.visualRect(page.proxy.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.openRequested) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert opened.args == [office / "rereview.review"]


def test_refresh_runs_in_the_background_and_shows_new_files(page, qtbot, office, tmp_path):
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy2(office / "current.review", extra / "current-again.review")
    (extra / "broken.review").write_text("not a review")
    page.settings.set_value("caseload/folders", [str(office), str(extra)])
    page.refresh()
    assert page.progress.isVisible()
    with qtbot.waitSignal(page.worker.finishedScan, timeout=20000):
        pass
    qtbot.waitUntil(lambda: not page.progress.isVisible())
    assert page.proxy.rowCount() == 10
    assert page.problems_button.isVisible() and "1 file not read" in \
        page.problems_button.text()


def test_chart_draws_the_outcome_colours(page):
    from reviewer_app.ui.common.theme import OUTCOME_COLORS

    image = page.chart.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    for outcome in ("Certified", "Not certified", "In process"):
        assert OUTCOME_COLORS[outcome].name() in colours
    page.chart.set_data([], {"Certified": 0, "Not certified": 0, "In process": 0})
    image = page.chart.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert OUTCOME_COLORS["Not certified"].name() in colours  # the legend's swatch only
    assert OUTCOME_COLORS["Certified"].name() in colours


def test_window_starts_on_the_caseload_and_opens_a_review_from_it(make_window, qtbot,
                                                                  tmp_path, office,
                                                                  monkeypatch):
    work = tmp_path / "office"
    shutil.copytree(office, work)
    monkeypatch.setenv("REVIEWER_APP_CASELOAD_DB", str(tmp_path / "idx.sqlite"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("caseload/folders", [str(work)])
    settings.sync()
    win = make_window()
    page = win._caseload
    assert page is not None and win.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 9, timeout=20000)
    page.search.setText("Current PD")
    page._open_index(page.proxy.index(0, 0))
    assert win.session is not None and win.stack.currentWidget() is win.splitter
    win.actions.caseload.trigger()  # File > Caseload closes the review and shows the view
    assert win.session is None and win.stack.currentWidget() is page
    assert win.actions.caseload in win.menuBar().actions()[0].menu().actions()


def test_a_folder_no_longer_listed_leaves_the_view(page, qtbot, office, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy2(office / "current.review", other / "elsewhere.review")
    page.settings.set_value("caseload/folders", [str(office), str(other)])
    page.refresh()
    with qtbot.waitSignal(page.worker.finishedScan, timeout=20000):
        pass
    assert page.proxy.rowCount() == 10
    page.buttons["folder"].menu().aboutToShow.emit()
    stop = [a for a in page.folder_menu.actions() if a.text() == f"Stop listing {other}"]
    stop[0].trigger()
    assert page.proxy.rowCount() == 9 and page.folders() == [str(office)]
    if page.worker:
        page.worker.wait(20000)
