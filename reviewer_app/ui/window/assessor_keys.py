"""Window behaviour a new assessor tripped over, in one place:

- navigating (F8, Alt+Up/Down) from the rationale returns the keyboard to the checklist,
  so the next "1" records a result instead of typing into the next item's rationale;
- right-click in the document offers "Link to" with a submenu of every item;
- the outline panel (F4) falls back to the sections the segmenter detected when the PDF
  has no bookmarks;
- on a narrow screen (a 1366x768 laptop) the side panes open at compact widths, and the
  outline (F4) takes the checklist's place while it is open instead of squeezing the
  document; closing it brings the checklist back.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextEdit, QWidget

from reviewer_app.core.review.section_outline import detected_outline
from reviewer_app.ui.window.actions import Actions


class MainWindow(Protocol):
    """What these helpers use of the main window (no import of it: no cycle)."""

    actions: Actions
    checklist: Any
    view: Any
    area: Any
    controller: Any
    session: Any
    splitter: Any

    def width(self) -> int: ...

    def show_message(self, text: str, ms: int = 8000) -> None: ...

NARROW = 1600  # window widths below this: the outline takes the checklist's place


def _actions(win: MainWindow) -> Actions:
    return win.actions


def install(win: MainWindow) -> None:
    a = _actions(win)
    for action in (a.next_item, a.previous_item, a.next_open):
        action.triggered.connect(lambda _=False, w=win: return_focus(w))
    link_to = QAction("Link &to", win.view)
    link_to.setMenu(LinkToMenu(win))
    win.view.set_context_actions([a.link, link_to])

    def outline_toggled(on: bool) -> None:
        if on:
            _make_room_for_outline(win)
    a.show_outline.toggled.connect(outline_toggled)
    if a.show_outline.isChecked() and not a.show_checklist.isChecked() \
            and win.width() < NARROW:  # left so last time: closing the outline restores it
        _restore_checklist_on_close(win)


def _typing_widget(widget: QWidget | None) -> bool:
    return isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly()


def return_focus(win: MainWindow) -> None:
    """After moving to another item, keys go to the checklist, never to a text editor."""
    if _typing_widget(QApplication.focusWidget()) and win.checklist.tree.isVisible():
        win.checklist.tree.setFocus()
    elif _typing_widget(QApplication.focusWidget()):
        win.view.setFocus()


class LinkToMenu(QMenu):
    """Every checklist item; choosing one selects it and links the selection to it."""

    def __init__(self, win: MainWindow):
        super().__init__("Link to", win.view)
        self.win = win
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        session = self.win.session
        if session is None:
            self.addAction("No review open").setEnabled(False)
            return
        has_selection = (self.win.view.selection() is not None
                         or self.win.view.area_selection() is not None)
        for item in session.standards.ordered_items():
            act = self.addAction(f"{item.code}\t{item.title}")
            act.setEnabled(has_selection and not session.read_only)
            act.triggered.connect(lambda _=False, i=item.id: self.link_to(i))

    def link_to(self, item_id: str) -> bool:
        if not self.win.checklist.select_item(item_id):
            return False
        return self.win.controller.link_selection()


def _restore_checklist_on_close(win: MainWindow) -> None:
    a = _actions(win)

    def restore(on: bool) -> None:
        if not on:
            a.show_outline.toggled.disconnect(restore)
            a.show_checklist.setChecked(True)
    a.show_outline.toggled.connect(restore)


def outline_fallback(win: MainWindow):
    """For the outline panel: the detected sections of the document on screen."""
    def entries() -> list[tuple[int, str, int]]:
        if win.session is None or not win.area.doc_id:
            return []
        return detected_outline(win.session.store, win.area.doc_id)
    return entries


def _make_room_for_outline(win: MainWindow) -> None:
    """On a narrow window the outline takes the checklist's place while it is open."""
    a = _actions(win)
    if win.width() >= NARROW or not a.show_checklist.isChecked():
        return
    a.show_checklist.setChecked(False)
    _restore_checklist_on_close(win)
    win.show_message("The outline takes the checklist's place while it is open "
                     "(Ctrl+Shift+1 shows the checklist).")
