"""The item panel's "Also counts for": the items of the review's other standards sets that
a crosswalk maps the selected item to, and evidence proposed for it from those sets, each
with an Accept button (one undoable command; nothing is accepted by itself)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.commands.sets import AcceptProposals
from reviewer_app.core.review.proposals import Proposal, also_counts_for, proposals
from reviewer_app.ui.common.plain_text import plain_label
from reviewer_app.ui.session.session import ReviewSession


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


class AlsoCounts(QWidget):
    """Hidden for a review of one set, or an item no crosswalk maps."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AlsoCounts")
        self.session: ReviewSession | None = None
        self.item_id = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(4)
        self.mapped = plain_label(QLabel())
        self.mapped.setObjectName("AlsoCountsFor")
        self.mapped.setWordWrap(True)
        self.mapped.setAccessibleName("Also counts for")
        lay.addWidget(self.mapped)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        lay.addLayout(self.rows)
        self.accept_all = QPushButton()
        self.accept_all.setObjectName("AcceptAllProposals")
        self.accept_all.clicked.connect(self._accept_all)
        lay.addWidget(self.accept_all, 0, Qt.AlignmentFlag.AlignLeft)
        self.setVisible(False)

    def show_for(self, session: ReviewSession | None, item_id: str) -> None:
        self.session, self.item_id = session, item_id
        while self.rows.count():
            taken = self.rows.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.setParent(None)  # gone at once, not at the next event loop turn
                w.deleteLater()
        if session is None or not item_id or len(session.review_sets()) < 2:
            self.setVisible(False)
            return
        try:
            stored = session.stored_id(item_id)
            links = also_counts_for(session.whole, stored)
            found = proposals(session.whole, session.set_id, item_id)
            pending = proposals(session.whole, session.set_id)
        except ReviewError:
            self.setVisible(False)
            return
        self.setVisible(bool(links or found))
        self.mapped.setText("Also counts for: " + ", ".join(
            f"{link.label}{'' if link.relation == 'equivalent' else ' (partial)'}"
            for link in links) if links else "No item of the review's other sets maps here.")
        self.mapped.setToolTip("\n".join(f"{link.label} {link.title} \u2014 {link.crosswalk}"
                                         f"{': ' + link.note if link.note else ''}"
                                         for link in links))
        for p in found:
            row = self._row(p)
            self.rows.addWidget(row)
            row.show()  # not at the next event loop turn: the panel is visible already
        self.accept_all.setText(f"Accept all {len(pending)} proposed for {session.set_id}")
        self.accept_all.setVisible(len(pending) > len(found) or len(found) > 1)

    def _row(self, p: Proposal) -> QWidget:
        row = QWidget()
        row.setObjectName("ProposalRow")
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        text = plain_label(QLabel(f"Proposed from {p.source.label}: "
                                  f"\u201c{_short(p.evidence.exact) or 'marked area'}\u201d"))
        text.setWordWrap(True)
        text.setObjectName("Muted")
        lay.addWidget(text, 1)
        button = QPushButton("Accept")
        button.setObjectName("AcceptProposal")
        button.setToolTip(f"Link this clause to {p.target.label} as well (Ctrl+Z undoes it)")
        button.clicked.connect(lambda: self._accept(self.item_id))
        lay.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _accept(self, item_id: str | None) -> None:
        if self.session is not None:
            self.session.execute(AcceptProposals(self.session.set_id, item_id))

    def _accept_all(self) -> None:
        self._accept(None)
