"""What the assessor does to a review from the window: link evidence, set results, write
rationales, remove evidence, follow highlights, accept suggestions.

Each change is one core command run through the session (saved at once, undoable); the
controller keeps the panels, the highlights and the status line in step afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands import RemoveEvidence
from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.checklist.panel import ChecklistPanel
from reviewer_app.ui.common.theme import RESULT_KEYS, SHORT_LABELS, result_label
from reviewer_app.ui.document.area import DocumentArea
from reviewer_app.ui.document.linking import area_evidence, highlights_for, text_evidence
from reviewer_app.ui.item.panel import ItemPanel
from reviewer_app.ui.session.session import ReviewSession


class ReviewController(QObject):
    message = Signal(str)  # a line for the status bar
    itemChanged = Signal(str)

    def __init__(self, checklist: ChecklistPanel, area: DocumentArea, item_panel: ItemPanel,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.checklist, self.area, self.item_panel = checklist, area, item_panel
        self.view = area.view
        self.session: ReviewSession | None = None
        self.item_id = ""
        checklist.currentItemChanged.connect(self._item_selected)
        area.documentShown.connect(lambda _d: self.refresh_highlights())
        self.view.highlightClicked.connect(self.highlight_clicked)
        item_panel.resultChosen.connect(lambda item, r: self.set_result(r, item))
        item_panel.rationaleCommit.connect(self.commit_rationale)
        item_panel.evidenceActivated.connect(self.reveal_evidence)
        item_panel.removeEvidence.connect(self.remove_evidence)
        item_panel.suggestionReveal.connect(self.reveal_suggestion)
        item_panel.suggestionAccept.connect(self.accept_suggestion)

    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        self.item_id = ""
        if session is not None:
            session.changed.connect(self._changed)

    # -- reacting to changes ---------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if changes.findings or changes.evidence or changes.documents or changes.review:
            self.checklist.refresh()
        if changes.documents:
            self.item_panel.documents_changed()
        self.item_panel.refresh(
            suggestions=changes.evidence or changes.documents or changes.passages)
        if changes.documents:
            docs = [d.id for d in self.session.documents()] if self.session else []
            show = changes.show_document
            self.area.refresh_documents(select=show if show in docs else None)
        if changes.evidence or changes.documents or changes.findings:
            self.refresh_highlights()

    def refresh_highlights(self) -> None:
        if self.session is None or not self.area.doc_id:
            self.view.set_highlights([])
            return
        self.view.set_highlights(highlights_for(self.session, self.area.doc_id))

    def _item_selected(self, item_id: str) -> None:
        self.item_id = item_id
        self.item_panel.show_item(item_id)
        self.view.set_active_highlight(None)
        self.itemChanged.emit(item_id)
        self.show_item_evidence()

    def show_item_evidence(self) -> None:
        """Bring the item's first evidence into view, unless the user has a selection
        waiting to be linked (choosing the item is then the next step of linking)."""
        if self.session is None or not self.item_id:
            return
        if self.view.selection() is not None or self.view.area_selection() is not None:
            return
        evidence = [e for e in self.session.evidence_for_item(self.item_id)
                    if self.session.document(e.doc_id) is not None]  # not orphans
        here = [e for e in evidence if e.doc_id == self.area.doc_id]
        if here or evidence:
            self.reveal_evidence((here or evidence)[0].id)

    # -- editing ---------------------------------------------------------------------------
    def _require_item(self) -> bool:
        if self.session is None:
            return False
        if self.session.read_only:  # keys and drops reach here with the actions disabled
            self.message.emit("The review is open read-only: nothing can be changed. Save a "
                              "copy (File \u203a Save a copy\u2026) to work on it.")
            return False
        if not self.item_id:
            self.message.emit("Select a checklist item first (Alt+Down selects the next one).")
            return False
        return True

    def link_selection(self) -> bool:
        """Record the view's selection (text) or marked rectangle (area) as evidence."""
        if not self._require_item():
            return False
        assert self.session is not None  # _require_item
        doc_id = self.area.doc_id
        if not doc_id:
            self.message.emit("Add a policy document first (File \u203a Add document).")
            return False
        span = self.view.selection()
        area = self.view.area_selection()
        try:
            if span is not None:
                cmd = text_evidence(self.session, self.item_id, doc_id,
                                    self.session.store.document_text(doc_id), *span)
            elif area is not None:
                cmd = area_evidence(self.session, self.item_id, doc_id, *area)
            else:
                self.message.emit("Select the clause in the document first (drag across "
                                  "it), then press Ctrl+L.")
                return False
        except ReviewError as exc:
            self.message.emit(str(exc))
            return False
        if not self.session.execute(cmd):
            return False
        assert cmd.evidence is not None  # set by apply
        self.view.clear_selection()
        self.view.set_active_highlight(cmd.evidence.id)
        self.item_panel.evidence.select_evidence(cmd.evidence.id)
        keys = ", ".join(f"{RESULT_KEYS[r]} {SHORT_LABELS[r]}"
                         for r in Result.choices())
        self.message.emit(f"Linked to {cmd.item_code}. Record the result: {keys}.")
        return True

    def set_result(self, result: str, item_id: str | None = None) -> bool:
        item_id = item_id or self.item_id
        if item_id != self.item_id or not self._require_item():
            return False
        assert self.session is not None  # _require_item
        finding = self.session.findings().get(item_id)
        if self.session.result(item_id) == result and not (finding and finding.needs_rereview):
            self.item_panel.results.set_result(result)
            return False  # (setting it again clears a re-review flag: go on then)
        item = self.session.item(item_id)
        self.item_panel.rationale.flush()
        ok = self.session.execute(self.session.finding_command(item_id, result,
                                                               item_code=item.code))
        if ok:
            self.message.emit(f"{item.code} {item.title}: {result_label(result)}.")
        else:
            self.item_panel.results.set_result(self.session.result(item_id))
        return ok

    def commit_rationale(self, item_id: str, text: str, token: object) -> None:
        if self.session is None or not self.session.standards.has_item(item_id):
            return
        item = self.session.item(item_id)
        self.session.execute(self.session.finding_command(item_id, rationale=text,
                                                          item_code=item.code),
                             merge_token=token, queue=True)  # typed text waits, never lost

    def remove_evidence(self, evidence_id: int) -> bool:
        if self.session is None:
            return False
        ev = self.session.evidence_by_id(evidence_id)
        if ev is None:
            return False
        code = self.session.item(ev.item_id).code if self.session.standards.has_item(
            ev.item_id) else ev.item_id
        if self.session.execute(RemoveEvidence(evidence_id, item_code=code)):
            self.message.emit(f"Evidence removed from {code} (Ctrl+Z brings it back).")
            return True
        return False

    # -- navigation ------------------------------------------------------------------------
    def reveal_evidence(self, evidence_id: int) -> None:
        if self.session is None:
            return
        ev = self.session.evidence_by_id(evidence_id)
        if ev is None:
            return
        if self.session.document(ev.doc_id) is None:  # left on a replaced revision
            doc = self.session.any_document(ev.doc_id)
            where = f"{doc.title}, p. {doc.page_label(ev.page)}" if doc else "an old revision"
            self.message.emit(f"This evidence was not found in the current revision; it stays "
                              f"on the replaced revision ({where}). Link the clause again if "
                              "the policy still has it, then remove this one.")
            if ev.item_id == self.item_id:
                self.item_panel.evidence.select_evidence(ev.id)
            return
        if ev.doc_id != self.area.doc_id:
            self.area.show_document(ev.doc_id)
        if ev.kind == "text" and ev.start is not None and ev.end is not None:
            self.view.reveal_range(ev.start, ev.end)
        elif ev.quads:
            self.view.reveal_rect(ev.quads[0][0], ev.quads[0][1])
        self.view.set_active_highlight(ev.id)
        if ev.item_id == self.item_id:
            self.item_panel.evidence.select_evidence(ev.id)

    def highlight_clicked(self, evidence_id: int) -> None:
        if self.session is None:
            return
        ev = self.session.evidence_by_id(evidence_id)
        if ev is None:
            return
        if ev.item_id != self.item_id:
            self.checklist.select_item(ev.item_id)
        self.item_panel.evidence.select_evidence(evidence_id)
        self.view.set_active_highlight(evidence_id)

    def reveal_suggestion(self, s) -> None:
        if s.doc_id != self.area.doc_id:
            self.area.show_document(s.doc_id)
        self.view.reveal_range(s.start, s.end)
        self.view.select_range(s.start, s.end)
        self.message.emit("Suggested passage selected: adjust the selection if needed, then "
                          "press Ctrl+L to link it.")

    def accept_suggestion(self, s) -> None:
        if not self._require_item():
            return
        from reviewer_app.core.suggest.engine import anchor_suggestion

        assert self.session is not None  # _require_item
        text = self.session.store.document_text(s.doc_id)
        try:
            cmd = text_evidence(self.session, self.item_id, s.doc_id, text, s.start, s.end)
            # boxes over the passage's own lines only, never over a header/footer it spans
            cmd.quads = anchor_suggestion(text, s).quads
        except ReviewError as exc:
            self.message.emit(str(exc))
            return
        if self.session.execute(cmd):
            if s.doc_id != self.area.doc_id:
                self.area.show_document(s.doc_id)
            self.view.reveal_range(s.start, s.end)
            assert cmd.evidence is not None  # set by apply
            self.view.set_active_highlight(cmd.evidence.id)
            self.message.emit(f"Suggested passage linked to {cmd.item_code}.")
