"""一案双查 page and ledger form, driven through the real widgets."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from gui.dialogs.ledger_form import LedgerForm
from gui.pages.ledger_page import LedgerPage
from services.casework import ledger_entries
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import activate, choose, click, click_header, ctrl_s, discard, show
from tests.helpers.gui_records import ledger_entry, verified_case


def test_ledger_form_creates_an_entry_and_method_only_for_accountability(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    page = show(qtbot, LedgerPage(wang_ctx), (1280, 800))
    assert "还没有一案双查台账" in page.empty.text()
    activate(qtbot, page)
    form = page.new_item()
    qtbot.waitExposed(form)
    assert isinstance(form, LedgerForm)
    choose(form.case, case.id)
    type_text(qtbot, form.unit, "青山镇农业办")
    form.entry_date.set_value(dt.date(2026, 11, 19))
    choose(form.lead_source, "complaint")
    type_text(qtbot, form.problem_nature, "主体责任落实不力")
    leaders = form.leaders
    type_text(qtbot, leaders.editor(0, "name"), "刘某")
    type_text(qtbot, leaders.editor(0, "post"), "主任")
    choose(leaders.editor(0, "position_type"), "principal_leader")
    choose(leaders.editor(0, "responsibility"), "principal")
    method = leaders.editor(0, "accountability_method")
    assert not method.isEnabled()
    choose(leaders.editor(0, "outcome"), "held_accountable")
    assert method.isEnabled()
    leaders.editor(0, "outcome_date").set_value(dt.date(2026, 11, 19))
    ctrl_s(qtbot, form.unit)                                                   # no method, no basis: refused
    assert "处理结果为“追责”时须选择追责方式" in form.leaders_error.text() and "追责依据" in form.leaders_error.text()
    assert form.entry_id is None and page.row_texts("number") == []

    choose(method, "admonishment")
    type_text(qtbot, leaders.editor(0, "basis"), "《中国共产党问责条例》第七条")
    click(qtbot, form.add_leader_button)
    type_text(qtbot, leaders.editor(1, "name"), "陈某")
    choose(leaders.editor(1, "position_type"), "leader_in_charge")
    choose(leaders.editor(1, "responsibility"), "leadership")
    choose(leaders.editor(1, "outcome"), "integrity_talk")
    leaders.editor(1, "outcome_date").set_value(dt.date(2026, 11, 19))
    assert not leaders.editor(1, "accountability_method").isEnabled()
    ctrl_s(qtbot, form.unit)
    assert form.entry_id is not None
    v = ledger_entries.get_ledger_entry(ws, form.entry_id)
    assert [(x["name"], x["outcome"], x["accountability_method"]) for x in v.leaders] == [
        ("刘某", "held_accountable", "admonishment"), ("陈某", "integrity_talk", None)]
    assert page.row_texts("unit") == ["青山镇农业办"]
    assert page.row_texts("outcomes") == ["刘某：追责、陈某：廉政谈话"]
    assert any("建立一案双查台账" in t for t in form.timeline.texts())
    assert not form.unit.isEnabled() and leaders.editor(0, "outcome").isEnabled()


def test_ledger_outcome_is_recorded_later_on_the_saved_entry(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    e = ledger_entry(ws, case.id, "青山镇财政所", dt.date(2026, 11, 15))
    form = show(qtbot, LedgerForm(wang_ctx, e.id), (1080, 700))
    assert form.leaders.editor(0, "name").text() == "刘主任" and not form.leaders.editor(0, "name").isEnabled()
    choose(form.leaders.editor(0, "outcome"), "closed_no_fault")
    form.leaders.editor(0, "outcome_date").set_value(dt.date(2026, 11, 10))   # before the entry date
    ctrl_s(qtbot, form.leaders.editor(0, "basis"))
    assert "不能早于台账日期" in form.leaders_error.text()
    assert ledger_entries.get_ledger_entry(ws, e.id).leaders[0]["outcome"] is None
    form.leaders.editor(0, "outcome_date").set_value(dt.date(2026, 11, 18))
    ctrl_s(qtbot, form.leaders.editor(0, "basis"))
    x = ledger_entries.get_ledger_entry(ws, e.id).leaders[0]
    assert (x["outcome"], x["outcome_date"]) == ("closed_no_fault", dt.date(2026, 11, 18))
    assert any("刘主任的处理结果：了结" in t for t in form.timeline.texts())


def test_ledger_page_filters_searches_sorts_and_exports(wang_ctx, qtbot, tmp_path, prompts):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    a = ledger_entry(ws, case.id, "青山镇农业办", dt.date(2026, 11, 11), "刘主任")
    b = ledger_entry(ws, case.id, "青山镇财政所", dt.date(2026, 11, 14), "陈所长", "inquiry")
    page = show(qtbot, LedgerPage(wang_ctx), (1280, 800))
    assert page.row_texts("number") == [b.number, a.number]
    page.date_to.set_value(dt.date(2026, 11, 12))
    assert page.row_texts("number") == [a.number]
    page.date_to.clear_value()
    type_text(qtbot, page.search, "陈所长")
    page.refresh()
    assert page.row_texts("unit") == ["青山镇财政所"]
    page.search.clear()
    page.refresh()
    click_header(qtbot, page.view, page.model.column_of("unit"))
    units = page.row_texts("unit")
    click_header(qtbot, page.view, page.model.column_of("unit"))
    assert page.row_texts("unit") == list(reversed(units)) and sorted(units) in (units, list(reversed(units)))
    out = tmp_path / "台账.xlsx"
    page.export_to(out)
    assert prompts.texts("info") == [f"已导出 2 条记录到 {out}"]
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[2][:4] == ("编号", "台账日期", "案件编号", "被检查单位") and len(rows) == 5
    form = page.open_item(a.id)
    assert isinstance(form, LedgerForm) and form.entry_id == a.id
    choose(form.leaders.editor(0, "outcome"), "inquiry")
    assert form.is_dirty()
    discard(qtbot, form, prompts)
