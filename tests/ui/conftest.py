"""Fixtures for the window tests: an isolated window (own settings, data folder, in-thread
rendering), reviews of generated PDFs (one with linked evidence and findings), and
scripted answers for modal dialogs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.factories.pdfs import AID, CHOKE, INTERVENE, SCOPE
from tests.factories.reviews import add_document, create_review, link, review_file, set_finding
from tests.ui.helpers import Answers

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

VIEW_OPTIONS = {"isolate_rendering": False, "render_workers": 1}


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Never touch the user's settings or demo review."""
    monkeypatch.setenv("REVIEWER_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_APP_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("REVIEWER_APP_CASELOAD_DB", str(tmp_path / "caseload.sqlite"))
    from reviewer_app.ui.dialogs import common as dialogs

    monkeypatch.setattr(dialogs, "NONINTERACTIVE", True)  # errors to stderr, no modal box


@pytest.fixture
def make_window(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from reviewer_app.ui.common.style import apply_style
    from reviewer_app.ui.window.main_window import MainWindow
    from reviewer_app.ui.window.settings import Settings

    apply_style(qtbot_app())
    windows = []

    def make(size=(1400, 900)):
        settings = Settings(QSettings(str(tmp_path / "settings.ini"),
                                      QSettings.Format.IniFormat))
        win = MainWindow(settings, VIEW_OPTIONS)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()
        win.view.render_service.shutdown()


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


@pytest.fixture
def sample_review(tmp_path, sample_pdf) -> Path:
    return review_file(tmp_path / "sample.review", [("sample.pdf", sample_pdf)])


LINKS = {"chokehold": CHOKE, "duty_to_intervene": INTERVENE, "medical_aid": AID,
         "legal_compliance": SCOPE}


@pytest.fixture
def linked_review(tmp_path, sample_pdf) -> Path:
    """The sample policy with four clauses linked as evidence and their findings Met."""
    path = tmp_path / "linked.review"
    with create_review(path) as store:
        doc_id = add_document(store, sample_pdf, "use-of-force.pdf")
        for item, quote in LINKS.items():
            link(store, item, doc_id, quote)
            set_finding(store, item, "met", "clause present")
    return path


@pytest.fixture
def answers(monkeypatch) -> Answers:
    return Answers(monkeypatch)
