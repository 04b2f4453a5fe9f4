"""谈话函询 by letter (DOMAIN §2, §9): the letter, the written explanation, the assessment, each a dated step in
order, on a lead disposed 谈话函询 only; the reply date on the due list; each step in the lead's timeline."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import AuditEvent, Lead
from services.casework import inquiries, leads, timeline
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.deadlines import due_list
from services.reporting import figures_sql
from services.deadlines.rules import DueStatus
from services.errors import PermissionDenied, StateError, ValidationError
from services.storage import attachments, settings
from services.security import users
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from tests.helpers.outside_sql import run_cli_on
from tests.services.audit_attack import attack

D = dt.date


def _lead(ws, disposition="talk_inquiry", disposed=D(2026, 11, 2)):
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映张三违规收受礼金", persons=[
                                               PersonInput(name="张三", unit="青山镇农业办", post="主任",
                                                           rank="township_level", is_party_member=True)]))
    if disposition:
        leads.dispose(ws, lead.id, disposition, disposed, "纪委会议集体研究",
                      "李四、赵六" if disposition == "preliminary_verification" else "")
    return lead


def _inquiry_dues(ws, lead_id):
    return [(r.item_number, r.due, r.status) for r in due_list.due_items(ws, include_ok=True)
            if r.item_id == lead_id and r.limit_code == due_list.INQUIRY_REPLY_CODE]


def _replied(ws, lead, sent=D(2026, 11, 3), reply=D(2026, 11, 10)):
    letter = inquiries.send_letter(ws, lead.id, sent, "张三")
    return inquiries.record_reply(ws, letter.id, reply)


# ------------------------------------------------------------------ who may be sent a letter
def test_a_letter_only_on_an_approved_open_lead_disposed_talk_inquiry(ws):
    pending = _lead(ws, disposition=None)
    with pytest.raises(StateError) as exc:
        inquiries.send_letter(ws, pending.id, D(2026, 11, 3), "张三")
    assert exc.value.message == f"线索 {pending.number} 的处置方式为“未处置”，只有处置为“谈话函询”的线索才能函询"
    verified = _lead(ws, disposition="preliminary_verification")
    with pytest.raises(StateError) as exc:
        inquiries.send_letter(ws, verified.id, D(2026, 11, 3), "张三")
    assert exc.value.message == f"线索 {verified.number} 的处置方式为“初步核实”，只有处置为“谈话函询”的线索才能函询"

    sign_in_as(ws, "officer1", ["officer"])
    unapproved = _lead(ws)
    with pytest.raises(StateError) as exc:
        inquiries.send_letter(ws, unapproved.id, D(2026, 11, 3), "张三")
    assert exc.value.message == f"线索 {unapproved.number} 的处置尚未经纪委书记审批，审批后才能发出函询函"
    assert inquiries.overview(ws, unapproved.id).can_send is False

    closed = _lead(ws)
    users.login(ws, "wang", ADMIN_PASSWORD)   # back to the secretary
    leads.approve_disposition(ws, closed.id)
    leads.conclude_lead(ws, closed.id, "clarified", D(2026, 11, 5))
    with pytest.raises(StateError) as exc:
        inquiries.send_letter(ws, closed.id, D(2026, 11, 6), "张三")
    assert exc.value.message == f"线索 {closed.number} 已办结（澄清），不能再发函询函"


def test_a_clerk_may_not_send_or_assess_and_an_officer_may(ws):
    lead = _lead(ws)
    sign_in_as(ws, "clerk1", ["clerk"])
    with pytest.raises(PermissionDenied) as exc:
        inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三")
    assert exc.value.message == "您没有“登记和处置问题线索”的权限，请联系纪委书记或系统管理员"
    with pytest.raises(PermissionDenied):
        inquiries.overview(ws, lead.id)
    sign_in_as(ws, "officer1", ["officer"])
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三")
    assert (letter.round, letter.recipient) == (1, "张三")


# ------------------------------------------------------------------ the letter
def test_reply_due_is_the_sending_date_plus_the_setting(ws):
    lead = _lead(ws)
    assert settings.spec("deadlines.inquiry_reply_days").label == "函询回复期限（天）"
    assert inquiries.overview(ws, lead.id).reply_days == 15
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), " 张三 ", "请就收受礼金问题作出书面说明")
    assert (letter.sent_date, letter.reply_due, letter.recipient, letter.note, letter.step) == (
        D(2026, 11, 3), D(2026, 11, 18), "张三", "请就收受礼金问题作出书面说明", "awaiting_reply")

    settings.update(ws, {"deadlines.inquiry_reply_days": 20})
    other = _lead(ws)
    assert inquiries.send_letter(ws, other.id, D(2026, 11, 3), "张三").reply_due == D(2026, 11, 23)
    with pytest.raises(ValidationError) as exc:
        settings.update(ws, {"deadlines.inquiry_reply_days": 0})
    assert exc.value.message == "“函询回复期限（天）”应在 1 到 90 之间"


def test_letter_dates_and_recipient_are_checked_all_at_once(ws):
    lead = _lead(ws)
    with pytest.raises(ValidationError) as exc:
        inquiries.send_letter(ws, lead.id, D(2026, 11, 1), "  ")
    assert exc.value.message == ("函询函有2处需要修改：1. 发函日期（2026-11-01）不能早于处置日期（2026-11-02）；"
                                 "2. 请填写函询对象")
    assert [p.field for p in exc.value.problems] == ["sent_date", "recipient"]
    with pytest.raises(ValidationError) as exc:
        inquiries.send_letter(ws, lead.id, D(2026, 11, 21), "张三")
    assert exc.value.message == "发函日期不能晚于今天（2026-11-20）"
    assert inquiries.overview(ws, lead.id).letters == []   # nothing written


# ------------------------------------------------------------------ the steps in order
def test_no_assessment_before_the_reply_no_reply_before_the_letter_and_one_open_round(ws):
    lead = _lead(ws)
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三")
    with pytest.raises(StateError) as exc:
        inquiries.assess(ws, letter.id, "truthful", D(2026, 11, 12), closing_letter_date=D(2026, 11, 13))
    assert exc.value.message == "第1轮函询尚未收到书面说明，收到并登记后才能评估"
    with pytest.raises(StateError) as exc:
        inquiries.send_letter(ws, lead.id, D(2026, 11, 4), "张三")
    assert exc.value.message == "第1轮函询尚未评估，评估为“再次函询”后才能发出下一轮函询函"
    with pytest.raises(StateError) as exc:   # nor is the lead concluded around the open round
        leads.conclude_lead(ws, lead.id, "clarified", D(2026, 11, 5))
    assert exc.value.message == (f"线索 {lead.number} 的第1轮函询尚未评估，请先在“函询”中登记收到的说明和评估结果")

    with pytest.raises(ValidationError) as exc:
        inquiries.record_reply(ws, letter.id, D(2026, 11, 2))
    assert (exc.value.field, exc.value.message) == ("reply_date", "收到说明日期（2026-11-02）不能早于发函日期（2026-11-03）")
    replied = inquiries.record_reply(ws, letter.id, D(2026, 11, 3))   # the same day is allowed
    assert (replied.reply_date, replied.step) == (D(2026, 11, 3), "awaiting_assessment")
    with pytest.raises(StateError) as exc:
        inquiries.record_reply(ws, letter.id, D(2026, 11, 4))
    assert exc.value.message == "第1轮函询的书面说明已于 2026-11-03 登记，不能重复登记"
    with pytest.raises(StateError):   # still open: assessed not yet
        inquiries.send_letter(ws, lead.id, D(2026, 11, 4), "张三")

    with pytest.raises(ValidationError) as exc:
        inquiries.assess(ws, letter.id, "truthful", D(2026, 11, 2), closing_letter_date=D(2026, 11, 13))
    assert exc.value.message == "评估日期（2026-11-02）不能早于收到说明日期（2026-11-03）"


def test_reply_with_its_scan_is_stored_on_the_lead_and_a_missing_file_writes_nothing(ws, tmp_path):
    lead = _lead(ws)
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三")
    with pytest.raises(ValidationError) as exc:
        inquiries.record_reply(ws, letter.id, D(2026, 11, 10), tmp_path / "没有这个文件.pdf")
    assert exc.value.message == f"找不到文件“{tmp_path / '没有这个文件.pdf'}”，请重新选择"
    assert inquiries.overview(ws, lead.id).letters[0].reply_date is None
    scan = tmp_path / "张三书面说明.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the written explanation")
    v = inquiries.record_reply(ws, letter.id, D(2026, 11, 10), scan, "本人书面说明3页")
    (a,) = attachments.list_attachments(ws, ("lead", lead.id))
    assert (v.reply_attachment_id, v.reply_attachment_name, a.filename, v.note) == (
        a.id, "张三书面说明.pdf", "张三书面说明.pdf", "本人书面说明3页")
    assert attachments.verify_attachment(ws, a.id) is True


# ------------------------------------------------------------------ the assessment
def test_truthful_is_accepted_and_closed_with_the_closing_letter_date_which_concludes_the_lead(ws):
    lead = _lead(ws)
    letter = _replied(ws, lead)
    with pytest.raises(ValidationError) as exc:
        inquiries.assess(ws, letter.id, "truthful", D(2026, 11, 12), "to_verification")
    assert (exc.value.field, exc.value.message) == ("outcome", "评估为“如实说明”的，处理结果应为“采信了结”")
    with pytest.raises(ValidationError) as exc:
        inquiries.assess(ws, letter.id, "truthful", D(2026, 11, 12))
    assert (exc.value.field, exc.value.message) == ("closing_letter_date", "采信了结的，请填写了结函（告知函询对象了结）的日期")
    with pytest.raises(ValidationError) as exc:
        inquiries.assess(ws, letter.id, "truthful", D(2026, 11, 12), closing_letter_date=D(2026, 11, 11))
    assert exc.value.message == "了结函日期（2026-11-11）不能早于评估日期（2026-11-12）"
    with pytest.raises(ValidationError) as exc:
        inquiries.assess(ws, letter.id, "", D(2026, 11, 12))
    assert exc.value.message == "请选择评估意见（如实说明、不如实说明、发现新线索之一）"
    assert leads.get_lead(ws, lead.id).result is None   # every refusal wrote nothing

    v = inquiries.assess(ws, letter.id, "truthful", D(2026, 11, 12), closing_letter_date=D(2026, 11, 13))
    assert (v.assessment_label, v.outcome_label, v.closing_letter_date, v.step) == (
        "如实说明", "采信了结", D(2026, 11, 13), "assessed")
    after = leads.get_lead(ws, lead.id)
    assert (after.result, after.result_label, after.result_date, after.result_note) == (
        "concluded", "了结", D(2026, 11, 13), "第1轮函询如实说明，采信了结")
    with pytest.raises(StateError) as exc:
        inquiries.assess(ws, letter.id, "untruthful", D(2026, 11, 14), "inquire_again")
    assert exc.value.message == "第1轮函询已于 2026-11-12 评估为“如实说明，采信了结”"
    overview = inquiries.overview(ws, lead.id)
    assert (overview.can_send, overview.blocked) == (False, f"线索 {lead.number} 已办结（了结），不能再发函询函")
    with ws.reading() as s:   # the report counts it as 谈话函询了结 (第一种形态) on the 了结 letter's date
        assert s.execute(figures_sql.talk_concluded(None, D(2026, 11, 30))).all() == [
            (after.persons[0].id, D(2026, 11, 13), 1)]


def test_untruthful_goes_to_verification_through_the_lead_conclusion(ws):
    lead = _lead(ws)
    letter = _replied(ws, lead)
    with pytest.raises(ValidationError) as exc:
        inquiries.assess(ws, letter.id, "new_leads", D(2026, 11, 12), "accepted_closed")
    assert exc.value.message == "评估为“发现新线索”的，处理结果应为“转初核”或“再次函询”"
    with pytest.raises(ValidationError) as exc:   # two outcomes possible: it must be said which
        inquiries.assess(ws, letter.id, "untruthful", D(2026, 11, 12))
    assert exc.value.message == "评估为“不如实说明”的，处理结果应为“转初核”或“再次函询”"
    v = inquiries.assess(ws, letter.id, "untruthful", D(2026, 11, 12), "to_verification", note="说明与查证不符")
    assert (v.outcome, v.closing_letter_date, v.note) == ("to_verification", None, "说明与查证不符")
    after = leads.get_lead(ws, lead.id)
    assert (after.result, after.result_date, after.result_note) == ("to_verification", D(2026, 11, 12), "说明与查证不符")
    with ws.reading() as s:   # the 转初核 path of the lead conclusion opened the 初核 lead with the same person
        follow = s.execute(select(Lead).where(Lead.id != lead.id)).scalar_one()
        assert follow.summary == f"（由线索{lead.number}谈话函询后转初核）反映张三违规收受礼金"
        assert [p.name for p in follow.persons] == ["张三"]


def test_inquire_again_opens_a_second_round_after_the_assessment(ws):
    lead = _lead(ws)
    first = _replied(ws, lead)
    inquiries.assess(ws, first.id, "new_leads", D(2026, 11, 12), "inquire_again")
    assert leads.get_lead(ws, lead.id).result is None
    overview = inquiries.overview(ws, lead.id)
    assert (overview.can_send, overview.open_letter) == (True, None)
    with pytest.raises(ValidationError) as exc:
        inquiries.send_letter(ws, lead.id, D(2026, 11, 11), "张三")
    assert exc.value.message == "发函日期（2026-11-11）不能早于上一轮函询评估日期（2026-11-12）"
    second = inquiries.send_letter(ws, lead.id, D(2026, 11, 13), "张三")
    assert (second.round, second.reply_due) == (2, D(2026, 11, 28))
    assert [v.round for v in inquiries.overview(ws, lead.id).letters] == [1, 2]
    inquiries.record_reply(ws, second.id, D(2026, 11, 18))
    inquiries.assess(ws, second.id, "truthful", D(2026, 11, 19), closing_letter_date=D(2026, 11, 20))
    assert leads.get_lead(ws, lead.id).result_date == D(2026, 11, 20)


# ------------------------------------------------------------------ due list and timeline
def test_an_open_letter_is_on_the_due_list_until_its_reply_is_recorded(ws):
    lead = _lead(ws)
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 10), "张三")   # due 11-25, today 11-20
    assert _inquiry_dues(ws, lead.id) == [(f"{lead.number} 第1轮函询", D(2026, 11, 25), DueStatus.OK)]
    assert [r.label for r in due_list.deadline_of(ws, "lead", lead.id)] == ["函询回复", "谈话函询办理"]
    late = inquiries.send_letter(ws, _lead(ws).id, D(2026, 11, 3), "张三")   # due 11-18: overdue
    assert [(r.item_number, r.status) for r in due_list.due_items(ws)
            if r.limit_code == "inquiry_reply"] == [(f"{leads.get_lead(ws, late.lead_id).number} 第1轮函询",
                                                     DueStatus.OVERDUE)]
    inquiries.record_reply(ws, letter.id, D(2026, 11, 20))
    assert _inquiry_dues(ws, lead.id) == []


def test_each_step_is_in_the_lead_timeline_with_its_date(ws, tmp_path):
    lead = _lead(ws)
    scan = tmp_path / "说明.pdf"
    scan.write_bytes(b"%PDF-1.4 x")
    first = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三")
    inquiries.record_reply(ws, first.id, D(2026, 11, 19), scan)   # after the due date 11-18
    inquiries.assess(ws, first.id, "untruthful", D(2026, 11, 19), "inquire_again")
    second = inquiries.send_letter(ws, lead.id, D(2026, 11, 19), "张三")
    inquiries.record_reply(ws, second.id, D(2026, 11, 20))
    inquiries.assess(ws, second.id, "truthful", D(2026, 11, 20), closing_letter_date=D(2026, 11, 20))
    texts = [e.text_zh for e in timeline.timeline(ws, "lead", lead.id)]
    assert texts[2:] == [
        "发出第1轮函询函（2026-11-03），函询对象 张三，回复期限 2026-11-18",
        "添加附件“说明.pdf”",
        "收到第1轮函询书面说明（2026-11-19），附件“说明.pdf”，逾期回复",
        "第1轮函询评估（2026-11-19）：不如实说明，再次函询",
        "发出第2轮函询函（2026-11-19），函询对象 张三，回复期限 2026-12-04",
        "收到第2轮函询书面说明（2026-11-20）",
        "第2轮函询评估（2026-11-20）：如实说明，采信了结，了结函 2026-11-20",
        "办理结果：了结（2026-11-20）",
    ]
    with ws.reading() as s:
        actions = list(s.execute(select(AuditEvent.action).where(AuditEvent.entity == "lead",
                                                                 AuditEvent.entity_id == str(lead.id))).scalars())
    assert actions.count("lead.inquiry_assess") == 2


# ------------------------------------------------------------------ rows changed outside the app
@pytest.mark.both_db
def test_a_reply_backdated_or_an_assessment_turned_in_the_file_is_named_by_check_deep(ws, capsys):
    lead = _lead(ws)
    letter = _replied(ws, lead, sent=D(2026, 11, 3), reply=D(2026, 11, 19))   # replied after its due date
    other = _replied(ws, _lead(ws))
    inquiries.assess(ws, other.id, "untruthful", D(2026, 11, 12), "inquire_again")
    assert run_cli_on(capsys, ws, "check", "--deep")[0] == 0
    # The attacker hides the late reply and turns 不如实说明 into 如实说明, with SQL outside the app.
    attack(ws, f"UPDATE inquiry_letters SET reply_date = '2026-11-17' WHERE id = {letter.id}",
           f"UPDATE inquiry_letters SET assessment = 'truthful' WHERE id = {other.id}")
    code, text = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    for row_id in (letter.id, other.id):
        assert f"函询记录（inquiry_letters #{row_id}）：内容与审计日志记录的不一致（在程序外被修改）" in text
