"""The Caseload shows agency names from review files as text, never HTML (issue 15)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from reviewer_app.core.caseload.index import CaseloadIndex
from reviewer_app.core.caseload.scan import scan
from reviewer_app.ui.window.settings import Settings

AGENCY = "<b>x</b> Police <img src='/etc/hostname'>"


def test_agency_markup_in_a_review_file_shows_literally(qtbot, tmp_path, monkeypatch):
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.ui.caseload.page import CaseloadPage

    office = tmp_path / "office"
    office.mkdir()
    ReviewStore.create(office / "x.review", agency_name=AGENCY,
                       standards=resolve_standards("doj-2020")).close()
    db = tmp_path / "index.sqlite"
    monkeypatch.setenv("REVIEWER_APP_CASELOAD_DB", str(db))
    with CaseloadIndex.open(db) as index:
        scan(index, [office])
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set_value("caseload/folders", [str(office)])
    page = CaseloadPage(settings)
    qtbot.addWidget(page)
    page.load()
    index = page.proxy.index(0, 0)
    assert page.proxy.data(index, Qt.ItemDataRole.DisplayRole).startswith(AGENCY)
    tip = page.proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tip and "<b>" not in tip and "<img" not in tip
    assert page.status.textFormat() == Qt.TextFormat.PlainText
