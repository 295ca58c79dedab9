"""The checklist pane: outcome card, a filter box and the tree of items."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.checklist.delegate import ChecklistDelegate
from reviewer_app.ui.checklist.model import ROLE_ITEM_ID, ChecklistModel
from reviewer_app.ui.checklist.outcome_card import OutcomeCard
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.session.session import ReviewSession


class ChecklistTree(QTreeView):
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # titles re-wrap to the new width


class ChecklistPanel(QWidget):
    currentItemChanged = Signal(str)  # item id, "" when none
    setSwitched = Signal(str)  # the standards set now shown (a review of several sets)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ChecklistPanel")
        self.session: ReviewSession | None = None
        self.model: ChecklistModel | None = None
        self.card = OutcomeCard()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter items")
        self.filter.setClearButtonEnabled(True)
        search = self.filter.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        search.setText("Filter")
        for button in self.filter.findChildren(QToolButton):
            button.setAccessibleName("Filter")  # a decorative icon, named for screen readers
        self.filter.setAccessibleName("Filter checklist items")
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self._filter_changed)
        self.tree = ChecklistTree()
        self.tree.setObjectName("ChecklistTree")
        self.tree.setAccessibleName("Checklist")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(0)
        self.tree.setUniformRowHeights(False)
        self.tree.setMouseTracking(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setItemDelegate(ChecklistDelegate(self.tree))
        self.tree.setModel(self.proxy)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        # the set in use; a review of several sets switches here (issue 17)
        self.set_combo = QComboBox()
        self.set_combo.setObjectName("StandardsSetCombo")
        self.set_combo.setAccessibleName("Standards set shown")
        self.set_combo.setToolTip("The standards set this checklist shows; a review of "
                                  "several sets switches between them here")
        self.set_combo.activated.connect(self._set_chosen)
        filter_box = QWidget()
        fl = QVBoxLayout(filter_box)
        fl.setContentsMargins(10, 8, 10, 8)
        fl.setSpacing(6)
        fl.addWidget(self.set_combo)
        fl.addWidget(self.filter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.card)
        lay.addWidget(filter_box)
        lay.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        self.model = ChecklistModel(session, self) if session else None
        self.proxy.setSourceModel(self.model)  # type: ignore[arg-type]  # None detaches
        self.tree.expandAll()
        self.fill_sets()
        if session:
            self.card.refresh(session)

    def fill_sets(self) -> None:
        """List the review's sets, the shown one current; hidden for a review of one set
        (the outcome card names it, and a row that switches nothing costs a line)."""
        self.set_combo.blockSignals(True)
        self.set_combo.clear()
        sets = self.session.review_sets() if self.session else []
        pending = self.session.proposal_counts() if self.session and len(sets) > 1 else {}
        for s in sets:
            waiting = f" ({pending[s.id]} proposed)" if pending.get(s.id) else ""
            self.set_combo.addItem(f"{s.id}{waiting}: {s.standards.title}", s.id)
            self.set_combo.setItemData(self.set_combo.count() - 1,
                                       f"{s.standards.title} ({s.id}, "
                                       f"{s.standards.edition})", Qt.ItemDataRole.ToolTipRole)
        if self.session:
            self.set_combo.setCurrentIndex(max(0, self.set_combo.findData(self.session.set_id)))
        self.set_combo.setEnabled(len(sets) > 1)
        self.set_combo.setVisible(len(sets) > 1)
        self.set_combo.blockSignals(False)

    def _set_chosen(self, index: int) -> None:
        set_id = self.set_combo.itemData(index)
        if not self.session or not set_id or set_id == self.session.set_id:
            return
        self.session.switch_set(set_id)
        self.set_session(self.session)
        self.setSwitched.emit(set_id)

    def refresh(self) -> None:
        if self.session and self.model:
            self.model.refresh()
            self.card.refresh(self.session)

    # -- selection -------------------------------------------------------------------------
    def current_item_id(self) -> str:
        idx = self.tree.currentIndex()
        return idx.data(ROLE_ITEM_ID) or "" if idx.isValid() else ""

    def select_item(self, item_id: str) -> bool:
        if not self.model:
            return False
        src = self.model.index_of(item_id)
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            self.filter.clear()
            idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(idx)
        return True

    def visible_item_ids(self) -> list[str]:
        if not self.model:
            return []
        return [i for i in self.model.item_ids()
                if self.proxy.mapFromSource(self.model.index_of(i)).isValid()]

    def step(self, delta: int, only_open: bool = False) -> bool:
        """Select the next/previous item (optionally the next not yet assessed one)."""
        ids = self.visible_item_ids()
        if not ids or not self.session:
            return False
        cur = self.current_item_id()
        pos = ids.index(cur) if cur in ids else (-1 if delta > 0 else len(ids))
        for k in range(1, len(ids) + 1):
            n = pos + delta * k
            if only_open:
                n %= len(ids)
            if not 0 <= n < len(ids):
                return False
            if not only_open or self.session.result(ids[n]) == Result.NOT_ASSESSED:
                return self.select_item(ids[n])
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentItemChanged.emit(current.data(ROLE_ITEM_ID) or "" if current.isValid()
                                     else "")

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()
