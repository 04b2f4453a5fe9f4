"""A table model over an ordered list of ids that fetches only the rows being looked at.

Every list page uses it (DESIGN "Large lists"): the page runs ``services.casework.listing.query_ids`` (filter and
sort in SQL) and hands the ids to ``set_ids``; the model asks ``fetch_rows(ids)`` for one page of rows
when the view first needs a row of that page, and keeps at most ``cache_pages`` pages (LRU). A list of
1,000,000 ids therefore opens like a list of ten.

With ``executor`` (an ``gui.executor.Executor``, e.g. ``ctx.db``) pages are fetched on that worker and
the rows show "…" until they arrive; a synchronous executor (tests) fills them at once. Without one,
``fetch_rows`` runs inline on the GUI thread.
"""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import fields, is_dataclass
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView

from gui.vocabulary import term

Column = tuple[str, str, bool]          # (key, header, sortable)
FetchRows = Callable[[list[int]], Mapping[int, Any]]
# role_hook(row, key, role) -> value for roles other than DisplayRole (None = default)
RoleHook = Callable[[Mapping[str, Any], str, int], Any]

PLACEHOLDER = "…"

def row_as_dict(row: Any) -> dict[str, Any]:
    """A fetched row (dict, dataclass or plain object) as a dict of display values."""
    if row is None:
        return {}
    if isinstance(row, Mapping):
        return dict(row)
    values = getattr(row, "values", None)
    if isinstance(values, Mapping):          # services.casework.listing.RowView(id, values)
        return dict(values)
    if is_dataclass(row):
        return {f.name: getattr(row, f.name) for f in fields(row)}
    return dict(vars(row))


def display_text(value: Any) -> str:
    """How a value of a row is shown in a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return QCoreApplication.translate("LazyTableModel", "是") if value else QCoreApplication.translate("LazyTableModel", "否")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    label = getattr(value, "label", None)       # CodedEnum members
    if isinstance(label, str):
        return term(label)
    if isinstance(value, (list, tuple)):
        return "、".join(display_text(v) for v in value)
    return term(value) if isinstance(value, str) else str(value)   # a label the services wrote (网络, 已受理)


class LazyTableModel(QAbstractTableModel):
    """Rows = ``ids`` in order; cells fetched page by page through ``fetch_rows``."""

    sig_sort_requested = Signal(str, bool)
    """The user clicked a sortable header: (column key, descending). The page re-queries and calls set_ids."""

    sig_rows_fetched = Signal(int, int)
    """Rows [first, last] now hold fetched data (emitted after every page fetch)."""

    sig_fetch_failed = Signal(object)
    """A page fetch raised (the exception); the rows stay empty."""

    def __init__(self, columns: Sequence[Column], fetch_rows: FetchRows, page_size: int = 100,
                 cache_pages: int = 20, parent=None, *, executor=None, role_hook: RoleHook | None = None):
        super().__init__(parent)
        if page_size < 1 or cache_pages < 1:
            raise ValueError("page_size and cache_pages must be positive")
        self.columns: list[Column] = [tuple(c) for c in columns]  # type: ignore[misc]
        self._fetch_rows = fetch_rows
        self.page_size = page_size
        self.cache_pages = cache_pages
        self._executor = executor
        self._role_hook = role_hook
        self._ids: Sequence[int] = ()
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0          # bumps on set_ids so late results of an old list are dropped
        self.sort_key: str | None = None
        self.sort_descending = False

    # ---- public API -------------------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[int]) -> None:
        """Replace the list (a new filter or sort); forgets every cached page."""
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._pending.clear()
        self._generation += 1
        self.endResetModel()

    def ids(self) -> Sequence[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: int) -> int:
        """The row showing ``item_id``, or -1 (a linear scan: for reselecting after a refresh)."""
        try:
            return list(self._ids).index(item_id) if not isinstance(self._ids, list) else self._ids.index(item_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> dict[str, Any]:
        """The fetched values of ``row`` (fetching its page now if needed, even with an executor)."""
        if not 0 <= row < len(self._ids):
            return {}
        page = self._page(row // self.page_size, wait=True)
        return page[row % self.page_size] if page is not None else {}

    def is_fetched(self, row: int) -> bool:
        return (row // self.page_size) in self._pages

    def cached_pages(self) -> list[int]:
        """Page numbers now in the cache, least recently used first."""
        return list(self._pages)

    def invalidate(self) -> None:
        """Forget the fetched rows (the data changed, the ids did not); visible rows are re-fetched."""
        self._pages.clear()
        self._pending.clear()
        self._generation += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def column_key(self, column: int) -> str:
        return self.columns[column][0]

    def column_of(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c[0] == key:
                return i
        return -1

    # ---- Qt model API -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return term(self.columns[section][1])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                               Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                               Qt.ItemDataRole.UserRole):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.UserRole:
            return self.id_at(row)
        page = self._page(row // self.page_size, wait=False)
        key = self.columns[index.column()][0]
        if page is None:
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        values = page[row % self.page_size]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(values.get(key))  # a vocabulary label in the interface language
        if self._role_hook is not None:
            return self._role_hook(values, key, role)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: ask the page to re-query in SQL (non-sortable columns are ignored)."""
        if not 0 <= column < len(self.columns) or not self.columns[column][2]:
            return
        self.sort_key = self.columns[column][0]
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.sig_sort_requested.emit(self.sort_key, self.sort_descending)

    # ---- paging -----------------------------------------------------------------------------------------

    def _page(self, number: int, *, wait: bool) -> list[dict[str, Any]] | None:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._executor is None or wait:
            self._store(number, self._generation, self._fetch(number), notify=False)
            return self._pages.get(number)
        if number not in self._pending:
            self._pending.add(number)
            generation, ids = self._generation, self._page_ids(number)
            state = {"inline": True}

            def done(rows: Mapping[int, Any]) -> None:
                # a synchronous executor calls back inside data(): no dataChanged from there
                self._store(number, generation, self._align(ids, rows), notify=not state["inline"])

            self._executor.submit(self._fetch_rows, ids, on_done=done, on_error=self._failed(number, generation))
            state["inline"] = False
            return self._pages.get(number)
        return None

    def _page_ids(self, number: int) -> list[int]:
        start = number * self.page_size
        return list(self._ids[start:start + self.page_size])

    def _fetch(self, number: int) -> list[dict[str, Any]]:
        ids = self._page_ids(number)
        try:
            rows = self._fetch_rows(ids)
        except Exception as exc:  # noqa: BLE001 - shown by the page, the view must keep painting
            self.sig_fetch_failed.emit(exc)
            rows = {}
        return self._align(ids, rows)

    @staticmethod
    def _align(ids: list[int], rows: Mapping[int, Any]) -> list[dict[str, Any]]:
        # an id without a row (deleted meanwhile) shows as an empty row rather than shifting the others
        return [row_as_dict(rows.get(i)) for i in ids]

    def _failed(self, number: int, generation: int):
        def on_error(exc: BaseException) -> None:
            if generation == self._generation:
                self._pending.discard(number)
            self.sig_fetch_failed.emit(exc)
        return on_error

    def _store(self, number: int, generation: int, page: list[dict[str, Any]], *, notify: bool) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        first = number * self.page_size
        last = min(first + self.page_size, len(self._ids)) - 1
        if notify and last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        self.sig_rows_fetched.emit(first, last)


def attach_sorting(view: QTableView, model: LazyTableModel, key: str | None = None, descending: bool = False) -> None:
    """Let header clicks sort through ``model.sig_sort_requested``; non-sortable headers keep the old indicator."""
    view.setModel(model) if view.model() is not model else None
    header: QHeaderView = view.horizontalHeader()
    header.setSortIndicatorShown(True)
    header.setSectionsClickable(True)
    if key is not None and model.column_of(key) >= 0:
        model.sort_key, model.sort_descending = key, descending
        header.setSortIndicator(model.column_of(key),
                                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)

    def clicked(section: int) -> None:
        if not model.columns[section][2]:
            current = model.column_of(model.sort_key) if model.sort_key else -1
            header.blockSignals(True)
            if current >= 0:
                header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if model.sort_descending
                                        else Qt.SortOrder.AscendingOrder)
            else:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            return
        order = header.sortIndicatorOrder()
        model.sort(section, order)

    header.sectionClicked.connect(clicked)
