"""设置 — 办理时限与节假日: 导入… a year's schedule, a bad file refused inline, 确认已完整录入 clearing the warning."""
from __future__ import annotations

import datetime as dt

from services.deadlines import due_list
from services.deadlines.workdays import unknown_year_warning
from tests.helpers.gui_hands import click
from tests.helpers.gui_settings import deadlines_page

D = dt.date


def _rows(tab) -> list[tuple[str, str]]:
    return [(tab.holidays.item(r, 0).text(), tab.holidays.item(r, 1).text()) for r in range(tab.holidays.rowCount())]


def test_a_bad_file_is_refused_then_a_good_one_imported_and_confirmed(admin_ctx, qtbot, prompts, tmp_path):
    page = deadlines_page(admin_ctx, qtbot)
    tab = page.deadlines_tab
    assert tab.notice.text() == unknown_year_warning(2027)
    bad = tmp_path / "bad.txt"
    bad.write_text("2027-02-06,班\n2027-02-07,补\n", encoding="utf-8")
    prompts.answer(str(bad))
    click(qtbot, tab.import_button)
    assert tab.holidays_error.isVisible()
    assert tab.holidays_error.text() == ("放假安排文件有1处问题，未导入任何日期："
                                         "第2行：“补”无法识别，应填“休”（放假）或“班”（调休上班）")
    assert _rows(tab) == [] and due_list.list_holiday_overrides(admin_ctx.workspace) == []

    good = tmp_path / "2027.txt"
    good.write_text("日期,安排,说明\n2027-02-06,班,春节调休上班\n2027-02-11,休,春节\n", encoding="utf-8")
    prompts.answer(str(good), False)   # the file, then "entered in full?" → not yet
    click(qtbot, tab.import_button)
    assert prompts.texts("confirm") == ["是否已按国务院办公厅通知录入2027年的全部放假和调休上班日期？"
                                        "确认后不再提示2027年的安排未录入。"]
    assert tab.holidays_error.isHidden()
    assert _rows(tab) == [("2027-02-06（周六）", "调休上班"), ("2027-02-11（周四）", "放假")]
    assert tab.holidays_message.text() == "已导入2027年放假安排 2 天（新增 2，修改 0）"
    assert tab.notice.isVisible() and tab.notice.text() == unknown_year_warning(2027)  # not confirmed: it stays

    prompts.answer(True)
    click(qtbot, tab.complete_button)
    assert tab.notice.isHidden()
    assert tab.holidays_message.text() == "已确认2027年放假安排已完整录入"
    assert due_list.calendar_warnings(admin_ctx.workspace) == []


def test_the_template_is_saved_where_chosen(admin_ctx, qtbot, prompts, tmp_path):
    from openpyxl import load_workbook
    page = deadlines_page(admin_ctx, qtbot)
    tab = page.deadlines_tab
    target = tmp_path / "模板.xlsx"
    prompts.answer(str(target))
    click(qtbot, tab.template_button)
    assert tab.holidays_message.text() == f"已保存模板：{target}"
    assert [c.value for c in load_workbook(target).active[1]] == ["日期", "安排", "说明"]
