"""The note in the item panel on a finding that a policy revision put back in question.

``ReplaceDocument`` flags findings whose evidence changed or was not found in the new
revision. The assessor looks at the evidence again, then either sets another result or
marks the finding re-reviewed; both clear the flag (a ``SetFinding`` with a result).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer_app.core.vocabulary import EvidenceStatus
from reviewer_app.ui.common.theme import result_label
from reviewer_app.ui.revisions.marks import REREVIEW_COLOR, REREVIEW_FILL, rereview_icon
from reviewer_app.ui.session.session import ReviewSession


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class RereviewNote(QFrame):
    confirmRequested = Signal(str)  # item id: keep its result and clear the flag

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RereviewNote")
        self.setStyleSheet(
            f"QFrame#RereviewNote {{ background: {REREVIEW_FILL.name()}; "
            f"border: 1px solid {REREVIEW_COLOR.lighter(150).name()}; border-radius: 6px; }}"
            f"QFrame#RereviewNote QLabel {{ background: transparent; border: none; "
            f"color: #3D2A00; }}")
        self.item_id = ""
        glyph = QLabel()
        glyph.setPixmap(rereview_icon(18).pixmap(18, 18))
        glyph.setFixedWidth(22)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton("Mark re-reviewed")
        self.button.setObjectName("RereviewButton")
        self.button.clicked.connect(lambda: self.confirmRequested.emit(self.item_id)
                                    if self.item_id else None)
        col = QVBoxLayout()
        col.setSpacing(6)
        col.addWidget(self.text)
        col.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)
        lay.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(col, 1)
        self.hide()

    def show_for(self, session: ReviewSession | None, item_id: str) -> None:
        """Show the note when the item's finding is flagged, else hide it."""
        self.item_id = item_id
        finding = session.findings().get(item_id) if session and item_id else None
        if finding is None or not finding.needs_rereview:
            self.hide()
            return
        assert session is not None  # a finding was found in it
        evidence = session.evidence_for_item(item_id)
        changed = sum(1 for e in evidence if e.status == EvidenceStatus.CHANGED)
        orphaned = sum(1 for e in evidence if e.status == EvidenceStatus.ORPHANED)
        what = [_plural(changed, "wording") + " changed" if changed else "",
                _plural(orphaned, "clause") + " not found" if orphaned else ""]
        detail = " and ".join(w for w in what if w)
        result = result_label(finding.result)
        self.text.setText(
            "<b>Re-review this finding</b><br>A revision of the policy changed its evidence"
            + (f" ({detail})" if detail else "") + ". Check the evidence below, then set the "
            f"result again, or keep <i>{result}</i>.")
        self.button.setText(f"Reviewed \u2014 keep \u201c{result}\u201d")
        self.button.setToolTip(f"Keep the result {result} and clear the re-review flag")
        self.button.setAccessibleName(f"Keep the result {result} and mark the finding "
                                      "re-reviewed")
        self.button.setEnabled(not session.read_only)
        self.setAccessibleName("Re-review this finding: " + self.text.text())
        self.show()
