"""The start page shown when no review is open: new, open, demo, recent reviews."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui.common.icons import app_icon, icon
from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.common.theme import font_scaled


class WelcomePage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    recentChosen = Signal(Path)
    caseloadRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(72, 72))
        title = QLabel("Reviewer")
        title.setFont(font_scaled(None, 2.0, bold=True))
        sub = QLabel("Policy review for police certification: read the policy, link the "
                     "clause, record the finding.")
        sub.setObjectName("Muted")
        sub.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(logo)
        col = QVBoxLayout()
        col.addWidget(title)
        col.addWidget(sub)
        head.addLayout(col, 1)

        buttons = QHBoxLayout()
        for text, name, signal in (("New review…", "new-review", self.newRequested),
                                   ("Open review…", "open", self.openRequested),
                                   ("Open the demo review", "document", self.demoRequested),
                                   ("Office caseload", "open", self.caseloadRequested)):
            b = QPushButton(icon(name), text)
            b.setIconSize(QSize(18, 18))
            b.setMinimumHeight(36)
            b.setAccessibleName(text.rstrip("…"))
            b.clicked.connect(signal)
            buttons.addWidget(b)
        buttons.addStretch(1)

        recent_title = QLabel("RECENT REVIEWS")
        recent_title.setObjectName("SectionTitle")
        recent_title.setFont(font_scaled(None, 0.82, bold=True))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent reviews")
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.itemActivated.connect(lambda it: self.recentChosen.emit(
            Path(it.data(Qt.ItemDataRole.UserRole))))
        self.no_recent = QLabel("No recent reviews.")
        self.no_recent.setObjectName("Muted")

        card = QFrame()
        card.setObjectName("WelcomeCard")
        card.setMaximumWidth(720)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(32, 28, 32, 28)
        lay.setSpacing(12)
        lay.addLayout(head)
        lay.addSpacing(8)
        lay.addLayout(buttons)
        lay.addSpacing(12)
        lay.addWidget(recent_title)
        lay.addWidget(self.recent)
        lay.addWidget(self.no_recent)
        lay.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for p in paths:
            it = QListWidgetItem(icon("document"), f"{p.stem}   \u2014   {p.parent}")
            it.setData(Qt.ItemDataRole.UserRole, str(p))
            it.setToolTip(plain_tip(str(p)))
            if not p.exists():
                it.setFlags(Qt.ItemFlag.NoItemFlags)
                it.setText(f"{p.stem}   \u2014   missing: {p.parent}")
            self.recent.addItem(it)
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)
        rows = max(min(len(paths), 8), 1)
        self.recent.setFixedHeight(rows * (self.recent.sizeHintForRow(0) + 2) + 8)
