"""The top of the checklist: agency, standards set, certification outcome and progress."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.checklist.determination import label_status, outcome_label
from reviewer_app.core.checklist.outcome import certification_outcome
from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.common.plain_text import plain_label, plain_tip
from reviewer_app.ui.common.theme import (
    OUTCOME_COLORS,
    OUTCOME_GLYPH,
    draw_result_glyph,
    font_scaled,
    result_label,
    tinted,
)
from reviewer_app.ui.session.session import ReviewSession


class OutcomeBadge(QWidget):
    """A pill with the outcome's glyph and name, coloured by outcome."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = self.text = ""
        self.setFont(font_scaled(None, 1.0, bold=True))
        # shrinks in a narrow checklist: the text is then elided, whole in the tooltip
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_status(self, status: str, text: str | None = None) -> None:
        """``status`` picks the colour; ``text`` (default: the status) is what it says."""
        self.status, self.text = status, text or status
        self.setAccessibleName(f"Certification outcome: {self.text}")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self.text) + fm.height() + 26, fm.height() + 10)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = OUTCOME_COLORS.get(self.status, self.palette().color(QPalette.ColorRole.Mid))
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(tinted(color, 140))
        p.setBrush(tinted(color, 28))
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        fm = self.fontMetrics()
        g = fm.height() - 2
        draw_result_glyph(p, QRectF(10, (self.height() - g) / 2, g, g),
                          OUTCOME_GLYPH.get(self.status, Result.NOT_ASSESSED), color)
        p.setPen(color.darker(115))
        room = self.width() - (10 + g + 6) - 10
        p.drawText(QRectF(10 + g + 6, 0, self.width(), self.height()),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(self.text, Qt.TextElideMode.ElideRight, room))


class OutcomeCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("OutcomeCard")
        self.agency = plain_label(QLabel())
        self.agency.setFont(font_scaled(None, 1.15, bold=True))
        self.agency.setWordWrap(True)
        self.standards = plain_label(QLabel())
        self.standards.setObjectName("Muted")
        self.standards.setWordWrap(True)
        self.badge = OutcomeBadge()
        self.progress_text = QLabel()
        self.progress_text.setObjectName("Muted")
        self.progress_text.setWordWrap(True)  # "· the assessor's recommendation ..." wraps
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Review progress")
        self.mandatory = QLabel()
        self.mandatory.setWordWrap(True)
        self.mandatory.setTextFormat(Qt.TextFormat.RichText)

        row = QHBoxLayout()  # the badge on its own line: "In process (mandatory conditions
        row.setSpacing(10)   # met)" must fit a narrow checklist
        row.addWidget(self.badge)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 10)
        lay.setSpacing(6)
        lay.addWidget(self.agency)
        lay.addWidget(self.standards)
        lay.addSpacing(4)
        lay.addLayout(row)
        lay.addWidget(self.progress_text)
        lay.addWidget(self.progress)
        lay.addWidget(self.mandatory)

    def refresh(self, session: ReviewSession) -> None:
        info = session.store.review()
        standards = session.standards
        findings = session.findings()
        outcome = certification_outcome(standards, findings)
        ori = f" · ORI {info.agency_ori}" if info.agency_ori else ""
        self.agency.setText(info.agency_name)
        self.agency.setToolTip(plain_tip(f"{info.agency_name}{ori}"))
        self.standards.setText(f"{standards.title} ({standards.id}, {standards.edition})")
        unsupported = [i for i in standards.mandatory_items if session.result(i.id) == "met"
                       and not session.evidence_for_item(i.id)]
        label = outcome_label(outcome.status, outcome.assessed, outcome.total,
                              bool(unsupported), session.stage().signed_off)
        self.badge.set_status(label_status(label), label)
        self.badge.setToolTip("\n".join([label, *outcome.reasons]))
        stage = session.stage()
        note = (" · the second reviewer's own results (blind)" if stage.blind else
                "" if stage.signed_off else " · the assessor's recommendation until sign-off")
        self.progress_text.setText(f"{outcome.assessed} of {outcome.total} assessed{note}")
        self.progress.setRange(0, max(outcome.total, 1))
        self.progress.setValue(outcome.assessed)
        self.progress.setAccessibleDescription(self.progress_text.text())
        parts = []
        for item in standards.mandatory_items:
            result = session.result(item.id)
            flag = (" <span style='color:#9a5b00'>(no evidence linked)</span>"
                    if item in unsupported else "")
            parts.append(f"<b>{item.code}</b> {result_label(result)}{flag}")
        self.mandatory.setText("Mandatory: " + " · ".join(parts) if parts else "")
        self.mandatory.setToolTip("\n".join(outcome.reasons))
        self.setAccessibleName(f"{info.agency_name}: {label}, "
                               f"{outcome.assessed} of {outcome.total} assessed")
