"""What the window remembers between runs: geometry, splitters, panels, recent files.

Stored with QSettings in the platform's usual place; ``REVIEWER_APP_SETTINGS`` names an
INI file instead (tests, portable installs), so runs never share state by accident.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "reviewer-app"
APPLICATION = "Reviewer"
SETTINGS_ENV = "REVIEWER_APP_SETTINGS"
MAX_RECENT = 10


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        if qsettings is not None:
            self.q = qsettings
        elif os.environ.get(SETTINGS_ENV):
            self.q = QSettings(os.environ[SETTINGS_ENV], QSettings.Format.IniFormat)
        else:
            self.q = QSettings(ORGANIZATION, APPLICATION)

    # -- recent files ----------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        raw: Any = self.q.value("recent/files", [])
        if isinstance(raw, str):
            raw = [raw]
        return [Path(p) for p in (raw or []) if p]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        self.q.setValue("recent/files", [str(p) for p in [path, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        self.q.setValue("recent/files",
                        [str(p) for p in self.recent_files() if p != Path(path)])

    def clear_recent(self) -> None:
        self.q.setValue("recent/files", [])

    # -- layout ----------------------------------------------------------------------------
    def bytes_value(self, key: str) -> QByteArray | None:
        v = self.q.value(key)
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_value(self, key: str, value) -> None:
        self.q.setValue(key, value)

    def value(self, key: str, default=None):
        return self.q.value(key, default)

    def last_dir(self, kind: str) -> str:
        d = str(self.q.value(f"dirs/{kind}", "") or "")
        return d if d and Path(d).is_dir() else str(Path.home())

    def set_last_dir(self, kind: str, path: Path) -> None:
        self.q.setValue(f"dirs/{kind}", str(Path(path).parent if Path(path).is_file()
                                           else path))

    # -- the clause library's database (File > Clause library database…) ------------------
    def library_database(self) -> Path | None:
        """The caseload database chosen for the library, or None for the default."""
        raw = str(self.q.value("library/database", "") or "")
        return Path(raw) if raw else None

    def set_library_database(self, path: Path | None) -> None:
        self.q.setValue("library/database", str(path) if path else "")

    def sync(self) -> None:
        self.q.sync()
