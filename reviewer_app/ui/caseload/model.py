"""The caseload table's model and its filter: thousands of rows, sorted and filtered
without copying them (the proxy reads each row's record directly)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtCore import QSortFilterProxyModel as _Proxy
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from reviewer_app.core.caseload.queries import EXPIRING_DAYS, CaseloadRow
from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.common.plain_text import plain_tip
from reviewer_app.ui.common.theme import OUTCOME_COLORS, OUTCOME_GLYPH, result_icon

COLUMNS = ("Agency", "ORI", "State", "Outcome", "Items", "Determined", "Expires", "Assessor",
           "Last change", "File")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_DIGITS = re.compile(r"(\d+)")
WARN = QColor("#B56A00")
EXPIRED = QColor("#C62828")


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[CaseloadRow] = []
        self.today = date.today()
        self._icons: dict[str, QIcon] = {}
        self._warning: QIcon | None = None

    def set_rows(self, rows: list[CaseloadRow], today: date | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.today = today or date.today()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves (one Python key per row, not a call per comparison),
        keeping selections and other persistent indexes on their rows."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        before = [self.rows[i.row()] for i in old]
        by_agency = sorted(self.rows, key=lambda r: r.entry.agency.lower())
        self.rows = sorted(by_agency, key=lambda r: self._sort_key(r, column),
                           reverse=order == Qt.SortOrder.DescendingOrder)
        if old:
            where = {id(r): n for n, r in enumerate(self.rows)}
            self.changePersistentIndexList(
                old, [self.index(where[id(r)], i.column()) for r, i in zip(before, old,
                                                                          strict=True)])
        self.layoutChanged.emit()

    def _sort_key(self, row: CaseloadRow, col: int) -> Any:
        e = row.entry
        if col == 4:
            return e.assessed / max(e.total, 1)
        if col in (5, 6):  # reviews without the date sort after every date
            return self._text(row, col) or "9999"
        if col == 0:  # "Ashland 2" before "Ashland 10"
            return [int(p) if p.isdigit() else p for p in _DIGITS.split(e.agency.lower())]
        return self._text(row, col).lower()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _icon(self, outcome: str) -> QIcon:
        if outcome not in self._icons:
            self._icons[outcome] = result_icon(OUTCOME_GLYPH.get(outcome, Result.NOT_ASSESSED))
        return self._icons[outcome]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        e, col = row.entry, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and col == 3:
            return self._icon(e.outcome)
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and (row.flags or e.rereview):
            if self._warning is None:
                self._warning = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxWarning)
            return self._warning
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 3:
                return QBrush(OUTCOME_COLORS.get(e.outcome, QColor("#1D2530")))
            if col == 6 and row.expired(self.today):
                return QBrush(EXPIRED)
            if col == 6 and row.expires_within(EXPIRING_DAYS, self.today):
                return QBrush(WARN)
            if not row.newest_copy:
                return QBrush(QColor("#8A94A3"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(self._tip(row))  # agency names come from review files
        return None

    def _text(self, row: CaseloadRow, col: int) -> str:
        e = row.entry
        if col == 0:
            return e.agency + (f"  (re-review {e.rereview})" if e.rereview else "")
        if col == 4:
            return f"{e.assessed}/{e.total}"
        if col == 9:
            return e.path.rsplit("/", 1)[-1]
        return (e.agency, e.ori, e.state, e.outcome, "", e.determined_on, e.expires_on,
                e.assessor, e.last_change_at[:10], "")[col]

    def _tip(self, row: CaseloadRow) -> str:
        e = row.entry
        lines = [f"{e.agency} ({e.ori or 'no ORI'}), {e.body or 'no credentialing body'}",
                 f"{e.outcome}: {e.assessed} of {e.total} items assessed"]
        lines += [f"  {r}" for r in e.reasons[:6]]
        if e.rereview:
            lines.append(f"{e.rereview} finding(s) to review again after a policy revision")
        lines += [f"! {f}" for f in row.flags]
        lines.append(f"Last change {e.last_change_at} by {e.last_change_by or 'unknown'}")
        lines.append(e.path)
        return "\n".join(lines)


class CaseloadFilter(_Proxy):
    """Outcome chips, search (agency or ORI), "expiring within 90 days", "re-review".

    Sorting is passed to the source model: the proxy's own sort would call Python for
    every comparison (half a second for 3,000 rows); the filter keeps the source's order.
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.outcomes: set[str] = set()
        self.search = ""
        self.expiring = False
        self.rereview = False
        self.setDynamicSortFilter(False)

    def set_filters(self, outcomes: set[str], search: str, expiring: bool, rereview: bool
                    ) -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.10+; older: invalidate
        if begin:
            begin()
        self.outcomes, self.search = set(outcomes), search.strip().lower()
        self.expiring, self.rereview = expiring, rereview
        if begin:
            self.endFilterChange(_Proxy.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        row = model.rows[source_row]
        e = row.entry
        if self.outcomes and e.outcome not in self.outcomes:
            return False
        if self.expiring and not row.expires_within(EXPIRING_DAYS, model.today):
            return False
        if self.rereview and not e.rereview:
            return False
        s = self.search
        return not s or s in e.agency.lower() or s in e.ori.lower()
