"""The status bar: messages on the left; page, zoom and save state on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class ReviewStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.page_label = QLabel()
        self.page_label.setAccessibleName("Current page")
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName("Zoom")
        self.save_label = QLabel()
        self.save_label.setObjectName("SaveState")
        self.save_label.setAccessibleName("Save state")
        for w in (self.page_label, self.zoom_label, self.save_label):
            w.setContentsMargins(10, 0, 10, 0)
            self.addPermanentWidget(w)

    def show_saved(self, path: Path | None, read_only: bool = False) -> None:
        """Every change is committed when made, so "saved" is the normal state."""
        if path is None:
            self.save_label.clear()
            return
        self.save_label.setStyleSheet("color: #A35F00;" if read_only else "")
        if read_only:
            self.save_label.setText("Read-only")
            self.save_label.setToolTip(f"{path} is open read-only: nothing can be changed "
                                       "or saved. File \u203a Save a copy\u2026 makes a copy "
                                       "to work on.")
            return
        self.save_label.setText("\u2713 All changes saved")
        self.save_label.setToolTip(f"Every change is written to {path} at once.")

    def show_editing(self) -> None:
        self.save_label.setText("Editing rationale\u2026")

    def show_page(self, view, page: int) -> None:
        n = view.page_count()
        if n <= 0 or page < 0:
            self.page_label.clear()
            return
        label = view.page_label(page)
        self.page_label.setText(f"Page {label}" + (f" ({page + 1} of {n})"
                                                   if label != str(page + 1) else f" of {n}"))

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")

    def show_selection(self, view) -> None:
        text = view.selected_text()
        if text:
            words = len(text.split())
            self.showMessage(f"{words} word{'s' if words != 1 else ''} selected \u2014 "
                             "Ctrl+L links to the current item", 6000)
        elif view.area_selection() is not None:
            self.showMessage("Area marked \u2014 Ctrl+L links it to the current item", 6000)

    def clear_all(self) -> None:
        self.clearMessage()
        for w in (self.page_label, self.zoom_label, self.save_label):
            w.clear()
