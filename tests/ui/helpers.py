"""Driving the window like a user: drag across words, press keys, answer modal dialogs;
where words sit on a page."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from reviewer_app.core.text.anchoring import find_quote_spans


def quote_points(win, quote: str, page: int | None = None
                 ) -> tuple[QPoint, QPoint, tuple[int, int]]:
    """Viewport points at the start and end of a quote in the shown document (on 1-based
    ``page`` when given), and its span."""
    view = win.view
    text = view.document_text()
    spans = [s for s in find_quote_spans(text, quote)
             if page is None or text.page_of(s[0]) == page - 1]
    assert spans, f"quote not in document{f' on page {page}' if page else ''}: {quote!r}"
    start, end = spans[0]
    view.reveal_range(start, end)
    rects = text.rects_for_range(start, end)
    (p0, r0), (p1, r1) = rects[0], rects[-1]
    a = view.page_point_to_view(p0, r0[0] + 0.3, (r0[1] + r0[3]) / 2)
    b = view.page_point_to_view(p1, r1[2] - 0.3, (r1[1] + r1[3]) / 2)
    return a, b, (start, end)


def drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 5) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        qtbot.mouseMove(widget, pos=QPoint(start.x() + (end.x() - start.x()) * i // steps,
                                           start.y() + (end.y() - start.y()) * i // steps))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def select_quote(qtbot, win, quote: str) -> tuple[int, int]:
    a, b, span = quote_points(win, quote)
    drag(qtbot, win.view.viewport(), a, b)
    return span


def press(widget, key: str) -> None:
    """A key (sequence) as the user types it, e.g. "Ctrl+L", "1", "Alt+Down"."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(key)[0]
    QTest.keyClick(widget, combo.key(), combo.keyboardModifiers())


def activate(qtbot, win) -> None:
    """Window shortcuts need the window to be the active one."""
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow(), timeout=2000)


def start_of(box) -> tuple[float, float]:
    """Page point just inside the left end of a word box."""
    x0, y0, x1, y1 = box
    return x0 + 0.3, (y0 + y1) / 2


def end_of(box) -> tuple[float, float]:
    """Page point just inside the right end of a word box."""
    x0, y0, x1, y1 = box
    return x1 - 0.3, (y0 + y1) / 2


class Answers:
    """Scripted answers for QFileDialog / QInputDialog / QMessageBox, recording what was
    asked, so no test ever waits on a modal dialog."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

        self.files: list[str] = []
        self.texts: list[tuple[str, bool]] = []
        self.buttons: list[str] = []  # text of the QMessageBox button to click
        self.prompts: list[str] = []
        self.boxes: list[dict] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._file)
        monkeypatch.setattr(QInputDialog, "getText", self._text)
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _file(self, *args, **kwargs):
        return (self.files.pop(0) if self.files else "", "")

    def _text(self, parent, title, label, *args, **kwargs):
        self.prompts.append(label)
        return self.texts.pop(0) if self.texts else ("", False)

    def _exec(self, box):
        seen = {"text": box.text(), "info": box.informativeText(),
                "buttons": [b.text() for b in box.buttons()]}
        self.boxes.append(seen)
        want = self.buttons.pop(0) if self.buttons else "Cancel"
        match = [b for b in box.buttons() if b.text().replace("&", "") == want]
        assert match, f"no button {want!r} in {seen['buttons']}"
        match[0].click()  # sets clickedButton() and closes the box, as a user would
        return 0
