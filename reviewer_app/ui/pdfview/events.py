"""The mouse, the keys and the right-click menu of PdfView (a mixin: the view's
``interaction`` does the work, so the view's events only hand over)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:  # what the mixin needs of the view, for the type checker only
    from PySide6.QtWidgets import QAbstractScrollArea as _ViewBase

    from reviewer_app.ui.pdfview.interaction import Interaction
else:
    _ViewBase = object


class EventsMixin(_ViewBase):
    """Needs the view's ``interaction``, ``_context_actions``, ``selected_text`` and
    ``copy_selection``."""

    if TYPE_CHECKING:
        interaction: Interaction
        _context_actions: list[QAction]

        def selected_text(self) -> str: ...

        def copy_selection(self) -> bool: ...

    def set_context_actions(self, actions: Sequence[QAction]) -> None:
        self._context_actions = list(actions)

    def context_menu(self) -> QMenu:
        """The right-click menu: Copy, then the window's actions."""
        menu = QMenu(self)
        copy = menu.addAction("Copy")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(bool(self.selected_text()))
        copy.triggered.connect(self.copy_selection)
        if self._context_actions:
            menu.addSeparator()
            for action in self._context_actions:
                menu.addAction(action)
        return menu

    def mousePressEvent(self, event) -> None:
        self.interaction.press(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.interaction.double_click(event)

    def mouseMoveEvent(self, event) -> None:
        self.interaction.move(event)

    def mouseReleaseEvent(self, event) -> None:
        self.interaction.release(event)

    def wheelEvent(self, event) -> None:
        if not self.interaction.wheel(event):
            super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        if not self.interaction.key(event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        self.context_menu().exec(event.globalPos())
