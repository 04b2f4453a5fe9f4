"""谈话函询 and 谈话记录 through the real widgets: a lead disposed 谈话函询 → 函询函 → 书面说明 → 采信了结 → the lead
is concluded; a talk with two interviewers recorded and printed (the PDF's text read back with pypdf)."""
from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from gui.dialogs.case_form import CaseForm
from gui.dialogs.lead_form import LeadForm
from gui.dialogs.lead_inquiry import LeadInquiryDialog
from gui.dialogs.talk_form import TalkForm
from gui.pdf_preview import PdfPreviewDialog
from services.casework import inquiries, leads, talks
from services.deadlines import due_list
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import click, show
from tests.helpers.gui_records import make_lead, verified_case

D = dt.date


def _inquiry_dues(ws, lead_id):
    return [(r.due, r.label) for r in due_list.due_items(ws, include_ok=True)
            if r.item_id == lead_id and r.limit_code == due_list.INQUIRY_REPLY_CODE]


def _pdf_lines(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return [line.strip() for line in reader.pages[0].extract_text().splitlines()]


def test_talk_inquiry_letter_reply_and_accepted_closing_conclude_the_lead(admin_ctx, qtbot, prompts, tmp_path):
    ws = admin_ctx.workspace
    lead = make_lead(ws)
    form = show(qtbot, LeadForm(admin_ctx, lead.id))
    form.tabs.setCurrentIndex(1)
    assert not form.followups.inquiry_button.isVisible()    # not disposed yet: no 函询
    form.set_disposition("talk_inquiry")
    form.disposition_date.set_value(D(2026, 11, 2))
    type_text(qtbot, form.collective_note, "纪委会议集体研究，同意谈话函询")
    click(qtbot, form.dispose_button)
    assert form.view.disposition == "talk_inquiry" and form.view.approved

    assert form.followups.summary.text() == "函询：尚未发出函询函"
    click(qtbot, form.followups.inquiry_button)
    dialog = form.children_forms[-1]
    assert isinstance(dialog, LeadInquiryDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == f"谈话函询 — 线索 {lead.number}"
    assert dialog.state.text() == "请发出函询函。"
    assert (dialog.send_box.isEnabled(), dialog.reply_box.isEnabled(), dialog.assess_box.isEnabled()) == (
        True, False, False)
    assert dialog.recipient.currentText() == "张三"          # the lead's person, offered
    assert dialog.due_hint.text() == "回复期限为发函之日起15日（系统设置“函询回复期限（天）”）"

    # 发函 before the disposition: refused at the date field, nothing written
    dialog.sent_date.set_value(D(2026, 11, 1))
    click(qtbot, dialog.send_button)
    assert dialog.send_errors.message("sent_date") == "发函日期（2026-11-01）不能早于处置日期（2026-11-02）"
    assert inquiries.overview(ws, lead.id).letters == []
    dialog.sent_date.set_value(D(2026, 11, 3))
    type_text(qtbot, dialog.letter_note, "请就收受礼金问题作出书面说明")
    click(qtbot, dialog.send_button)
    assert dialog.state.text() == "第1轮函询函已于 2026-11-03 发出，等待书面说明（回复期限 2026-11-18）。"
    assert [dialog.table.item(0, c).text() for c in range(4)] == ["第1轮", "张三", "2026-11-03", "2026-11-18"]
    assert (dialog.send_box.isEnabled(), dialog.reply_box.isEnabled()) == (False, True)
    assert _inquiry_dues(ws, lead.id) == [(D(2026, 11, 18), "函询回复")]
    assert form.followups.summary.text() == "函询：第1轮函询函已发出，回复期限 2026-11-18"

    # 书面说明 with its scan, chosen through the file prompt
    scan = tmp_path / "张三书面说明.pdf"
    scan.write_bytes(b"%PDF-1.4 written explanation")
    prompts.answer(str(scan))
    click(qtbot, next(b for b in dialog.reply_box.findChildren(type(dialog.reply_button)) if b.text() == "选择文件…"))
    assert dialog.reply_file.text() == str(scan)
    dialog.reply_date.set_value(D(2026, 11, 10))
    click(qtbot, dialog.reply_button)
    assert dialog.state.text() == "已于 2026-11-10 收到第1轮书面说明，请登记评估意见。"
    assert dialog.table.item(0, 4).text() == "2026-11-10（张三书面说明.pdf）"
    assert _inquiry_dues(ws, lead.id) == []                  # the reply is in: off the due list

    # 评估: 如实说明 → 采信了结 with the 了结函 date
    dialog.assessment.set_value("truthful")
    assert [dialog.outcome.itemText(i) for i in range(dialog.outcome.count())] == ["采信了结"]
    assert dialog.closing_date.isEnabled()
    dialog.assessment_date.set_value(D(2026, 11, 12))
    dialog.closing_date.set_value(D(2026, 11, 11))
    click(qtbot, dialog.assess_button)
    assert dialog.assess_errors.message("closing_letter_date") == "了结函日期（2026-11-11）不能早于评估日期（2026-11-12）"
    dialog.closing_date.set_value(D(2026, 11, 13))
    click(qtbot, dialog.assess_button)
    assert [dialog.table.item(0, c).text() for c in (5, 6, 7)] == ["如实说明", "采信了结", "2026-11-13"]
    assert dialog.state.text() == f"线索 {lead.number} 已办结（了结），不能再发函询函"
    assert not dialog.send_box.isEnabled()

    # the lead form shows the lead concluded, and each step in its timeline
    assert (form.view.result, form.view.result_date) == ("concluded", D(2026, 11, 13))
    assert form.status.text() == "状态：谈话函询，已办结（了结）"
    assert form.followups.summary.text() == "函询：第1轮评估为“如实说明，采信了结”"
    assert leads.get_lead(ws, lead.id).result_label == "了结"
    assert form.timeline.texts()[-5:] == [
        "发出第1轮函询函（2026-11-03），函询对象 张三，回复期限 2026-11-18",
        "添加附件“张三书面说明.pdf”",
        "收到第1轮函询书面说明（2026-11-10），附件“张三书面说明.pdf”",
        "第1轮函询评估（2026-11-12）：如实说明，采信了结，了结函 2026-11-13",
        "办理结果：了结（2026-11-13）",
    ]


def test_a_talk_with_two_interviewers_is_recorded_and_printed(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    lead = make_lead(ws)
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 11, 2), "纪委会议集体研究")
    form = show(qtbot, LeadForm(admin_ctx, lead.id))
    form.tabs.setCurrentIndex(1)
    click(qtbot, form.followups.talk_button)
    talk = form.children_forms[-1]
    assert isinstance(talk, TalkForm)
    qtbot.waitExposed(talk)
    assert [talk.kind.itemText(i) for i in range(talk.kind.count())] == ["谈话提醒", "廉政谈话", "诫勉", "函询谈话"]
    talk.kind.setCurrentIndex(3)
    talk.talk_date.set_value(D(2026, 11, 6))
    type_text(qtbot, talk.place, "镇纪委谈话室")
    type_text(qtbot, talk.interviewers, "李四、李四")
    type_text(qtbot, talk.summary, "张三就反映问题作了说明，表示今后严格要求自己")
    assert talk.person.currentText() == "张三，青山镇农业办，主任"
    click(qtbot, talk.save_button)
    assert talk.errors.message("interviewers") == "谈话人中“李四”填写了两次，须由至少2名不同人员进行"
    assert talks.list_talks(ws, lead_id=lead.id) == []
    type_text(qtbot, talk.interviewers, "李四，赵六")
    click(qtbot, talk.save_button)
    assert talk.table.rowCount() == 1
    assert [talk.table.item(0, c).text() for c in range(5)] == ["2026-11-06", "函询谈话", "张三", "李四、赵六",
                                                                 "镇纪委谈话室"]
    assert talk.place.text() == "" and talk.print_button.isEnabled()   # the new one is selected, ready to print
    assert form.timeline.texts()[-1] == "函询谈话（2026-11-06）：谈话对象 张三，谈话人 李四、赵六，地点 镇纪委谈话室"

    click(qtbot, talk.print_button)
    preview = talk.children_forms[-1]
    assert isinstance(preview, PdfPreviewDialog) and preview.page_count() == 1
    assert preview.windowTitle() == f"预览 — 谈话记录 {lead.number} 张三 2026-11-06"
    lines = _pdf_lines(preview.pdf_bytes)
    for expected in ("谈话记录", "单位：青山镇纪委", "函询谈话", "2026-11-06", "镇纪委谈话室", "李四、赵六", "张三",
                     "青山镇农业办", "主任", "张三就反映问题作了说明，表示今后严格要求自己", lead.number):
        assert expected in lines, expected


def test_a_case_records_its_talks_from_the_measures_tab(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    case = verified_case(ws)
    form = show(qtbot, CaseForm(admin_ctx, case.id))
    form.tabs.setCurrentIndex(2)
    click(qtbot, form.talk_button)
    talk = form.children_forms[-1]
    assert isinstance(talk, TalkForm)
    assert [talk.kind.itemText(i) for i in range(talk.kind.count())] == ["谈话提醒", "廉政谈话", "诫勉"]
    talk.kind.setCurrentIndex(2)
    talk.talk_date.set_value(D(2026, 11, 18))
    type_text(qtbot, talk.place, "镇纪委谈话室")
    type_text(qtbot, talk.interviewers, "李四、赵六")
    type_text(qtbot, talk.summary, "诫勉谈话")
    click(qtbot, talk.save_button)
    assert [t.kind_label for t in talks.list_talks(ws, case_id=case.id)] == ["诫勉"]
    assert form.timeline.texts()[-1] == "诫勉（2026-11-18）：谈话对象 张三，谈话人 李四、赵六，地点 镇纪委谈话室"
