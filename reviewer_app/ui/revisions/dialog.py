"""What a policy revision did to the evidence: counts per status, changed wording side by
side with the differing words marked, the evidence not found, the findings to re-review.

Shown after "Replace with revision" (from the command's outcomes) and on demand from
Review › Evidence to check after revisions (from what the review still holds). Non-modal:
the assessor can look at the document while reading it. Accepting wording is a core
command run by the window (``confirmRequested``), so it is undoable like everything else;
the rows follow the review's state, whatever changed it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.vocabulary import EvidenceStatus
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.plain_text import plain_label
from reviewer_app.ui.common.theme import font_scaled
from reviewer_app.ui.revisions.marks import STATUS_TEXT, rereview_icon, status_icon
from reviewer_app.ui.revisions.summary import ReportRow, RevisionReport, marked_html
from reviewer_app.ui.session.session import ReviewSession

STATUSES = tuple(EvidenceStatus)

STYLE = """
QDialog#RevisionDialog { background: #F2F4F7; }
#RevisionHeader { background: #FFFFFF; border-bottom: 1px solid #D5DAE1; }
#RevisionBody { background: #F2F4F7; }
QFrame#StatusChip { background: #FFFFFF; border: 1px solid #D5DAE1; border-radius: 14px; }
QFrame#RevisionCard { background: #FFFFFF; border: 1px solid #DCE1E8; border-radius: 8px; }
QLabel#WordingLabel { color: #5F6B7A; }
QLabel#Wording { background: #FAFBFC; border: 1px solid #E6E9EE; border-radius: 5px;
    padding: 6px 8px; color: #1D2530; }
QLabel#Accepted { color: #2E7D32; font-weight: bold; }
QFrame#NotesBox { background: #FFF8E1; border: 1px solid #E8D9A8; border-radius: 6px; }
"""


def _section(title: str, count: int, hint: str = "") -> QLabel:
    label = QLabel(f"<b>{escape(title.upper())}</b>&nbsp;&nbsp;<span style='color:#5F6B7A'>"
                   f"{count}</span>" + (f"<br><span style='color:#5F6B7A'>{escape(hint)}"
                                        "</span>" if hint else ""))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setContentsMargins(2, 10, 2, 2)
    return label


def _wording(html: str, name: str) -> QLabel:
    label = QLabel(html)
    label.setObjectName("Wording")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setAccessibleName(name)
    return label


class StatusChip(QFrame):
    def __init__(self, status: str, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StatusChip")
        glyph = QLabel()
        glyph.setPixmap(status_icon(status, 16).pixmap(16, 16))
        text = QLabel(f"<b>{count}</b>&nbsp; {escape(STATUS_TEXT[status][0])}")
        text.setTextFormat(Qt.TextFormat.RichText)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 12, 4)
        lay.setSpacing(6)
        lay.addWidget(glyph)
        lay.addWidget(text)
        self.setEnabled(count > 0)
        self.setAccessibleName(f"{STATUS_TEXT[status][0]}: {count}")
        self.setToolTip(STATUS_TEXT[status][2])


class EvidenceCard(QFrame):
    """One evidence: item, pages, and its wording (both sides when it changed)."""

    def __init__(self, row: ReportRow, code: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RevisionCard")
        self.row = row
        badge = QLabel(escape(code))
        badge.setObjectName("CodeBadge")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFont(font_scaled(None, 0.95, bold=True))
        fm = QFontMetrics(badge.font())
        badge.setFixedSize(max(fm.horizontalAdvance(code) + 14, fm.height() + 8),
                           fm.height() + 6)
        name = QLabel(f"<b>{escape(title)}</b>&nbsp;&nbsp;<span style='color:#5F6B7A'>"
                      f"{escape(self._pages())}</span>")
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setWordWrap(True)
        self.head = QHBoxLayout()
        self.head.setSpacing(8)
        self.head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        self.head.addWidget(name, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 12)
        lay.setSpacing(8)
        lay.addLayout(self.head)
        if row.status == EvidenceStatus.CHANGED:
            old_html, new_html = marked_html(row.old_exact, row.new_exact)
            grid = QGridLayout()
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(4)
            for col, (caption, html) in enumerate(((f"BEFORE  ·  p. {row.old_page}"
                                                    if row.old_page else "BEFORE", old_html),
                                                   (f"NOW  ·  p. {row.new_page}", new_html))):
                cap = plain_label(QLabel(caption))  # page labels come from the PDF
                cap.setObjectName("WordingLabel")
                cap.setFont(font_scaled(None, 0.8, bold=True))
                grid.addWidget(cap, 0, col)
                grid.addWidget(_wording(html, f"{caption.split()[0].title()} wording of "
                                              f"{code}"), 1, col)
                grid.setColumnStretch(col, 1)
            lay.addLayout(grid)
        else:
            quote = row.old_exact or row.new_exact
            text = (f"\u201c{escape(quote)}\u201d" if row.kind == "text" and quote else
                    "<i>Marked area (no text)</i>")
            body = QLabel(text)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lay.addWidget(body)
            if row.status == EvidenceStatus.ORPHANED and row.reason:
                why = QLabel(escape(row.reason[:1].upper() + row.reason[1:]) + ".")
                why.setObjectName("Muted")
                why.setWordWrap(True)
                lay.addWidget(why)

    def _pages(self) -> str:
        r = self.row
        if r.status == EvidenceStatus.ORPHANED:
            return f"p. {r.old_page} of the replaced revision"
        if r.old_page and r.new_page and r.old_page != r.new_page:
            return f"p. {r.old_page} \u2192 p. {r.new_page}"
        return f"p. {r.new_page or r.old_page}"


class RevisionResultsDialog(QDialog):
    confirmRequested = Signal(list)  # evidence ids whose new wording is accepted
    revealRequested = Signal(int)  # evidence id to show in the document

    def __init__(self, parent: QWidget | None, session: ReviewSession,
                 report: RevisionReport):
        super().__init__(parent)
        self.setObjectName("RevisionDialog")
        self.setWindowTitle(report.heading)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(STYLE)
        self.resize(880, 680)
        self.session, self.report = session, report
        self.accept_buttons: dict[int, QPushButton] = {}
        self.accepted_labels: dict[int, QLabel] = {}
        self.cards: dict[int, EvidenceCard] = {}

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._header())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("RevisionBody")
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(20, 8, 20, 16)
        self.body.setSpacing(8)
        self._fill()
        self.body.addStretch(1)
        scroll.setWidget(body)
        lay.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.setContentsMargins(20, 10, 20, 14)
        lay.addWidget(buttons)
        session.changed.connect(self._review_changed)
        self.refresh()

    # -- building ----------------------------------------------------------------------
    def _header(self) -> QWidget:
        r = self.report
        head = QFrame()
        head.setObjectName("RevisionHeader")
        title = QLabel(escape(r.heading))
        title.setFont(font_scaled(None, 1.35, bold=True))
        summary = QLabel(r.summary)
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        glyph = QLabel()
        glyph.setPixmap(icon("revision").pixmap(QSize(32, 32)))
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(title)
        text.addWidget(summary)
        top.addLayout(text, 1)
        col = QVBoxLayout(head)
        col.setContentsMargins(20, 16, 20, 14)
        col.setSpacing(12)
        col.addLayout(top)
        counts = r.counts if r.counts is not None else {
            s: sum(1 for row in r.rows if row.status == s)
            for s in (EvidenceStatus.CHANGED, EvidenceStatus.ORPHANED)}
        chips = QHBoxLayout()
        chips.setSpacing(8)
        for status in STATUSES:
            if status in counts:
                chips.addWidget(StatusChip(status, counts[status]))
        chips.addStretch(1)
        col.addLayout(chips)
        if r.notes:
            box = QFrame()
            box.setObjectName("NotesBox")
            notes = QLabel("<b>About the new file</b><ul style='margin:2px 0 0 -24px'>"
                           + "".join(f"<li>{escape(n)}</li>" for n in r.notes) + "</ul>")
            notes.setTextFormat(Qt.TextFormat.RichText)
            notes.setWordWrap(True)
            bl = QVBoxLayout(box)
            bl.setContentsMargins(10, 6, 10, 6)
            bl.addWidget(notes)
            col.addWidget(box)
        return head

    def _fill(self) -> None:
        rows = self.report.rows
        changed = [r for r in rows if r.status == EvidenceStatus.CHANGED]
        orphaned = [r for r in rows if r.status == EvidenceStatus.ORPHANED]
        moved = [r for r in rows if r.status == EvidenceStatus.MOVED]
        if changed:
            head = QHBoxLayout()
            head.addWidget(_section("Wording changed", len(changed),
                                    "Compare the wording; accept the new one if the clause "
                                    "still supports the finding, else link another."), 1)
            self.accept_all: QPushButton | None = QPushButton(icon("accept"),
                                                              "Accept all new wording")
            self.accept_all.clicked.connect(self._accept_all)
            head.addWidget(self.accept_all, 0, Qt.AlignmentFlag.AlignBottom)
            self.body.addLayout(head)
            for r in changed:
                self._add_card(r)
        else:
            self.accept_all = None
        if orphaned:
            self.body.addWidget(_section(
                "Not found in the revision", len(orphaned),
                "Kept on the replaced revision, never dropped. Link the clause again in the "
                "current revision if it is still there, then remove the old evidence."))
            for r in orphaned:
                self._add_card(r)
        if moved:
            self.body.addWidget(_section("Moved", len(moved),
                                         "Found word for word in another place."))
            for r in moved:
                self._add_card(r)
        if self.report.flagged:
            self.body.addWidget(self._flagged())
        if not (changed or orphaned or moved or self.report.flagged):
            done = QLabel("Every evidence was found word for word in its place. Nothing "
                          "needs your attention." if self.report.counts is not None
                          else self.report.summary)
            done.setWordWrap(True)
            done.setContentsMargins(2, 16, 2, 2)
            self.body.addWidget(done)

    def _item(self, item_id: str) -> tuple[str, str]:
        standards = self.session.standards
        if standards.has_item(item_id):
            item = standards.item(item_id)
            return item.code, item.title
        return item_id, ""

    def _add_card(self, row: ReportRow) -> None:
        code, title = self._item(row.item_id)
        card = EvidenceCard(row, code, title)
        self.cards[row.evidence_id] = card
        if row.status != EvidenceStatus.ORPHANED:
            show = QToolButton()
            show.setIcon(icon("find"))
            show.setAutoRaise(True)
            show.setToolTip("Show it in the document")
            show.setAccessibleName(f"Show the evidence of {code} in the document")
            show.clicked.connect(lambda _=False, i=row.evidence_id: self.revealRequested.emit(i))
            card.head.addWidget(show, 0, Qt.AlignmentFlag.AlignTop)
        if row.status == EvidenceStatus.CHANGED:
            accept = QPushButton(icon("accept"), "Accept new wording")
            accept.setAccessibleName(f"Accept the new wording for {code}")
            accept.clicked.connect(lambda _=False, i=row.evidence_id:
                                   self.confirmRequested.emit([i]))
            done = QLabel("\u2713 Accepted")
            done.setObjectName("Accepted")
            done.hide()
            card.head.addWidget(accept, 0, Qt.AlignmentFlag.AlignTop)
            card.head.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)
            self.accept_buttons[row.evidence_id] = accept
            self.accepted_labels[row.evidence_id] = done
        self.body.addWidget(card)

    def _flagged(self) -> QWidget:
        box = QFrame()
        box.setObjectName("RevisionCard")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(12, 10, 12, 10)
        head = QHBoxLayout()
        glyph = QLabel()
        glyph.setPixmap(rereview_icon(16).pixmap(16, 16))
        head.addWidget(glyph)
        head.addWidget(QLabel(f"<b>Findings to re-review</b>&nbsp;&nbsp;<span style="
                              f"'color:#5F6B7A'>{len(self.report.flagged)}</span>"), 1)
        lay.addLayout(head)
        items = ", ".join(f"<b>{escape(c)}</b> {escape(t)}"
                          for c, t in (self._item(i) for i in self.report.flagged))
        text = QLabel(f"{items}. They carry a <i>RE-REVIEW</i> badge in the checklist until "
                      "their result is set again or kept.")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        lay.addWidget(text)
        return box

    # -- state -------------------------------------------------------------------------
    def pending(self) -> list[int]:
        """Changed evidence whose new wording is not accepted yet."""
        out = []
        for ev_id in self.accept_buttons:
            ev = self.session.evidence_by_id(ev_id)
            if ev is not None and ev.status == EvidenceStatus.CHANGED:
                out.append(ev_id)
        return out

    def refresh(self) -> None:
        pending = set(self.pending())
        editable = not self.session.read_only
        for ev_id, button in self.accept_buttons.items():
            gone = self.session.evidence_by_id(ev_id) is None
            button.setVisible(ev_id in pending)
            button.setEnabled(editable)
            label = self.accepted_labels[ev_id]
            label.setText("Removed" if gone else "\u2713 Accepted")
            label.setVisible(ev_id not in pending)
        if self.accept_all is not None:
            self.accept_all.setEnabled(editable and bool(pending))

    def _accept_all(self) -> None:
        ids = self.pending()
        if ids:
            self.confirmRequested.emit(ids)

    def _review_changed(self, _changes) -> None:
        new_id = self.report.new_doc_id
        if new_id is not None and self.session.any_document(new_id) is None:
            self.close()  # the replacement was undone: this report no longer holds
            return
        self.refresh()

    def closeEvent(self, event) -> None:
        try:
            self.session.changed.disconnect(self._review_changed)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)

