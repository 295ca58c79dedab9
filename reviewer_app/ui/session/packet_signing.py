"""Export packet: the choice to sign it with the office's key (a PKCS#12 file and its
passphrase). The key is opened by the core (``core.packet.keys``); a wrong passphrase, a
damaged file or an expired certificate is said under the fields and the dialog stays open,
so nothing is exported half-signed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.keys import OfficeKey, load_office_key

KEY_FILTER = "Office key (*.p12 *.pfx);;All files (*)"


class SignPacketDialog(QDialog):
    """Export unsigned, or sign with the office key: the key file and its passphrase."""

    def __init__(self, parent: QWidget | None, out_dir: Path, key_path: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Export packet")
        self.key: OfficeKey | None = None
        intro = QLabel(f"The packet will be written to\n{out_dir}")
        intro.setWordWrap(True)
        self.unsigned = QRadioButton("Export without a signature")
        self.signed = QRadioButton("Sign with office key…")
        self.signed.setToolTip("Signs packet.pdf (a PDF signature every reader shows) and the "
                               "manifest with the office's certificate; `reviewer-app verify "
                               "--cert OFFICE.crt` checks it.")
        group = QButtonGroup(self)
        group.addButton(self.unsigned)
        group.addButton(self.signed)
        self.key_file = QLineEdit(key_path)
        self.key_file.setPlaceholderText("office.p12")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.key_file, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Key file", row)
        form.addRow("Passphrase", self.passphrase)
        self.key_fields = QWidget()
        self.key_fields.setLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.unsigned, self.signed, self.key_fields, self.problem):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.signed.toggled.connect(self._update)
        (self.signed if key_path else self.unsigned).setChecked(True)
        self._update()
        self.setMinimumWidth(480)

    def _update(self) -> None:
        self.key_fields.setEnabled(self.signed.isChecked())
        self.export_button.setText("Sign and export" if self.signed.isChecked() else "Export")
        self.problem.hide()
        if self.signed.isChecked():
            (self.passphrase if self.key_file.text() else self.key_file).setFocus()

    def _browse(self) -> None:
        start = self.key_file.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Office key", start, KEY_FILTER)
        if path:
            self.key_file.setText(path)
            self.passphrase.setFocus()

    def accept(self) -> None:
        """Open the key before anything is exported; stay open on a problem."""
        self.key = None
        if self.signed.isChecked():
            path = self.key_file.text().strip()
            if not path:
                return self._say("Choose the office key file (.p12).")
            try:
                self.key = load_office_key(Path(path), self.passphrase.text())
            except ReviewError as exc:
                self.passphrase.selectAll()
                return self._say(str(exc))
        super().accept()

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()


def ask_signing(parent: QWidget | None, out_dir: Path, key_path: str = ""
                ) -> tuple[bool, OfficeKey | None, str]:
    """(go ahead, the opened key or None for an unsigned packet, the key file to
    remember)."""
    dialog = SignPacketDialog(parent, out_dir, key_path)
    if not dialog.exec():  # 0: rejected
        return False, None, key_path
    remembered = dialog.key_file.text().strip() if dialog.key is not None else key_path
    return True, dialog.key, remembered
