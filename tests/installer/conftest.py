"""Helpers for the installer tests: a clean environment for running the app as a user."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def user_env(tmp_path) -> dict[str, str]:
    """Environment of a user with an empty home: own data folder, own settings file."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("REVIEWER_APP_", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen",
               REVIEWER_APP_DATA_DIR=str(tmp_path / "data"),
               REVIEWER_APP_SETTINGS=str(tmp_path / "settings.ini"), TMPDIR=str(tmp_path))
    return env
