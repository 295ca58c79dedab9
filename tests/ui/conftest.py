"""Fixtures for the window tests: an isolated window (own settings, data folder, in-thread
rendering), reviews of generated PDFs, and helpers that drive it with real input events."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

VIEW_OPTIONS = {"isolate_rendering": False, "render_workers": 1}


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Never touch the user's settings or demo review."""
    monkeypatch.setenv("REVIEWER_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_APP_SETTINGS", str(tmp_path / "settings.ini"))
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


def new_review(path: Path, pdfs: list[tuple[str, bytes]]) -> Path:
    """A review file holding the given PDFs, built with the core commands."""
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.create(path, agency_name="Test PD", agency_ori="XX0000000",
                            assessor="Tess Tester",
                            standards=resolve_standards("doj-2020")) as store:
        for name, data in pdfs:
            cmd.run(store, cmd.AddDocument(data, name, inspect_pdf(data, name)))
    return path


@pytest.fixture
def sample_review(tmp_path, sample_pdf) -> Path:
    return new_review(tmp_path / "sample.review", [("sample.pdf", sample_pdf)])
