"""The 办理事项 filter of the 信访登记 list and the 函询事项 filter of the 问题线索 list, picked in their popups
through the real widgets: the list shows exactly the complaints (leads) with that work still to do."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.pages.complaints_page import ComplaintsPage
from gui.pages.leads_page import LeadsPage
from services.casework import contacts, inquiries, intake, leads, referrals
from tests.helpers.followup_gui import register, show

D = dt.date


def _pick(qtbot, combo, label: str) -> None:
    """Open the combo's popup and click the item ``label`` (the popup stays open; close it after)."""
    combo.showPopup()
    view = combo.view()
    model = combo.model()
    (row,) = [r for r in range(model.rowCount()) if model.item(r).text() == label]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 0)).center())
    combo.hidePopup()


def _numbers(page) -> list[str]:
    return sorted(page.model.row_data(r)["number"] for r in range(page.model.rowCount()))


def test_picking_a_followup_shows_the_complaints_with_that_work_left(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    notice_late = register(admin_ctx, received=D(2026, 10, 9))   # no 受理告知 within 15 working days
    concluded = register(admin_ctx, received=D(2026, 10, 12), subjects=(("王五", "石桥村委会"),))
    lead = intake.accept(ws, concluded.id, D(2026, 10, 12)).lead_id
    contacts.record_acceptance_notice(ws, concluded.id, D(2026, 10, 13), "电话", "王书记")
    leads.dispose(ws, lead, "closed", D(2026, 10, 20), "集体研究：予以了结")
    leads.conclude_lead(ws, lead, "concluded", D(2026, 10, 20))   # 反馈 was due 2026-11-10
    fresh = register(admin_ctx, received=D(2026, 11, 18), subjects=(("陈六", "青山镇财政所"),))
    sent = register(admin_ctx, received=D(2026, 10, 20), subjects=(("周七", "河口村委会"),))
    intake.transfer(ws, sent.id, D(2026, 10, 21), "县自然资源局", "青纪转〔2026〕5号", D(2026, 11, 11))
    contacts.record_acceptance_notice(ws, sent.id, D(2026, 10, 22), "书面", "王书记")
    answered = register(admin_ctx, received=D(2026, 10, 20), subjects=(("吴八", "河口村委会"),))
    intake.transfer(ws, answered.id, D(2026, 10, 21), "县林草局", "", D(2026, 11, 11))
    contacts.record_acceptance_notice(ws, answered.id, D(2026, 10, 22), "书面", "王书记")
    referrals.record_reply(ws, referrals.list_referrals(ws, answered.id)[0].id, D(2026, 11, 2), "已处理")

    page = show(qtbot, ComplaintsPage(admin_ctx))
    assert page.count_label.text() == "共 5 件"
    assert page.followups.currentText() == "全部办理事项"
    _pick(qtbot, page.followups, "反馈已超期")
    assert _numbers(page) == [concluded.number] and page.count_label.text() == "共 1 件"
    assert page.followups.currentText() == "反馈已超期"
    _pick(qtbot, page.followups, "反馈已超期")   # unticked again
    _pick(qtbot, page.followups, "转办未回复")
    assert _numbers(page) == [sent.number]
    _pick(qtbot, page.followups, "待告知")   # either of the two
    assert _numbers(page) == sorted([notice_late.number, fresh.number, sent.number])
    page.clear_filters()
    assert page.followups.values() == [] and page.count_label.text() == "共 5 件"
    _pick(qtbot, page.followups, "告知已超期")
    assert _numbers(page) == [notice_late.number]
    page.kinds.set_values(["suggestion"])   # AND'ed with the other filters
    assert page.count_label.text() == "共 0 件" and "没有符合筛选条件的信访件" in page.empty.text()


def test_picking_a_lead_inquiry_filter(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    numbers = []
    for received, sent in ((D(2026, 10, 9), D(2026, 10, 20)), (D(2026, 11, 2), D(2026, 11, 16)),
                           (D(2026, 11, 3), None)):
        accepted = intake.accept(ws, register(admin_ctx, received=received).id, received)
        numbers.append(accepted.lead_number)
        if sent:
            leads.dispose(ws, accepted.lead_id, "talk_inquiry", sent, "集体研究：谈话函询")
            inquiries.send_letter(ws, accepted.lead_id, sent, "李四", "请就反映问题作出书面说明")
    page = show(qtbot, LeadsPage(admin_ctx))
    assert page.model.rowCount() == 3
    _pick(qtbot, page.followups, "函询回复已超期")   # the letter of 2026-10-20 was due 2026-11-04
    assert _numbers(page) == [numbers[0]]
    _pick(qtbot, page.followups, "待函询回复")
    assert _numbers(page) == sorted(numbers[:2])
