"""The Caseload view: every review of the office in one sortable, filterable table.

Only the folder setting lives here, so that the window can decide its start page without
importing the view (and the caseload core) at start-up.
"""

from __future__ import annotations

FOLDERS_KEY = "caseload/folders"


def saved_folders(settings) -> list[str]:
    """The folders the office's reviews are listed from (none: the view was never set up)."""
    raw = settings.value(FOLDERS_KEY, [])
    if isinstance(raw, str):
        raw = [raw]
    return [str(p) for p in (raw or []) if p]
