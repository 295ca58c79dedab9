"""File > Clause library database…: which caseload database the window's suggestions
consult (default: the caseload's, in the user data folder). Remembered in the settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DB_FILTER = "Caseload database (*.sqlite *.db);;All files (*)"


class LibraryDatabaseDialog(QDialog):
    """A path, Browse…, Use default, and a line saying what the file holds."""

    def __init__(self, current: Path | None, default: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Clause library database")
        self.setObjectName("LibraryDatabaseDialog")
        self.default = default
        lay = QVBoxLayout(self)
        intro = QLabel("The office's clause library lives in the caseload database. The item "
                       "panel's suggestions consult this file (a clause earlier reviews used "
                       "is offered first), and the Caseload view lists its reviews.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit(str(current or default))
        self.path.setAccessibleName("Library database file")
        self.path.setMinimumWidth(420)
        self.path.textChanged.connect(self._describe)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        use_default = QPushButton("Use &default")
        use_default.setToolTip(str(default))
        use_default.clicked.connect(lambda: self.path.setText(str(default)))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(use_default)
        lay.addLayout(row)
        self.where = QLabel()
        self.where.setObjectName("Muted")
        self.where.setWordWrap(True)
        lay.addWidget(self.where)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        lay.addWidget(buttons)
        self._describe()

    def chosen(self) -> Path | None:
        """The file chosen, or None for the default (so a moved user folder still works)."""
        text = self.path.text().strip()
        if not text or Path(text).expanduser() == self.default:
            return None
        return Path(text).expanduser()

    def _browse(self) -> None:
        start = self.path.text().strip() or str(self.default)
        name, _ = QFileDialog.getSaveFileName(
            self, "Clause library database", start, DB_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.path.setText(name)

    def _describe(self) -> None:
        from reviewer_app.core.library.for_review import library_summary

        text = self.path.text().strip()
        if not text:
            self.where.setText(f"Default: {self.default}")
            usable, sentence = library_summary(self.default)
        else:
            path = Path(text).expanduser()
            self.where.setText("The default." if path == self.default
                               else f"Default: {self.default}")
            usable, sentence = (False, "Give a file, not a folder.") if path.is_dir() \
                else library_summary(path)
        self.status.setText(sentence)
        self.status.setProperty("problem", not usable)
        self.ok.setEnabled(usable)
