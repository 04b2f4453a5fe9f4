"""The follow-up of a 实名检举控告 through the real widgets: 转办 with 催办 and the reply, 受理告知, the lead
concluded (the complaint is 办结 with it and the 反馈 falls due on the 工作台), then 反馈 (电话, 满意)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.complaint_followup import ContactDialog, ReferralDialog, TransferDialog
from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_form import LeadForm
from gui.form_widgets import ActionDialog
from gui.pages.dashboard_page import DashboardPage
from services.casework import contacts, intake, referrals
from tests.gui.conftest import add_user, type_text, when_modal
from tests.helpers.gui_hands import choose, click, show
from tests.helpers.gui_records import register
from tests.helpers.gui_users import sign_in

D = dt.date


def press(qtbot, form: ComplaintForm, code: str, handle) -> None:
    """Press the form's action button ``code``; ``handle(dialog)`` is the user's hand on the dialog it opens."""
    seen = []

    def hand(dialog):
        seen.append(dialog)
        handle(dialog)

    when_modal(hand)
    click(qtbot, form.action_buttons[code])
    assert seen, f"no dialog opened for {code}"


def due_rows(qtbot, ctx, number: str) -> list[tuple]:
    page = show(qtbot, DashboardPage(ctx), (1280, 800))
    rows = [(r[0], r[2], r[3]) for r in page.due_rows() if r[1].startswith(number)]
    page.close()
    return rows


def test_refer_remind_reply_notify_conclude_the_lead_and_feed_back(wang_ctx, qtbot):
    ctx, ws = wang_ctx, wang_ctx.workspace
    add_user(ctx, "xu", ["clerk"])
    c = register(ctx, received=D(2026, 10, 20))
    sign_in(ctx, "xu")
    form = show(qtbot, ComplaintForm(ctx, c.id), (1100, 800))

    def accept(dialog):
        assert isinstance(dialog, ActionDialog)
        dialog.date_edit.set_value(D(2026, 10, 21))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    press(qtbot, form, "accept", accept)
    lead_id = intake.get_complaint(ws, c.id).lead_id
    assert lead_id is not None

    # 转办: the 受理单位 is required; then 文号 and a 回复期限 already past on 11-20
    steps = []

    def transfer(dialog):
        assert isinstance(dialog, TransferDialog) and dialog.windowTitle() == "转办"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        steps.append(dialog.errors.message("to_body"))
        type_text(qtbot, dialog.to_body, "县自然资源局")
        dialog.date_edit.set_value(D(2026, 10, 22))
        type_text(qtbot, dialog.document_number, "青纪转〔2026〕5号")
        dialog.due_date.set_value(D(2026, 11, 5))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    press(qtbot, form, "transfer", transfer)
    assert steps == ["请填写转办单位"]
    assert form.state_label.text().startswith("已转办") and form.status.text() == "已转办"
    assert form.action_buttons["referral"].isVisible() and not form.action_buttons["transfer"].isVisible()
    sign_in(ctx, "wang")
    assert due_rows(qtbot, ctx, c.number) == [("已超期", "信访件：转办件回复", "2026-11-05"),
                                              ("已超期", "信访件：实名举报受理告知", "2026-11-10")]
    sign_in(ctx, "xu")

    # 催办, then the reply: a date before the sending is refused at its field, the dialog keeps the text
    shown = {}

    def follow(dialog):
        assert isinstance(dialog, ReferralDialog)
        assert dialog.texts() == [["县自然资源局", "2026-10-22", "青纪转〔2026〕5号", "2026-11-05", "", "未回复"]]
        dialog.reminder_date.set_value(D(2026, 11, 6))
        click(qtbot, dialog.remind_button)
        shown["after_reminder"] = dialog.texts()[0][4]
        dialog.reply_date.set_value(D(2026, 10, 21))
        type_text(qtbot, dialog.reply_result, "经核查，已责令整改")
        click(qtbot, dialog.reply_button)
        shown["refused"] = dialog.reply_date_error.text()
        dialog.reply_date.set_value(D(2026, 11, 10))
        click(qtbot, dialog.reply_button)
        shown["after_reply"] = dialog.texts()[0][5]
        shown["buttons"] = (dialog.remind_button.isEnabled(), dialog.reply_button.isEnabled())
        click(qtbot, dialog.close_button)
    press(qtbot, form, "referral", follow)
    assert shown == {"after_reminder": "2026-11-06", "refused": "回复日期（2026-10-21）不能早于转办日期（2026-10-22）",
                     "after_reply": "2026-11-10 经核查，已责令整改", "buttons": (False, False)}
    (r,) = referrals.list_referrals(ws, c.id)
    assert (r.reminders, r.reply_date, r.reply_result) == ([D(2026, 11, 6)], D(2026, 11, 10), "经核查，已责令整改")

    # 受理告知: how, when, by whom (the signed-in user, prefilled)
    def notify(dialog):
        assert isinstance(dialog, ContactDialog) and dialog.response is None
        assert dialog.by_whom.text() == "xu"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)   # no method chosen yet
        steps.append(dialog.errors.message("method"))
        choose(dialog.method, "phone")
        dialog.date_edit.set_value(D(2026, 10, 23))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    press(qtbot, form, "acceptance_notice", notify)
    assert steps[-1] == "请选择受理告知方式（当面、电话、书面之一）"
    assert not form.action_buttons["acceptance_notice"].isVisible()
    form.close()

    # the secretary concludes the lead (谈话函询 → 澄清): the complaint is 办结 with it, the 反馈 falls due
    sign_in(ctx, "wang")
    assert due_rows(qtbot, ctx, c.number) == []
    lead_form = show(qtbot, LeadForm(ctx, lead_id))
    lead_form.tabs.setCurrentIndex(1)
    click(qtbot, lead_form.disposition_radios["talk_inquiry"])
    lead_form.disposition_date.set_value(D(2026, 10, 22))
    type_text(qtbot, lead_form.collective_note, "纪委会议集体研究，同意函询")
    click(qtbot, lead_form.dispose_button)
    choose(lead_form.result, "clarified")
    lead_form.result_date.set_value(D(2026, 11, 2))
    type_text(qtbot, lead_form.result_note, "经函询，反映问题不实，予以澄清")
    click(qtbot, lead_form.conclude_button)
    lead_form.close()
    view = intake.get_complaint(ws, c.id)
    assert (view.state, view.concluded_date) == ("concluded", D(2026, 11, 2))
    assert due_rows(qtbot, ctx, c.number) == [("即将到期", "信访件：实名举报处理结果反馈", "2026-11-23")]

    # 反馈 by phone; the complainant is satisfied
    sign_in(ctx, "xu")
    form = show(qtbot, ComplaintForm(ctx, c.id), (1100, 800))
    assert form.state_label.text().startswith("已办结")

    def feed_back(dialog):
        assert isinstance(dialog, ContactDialog) and dialog.windowTitle() == "记录反馈"
        choose(dialog.method, "phone")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)   # no response chosen yet
        steps.append(dialog.errors.message("response"))
        choose(dialog.response, "satisfied")
        dialog.date_edit.set_value(D(2026, 11, 20))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    press(qtbot, form, "feedback", feed_back)
    assert steps[-1] == "请选择反映人对处理结果的意见（满意、基本满意、不满意、无法联系之一）"
    assert form.status.text() == "已记录反馈" and not form.action_buttons["feedback"].isVisible()
    assert [(x.kind_label, x.contact_date, x.method_label, x.by_whom, x.response_label)
            for x in contacts.list_contacts(ws, c.id)] == [
        ("受理告知", D(2026, 10, 23), "电话", "xu", ""), ("结果反馈", D(2026, 11, 20), "电话", "xu", "满意")]
    form.tabs.setCurrentIndex(1)
    assert form.timeline_texts()[1:] == [
        "受理（2026-10-21）",
        "转办至县自然资源局（2026-10-22），文号 青纪转〔2026〕5号，回复期限 2026-11-05",
        "向县自然资源局催办（2026-11-06）",
        "收到县自然资源局的回复（2026-11-10）：经核查，已责令整改",
        "向实名反映人告知受理情况（2026-10-23），电话，经办人 xu",
        f"办结（2026-11-02），随{view.lead_number}办结",
        "向实名反映人反馈处理结果（2026-11-20），电话，经办人 xu，反映人满意"]
    form.close()
    sign_in(ctx, "wang")
    assert due_rows(qtbot, ctx, c.number) == []
