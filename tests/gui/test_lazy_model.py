"""LazyTableModel: a million ids, only the rows on screen are fetched."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from gui.executor import Executor
from gui.lazy_model import LazyTableModel, attach_sorting

COLUMNS = [("number", "编号", True), ("subject", "被反映人", False), ("state", "状态", True)]
MILLION = range(1, 1_000_001)


class CountingFetch:
    def __init__(self):
        self.calls: list[list[int]] = []

    def __call__(self, ids):
        self.calls.append(list(ids))
        return {i: {"number": f"XF2026-{i:07d}", "subject": f"张{i}", "state": "已登记"} for i in ids}

    @property
    def rows_fetched(self) -> int:
        return sum(len(c) for c in self.calls)


def test_opening_a_million_fetches_only_visible_rows(qtbot):
    fetch = CountingFetch()
    model = LazyTableModel(COLUMNS, fetch, page_size=100, cache_pages=5)
    model.set_ids(MILLION)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    with qtbot.waitExposed(view):
        view.show()
    qtbot.waitUntil(lambda: len(fetch.calls) > 0)
    assert model.rowCount() == 1_000_000
    assert 1 <= len(fetch.calls) <= 2, "one page (perhaps two) for the first screen"
    assert fetch.rows_fetched <= 200
    assert fetch.calls[0][0] == 1
    assert model.index(0, 0).data() == "XF2026-0000001"

    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.is_fetched(999_999))
    assert model.index(999_999, 1).data() == "张1000000"
    assert fetch.rows_fetched <= 400, "scrolling to the end fetched the last pages, not everything between"


def test_lru_bound_is_respected(qtbot):
    fetch = CountingFetch()
    model = LazyTableModel(COLUMNS, fetch, page_size=50, cache_pages=3)
    model.set_ids(MILLION)
    for row in (0, 10_000, 20_000, 30_000, 40_000, 50_000):
        assert model.index(row, 0).data() == f"XF2026-{row + 1:07d}"
        assert len(model.cached_pages()) <= 3
    assert model.cached_pages() == [600, 800, 1000]
    # page 600 (row 30,000) is used again: it becomes the most recent and survives the next fetch
    model.index(30_001, 0).data()
    model.index(60_000, 0).data()
    assert model.cached_pages() == [1000, 600, 1200]
    assert len(fetch.calls) == 7


def test_data_of_an_unfetched_row_fetches_its_page_once(qtbot):
    fetch = CountingFetch()
    model = LazyTableModel(COLUMNS, fetch, page_size=100)
    model.set_ids(MILLION)
    assert fetch.calls == []
    assert model.index(123_456, 2).data() == "已登记"
    assert len(fetch.calls) == 1
    assert fetch.calls[0] == list(range(123_401, 123_501))
    for row in range(123_400, 123_500):
        model.index(row, 0).data()
        model.row_data(row)
    assert len(fetch.calls) == 1
    assert model.id_at(123_456) == 123_457
    assert model.index(5, 0).data(Qt.ItemDataRole.UserRole) == 6


def test_set_ids_resets_rows_and_cache(qtbot):
    fetch = CountingFetch()
    model = LazyTableModel(COLUMNS, fetch, page_size=100)
    model.set_ids(MILLION)
    model.index(0, 0).data()
    with qtbot.waitSignal(model.modelReset):
        model.set_ids([7, 3, 9])
    assert model.rowCount() == 3
    assert model.cached_pages() == []
    assert [model.index(r, 0).data() for r in range(3)] == ["XF2026-0000007", "XF2026-0000003", "XF2026-0000009"]
    assert fetch.calls[-1] == [7, 3, 9]
    model.set_ids([])
    assert model.rowCount() == 0 and model.id_at(0) is None and model.row_data(0) == {}


def test_missing_rows_stay_in_place():
    model = LazyTableModel(COLUMNS, lambda ids: {i: {"number": str(i)} for i in ids if i != 2})
    model.set_ids([1, 2, 3])
    assert [model.index(r, 0).data() for r in range(3)] == ["1", "", "3"]


def test_async_executor_shows_placeholder_then_rows(qtbot):
    fetch = CountingFetch()
    executor = Executor(1, "test-lazy")
    try:
        model = LazyTableModel(COLUMNS, fetch, page_size=100, executor=executor)
        model.set_ids(MILLION)
        assert model.index(250, 0).data() == "…"
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            pass
        assert model.index(250, 0).data() == "XF2026-0000251"
        assert len(fetch.calls) == 1
    finally:
        executor.shutdown()


def test_header_click_requests_sql_sort_only_for_sortable_columns(qtbot):
    model = LazyTableModel(COLUMNS, CountingFetch())
    model.set_ids(range(1, 11))
    view = QTableView()
    qtbot.addWidget(view)
    attach_sorting(view, model)
    with qtbot.waitExposed(view):
        view.show()
    requests = []
    model.sig_sort_requested.connect(lambda key, desc: requests.append((key, desc)))
    header = view.horizontalHeader()
    header.sectionClicked.emit(1)  # 被反映人: not sortable
    assert requests == []
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    header.sectionClicked.emit(0)
    assert requests == [("number", True)]
