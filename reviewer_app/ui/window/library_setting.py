"""File > Clause library database…: the window's choice of the caseload database whose
clause library the item panel consults, kept in the settings and applied at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer_app.ui.item import suggestions_panel


def default_database() -> Path:
    from reviewer_app.core.caseload.index import default_index_path

    return default_index_path()


def install(window: Any) -> None:
    """Apply the remembered choice and connect the menu entry."""
    apply(window, window.settings.library_database())
    window.actions.library_database.triggered.connect(lambda: choose(window))


def apply(window: Any, path: Path | None) -> None:
    suggestions_panel.set_library_database(path)
    caseload = getattr(window, "_caseload", None)
    if caseload is not None:
        caseload.index_path = path or default_database()
    window.item_panel.documents_changed()  # suggestions computed with the old library
    if window.item_panel.item_id:
        window.item_panel.refresh(suggestions=True)


def choose(window: Any) -> None:
    from reviewer_app.ui.dialogs.library_database import LibraryDatabaseDialog

    dialog = LibraryDatabaseDialog(window.settings.library_database(), default_database(),
                                   window)
    if not dialog.exec():
        return
    path = dialog.chosen()
    window.settings.set_library_database(path)
    apply(window, path)
    window.show_message(f"Clause library: {path or default_database()}", 6000)
