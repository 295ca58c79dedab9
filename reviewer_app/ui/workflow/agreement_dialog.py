"""Agreement and reconciliation: percent agreement and Cohen's kappa, each disagreement
side by side (both results, both rationales, the evidence, clickable to show it on the
page), and a final result with a note to settle it.

Widgets only: the figures come from ``core.review.workflow.agreement``; settling emits
``settleRequested`` and the window runs the ``Reconcile`` command, then ``refresh``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.records import Evidence
from reviewer_app.core.review.workflow.agreement import Agreement, ItemComparison
from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.common.theme import RESULT_COLORS, result_icon

ROLE = Qt.ItemDataRole.UserRole


def _result_html(result: Result) -> str:
    color = RESULT_COLORS.get(result, RESULT_COLORS[Result.NOT_ASSESSED]).name()
    return f"<span style='color:{color}; font-weight:600; font-size:13pt'>{result.label}</span>"


class _Side(QGroupBox):
    """One reviewer's result and rationale."""

    def __init__(self, title: str):
        super().__init__(title)
        lay = QVBoxLayout(self)
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.rationale = QLabel()
        self.rationale.setTextFormat(Qt.TextFormat.PlainText)
        self.rationale.setWordWrap(True)
        self.rationale.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.rationale.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.result)
        lay.addWidget(self.rationale, 1)

    def show_result(self, who: str, result: Result, rationale: str) -> None:
        self.setTitle(who)
        self.result.setText(_result_html(result))
        self.rationale.setText(rationale.strip() or "(no rationale recorded)")


class AgreementDialog(QDialog):
    settleRequested = Signal(str, str, str)  # item id, final result, note
    evidenceActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Agreement and reconciliation")
        self.setObjectName("AgreementDialog")
        self.resize(980, 640)
        self._found: Agreement | None = None
        self._evidence: dict[str, list[tuple[Evidence, str]]] = {}
        self._can_settle = False
        lay = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("AgreementSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.items = QListWidget()
        self.items.setObjectName("Disagreements")
        self.items.setAccessibleName("Disagreements")
        self.items.currentItemChanged.connect(lambda *_: self._show_current())
        split.addWidget(self.items)
        split.addWidget(self._detail())
        split.setSizes([300, 680])
        lay.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)

    def _detail(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(8, 0, 0, 0)
        self.item_title = QLabel()
        self.item_title.setWordWrap(True)
        self.item_title.setStyleSheet("font-weight:600; font-size:12pt")
        lay.addWidget(self.item_title)
        sides = QHBoxLayout()
        self.first, self.second = _Side("Assessor"), _Side("Second reviewer")
        sides.addWidget(self.first)
        sides.addWidget(self.second)
        lay.addLayout(sides, 2)
        lay.addWidget(QLabel("EVIDENCE (click to show it on the page)"))
        self.evidence = QListWidget()
        self.evidence.setObjectName("ReconcileEvidence")
        self.evidence.setWordWrap(True)
        self.evidence.itemClicked.connect(
            lambda it: self.evidenceActivated.emit(int(it.data(ROLE))))
        self.evidence.itemActivated.connect(
            lambda it: self.evidenceActivated.emit(int(it.data(ROLE))))
        lay.addWidget(self.evidence, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        lay.addWidget(line)
        settle = QGridLayout()
        self.state = QLabel()
        self.state.setWordWrap(True)
        settle.addWidget(self.state, 0, 0, 1, 3)
        settle.addWidget(QLabel("Final result:"), 1, 0)
        self.final = QComboBox()
        for r in Result.choices():
            self.final.addItem(result_icon(r), r.label, str(r))
        settle.addWidget(self.final, 1, 1)
        self.settle = QPushButton("Settle this item")
        self.settle.setObjectName("SettleButton")
        self.settle.clicked.connect(self._settle)
        settle.addWidget(self.settle, 1, 2)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Reconciliation note (required): why this result")
        self.note.setFixedHeight(70)
        self.note.textChanged.connect(self._update_settle)
        settle.addWidget(self.note, 2, 0, 1, 3)
        lay.addLayout(settle)
        return box

    # -- data ----------------------------------------------------------------------------
    def show_agreement(self, found: Agreement, evidence: dict[str, list[tuple[Evidence, str]]],
                       can_settle: bool, stage_text: str) -> None:
        """``evidence``: item -> (evidence, "p. 5 · linked by Ann") rows."""
        current = self._current_id()
        self._found, self._evidence, self._can_settle = found, evidence, can_settle
        kappa = "not defined" if found.kappa is None else f"{found.kappa:.2f}"
        percent = "–" if found.percent is None else f"{found.percent:.1f}%"
        self.summary.setText(
            f"<span style='font-size:15pt; font-weight:600'>{percent} agreement</span>"
            f"&nbsp;&nbsp;·&nbsp;&nbsp;<span style='font-size:15pt; font-weight:600'>"
            f"Cohen's κ {kappa}</span><br>{found.agreed} of {len(found.compared)} items "
            f"agree; {len(found.disagreements)} disagreement(s), {len(found.unsettled)} not "
            f"yet reconciled. Items neither reviewer assessed are not counted. "
            f"Stage: {stage_text}.")
        self.items.clear()
        for c in found.disagreements:
            mark = "✓ " if c.reconciliation else ""
            row = QListWidgetItem(f"{mark}{c.code}  {c.title}\n{c.first.label} vs "
                                  f"{c.second.label}")
            row.setData(ROLE, c.item_id)
            self.items.addItem(row)
        ids = [c.item_id for c in found.disagreements]
        self.items.setCurrentRow(ids.index(current) if current in ids else 0)
        if not ids:
            self._show(None)

    def _current_id(self) -> str:
        row = self.items.currentItem()
        return str(row.data(ROLE)) if row is not None else ""

    def _comparison(self, item_id: str) -> ItemComparison | None:
        found = self._found
        return next((c for c in found.disagreements if c.item_id == item_id), None) \
            if found else None

    def _show_current(self) -> None:
        self._show(self._comparison(self._current_id()))

    def _show(self, c: ItemComparison | None) -> None:
        self.evidence.clear()
        if c is None:
            self.item_title.setText("No disagreements: the two reviews agree.")
            self.first.show_result("Assessor", Result.NOT_ASSESSED, "")
            self.second.show_result("Second reviewer", Result.NOT_ASSESSED, "")
            self.settle.setEnabled(False)
            return
        self.item_title.setText(f"{c.code}  {c.title}")
        self.first.show_result("Assessor", c.first, c.first_rationale)
        who = f"Second reviewer ({c.second_person})" if c.second_person else "Second reviewer"
        self.second.show_result(who, c.second, c.second_rationale)
        for ev, where in self._evidence.get(c.item_id, []):
            quote = ev.exact.strip() or "(marked area)"
            row = QListWidgetItem(f"{where}\n“{quote[:220]}”")
            row.setData(ROLE, ev.id)
            self.evidence.addItem(row)
        if not self.evidence.count():
            self.evidence.addItem(QListWidgetItem("No evidence linked."))
        rec = c.reconciliation
        if rec is not None:
            self.state.setText(f"Settled as {rec.result.label} by {rec.person}: {rec.note}")
            self.final.setCurrentIndex(max(self.final.findData(str(rec.result)), 0))
        else:
            self.state.setText("Not yet reconciled: choose the final result and say why.")
            self.final.setCurrentIndex(max(self.final.findData(str(c.first)), 0))
        self.note.setPlainText("")
        self._update_settle()

    def _update_settle(self) -> None:
        ok = self._can_settle and bool(self._current_id()) and bool(
            self.note.toPlainText().strip())
        self.settle.setEnabled(ok)
        if not self._can_settle:
            self.settle.setToolTip("Settling belongs to the reconciliation stage.")

    def _settle(self) -> None:
        item_id = self._current_id()
        if item_id and self.note.toPlainText().strip():
            self.settleRequested.emit(item_id, str(self.final.currentData()),
                                      self.note.toPlainText().strip())
