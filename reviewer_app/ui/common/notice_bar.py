"""A bar above the document for things the user should know but need not answer at once:
the review is read-only; a document just added was repaired or is a scan.

Non-modal on purpose: a dialog would stop the work for news that only sometimes matters,
and a status-bar message vanishes before a long sentence can be read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from reviewer_app.ui.common.icons import icon

STYLES = {  # kind -> (background, border, text)
    "info": ("#EAF2FC", "#B7CDEB", "#14304F"),
    "warning": ("#FFF4DB", "#E9C46A", "#3D2A00"),
}


class NoticeBar(QFrame):
    def __init__(self, kind: str = "info", name: str = "Notice",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{name}Bar")
        self.setAccessibleName(name)
        bg, border, fg = STYLES[kind]
        self.setStyleSheet(
            f"QFrame#{name}Bar {{ background: {bg}; border: none; "
            f"border-bottom: 1px solid {border}; }}"
            f"QFrame#{name}Bar QLabel {{ color: {fg}; background: transparent; }}"
            f"QFrame#{name}Bar QPushButton {{ padding: 3px 12px; border: 1px solid {border};"
            f" border-radius: 5px; background: white; color: {fg}; }}"
            f"QFrame#{name}Bar QPushButton:hover {{ background: {bg}; }}"
            f"QFrame#{name}Bar QPushButton:focus {{ border: 2px solid #1F5FA8; }}"
            f"QFrame#{name}Bar QToolButton {{ border: none; border-radius: 4px; }}"
            f"QFrame#{name}Bar QToolButton:hover {{ background: rgba(0,0,0,0.08); }}")
        self.glyph = QLabel()
        self.glyph.setFixedWidth(22)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: list[QPushButton] = []
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("close"))
        self.close_button.setIconSize(QSize(14, 14))
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName(f"Dismiss {name.lower()}")
        self.close_button.clicked.connect(self.dismiss)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(12, 7, 8, 7)
        self._lay.setSpacing(8)
        self._lay.addWidget(self.glyph, 0, Qt.AlignmentFlag.AlignTop)
        self._lay.addWidget(self.text, 1)
        self._lay.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_notice(self, html: str, buttons: Sequence[tuple[str, Callable[[], object]]] = (),
                    closable: bool = True, glyph=None) -> None:
        """Show ``html`` with push buttons (label, callback) on the right."""
        for b in self.buttons:
            self._lay.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        self.text.setText(html)
        if glyph is not None:
            self.glyph.setPixmap(glyph.pixmap(18, 18))
        self.glyph.setVisible(glyph is not None)
        for label, callback in buttons:
            b = QPushButton(label)
            b.setAccessibleName(label.rstrip("…"))
            b.clicked.connect(lambda _checked=False, cb=callback: cb())
            self._lay.insertWidget(self._lay.count() - 1, b, 0, Qt.AlignmentFlag.AlignTop)
            self.buttons.append(b)
        self.close_button.setVisible(closable)
        self.setAccessibleDescription(self.text.text())
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.text.clear()

    def message(self) -> str:
        """The notice as plain text (for tests and screen readers)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.text.text())
        return doc.toPlainText() if self.isVisibleTo(self.parentWidget() or self) else ""
