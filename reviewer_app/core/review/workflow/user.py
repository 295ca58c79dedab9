"""Who is at the keyboard: the name every log row, evidence and finding records.

In order: the name given for this session (the CLI's ``--as NAME``; the window sets the one
it asked for), the name remembered on this computer (a small file in the user's config
folder, written once by the window), ``REVIEWER_APP_USER``, the operating system's login
name. Not the review's assessor field: a second reviewer working on the assessor's file
must not be logged as the assessor.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

ENV_USER = "REVIEWER_APP_USER"
ENV_CONFIG_DIR = "REVIEWER_APP_CONFIG_DIR"  # tests and portable installs point it elsewhere
MAX_NAME = 120

_session: list[str] = []  # the name given for this process, if any


def config_file() -> Path:
    """Where the remembered name lives (platformdirs' user config folder)."""
    folder = os.environ.get(ENV_CONFIG_DIR)
    if folder:
        return Path(folder) / "user.json"
    import platformdirs

    return platformdirs.user_config_path("reviewer-app", appauthor=False) / "user.json"


def clean_name(name: str) -> str:
    """A person's name as stored: one line, trimmed; "" when nothing is left."""
    return " ".join(str(name).split())[:MAX_NAME]


def set_session_user(name: str | None) -> None:
    """Name the person for this process (``--as``); None or "" forgets it."""
    _session.clear()
    if name and clean_name(name):
        _session.append(clean_name(name))


def remembered_name() -> str:
    """The name remembered on this computer, or "" (a damaged file counts as none)."""
    try:
        data = json.loads(config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return clean_name(data.get("name", "")) if isinstance(data, dict) else ""


def remember_name(name: str) -> Path:
    """Remember ``name`` as this computer's person at the keyboard; returns the file."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"name": clean_name(name)}), encoding="utf-8")
    os.replace(tmp, path)
    return path


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "assessor"


def keyboard_user() -> str:
    """The person at the keyboard, by the order in the module's docstring."""
    if _session:
        return _session[0]
    return (remembered_name() or clean_name(os.environ.get(ENV_USER, ""))
            or login_name())
