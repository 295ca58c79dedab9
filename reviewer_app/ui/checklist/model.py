"""The standards set as a two-level model: categories (mandatory first), then items."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from reviewer_app.core.checklist.standards import Category, Item
from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.common.theme import result_label
from reviewer_app.ui.session.session import ReviewSession

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ROLE_KIND = Qt.ItemDataRole.UserRole + 1  # "category" or "item"
ROLE_ITEM_ID = ROLE_KIND + 1
ROLE_RESULT = ROLE_KIND + 2
ROLE_EVIDENCE = ROLE_KIND + 3
ROLE_MANDATORY = ROLE_KIND + 4
ROLE_CODE = ROLE_KIND + 5
ROLE_TITLE = ROLE_KIND + 6
ROLE_PROGRESS = ROLE_KIND + 7  # categories: (assessed, total)
ROLE_REREVIEW = ROLE_KIND + 8
ROLE_PROPOSED = ROLE_KIND + 9  # clauses a crosswalk proposes for the item, not yet accepted


class ChecklistModel(QAbstractItemModel):
    def __init__(self, session: ReviewSession, parent=None):
        super().__init__(parent)
        self.session = session
        standards = session.standards
        by_cat: dict[str, list[Item]] = {}
        for item in standards.ordered_items():
            by_cat.setdefault(item.category, []).append(item)
        cats = {c.id: c for c in standards.categories}
        self.groups: list[tuple[Category, list[Item]]] = [
            (cats[cid], items) for cid, items in by_cat.items() if cid in cats]
        self._row_of = {it.id: (g, r) for g, (_, items) in enumerate(self.groups)
                        for r, it in enumerate(items)}

    # -- structure -------------------------------------------------------------------------
    def index(self, row: int, column: int = 0, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        group = parent.row()
        if row >= len(self.groups[group][1]):
            return QModelIndex()
        return self.createIndex(row, 0, group + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.NoItemFlags  # headings: keyboard navigation skips them
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- lookups ---------------------------------------------------------------------------
    def item_at(self, index: Index) -> Item | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def index_of(self, item_id: str) -> QModelIndex:
        if item_id not in self._row_of:
            return QModelIndex()
        g, r = self._row_of[item_id]
        return self.createIndex(r, 0, g + 1)

    def item_ids(self) -> list[str]:
        return [it.id for _, items in self.groups for it in items]

    # -- data ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._category_data(index.row(), role)
        item = self.item_at(index)
        if item is None:
            return None
        s = self.session
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.code}  {item.title}"
        if role == ROLE_KIND:
            return "item"
        if role == ROLE_ITEM_ID:
            return item.id
        if role == ROLE_RESULT:
            return s.result(item.id)
        if role == ROLE_EVIDENCE:
            return s.evidence_counts().get(item.id, 0)
        if role == ROLE_MANDATORY:
            return item.mandatory
        if role == ROLE_CODE:
            return item.code
        if role == ROLE_TITLE:
            return item.title
        if role == ROLE_REREVIEW:
            f = s.findings().get(item.id)
            return bool(f and f.needs_rereview)
        if role == ROLE_PROPOSED:
            return s.proposed_for(item.id)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            n = s.evidence_counts().get(item.id, 0)
            parts = [f"{item.code} {item.title}"]
            if item.mandatory:
                parts.append("mandatory condition")
            parts.append(f"result: {result_label(s.result(item.id))}")
            parts.append(f"{n} evidence link{'s' if n != 1 else ''}")
            if n == 0 and s.result(item.id) == "met":
                parts.append("met, but no evidence linked: link the clause or change the result")
            f = s.findings().get(item.id)
            if f and f.needs_rereview:
                parts.append("needs re-review: a policy revision changed its evidence")
            if proposed := s.proposed_for(item.id):
                parts.append(f"{proposed} clause{'s' if proposed != 1 else ''} proposed from "
                             "another set: accept in the item panel")
            return ", ".join(parts)
        return None

    def _category_data(self, row: int, role: int):
        cat, items = self.groups[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return cat.title
        if role == ROLE_KIND:
            return "category"
        if role == ROLE_MANDATORY:
            return cat.mandatory
        if role == ROLE_PROGRESS:
            done = sum(1 for it in items if self.session.result(it.id) != Result.NOT_ASSESSED)
            return done, len(items)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            done, total = self._category_data(row, ROLE_PROGRESS)
            return f"{cat.title}: {done} of {total} assessed. {cat.description}".strip()
        return None

    def refresh(self) -> None:
        """Results or evidence changed: repaint every row (a set has a few dozen items)."""
        for g, (_, items) in enumerate(self.groups):
            top = self.createIndex(g, 0, 0)
            self.dataChanged.emit(top, top)
            if items:
                self.dataChanged.emit(self.createIndex(0, 0, g + 1),
                                      self.createIndex(len(items) - 1, 0, g + 1))
