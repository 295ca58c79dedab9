"""Guided review: the window proposes each item's evidence and the assessor answers by key.

For the current item the view shows the best suggestion as a dashed proposal with its
confidence; Enter links it, Down/Up show the next or previous proposal, 1-4 record the
result and move on to the next item without one, Esc leaves. Every step goes through the
controller's commands, so each is undone like any other edit. For an item with no likely
proposal, Not met (3) also fills an empty rationale with the absence report (what was
searched, where, and the nearest misses).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from reviewer_app.core.review.evidence_overlap import overlapping_evidence
from reviewer_app.ui.common.theme import RESULT_KEYS

_RESULT_BY_KEY = {getattr(Qt.Key, f"Key_{RESULT_KEYS[r]}"): r
                  for r in ("met", "partial", "not_met", "not_applicable")}
_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down,
         Qt.Key.Key_Escape, *_RESULT_BY_KEY}
TOP = 4  # proposals per item


class GuidedReview(QObject):
    """The mode's state and its keys (an application event filter while it is on)."""

    activeChanged = Signal(bool)
    message = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.proposals: list = []
        self.index = 0
        self.item_id = ""
        window.checklist.currentItemChanged.connect(self._item_changed)

    # -- on and off ------------------------------------------------------------------------
    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        if on and not self._can_start():
            self.activeChanged.emit(False)
            return
        self.active = on
        app = QApplication.instance()
        assert app is not None  # a window exists, so the application does
        if on:
            app.installEventFilter(self)
            w = self.window
            current = w.checklist.current_item_id()
            if not current or w.session.result(current) != "not_assessed":
                if not w.checklist.step(1, only_open=True) and current:
                    self._finish("Every item has a result.")
                    return
            self.window.view.setFocus()
            self._load()
        else:
            app.removeEventFilter(self)
            self.window.view.set_proposal(None)
            self.proposals = []
            self.message.emit("Guided review ended.")
        self.activeChanged.emit(on)

    def _can_start(self) -> bool:
        w = self.window
        if w.session is None:
            self.message.emit("Open a review first.")
            return False
        if w.session.read_only:
            self.message.emit("This review is read-only: guided review records results.")
            return False
        if not w.session.store.documents():
            self.message.emit("Add a policy document first (File \u203a Add document).")
            return False
        return True

    def _finish(self, text: str) -> None:
        self.set_active(False)
        self.message.emit(text)

    # -- proposals ---------------------------------------------------------------------------
    def _item_changed(self, item_id: str) -> None:
        if self.active and item_id != self.item_id:
            self._load()

    def _load(self) -> None:
        from reviewer_app.ui.item.suggestions_panel import compute_suggestions

        w = self.window
        self.item_id = w.checklist.current_item_id()
        found = compute_suggestions(w.session.store, self.item_id, TOP) if self.item_id else []
        self.proposals = [p for p in found if not self._linked(p)]
        self.index = 0
        self._show()

    def _linked(self, proposal) -> bool:
        """The proposal shares words with evidence the item already has: proposing it
        again would only be refused as a duplicate."""
        return bool(overlapping_evidence(self.window.session.store, self.item_id,
                                         proposal.doc_id, proposal.start, proposal.end))

    def current(self):
        return self.proposals[self.index] if self.proposals else None

    def _show(self) -> None:
        w, s = self.window, self.current()
        item = w.session.item(self.item_id) if self.item_id else None
        keys = "1 Met \u00b7 2 Partial \u00b7 3 Not met \u00b7 4 N/A \u00b7 Esc leaves"
        if s is None or item is None:
            w.view.set_proposal(None)
            linked = item is not None and w.session.store.evidence(item_id=item.id)
            what = "its evidence is linked; record the result" if linked else "no proposal"
            self.message.emit(f"{item.code if item else ''}: {what}. {keys}.")
            return
        if s.doc_id != w.area.doc_id:
            w.area.show_document(s.doc_id)
        likely = "likely" if s.confident else "weak"
        tag = f"Proposal {self.index + 1}/{len(self.proposals)} \u00b7 {s.score:.0%} {likely}"
        from reviewer_app.core.suggest.accept import body_ranges

        text = w.session.store.document_text(s.doc_id)
        w.view.set_proposal(body_ranges(text, s), tag)
        w.view.reveal_range(s.start, s.end)
        self.message.emit(f"{item.code} {item.title}: {tag}. Enter links it, \u2193\u2191 "
                          f"other proposals, {keys}.")

    def cycle(self, step: int) -> None:
        if self.proposals:
            self.index = (self.index + step) % len(self.proposals)
            self._show()

    def accept(self) -> None:
        s = self.current()
        if s is None:
            self.message.emit("No proposal to link: record the result with 1-4.")
            return
        self.window.controller.accept_suggestion(s)

    def record(self, result: str) -> None:
        w = self.window
        item_id = self.item_id
        absence = self._absence(item_id) if result == "not_met" else None
        if absence is not None:  # result and rationale in one step, undone as one
            w.item_panel.rationale.flush()
            item = w.session.item(item_id)
            if not w.session.execute(w.session.finding_command(
                    item_id, result, rationale=absence, item_code=item.code)):
                return
            self.message.emit(f"{item.code}: Not met, with the absence report as rationale.")
        elif not w.controller.set_result(result) and w.session.result(item_id) != result:
            return
        if not w.checklist.step(1, only_open=True):
            self._finish("Every item has a result: guided review ended.")
            return
        w.view.setFocus()
        self._load()

    def _absence(self, item_id: str) -> str | None:
        """The absence report for an empty Not met rationale, when nothing is likely."""
        from reviewer_app.core.suggest.absence import store_absence

        w = self.window
        w.item_panel.rationale.flush()
        if (w.session.rationale(item_id) or "").strip():
            return None
        report = store_absence(w.session.store, item_id)
        return report.text() if report is not None else None

    # -- keys --------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        key = event.key()
        if key not in _KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self.window or isinstance(
                focus, QLineEdit | QTextEdit | QPlainTextEdit) and key != Qt.Key.Key_Escape:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # a key press follows, instead of the window's shortcut
            return True
        if obj is not focus:
            return False  # the press reaches the filter once per object on its way
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
        elif key == Qt.Key.Key_Down:
            self.cycle(1)
        elif key == Qt.Key.Key_Up:
            self.cycle(-1)
        elif key == Qt.Key.Key_Escape:
            self.set_active(False)
        else:
            self.record(_RESULT_BY_KEY[key])
        return True
