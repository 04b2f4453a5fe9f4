"""The 打印… buttons of the follow-up dialogs (issue 14 item 16): each opens the PDF preview of its letter, filled
from the record, and the print is in the item's timeline."""
from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from gui.dialogs.complaint_followup import ContactDialog, ReferralDialog
from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_inquiry import LeadInquiryDialog
from gui.pdf_preview import PdfPreviewDialog
from services.casework import inquiries, intake, leads, timeline
from tests.helpers.gui_hands import click, show
from tests.helpers.gui_records import make_lead, register

D = dt.date


def _text(preview: PdfPreviewDialog) -> str:
    reader = PdfReader(io.BytesIO(preview.pdf_bytes))
    assert len(reader.pages) == 1 and preview.page_count() == 1
    return reader.pages[0].extract_text().replace(" ", "").replace("\n", "")


def _timeline(ws, entity, item_id) -> list[str]:
    return [e.text_zh for e in timeline.timeline(ws, entity, item_id)]


def test_acceptance_notice_and_referral_letter_buttons_open_the_preview(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    c = register(admin_ctx, received=D(2026, 11, 2))
    intake.accept(ws, c.id, D(2026, 11, 3))
    form = show(qtbot, ComplaintForm(admin_ctx, c.id), (1100, 800))
    dialog = show(qtbot, ContactDialog(form, feedback=False))
    assert dialog.print_button.text() == "打印受理告知书…"
    dialog.date_edit.set_value(D(2026, 11, 4))
    click(qtbot, dialog.print_button)
    preview = dialog.letter_previews[-1]
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert preview.windowTitle() == f"预览 — 受理告知书 {c.number}"
    text = _text(preview)
    for expected in ("受理告知书", f"编号：{c.number}", "赵铁柱同志：", "反映李四有关问题", "我委已于2026年11月3日依规受理",
                     "青山镇纪委", "2026年11月4日"):
        assert expected in text, expected
    assert _timeline(ws, "complaint", c.id)[-2:] == ["查看反映人身份信息（打印告知书）", "打印受理告知书"]
    for w in (preview, dialog, form):
        w.close()

    other = register(admin_ctx, received=D(2026, 11, 5), subjects=(("王五", "青山镇"),))
    intake.transfer(ws, other.id, D(2026, 11, 6), "县自然资源局", "青纪转〔2026〕7号", D(2026, 11, 30))
    form = show(qtbot, ComplaintForm(admin_ctx, other.id), (1100, 800))
    referrals_dialog = show(qtbot, ReferralDialog(form))
    click(qtbot, referrals_dialog.print_button)
    preview = referrals_dialog.letter_previews[-1]
    assert preview.windowTitle() == "预览 — 转办函 县自然资源局 2026-11-06"
    text = _text(preview)
    for expected in ("转办函", "青纪转〔2026〕7号", "县自然资源局：", "请于2026年11月30日前", "2026年11月6日"):
        assert expected in text, expected
    assert "赵铁柱" not in text
    assert _timeline(ws, "complaint", other.id)[-1] == "打印转办函"
    for w in (preview, referrals_dialog, form):
        w.close()


def test_feedback_notice_button_prints_the_result(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    c = register(admin_ctx, received=D(2026, 11, 2))
    lead_id = intake.accept(ws, c.id, D(2026, 11, 3)).lead_id
    leads.dispose(ws, lead_id, "talk_inquiry", D(2026, 11, 4), "纪委会议集体研究", "")
    leads.conclude_lead(ws, lead_id, "clarified", D(2026, 11, 9), "经核查，反映问题不实，予以澄清")
    form = show(qtbot, ComplaintForm(admin_ctx, c.id), (1100, 800))
    dialog = show(qtbot, ContactDialog(form, feedback=True))
    assert dialog.print_button.text() == "打印反馈告知书…"
    dialog.date_edit.set_value(D(2026, 11, 12))
    click(qtbot, dialog.print_button)
    text = _text(dialog.letter_previews[-1])
    for expected in ("反馈告知书", "赵铁柱同志：", "经办理，该问题线索已澄清（2026年11月9日）", "经核查，反映问题不实，予以澄清",
                     "2026年11月12日"):
        assert expected in text, expected
    for w in (dialog.letter_previews[-1], dialog, form):
        w.close()


def test_inquiry_notice_button_prints_the_chosen_round(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    lead = make_lead(ws)
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 11, 2), "纪委会议集体研究", "")
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三", "请就收受礼金问题作出书面说明")
    dialog = show(qtbot, LeadInquiryDialog(admin_ctx, lead.id))
    saved = []
    dialog.sig_saved.connect(lambda *args: saved.append(args))
    click(qtbot, dialog.print_button)
    preview = dialog.letter_previews[-1]
    assert preview.windowTitle() == f"预览 — 函询通知书 {lead.number} 第1轮"
    text = _text(preview)
    for expected in ("函询通知书", f"线索编号：{lead.number}", "张三同志：", "函询事项：请就收受礼金问题作出书面说明。",
                     f"于{letter.reply_due.year}年{letter.reply_due.month}月{letter.reply_due.day}日前", "2026年11月3日"):
        assert expected in text, expected
    assert saved == [("lead", lead.id)]
    assert _timeline(ws, "lead", lead.id)[-1] == "打印函询通知书"
    preview.close()
    dialog.close()
