"""Window layout between runs: geometry, docks, pane widths, panels, last item per review."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from reviewer_app.ui.window.settings import Settings

PANE_SHARES = (0.22, 0.48, 0.30)  # checklist, document, item details
NARROW, COMPACT = 1600, (290, 320)  # below this width: side panes at compact widths


class LayoutMemory:
    def __init__(self, window: QMainWindow, splitter: QSplitter, settings: Settings):
        self.window, self.splitter, self.settings = window, splitter, settings
        self._splitter_state: QByteArray | None = None
        self._splitter_ready = False

    def restore(self, actions, toolbar, outline_dock) -> None:
        s, w = self.settings, self.window
        geometry = s.bytes_value("window/geometry")
        if geometry is not None:
            w.restoreGeometry(geometry)
        else:
            w.resize(1440, 900)
        state = s.bytes_value("window/state")
        if state is not None:
            w.restoreState(state)
        self._splitter_state = s.bytes_value("window/splitter")
        actions.show_checklist.setChecked(s.value("view/checklist", "true") != "false")
        actions.show_item.setChecked(s.value("view/item", "true") != "false")
        actions.show_toolbar.setChecked(not toolbar.isHidden() if state is not None else True)
        actions.show_outline.setChecked(not outline_dock.isHidden())

    def size_panes(self) -> None:
        """Pane widths as the user left them, else in proportion to the window; applied
        when the panes are first shown (a hidden splitter forgets restored sizes)."""
        if self._splitter_ready:
            return
        self._splitter_ready = True
        state = self._splitter_state
        if state is None or not self.splitter.restoreState(state):
            width = max(self.splitter.width(), self.window.width() - 20, 1000)
            if self.window.width() < NARROW:  # a 1366x768 laptop: the document comes first
                left, right = COMPACT
                self.splitter.setSizes([left, width - left - right, right])
            else:
                self.splitter.setSizes([round(width * share) for share in PANE_SHARES])

    def save(self, actions) -> None:
        s, w = self.settings, self.window
        s.set_value("window/geometry", w.saveGeometry())
        s.set_value("window/state", w.saveState())
        if self._splitter_ready:
            s.set_value("window/splitter", self.splitter.saveState())
        s.set_value("view/checklist", "true" if actions.show_checklist.isChecked() else "false")
        s.set_value("view/item", "true" if actions.show_item.isChecked() else "false")
        s.sync()

    # -- the item a user was on, per review file ---------------------------------------
    @staticmethod
    def _item_key(path: Path) -> str:
        digest = hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:16]
        return f"reviews/{digest}/item"

    def last_item(self, path: Path) -> str:
        return self.settings.value(self._item_key(path), "") or ""

    def remember_item(self, path: Path, item_id: str) -> None:
        self.settings.set_value(self._item_key(path), item_id)
