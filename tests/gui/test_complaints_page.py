"""The 信访登记 list page on a real workspace: filters, search, sort, identity never listed, export."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt

from gui.dialogs.complaint_form import ComplaintForm
from gui.pages.complaints_page import ComplaintsPage
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import show
from tests.helpers.gui_records import GOOD_ID, register
from tests.helpers.gui_users import sign_in

IDENTITY = ("赵铁柱", "13912345678", GOOD_ID, "青山镇幸福路8号", "赵**", "139****")


@pytest.fixture
def three(clerk_ctx):
    """Three complaints on different days about different people."""
    a = register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 3, 5))
    b = register(clerk_ctx, subjects=[("王五", "石桥村委会")], received=dt.date(2026, 9, 1),
                 problem="反映其违规操办儿子婚宴")
    c = register(clerk_ctx, subjects=[("陈六", "青山镇财政所")], received=dt.date(2026, 6, 15), kind="suggestion",
                 signature="anonymous", problem="建议公开惠农补贴发放名单")
    return a, b, c


def numbers(page) -> list[str]:
    return [page.model.row_data(r)["number"] for r in range(page.model.rowCount())]


def test_empty_state_says_what_to_do(clerk_ctx, qtbot):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    assert page.stack.currentWidget() is page.empty and page.empty.isVisible()
    assert "新建" in page.empty.text() and "Ctrl+N" in page.empty.text()
    assert page.count_label.text() == "共 0 件"


def test_list_shows_rows_newest_first_and_never_identity(clerk_ctx, qtbot, three):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    assert page.count_label.text() == "共 3 件"
    assert numbers(page) == [three[1].number, three[2].number, three[0].number]
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["编号", "收件日期"] and "办理状态" in headers and "办理时限" in headers
    seen = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    seen.append(value)
    text = "\n".join(seen)
    assert "李四" in text and "青山村委会" in text and "已登记" in text
    for secret in IDENTITY:
        assert secret not in text


def test_search_narrows_the_list(clerk_ctx, qtbot, three):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    type_text(qtbot, page.search, "婚宴")          # two characters: name/unit prefix or number only
    page.search.returnPressed.emit()
    assert page.model.rowCount() == 0 and "三个字以上" in page.hint.text()
    assert "没有符合" in page.empty.text()
    type_text(qtbot, page.search, "王五")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)   # the search runs after typing stops
    assert numbers(page) == [three[1].number]
    type_text(qtbot, page.search, "操办儿子婚宴")  # three characters and more: full-text over the problem
    qtbot.waitUntil(lambda: numbers(page) == [three[1].number], timeout=3000)
    type_text(qtbot, page.search, "青山")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    assert set(numbers(page)) == {three[0].number, three[2].number}
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 3 and page.search.text() == ""


def test_filters_by_kind_and_date(clerk_ctx, qtbot, three):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    page.kinds.set_values(["suggestion"])
    assert numbers(page) == [three[2].number] and page.count_label.text() == "共 1 件"
    page.kinds.set_values([])
    page.date_from.set_value(dt.date(2026, 6, 1))
    page.date_to.set_value(dt.date(2026, 12, 31))
    assert numbers(page) == [three[1].number, three[2].number]


def _click_header(qtbot, page, key: str) -> None:
    header = page.view.horizontalHeader()
    col = page.model.column_of(key)
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_sort_by_received_date_both_ways(clerk_ctx, qtbot, three):
    a, b, c = three
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    assert numbers(page) == [b.number, c.number, a.number]          # default: newest first
    _click_header(qtbot, page, "received_date")
    assert numbers(page) == [a.number, c.number, b.number]
    assert page.model.sort_key == "received_date" and not page.model.sort_descending
    _click_header(qtbot, page, "received_date")
    assert numbers(page) == [b.number, c.number, a.number]
    _click_header(qtbot, page, "subjects")                           # not sortable: nothing changes
    assert numbers(page) == [b.number, c.number, a.number] and page.model.sort_key == "received_date"


def test_enter_and_double_click_open_the_complaint(clerk_ctx, qtbot, three):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    form = page.forms[-1]
    assert isinstance(form, ComplaintForm) and form.view.number == three[0].number
    rect = page.view.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.forms[-1].view.number == three[1].number


def test_ctrl_n_opens_a_new_form_and_saving_refreshes_the_list(clerk_ctx, qtbot, three):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.forms[-1]
    assert form.view is None and form.windowTitle().endswith("新登记")
    form.close()


def test_overdue_rows_are_tinted_and_say_so(clerk_ctx, qtbot, today):
    # 实名, received 2026-10-08: the 15-working-day acceptance notice is long overdue on 2026-11-20
    late = register(clerk_ctx, received=dt.date(2026, 10, 8))
    fresh = register(clerk_ctx, subjects=[("周九", "石桥村委会")], received=today, signature="anonymous")
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    rows = {page.model.row_data(r)["number"]: r for r in range(page.model.rowCount())}
    col = page.model.column_of("due")
    # the deadlines are read after the first screen is shown
    qtbot.waitUntil(lambda: page.model.index(rows[late.number], col).data() == "已超期", timeout=3000)
    late_index = page.model.index(rows[late.number], col)
    assert late_index.data() == "已超期"
    assert late_index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "已超期" in late_index.data(Qt.ItemDataRole.ToolTipRole)
    fresh_index = page.model.index(rows[fresh.number], col)
    assert fresh_index.data() == "" and fresh_index.data(Qt.ItemDataRole.BackgroundRole) is None


def test_export_excel_has_the_filtered_rows_and_no_identity(clerk_ctx, qtbot, three, tmp_path):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    page.kinds.set_values(["accusation"])
    out = tmp_path / "信访件.xlsx"
    page.export_to(out)
    assert page.hint.text() == f"已导出 2 件到 {out}"
    sheet = load_workbook(out).active
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[2][0] == "编号" and len(rows) == 5     # the title and the filter rows, the header, two rows
    assert {r[0] for r in rows[3:]} == {three[0].number, three[1].number}
    flat = "\n".join(str(c) for r in rows for c in r if c is not None)
    for secret in IDENTITY:
        assert secret not in flat


def test_export_to_a_path_that_cannot_be_written_says_why_and_keeps_the_earlier_file(clerk_ctx, qtbot, three,
                                                                                       tmp_path, prompts):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    earlier = tmp_path / "信访件.xlsx"
    page.export_to(earlier)
    before = earlier.read_bytes()
    blocker = tmp_path / "导出"
    blocker.write_bytes(b"a file, not a folder")
    prompts.answer(str(blocker / "信访件.xlsx"))  # the save dialog's answer: a path under a regular file
    page.export_button.click()
    page.export_to(tmp_path)  # an existing folder chosen as the file
    assert prompts.texts("error") == [f"目标路径不是文件夹：{blocker}",
                                      f"已有同名文件夹，无法保存为文件：{tmp_path}"]
    assert page.hint.text() == f"已导出 3 件到 {earlier}"
    assert earlier.read_bytes() == before and blocker.read_bytes() == b"a file, not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["信访件.xlsx", "导出"]
    page.kinds.set_values(["suggestion"])  # the page still works: filters, and exports again
    assert page.count_label.text() == "共 1 件"
    page.export_to(earlier)
    assert page.hint.text() == f"已导出 1 件到 {earlier}" and prompts.texts("save") == ["导出Excel"]


def test_officer_sees_the_list_without_new_button(ctx, qtbot):
    sign_in(ctx, "wang")
    register(ctx)
    sign_in(ctx, "officer1", ["officer"])
    page = show(qtbot, ComplaintsPage(ctx))
    assert page.new_button.isHidden() and page.model.rowCount() == 1
    assert page.new_complaint() is None


def test_find_by_complainant_phone_for_those_who_may_see_identities(clerk_ctx, qtbot, three):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    assert page.complainant.isVisibleTo(page)
    type_text(qtbot, page.complainant, "139 1234 5678")
    page.complainant.returnPressed.emit()
    assert set(numbers(page)) == {three[0].number, three[1].number}  # the anonymous one has no phone
    type_text(qtbot, page.complainant, GOOD_ID)
    page.complainant.returnPressed.emit()
    assert set(numbers(page)) == {three[0].number, three[1].number}
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.complainant.text() == "" and page.model.rowCount() == 3


def test_officer_has_no_complainant_search(ctx, qtbot):
    sign_in(ctx, "officer2", ["officer"])
    page = show(qtbot, ComplaintsPage(ctx))
    assert not page.complainant.isVisibleTo(page)
