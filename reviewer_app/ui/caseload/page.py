"""The Caseload view: the office's reviews in one table, with search, outcome chips,
"expiring within 90 days" and "re-review needed" filters, a small chart, and a refresh
that runs in the background. The start page when no review is open and folders are set.

It reads the caseload index only (never a review file); double-click opens the review.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.caseload.queries import (
    EXPIRING_DAYS,
    OUTCOMES,
    CaseloadRow,
    determinations_per_week,
    summary,
    with_flags,
)
from reviewer_app.core.caseload.scan import under
from reviewer_app.core.errors import ReviewError
from reviewer_app.ui.caseload import FOLDERS_KEY, saved_folders
from reviewer_app.ui.caseload.chart import WEEKS, CaseloadChart
from reviewer_app.ui.caseload.model import ROW_ROLE, CaseloadFilter, CaseloadModel
from reviewer_app.ui.caseload.refresh import RefreshWorker
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.plain_text import plain_label
from reviewer_app.ui.common.theme import font_scaled

STYLE = """
QPushButton#Chip { border: 1px solid #B8C0CC; border-radius: 13px; padding: 4px 12px;
    background: #FFFFFF; color: #1D2530; }
QPushButton#Chip:hover { background: #F0F4FA; }
QPushButton#Chip:checked { background: #E1ECFA; border: 1px solid #1F5FA8; color: #0B2F5A; }
QTableView#CaseloadTable { border: 1px solid #D5DAE1; gridline-color: #EEF1F5;
    selection-background-color: #DCE7F5; selection-color: #1D2530;
    alternate-background-color: #F7F9FB; }
"""


class CaseloadPage(QWidget):
    openRequested = Signal(Path)
    newRequested = Signal()
    openDialogRequested = Signal()
    message = Signal(str)

    def __init__(self, settings, index_path: Path | None = None, parent=None):
        super().__init__(parent)
        from reviewer_app.core.caseload.index import default_index_path

        self.setObjectName("CaseloadPage")
        self.setStyleSheet(STYLE)
        self.settings = settings
        self.index_path = Path(index_path) if index_path else default_index_path()
        self.rows: list[CaseloadRow] = []
        self.problems: list[tuple[str, str]] = []
        self.worker: RefreshWorker | None = None

        title = QLabel("Caseload")
        title.setFont(font_scaled(None, 1.6, bold=True))
        self.subtitle = QLabel()
        self.subtitle.setObjectName("Muted")
        head = QHBoxLayout()
        col = QVBoxLayout()
        col.addWidget(title)
        col.addWidget(self.subtitle)
        head.addLayout(col, 1)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(180)
        self.progress.setTextVisible(True)
        self.progress.setFormat("Checking %v of %m")
        self.progress.hide()
        head.addWidget(self.progress)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, icon_name, slot in (
                ("folder", "Folders", "open", None),
                ("refresh", "Refresh", None, self.refresh),
                ("new", "New review…", "new-review", self.newRequested.emit),
                ("open", "Open review…", "open", self.openDialogRequested.emit)):
            b = QPushButton(icon(icon_name), text) if icon_name else QPushButton(text)
            b.setIconSize(QSize(16, 16))
            if slot is not None:
                b.clicked.connect(slot)
            head.addWidget(b)
            self.buttons[key] = b
        self.folder_menu = QMenu(self)
        self.folder_menu.aboutToShow.connect(self._fill_folder_menu)
        self.buttons["folder"].setMenu(self.folder_menu)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search agency or ORI")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search agency or ORI")
        self.search.setFixedWidth(260)
        self.search.textChanged.connect(self._apply_filters)
        chips = QHBoxLayout()
        chips.addWidget(self.search)
        chips.addSpacing(8)
        self.chips: dict[str, QPushButton] = {}
        for key in (*OUTCOMES, "expiring", "rereview"):
            chip = QPushButton()
            chip.setObjectName("Chip")
            chip.setCheckable(True)
            chip.toggled.connect(self._apply_filters)
            chips.addWidget(chip)
            self.chips[key] = chip
            if key == OUTCOMES[-1]:
                chips.addSpacing(12)
        chips.addStretch(1)
        self.problems_button = QPushButton()
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.show_problems)
        chips.addWidget(self.problems_button)

        self.chart = CaseloadChart()
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("CaseloadTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAccessibleName("Reviews of the office")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 92, 52, 118, 60, 98, 98, 140, 98)):
            self.table.setColumnWidth(column, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.status = plain_label(QLabel())  # messages name files
        self.status.setObjectName("Muted")
        self.empty = QLabel("Choose the folders where the office keeps its review files (a "
                            "shared drive, a USB stick) with Folders > Add folder…; every .review "
                            "under them is listed here, read without being opened.")
        self.empty.setWordWrap(True)
        self.empty.setObjectName("Muted")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 10)
        lay.setSpacing(10)
        lay.addLayout(head)
        lay.addLayout(chips)
        lay.addWidget(self.chart)
        lay.addWidget(self.empty)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)

    # -- data ------------------------------------------------------------------------------
    def folders(self) -> list[str]:
        return saved_folders(self.settings)

    def load(self) -> None:
        """Show what the index holds now (fast: the index only, no review file)."""
        from reviewer_app.core.caseload.index import CaseloadIndex

        try:
            with CaseloadIndex.open(self.index_path) as index:
                entries = index.entries()
                self.problems = index.problems()
        except ReviewError as exc:
            entries, self.problems = [], []
            self.message.emit(str(exc))
            self.status.setText(str(exc))
        folders = self.folders()
        if folders:  # rows of folders no longer listed stay in the index, not in the view
            roots = [os.path.abspath(os.path.expanduser(f)) for f in folders]
            entries = [e for e in entries if under(e.path, roots)]
        self.rows = with_flags(entries)
        self.model.set_rows(self.rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        s = summary(self.rows, self.model.today)
        self.chart.set_data(determinations_per_week(self.rows, WEEKS, self.model.today),
                            s["by_outcome"])
        for outcome in OUTCOMES:
            self.chips[outcome].setText(f"{outcome}  {s['by_outcome'][outcome]}")
        self.chips["expiring"].setText(f"Expiring within {EXPIRING_DAYS} days  "
                                       f"{s['expiring_90_days']}")
        self.chips["rereview"].setText(f"Re-review needed  {s['rereview']}")
        n = len(self.problems)
        self.problems_button.setText(f"{n} file{'s' if n != 1 else ''} not read…" if n else "")
        self.problems_button.setVisible(bool(n))
        self.subtitle.setText(
            f"{s['reviews']} reviews in {s['files']} files under "
            + "; ".join(folders) if folders else "No folders chosen yet")
        self.empty.setVisible(not folders)
        self._update_status()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # chips fit their new counts before the next paint

    def refresh(self) -> None:
        """Scan the folders in the background, then reload."""
        folders = self.folders()
        if not folders or (self.worker and self.worker.isRunning()):
            return
        self.worker = RefreshWorker(self.index_path, folders, self)
        self.worker.progress.connect(self._progress)
        self.worker.finishedScan.connect(self._refreshed)
        self.worker.failed.connect(self._refresh_failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.buttons["refresh"].setEnabled(False)
        self.worker.start()

    def stop(self) -> None:
        if self.worker and self.worker.isRunning():
            self.worker.requestInterruption()
            self.worker.wait(5000)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _refreshed(self, text: str, problems: list) -> None:
        self._end_refresh()
        self.load()
        self.message.emit(f"Caseload refreshed: {text}")

    def _refresh_failed(self, text: str) -> None:
        self._end_refresh()
        self.message.emit(f"Caseload not refreshed: {text}")
        self.status.setText(f"Not refreshed: {text}")

    def _end_refresh(self) -> None:
        self.progress.hide()
        self.buttons["refresh"].setEnabled(True)

    # -- filters and actions -----------------------------------------------------------------
    def _apply_filters(self, *_args) -> None:
        outcomes = {o for o in OUTCOMES if self.chips[o].isChecked()}
        self.proxy.set_filters(outcomes, self.search.text(), self.chips["expiring"].isChecked(),
                               self.chips["rereview"].isChecked())
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.status.setText(f"Showing {shown} of {total} review files. Double-click a row to "
                            "open the review.")

    def row_at(self, proxy_row: int) -> CaseloadRow:
        return self.proxy.index(proxy_row, 0).data(ROW_ROLE)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.openRequested.emit(Path(row.entry.path))

    def _fill_folder_menu(self) -> None:
        menu = self.folder_menu
        menu.clear()
        menu.addAction("Add folder…", self.add_folder)
        if self.folders():
            menu.addSeparator()
        for folder in self.folders():
            menu.addAction(f"Stop listing {folder}", partial(self.drop_folder, folder))

    def drop_folder(self, folder: str) -> None:
        self.set_folders([f for f in self.folders() if f != folder])

    def add_folder(self) -> None:
        start = self.folders()[-1] if self.folders() else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of review files", start)
        if folder:
            self.set_folders([*self.folders(), folder])

    def set_folders(self, folders: list[str]) -> None:
        unique = list(dict.fromkeys(str(Path(f)) for f in folders))
        self.settings.set_value(FOLDERS_KEY, unique)
        self.load()
        self.refresh()

    def show_problems(self) -> None:
        text = "\n".join(f"{p}: {r}" for p, r in self.problems[:200])
        more = len(self.problems) - 200
        QMessageBox.information(self, "Files not read",
                                text + (f"\n… and {more} more" if more > 0 else ""))
