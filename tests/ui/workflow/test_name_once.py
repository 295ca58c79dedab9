"""The name is asked once per computer and remembered (issue 12, who did it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from reviewer_app.core.review.workflow import user
from reviewer_app.ui.dialogs import common as dialogs
from reviewer_app.ui.workflow import features
from reviewer_app.ui.workflow.dialogs import NameDialog


def test_asked_once_then_remembered(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv(user.ENV_CONFIG_DIR, str(tmp_path / "cfg"))
    monkeypatch.setattr(dialogs, "NONINTERACTIVE", False)
    asked = []

    def answer(dlg: NameDialog) -> int:
        asked.append(dlg)
        assert not dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled() or \
            dlg.name.text()
        dlg.name.setText("  Nora   New ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NameDialog, "exec", answer)
    features.ask_name_once(None)
    assert len(asked) == 1 and user.remembered_name() == "Nora New"
    assert user.keyboard_user() == "Nora New"
    features.ask_name_once(None)  # remembered: not asked again
    assert len(asked) == 1


def test_ok_needs_a_name(qtbot):
    dlg = NameDialog(None, "")
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dlg.name.setText("Ann")
    assert ok.isEnabled()


def test_not_asked_when_the_environment_names_the_person(qtbot, monkeypatch, tmp_path):
    """A shared machine or a script sets REVIEWER_APP_USER: no question at start."""
    monkeypatch.setenv(user.ENV_CONFIG_DIR, str(tmp_path / "cfg"))
    monkeypatch.setenv(user.ENV_USER, "Kiosk Clerk")
    monkeypatch.setattr(dialogs, "NONINTERACTIVE", False)
    asked = []
    monkeypatch.setattr(NameDialog, "exec", lambda dlg: asked.append(dlg) or 0)
    features.ask_name_once(None)
    assert not asked and user.keyboard_user() == "Kiosk Clerk"
    monkeypatch.setenv(user.ENV_USER, "  ")  # blank names nobody: asked
    features.ask_name_once(None)
    assert len(asked) == 1
