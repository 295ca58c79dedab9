"""Dialogs: new review, review details, errors, passwords, go to page, about."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import __version__
from reviewer_app.core.checklist.standards import bundled_sets, load_standards_file
from reviewer_app.core.errors import ReviewError
from reviewer_app.ui.common.icons import app_icon
from reviewer_app.ui.common.plain_text import plain_box

APP_NAME = "Reviewer"
REVIEW_FILTER = "Review files (*.review);;All files (*)"
PDF_FILTER = "PDF documents (*.pdf *.PDF);;All files (*)"


NONINTERACTIVE = False  # set by --screenshot: report errors on stderr instead of a dialog


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A plain sentence for the user, never a traceback."""
    if NONINTERACTIVE:
        import sys

        print(f"reviewer-app: {title}: {message}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    plain_box(box)  # messages name files and agencies: never rich text
    box.exec()


def ask_password(parent: QWidget | None, name: str, wrong: bool) -> str | None:
    prompt = (f"The password for {name} was wrong. Try again:" if wrong else
              f"{name} is password-protected. Enter its password (it is not stored; the "
              "review keeps an unencrypted copy):")
    text, ok = QInputDialog.getText(parent, "Password required", prompt,
                                    QLineEdit.EchoMode.Password)
    return text if ok else None


def ask_page(parent: QWidget | None, labels: list[str], current: int) -> int | None:
    """A page by its printed label ("iv", "12") or its number; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent, "Go to page", f"Page label or number (1–{len(labels)}):",
        QLineEdit.EchoMode.Normal, labels[current] if 0 <= current < len(labels) else "")
    if not ok or not text.strip():
        return None
    text = text.strip()
    if text in labels:
        return labels.index(text)
    low = [lbl.lower() for lbl in labels]
    if text.lower() in low:
        return low.index(text.lower())
    if text.isdigit() and 1 <= int(text) <= len(labels):
        return int(text) - 1
    show_error(parent, "Go to page", f"There is no page \u201c{text}\u201d in this document "
               f"(it has {len(labels)} pages).")
    return None


def show_about(parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setIconPixmap(app_icon().pixmap(72, 72))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>{APP_NAME} {__version__}</h3>"
                "<p>An offline workstation for police-certification assessors: the policy "
                "beside the checklist, evidence linked to the clause, findings and a packet."
                "</p>")
    box.setInformativeText(
        "<p>Licence: GNU Affero General Public License, version 3 or later "
        "(AGPL-3.0-or-later). This program comes with ABSOLUTELY NO WARRANTY.</p>"
        "<p>The demo review uses a fictional agency; standards sets are data and carry "
        "their own edition and source.</p>")
    box.exec()


@dataclass
class NewReviewSpec:
    path: Path
    agency_name: str
    agency_ori: str
    agency_state: str
    assessor: str
    credentialing_body: str
    standards_path: Path


class NewReviewDialog(QDialog):
    """Agency details, standards set and where to save the review file."""

    def __init__(self, parent: QWidget | None, start_dir: str, assessor: str = ""):
        super().__init__(parent)
        self.setWindowTitle("New review")
        self.setMinimumWidth(520)
        self.agency = QLineEdit()
        self.agency.setPlaceholderText("e.g. Riverton Police Department")
        self.ori = QLineEdit()
        self.ori.setPlaceholderText("9 characters, e.g. IL0000000")
        self.ori.setMaxLength(9)
        self.state = QLineEdit()
        self.state.setMaxLength(2)
        self.state.setPlaceholderText("IL")
        self.assessor = QLineEdit(assessor)
        self.body = QLineEdit()
        self.standards = QComboBox()
        for set_id, path in bundled_sets().items():
            try:
                title = load_standards_file(path).title
            except ReviewError:
                continue
            self.standards.addItem(f"{set_id} \u2014 {title}", str(path))
        self.standards.addItem("Other standards file…", "")
        self.standards.activated.connect(self._standards_chosen)
        self.file = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self._start_dir = start_dir
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        for w, name in ((self.agency, "Agency name"), (self.ori, "ORI"), (self.state, "State"),
                        (self.assessor, "Assessor"), (self.body, "Credentialing body"),
                        (self.standards, "Standards set"), (self.file, "Review file"),
                        (browse, "Browse for the review file")):
            w.setAccessibleName(name)
        form = QFormLayout()
        form.addRow("&Agency name:", self.agency)
        form.addRow("&ORI:", self.ori)
        form.addRow("S&tate:", self.state)
        form.addRow("A&ssessor:", self.assessor)
        form.addRow("Credentialing &body:", self.body)
        form.addRow("Standards s&et:", self.standards)
        form.addRow("Review file:", file_row)
        self.error = QLabel()
        self.error.setObjectName("ErrorText")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create review")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.agency.textChanged.connect(self._suggest_file)
        self.spec: NewReviewSpec | None = None

    def _suggest_file(self, name: str) -> None:
        if self.file.isModified():
            return
        stem = "".join(c if c.isalnum() or c in " -_" else "" for c in name).strip()
        if stem:
            self.file.setText(str(Path(self._start_dir) / f"{stem}.review"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the new review as",
                                              self.file.text() or self._start_dir, REVIEW_FILTER)
        if path:
            if not path.endswith(".review"):
                path += ".review"
            self.file.setText(path)
            self.file.setModified(True)

    def _standards_chosen(self, index: int) -> None:
        if self.standards.itemData(index):
            return
        path, _ = QFileDialog.getOpenFileName(self, "Standards set", self._start_dir,
                                              "Standards sets (*.toml)")
        if not path:
            self.standards.setCurrentIndex(0)
            return
        try:
            title = load_standards_file(path).title
        except ReviewError as exc:
            self.error.setText(str(exc))
            self.standards.setCurrentIndex(0)
            return
        self.standards.insertItem(index, f"{Path(path).name} \u2014 {title}", path)
        self.standards.setCurrentIndex(index)

    def _accept(self) -> None:
        if not self.agency.text().strip():
            self.error.setText("Enter the agency's name.")
            self.agency.setFocus()
            return
        path = Path(self.file.text().strip()).expanduser()
        if not self.file.text().strip():
            self.error.setText("Choose where to save the review file.")
            return
        if path.suffix != ".review":
            path = path.with_name(path.name + ".review")
        if path.exists():
            self.error.setText(f"{path} exists already; choose another name.")
            return
        if not path.parent.is_dir():
            self.error.setText(f"The folder {path.parent} does not exist.")
            return
        self.spec = NewReviewSpec(path, self.agency.text().strip(), self.ori.text().strip(),
                                  self.state.text().strip().upper(), self.assessor.text().strip(),
                                  self.body.text().strip(),
                                  Path(self.standards.currentData()))
        self.accept()


class ReviewDetailsDialog(QDialog):
    """Edit agency, ORI, state, assessor and credentialing body (one undoable command)."""

    FIELDS = (("agency_name", "&Agency name:"), ("agency_ori", "&ORI:"),
              ("agency_state", "S&tate:"), ("assessor", "A&ssessor:"),
              ("credentialing_body", "Credentialing &body:"))

    def __init__(self, parent: QWidget | None, info):
        super().__init__(parent)
        self.setWindowTitle("Review details")
        self.setMinimumWidth(460)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            e = QLineEdit(getattr(info, key))
            e.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.edits[key] = e
            form.addRow(label, e)
        self._before = {k: getattr(info, k) for k, _ in self.FIELDS}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def changes(self) -> dict[str, str]:
        out = {}
        for key, e in self.edits.items():
            value = e.text().strip()
            if key == "agency_state":
                value = value.upper()
            if value != self._before[key]:
                out[key] = value
        return out
