"""设置 — 办理时限与节假日: limits edited and saved, bad amounts refused, holiday days added and deleted."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from gui.pages.deadlines_tab import DeadlinesTab
from gui.pages.settings_page import SettingsPage
from models import AuditEvent
from services.casework import leads
from services.casework.intake import register_complaint
from services.casework.persons import PersonInput
from services.deadlines import due_list
from services.deadlines.workdays import unknown_year_warning
from services.security import users
from services.storage import settings
from tests.gui.conftest import add_user, type_text
from tests.helpers.gui_hands import click
from tests.helpers.gui_settings import SETTINGS, deadlines_page
from tests.services.daily.conftest import complaint_input

D = dt.date


def _type_amount(qtbot, tab: DeadlinesTab, code: str, text: str) -> None:
    spin = tab.cells[code].spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    spin.interpretText()


def _stored(ws) -> dict:
    with ws.reading() as s:
        return settings.get(s, settings.DEADLINE_OVERRIDES)


def _actions(ws) -> list[str]:
    with ws.reading() as s:
        return [e.action for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()]


def _lead_in_verification(ws) -> int:
    lead = leads.create_lead(ws, leads.LeadInput(source="supervision_found", received_date=D(2026, 10, 10),
                                                 summary="监督检查发现青山村账目问题",
                                                 persons=[PersonInput(name="张三", unit="青山村村委会")]))
    leads.dispose(ws, lead.id, "preliminary_verification", D(2026, 10, 15), "集体研究决定初核", "李四、王五")
    return lead.id


def _notice_due(ws, complaint_id: int) -> dt.date:
    rows = due_list.deadline_of(ws, "complaint", complaint_id)
    return next(r.due for r in rows if r.limit_code == "acceptance_notice")


def test_the_verification_limit_goes_from_two_to_three_months(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    lead_id = _lead_in_verification(ws)
    row, approval = due_list.deadline_of(ws, "lead", lead_id)
    assert (row.label, row.due) == ("初步核实", D(2026, 12, 15))
    assert (approval.label, approval.due) == ("立案审批", D(2027, 1, 15))     # a month after 初核 ends

    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab
    r = next(i for i, x in enumerate(tab.rows) if x["code"] == "preliminary_verification")
    assert [tab.limits.item(r, c).text() for c in (0, 1, 3)] == ["初步核实", "2 个月", "问题线索 · 自处置决定之日起"]
    assert tab.cells["preliminary_verification"].spin.text() == "2 个月"
    assert tab.cells["acceptance_notice"].spin.suffix() == " 个工作日"

    _type_amount(qtbot, tab, "preliminary_verification", "3")
    assert tab.has_unsaved_changes()
    with qtbot.waitSignal(tab.sig_saved, timeout=2000):
        click(qtbot, tab.save_button)
    assert tab.limits_message.text() == "办理时限已保存，未办结事项的到期日已按新期限计算。"
    assert _stored(ws) == {"preliminary_verification": 3}
    assert "setting.change" in _actions(ws)
    assert not tab.has_unsaved_changes()
    row = next(r for r in due_list.deadline_of(ws, "lead", lead_id) if r.limit_code == "preliminary_verification")
    assert row.due == D(2027, 1, 15)

    click(qtbot, tab.defaults_button)
    assert tab.cells["preliminary_verification"].spin.value() == 2
    assert tab.limits_message.text() == "已恢复为默认值，点击“保存”后生效。"
    assert _stored(ws) == {"preliminary_verification": 3}  # not before 保存
    click(qtbot, tab.save_button)
    assert _stored(ws) == {}
    row, approval = due_list.deadline_of(ws, "lead", lead_id)
    assert (row.due, approval.due) == (D(2026, 12, 15), D(2027, 1, 15))


def test_zero_and_negative_amounts_are_refused_at_their_rows(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab
    before = _actions(ws)
    _type_amount(qtbot, tab, "preliminary_verification", "0")
    _type_amount(qtbot, tab, "talk_inquiry", "-5")
    _type_amount(qtbot, tab, "investigation", "4")  # a good value saved with bad ones is not saved either
    click(qtbot, tab.save_button)
    assert tab.cells["preliminary_verification"].error.text() == "“初步核实”的期限应在1至24个月之间"
    assert tab.cells["talk_inquiry"].error.text() == "“谈话函询办理”的期限应在1至366日之间"
    assert tab.cells["investigation"].error.isHidden()
    assert not tab.cells["preliminary_verification"].error.isHidden()
    assert page.focusWidget() is tab.cells["talk_inquiry"].spin  # the first bad row of the table
    assert _stored(ws) == {} and _actions(ws) == before

    _type_amount(qtbot, tab, "talk_inquiry", "20")  # editing a row clears its message
    assert tab.cells["talk_inquiry"].error.isHidden()
    _type_amount(qtbot, tab, "preliminary_verification", "3")
    click(qtbot, tab.save_button)
    assert _stored(ws) == {"preliminary_verification": 3, "talk_inquiry": 20, "investigation": 4}


def test_a_holiday_override_moves_the_acceptance_notice_and_is_deleted(admin_ctx, qtbot, prompts):
    ws = admin_ctx.workspace
    complaint = register_complaint(ws, complaint_input(received_date=D(2026, 11, 3)))
    assert _notice_due(ws, complaint.id) == D(2026, 11, 24)
    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab
    assert tab.holidays.isHidden() and not tab.holidays_empty.isHidden()
    assert not tab.remove_button.isEnabled()

    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "新增节假日调整"
    dialog.date_edit.set_value(D(2026, 11, 23))
    assert dialog.state.text() == "2026-11-23（周一）　目前按工作日计算"
    assert dialog.kind.currentText() == "放假（不计为工作日）"  # the opposite of what the day is now
    type_text(qtbot, dialog.note, "镇里统一调休")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        click(qtbot, dialog.ok_button)

    assert due_list.is_workday(ws, D(2026, 11, 23)) is False
    with ws.reading() as s:
        assert not due_list.work_calendar(s).is_workday(D(2026, 11, 23))
    assert _notice_due(ws, complaint.id) == D(2026, 11, 25)
    assert [tab.holidays.item(0, c).text() for c in range(3)] == ["2026-11-23（周一）", "放假", "镇里统一调休"]
    assert tab.holidays_message.text() == "已录入 2026-11-23（周一）：放假"
    assert "calendar.override" in _actions(ws)

    tab.select_day(D(2026, 11, 23))
    assert tab.remove_button.isEnabled()
    prompts.answer(False)
    click(qtbot, tab.remove_button)
    assert len(due_list.list_holiday_overrides(ws)) == 1  # 取消 keeps it
    prompts.answer(True)
    click(qtbot, tab.remove_button)
    assert prompts.texts("confirm") == ["删除 2026-11-23（周一） 的节假日调整？删除后该日按系统内置安排计算。"] * 2
    assert due_list.list_holiday_overrides(ws) == []
    assert tab.holidays_message.text() == "已删除 2026-11-23（周一）"
    assert tab.holidays.rowCount() == 0 and not tab.holidays_empty.isHidden()
    assert _notice_due(ws, complaint.id) == D(2026, 11, 24)
    assert "calendar.override_removed" in _actions(ws)


def test_days_are_listed_by_date(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    due_list.set_holiday_override(ws, D(2026, 12, 31), False, "")
    due_list.set_holiday_override(ws, D(2026, 11, 21), True, "周六补班")
    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab
    assert [tab.holidays.item(r, 0).text() for r in range(tab.holidays.rowCount())] == \
        ["2026-11-21（周六）", "2026-12-31（周四）"]
    assert tab.holidays.item(0, 1).text() == "调休上班"


def test_the_unknown_year_warning_stays_after_one_day_entered(admin_ctx, qtbot):
    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab  # today is 2026-11-20: the next three months reach into 2027
    assert not tab.notice.isHidden() and tab.notice.isVisible()
    assert tab.notice.text() == unknown_year_warning(2027)  # the fixture assumes 2027 is not published yet

    click(qtbot, tab.add_button)
    dialog = tab.dialog
    dialog.date_edit.set_value(D(2027, 2, 6))
    assert dialog.kind.currentText() == "调休上班（计为工作日）"  # a Saturday
    type_text(qtbot, dialog.note, "春节调休上班")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        click(qtbot, dialog.ok_button)
    # one day is not the year's schedule: 确认已完整录入 clears it (tests/gui/test_holiday_import.py)
    assert tab.notice.isVisible() and tab.notice.text() == unknown_year_warning(2027)
    assert due_list.is_workday(admin_ctx.workspace, D(2027, 2, 6))


def test_an_officer_sees_the_tab_read_only(ctx, qtbot):
    add_user(ctx, "zhao", ["officer"])
    due_list.set_holiday_override(ctx.workspace, D(2026, 11, 23), False, "镇里统一调休")
    users.login(ctx.workspace, "zhao", "user-pass-1")
    page = SettingsPage(ctx, SETTINGS)
    qtbot.addWidget(page)
    page.show()
    assert page.tab_titles() == ["修改我的密码", "系统设置", "办理时限与节假日"]
    tab = page.deadlines_tab
    page.tabs.setCurrentWidget(tab)
    assert not tab.can_edit
    assert all(not c.spin.isEnabled() for c in tab.cells.values())
    for button in (tab.save_button, tab.defaults_button, tab.add_button, tab.remove_button):
        assert button.isHidden()
    assert tab.holidays.item(0, 2).text() == "镇里统一调休"
    assert tab.open_add_day() is None
    tab.select_day(D(2026, 11, 23))
    assert tab.remove_selected_day() is False
    assert len(due_list.list_holiday_overrides(ctx.workspace)) == 1
    assert not tab.has_unsaved_changes() and page.can_leave()


def test_unsaved_limits_ask_before_leaving(admin_ctx, qtbot, prompts):
    ws = admin_ctx.workspace
    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab
    _type_amount(qtbot, tab, "investigation", "4")
    prompts.answer("取消")
    assert page.can_leave() is False
    prompts.answer("保存")
    assert page.can_leave() is True
    assert _stored(ws) == {"investigation": 4}
    assert tab.limits_message.text() == "办理时限已保存，未办结事项的到期日已按新期限计算。"
    _type_amount(qtbot, tab, "investigation", "5")
    prompts.answer("放弃修改")
    assert page.can_leave() is True
    assert prompts.texts("choose") == ["办理时限有未保存的修改，是否保存？"] * 3
    assert tab.cells["investigation"].spin.value() == 4 and _stored(ws) == {"investigation": 4}


def test_a_bad_stored_setting_is_shown_and_replaced(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    with ws.transaction() as s:  # what the old raw JSON box allowed
        settings.put(s, settings.DEADLINE_OVERRIDES, {"talk_inquiry_days": 20})
    page = deadlines_page(admin_ctx, qtbot)
    tab: DeadlinesTab = page.deadlines_tab
    assert "已保存的办理时限设置有误" in tab.limits_error.text() and "talk_inquiry_days" in tab.limits_error.text()
    assert tab.cells["talk_inquiry"].spin.value() == 30
    click(qtbot, tab.save_button)
    assert _stored(ws) == {} and tab.limits_error.isHidden()
