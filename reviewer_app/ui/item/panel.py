"""The selected item: requirement, guidance, result, evidence, rationale, suggestions."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui.common.plain_text import plain_label
from reviewer_app.ui.common.theme import HIGHLIGHT_COLORS, MANDATORY, font_scaled
from reviewer_app.ui.item.also_counts import AlsoCounts
from reviewer_app.ui.item.evidence_list import EvidenceList
from reviewer_app.ui.item.rationale_editor import RationaleEditor
from reviewer_app.ui.item.rereview_note import RereviewNote
from reviewer_app.ui.item.result_selector import ResultSelector
from reviewer_app.ui.item.state_law import StateLawNotes
from reviewer_app.ui.item.suggestions_panel import SuggestionsPanel
from reviewer_app.ui.session.session import ReviewSession


def section_title(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("SectionTitle")
    label.setFont(font_scaled(None, 0.82, bold=True))
    return label


class ItemPanel(QScrollArea):
    resultChosen = Signal(str, str)  # item id, result
    rationaleCommit = Signal(str, str, object)  # item id, text, merge token
    evidenceActivated = Signal(int)
    removeEvidence = Signal(int)
    suggestionReveal = Signal(object)
    suggestionAccept = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ItemPanel")
        self.setAccessibleName("Selected item")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.session: ReviewSession | None = None
        self.item_id = ""

        body = QWidget()
        body.setObjectName("ItemPanelBody")
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 14, 16, 16)
        lay.setSpacing(8)

        # header: code badge, title, mandatory marker
        self.code = plain_label(QLabel())
        self.code.setObjectName("CodeBadge")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setFont(font_scaled(None, 1.05, bold=True))
        self.code.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.title = plain_label(QLabel())
        self.title.setObjectName("ItemTitle")
        self.title.setWordWrap(True)
        self.title.setFont(font_scaled(None, 1.2, bold=True))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        lay.addLayout(head)
        self.meta = QLabel()
        self.meta.setObjectName("Muted")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.meta)
        self.rereview = RereviewNote()  # shown when a policy revision flagged the finding
        lay.addWidget(self.rereview)
        self.also = AlsoCounts()  # a review of several sets: mapped items, proposals
        lay.addWidget(self.also)

        lay.addSpacing(4)
        lay.addWidget(section_title("Requirement"))
        self.requirement = plain_label(QLabel())
        self.requirement.setWordWrap(True)
        self.requirement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.requirement.setAccessibleName("Requirement")
        lay.addWidget(self.requirement)
        self.guidance = plain_label(QLabel())
        self.guidance.setObjectName("Guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setAccessibleName("Guidance")
        lay.addWidget(self.guidance)
        self.state_law = StateLawNotes()  # the review's state's statutes for this item
        lay.addWidget(self.state_law)

        lay.addSpacing(6)
        lay.addWidget(section_title("Result"))
        self.results = ResultSelector()
        self.results.resultChosen.connect(
            lambda r: self.resultChosen.emit(self.item_id, r) if self.item_id else None)
        lay.addWidget(self.results)

        lay.addSpacing(6)
        ev_head = QHBoxLayout()
        self.evidence_title = section_title("Evidence")
        ev_head.addWidget(self.evidence_title)
        ev_head.addStretch(1)
        self.link_button = QToolButton()
        self.link_button.setObjectName("LinkButton")
        self.link_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        ev_head.addWidget(self.link_button)
        lay.addLayout(ev_head)
        self.evidence = EvidenceList()
        self.evidence.evidenceActivated.connect(self.evidenceActivated)
        self.evidence.removeRequested.connect(self.removeEvidence)
        lay.addWidget(self.evidence)
        self.no_evidence = QLabel("No evidence yet. Select the clause in the document and "
                                  "press Ctrl+L (or right-click \u203a Link).")
        self.no_evidence.setObjectName("Muted")
        self.no_evidence.setWordWrap(True)
        lay.addWidget(self.no_evidence)

        lay.addSpacing(6)
        rat_head = QHBoxLayout()
        rat_head.addWidget(section_title("Rationale"))
        rat_head.addStretch(1)
        self.save_state = QLabel()
        self.save_state.setObjectName("Muted")
        rat_head.addWidget(self.save_state)
        lay.addLayout(rat_head)
        self.rationale = RationaleEditor()
        self.rationale.setMinimumHeight(96)
        self.rationale.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rationale.setFixedHeight(120)
        self.rationale.commitRequested.connect(self.rationaleCommit)
        self.rationale.pendingChanged.connect(
            lambda pending: self.save_state.setText("Editing…" if pending else "Saved"))
        lay.addWidget(self.rationale)

        lay.addSpacing(6)
        lay.addWidget(section_title("Suggested passages"))
        self.suggestions = SuggestionsPanel()
        self.suggestions.revealRequested.connect(self.suggestionReveal)
        self.suggestions.acceptRequested.connect(self.suggestionAccept)
        lay.addWidget(self.suggestions)
        lay.addStretch(1)

        self.placeholder = QLabel("Select a checklist item to see its requirement, "
                                  "evidence and result.")
        self.placeholder.setObjectName("Muted")
        self.placeholder.setWordWrap(True)
        lay.insertWidget(0, self.placeholder)
        self._body = body
        self._content = [w for w in body.findChildren(QWidget)
                         if w.parent() is body and w is not self.placeholder]
        self._set_content_visible(False)

    def set_link_action(self, action: QAction) -> None:
        self.link_button.setDefaultAction(action)

    def _set_content_visible(self, on: bool) -> None:
        for w in self._content:
            w.setVisible(on)
        self.placeholder.setVisible(not on)

    def set_session(self, session: ReviewSession | None) -> None:
        self.rationale.flush()
        self.session = session
        self.show_item("")

    def show_item(self, item_id: str) -> None:
        """Show an item (or nothing); saves typed rationale of the previous one first."""
        self.rationale.flush()
        self.item_id = item_id
        if not item_id or self.session is None:
            self.rationale.set_item("", "")
            self._set_content_visible(False)
            self.suggestions.show_suggestions(None, "")  # a search still running must not land
            return
        self._set_content_visible(True)
        s = self.session
        item = s.item(item_id)
        cat = next((c for c in s.standards.categories if c.id == item.category), None)
        self.code.setText(item.code)
        self.code.setProperty("mandatory", item.mandatory)
        self.code.style().unpolish(self.code)
        self.code.style().polish(self.code)
        w = self.code.fontMetrics().horizontalAdvance(item.code) + 16
        self.code.setFixedSize(max(w, self.code.fontMetrics().height() + 10),
                               self.code.fontMetrics().height() + 8)
        self.title.setText(item.title)
        bits = []
        if item.mandatory:
            bits.append(f"<span style='color:{MANDATORY.name()}; font-weight:600'>"
                        "MANDATORY CONDITION</span>")
        if cat:
            bits.append(escape(cat.title))  # the rest of the line is rich text
        bits.extend(escape(r) for r in item.references)
        self.meta.setText(" · ".join(bits))
        self.requirement.setText(item.requirement)
        self.guidance.setText(item.guidance)
        self.guidance.setVisible(bool(item.guidance))
        self.rationale.set_item(item_id, s.rationale(item_id))
        self.save_state.setText("Saved" if s.rationale(item_id) else "")
        self.refresh(suggestions=True)
        self.verticalScrollBar().setValue(0)

    def refresh(self, suggestions: bool = False) -> None:
        """The review changed: results, evidence, rationale (after undo) may differ."""
        s = self.session
        if not self.item_id or s is None:
            return
        result = s.result(self.item_id)
        self.results.set_result(result)
        self.rereview.show_for(s, self.item_id)
        self.also.show_for(s, self.item_id)
        self.state_law.show_for(s, self.item_id)
        rows = [(ev, s.any_document(ev.doc_id)) for ev in s.evidence_for_item(self.item_id)]
        self.evidence.set_evidence(rows, HIGHLIGHT_COLORS.get(result))
        self.evidence.setVisible(bool(rows))
        self.no_evidence.setVisible(not rows)
        self.evidence_title.setText(f"EVIDENCE ({len(rows)})" if rows else "EVIDENCE")
        self.rationale.show_saved_text(s.rationale(self.item_id))
        if suggestions:
            self.suggestions.show_suggestions(s, self.item_id)

    def documents_changed(self) -> None:
        self.suggestions.invalidate()
        self.state_law.invalidate()

    def focus_rationale(self) -> None:
        self.ensureWidgetVisible(self.rationale)
        self.rationale.setFocus()
