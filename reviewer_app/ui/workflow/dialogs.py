"""Small dialogs of the workflow: the name asked once per computer, sign-off, reopening."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class _FormDialog(QDialog):
    """A short form: a sentence, fields, OK (enabled once the required fields are filled)."""

    def __init__(self, parent: QWidget | None, title: str, intro: str,
                 fields: list[tuple[str, QWidget]], required: list[QWidget]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(title.replace(" ", "").replace("…", ""))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        lay.addWidget(text)
        form = QFormLayout()
        for label, widget in fields:
            form.addRow(label, widget)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._required = required
        for w in required:
            signal = w.textChanged  # type: ignore[attr-defined]
            signal.connect(self._check)
        self._check()

    @staticmethod
    def _text(w: QWidget) -> str:
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        assert isinstance(w, QLineEdit)
        return w.text()

    def _check(self, *_args: object) -> None:
        ok = all(self._text(w).strip() for w in self._required)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class NameDialog(_FormDialog):
    """Asked once per computer: the name the log gives every change made here."""

    def __init__(self, parent: QWidget | None, suggested: str = ""):
        self.name = QLineEdit(suggested)
        self.name.setPlaceholderText("First and last name")
        super().__init__(parent, "Who is working here?",
                         "Every change to a review records who made it. Enter your name "
                         "once; this computer remembers it (Review › Who is working… "
                         "changes it).", [("Your name:", self.name)], [self.name])


class SignOffDialog(_FormDialog):
    def __init__(self, parent: QWidget | None, summary: str, name: str = ""):
        self.name = QLineEdit(name)
        self.role = QLineEdit("Approving official")
        super().__init__(parent, "Sign off",
                         f"{summary}\n\nSigning off makes the determination: its date and "
                         "the certification's months start now, and the review is closed to "
                         "edits until it is reopened with a reason.",
                         [("Approving official:", self.name), ("Title or role:", self.role)],
                         [self.name, self.role])


class ReopenDialog(_FormDialog):
    def __init__(self, parent: QWidget | None, signed: str):
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why the review is reopened (kept in the log)")
        self.reason.setFixedHeight(90)
        super().__init__(parent, "Reopen the review",
                         f"{signed}. Reopening lets the review be edited again and needs "
                         "a new sign-off; the reason is kept in the review's log.",
                         [("Reason:", self.reason)], [self.reason])
