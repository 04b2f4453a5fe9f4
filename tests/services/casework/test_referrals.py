"""转办 with 催办 and the reply, 受理告知 and 反馈 as records, and the complaint concluded with its lead or case
(DOMAIN §1, §9): the rules on their edges, the due list, the timeline, and the rows watched by the audit."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import ComplainantContact, Referral
from services.casework import cases, contacts, intake, leads, referrals, timeline
from services.deadlines import due_list
from services.deadlines.workdays import WorkCalendar
from services.errors import PermissionDenied, StateError, ValidationError
from tests.conftest import published_up_to_2026, sign_in_as
from tests.helpers.outside_sql import run_cli_on
from tests.services.audit_attack import attack
from tests.services.daily.conftest import complaint_input
from tests.helpers.verification import approve_plan

D = dt.date


@pytest.fixture
def register(ws):
    return lambda **over: intake.register_complaint(ws, complaint_input(**over))


def _due(ws, item_id: int, code: str):
    return [r for r in due_list.due_items(ws, include_ok=True) if r.item_id == item_id and r.limit_code == code]


def _feedback_due(concluded: dt.date) -> dt.date:
    return WorkCalendar({}, known_years=published_up_to_2026).add_workdays(concluded, 15)


# ------------------------------------------------------------------ 转办, 催办, 回复
def test_transfer_records_the_referral_its_reminders_and_the_reply(ws, register):
    v = register()
    with pytest.raises(ValidationError) as exc:
        intake.transfer(ws, v.id, D(2026, 11, 3), "县自然资源局", "青纪转〔2026〕3号", D(2026, 11, 2))
    assert (exc.value.field, exc.value.message) == ("due_date", "回复期限（2026-11-02）不能早于转办日期（2026-11-03）")
    t = intake.transfer(ws, v.id, D(2026, 11, 3), "县自然资源局", "青纪转〔2026〕3号", D(2026, 11, 30))
    assert (t.state, t.referred_to, t.state_date) == ("transferred", "县自然资源局", D(2026, 11, 3))
    assert "referral" in t.actions
    (r,) = referrals.list_referrals(ws, v.id)
    assert (r.to_body, r.sent_date, r.document_number, r.due_date, r.reminders, r.replied) == (
        "县自然资源局", D(2026, 11, 3), "青纪转〔2026〕3号", D(2026, 11, 30), [], False)

    with pytest.raises(ValidationError) as exc:
        referrals.record_reminder(ws, r.id, D(2026, 11, 2))
    assert exc.value.message == "催办日期（2026-11-02）不能早于转办日期（2026-11-03）"
    with pytest.raises(ValidationError) as exc:
        referrals.record_reminder(ws, r.id, D(2026, 11, 21))
    assert exc.value.message == "催办日期不能晚于今天（2026-11-20）"
    assert referrals.record_reminder(ws, r.id, D(2026, 11, 10)).reminders == [D(2026, 11, 10)]
    with pytest.raises(ValidationError) as exc:
        referrals.record_reminder(ws, r.id, D(2026, 11, 9))
    assert exc.value.message == "催办日期（2026-11-09）不能早于上次催办日期（2026-11-10）"
    with pytest.raises(ValidationError) as exc:
        referrals.record_reminder(ws, r.id, D(2026, 11, 10))
    assert exc.value.message == "2026-11-10 已登记过催办"
    assert referrals.record_reminder(ws, r.id, D(2026, 11, 16)).reminders == [D(2026, 11, 10), D(2026, 11, 16)]

    with pytest.raises(ValidationError) as exc:
        referrals.record_reply(ws, r.id, D(2026, 11, 18), "  ")
    assert exc.value.field == "result"
    with pytest.raises(ValidationError) as exc:
        referrals.record_reply(ws, r.id, D(2026, 11, 1), "已查实")
    assert exc.value.message == "回复日期（2026-11-01）不能早于转办日期（2026-11-03）"
    done = referrals.record_reply(ws, r.id, D(2026, 11, 18), "经查，反映问题部分属实，已责令整改")
    assert (done.reply_date, done.reply_result, done.replied) == (D(2026, 11, 18), "经查，反映问题部分属实，已责令整改", True)
    with pytest.raises(StateError) as exc:
        referrals.record_reply(ws, r.id, D(2026, 11, 19), "再次回复")
    assert exc.value.message == "县自然资源局的回复已于 2026-11-18 登记，不能重复登记"
    with pytest.raises(StateError) as exc:
        referrals.record_reminder(ws, r.id, D(2026, 11, 19))
    assert exc.value.message == "县自然资源局已于 2026-11-18 回复，无需再催办"

    assert [e.text_zh for e in timeline.timeline(ws, "complaint", v.id)][1:] == [
        "转办至县自然资源局（2026-11-03），文号 青纪转〔2026〕3号，回复期限 2026-11-30",
        "向县自然资源局催办（2026-11-10）", "向县自然资源局催办（2026-11-16）",
        "收到县自然资源局的回复（2026-11-18）：经查，反映问题部分属实，已责令整改"]


def test_referral_actions_need_the_decide_permission_and_refuse_bad_input_without_writing(ws, register):
    v = register()
    with pytest.raises(ValidationError) as exc:
        intake.transfer(ws, v.id, D(2026, 11, 3), " ")
    assert exc.value.field == "to_body"
    assert referrals.list_referrals(ws, v.id) == [] and intake.get_complaint(ws, v.id).state == "registered"
    intake.transfer(ws, v.id, D(2026, 11, 3), "县市场监管局")
    (r,) = referrals.list_referrals(ws, v.id)
    assert r.due_date is None and r.document_number == ""
    sign_in_as(ws, "u_officer", ["officer"])
    with pytest.raises(PermissionDenied):
        referrals.record_reminder(ws, r.id, D(2026, 11, 10))
    with pytest.raises(PermissionDenied):
        referrals.record_reply(ws, r.id, D(2026, 11, 10), "已办理")
    assert referrals.list_referrals(ws, v.id)[0].reminders == []   # an officer may still read them


def test_the_referrals_due_date_is_on_the_due_list_until_the_reply_and_never_for_a_repeat(ws, register):
    soon, late, repeat = register(), register(), register()
    intake.link_repeat(ws, repeat.id, soon.id)
    intake.transfer(ws, soon.id, D(2026, 11, 3), "县自然资源局", due_date=D(2026, 11, 24))
    intake.transfer(ws, late.id, D(2026, 11, 3), "县农业农村局", due_date=D(2026, 11, 19))
    intake.transfer(ws, repeat.id, D(2026, 11, 3), "县农业农村局", due_date=D(2026, 11, 19))
    rows = {r.item_id: r for r in due_list.due_items(ws) if r.limit_code == "referral_reply"}
    assert set(rows) == {soon.id, late.id}
    assert (rows[soon.id].label, rows[soon.id].item_number, rows[soon.id].due, rows[soon.id].message) == (
        "转办件回复", f"{soon.number} 县自然资源局", D(2026, 11, 24), "剩余2个工作日")
    assert rows[late.id].status.label == "已超期" and rows[late.id].message == "已超期1个工作日"
    assert due_list.complaint_due(ws, [late.id, repeat.id])[late.id].label == "转办件回复"
    (r,) = referrals.list_referrals(ws, late.id)
    referrals.record_reply(ws, r.id, D(2026, 11, 20), "已办结")
    assert _due(ws, late.id, "referral_reply") == [] and len(_due(ws, soon.id, "referral_reply")) == 1


# ------------------------------------------------------------------ 受理告知 and 反馈
def test_acceptance_notice_is_a_contact_record_with_how_when_and_who(ws, register):
    v = register()
    with pytest.raises(StateError) as exc:
        intake.record_acceptance_notice(ws, v.id, D(2026, 11, 3), "phone", "李登记")
    assert exc.value.message == f"信访件 {v.number} 尚未受理，受理（或作出其他处理）后再告知"
    intake.accept(ws, v.id, D(2026, 11, 3))
    with pytest.raises(ValidationError) as exc:
        intake.record_acceptance_notice(ws, v.id, D(2026, 11, 1), "", " ")
    assert [p.field for p in exc.value.problems] == ["date", "method", "by_whom"]
    assert exc.value.message.startswith("受理告知记录有3处需要修改：1. 受理告知日期（2026-11-01）不能早于收件日期（2026-11-02）")
    with pytest.raises(ValidationError) as exc:
        intake.record_acceptance_notice(ws, v.id, D(2026, 11, 23), "phone", "李登记")
    assert exc.value.message == "受理告知日期不能晚于今天（2026-11-20）"
    assert contacts.list_contacts(ws, v.id) == [] and intake.get_complaint(ws, v.id).acceptance_notice_date is None

    n = intake.record_acceptance_notice(ws, v.id, D(2026, 11, 5), "phone", "李登记", "电话告知已受理")
    assert n.acceptance_notice_date == D(2026, 11, 5) and "acceptance_notice" not in n.actions
    (c,) = contacts.list_contacts(ws, v.id)
    assert (c.kind_label, c.contact_date, c.method_label, c.by_whom, c.response, c.note) == (
        "受理告知", D(2026, 11, 5), "电话", "李登记", None, "电话告知已受理")
    with pytest.raises(StateError) as exc:
        intake.record_acceptance_notice(ws, v.id, D(2026, 11, 6), "written", "李登记")
    assert exc.value.message == f"信访件 {v.number} 已于 2026-11-05 告知受理情况"
    assert _due(ws, v.id, "acceptance_notice") == []
    assert timeline.timeline(ws, "complaint", v.id)[-1].text_zh == "向实名反映人告知受理情况（2026-11-05），电话，经办人 李登记"


@pytest.mark.parametrize("over, reason", [
    (dict(signature="signed", complainant_phone=None, complainant_id_number=None, complainant_address=None),
     "为“署名”，不是实名举报（须有姓名和联系方式），无需受理告知"),
    (dict(kind="suggestion", subjects=[]), "的类型是“批评建议”，受理告知只适用于实名检举控告"),
])
def test_notice_is_refused_for_signed_and_suggestions_and_they_get_no_deadline(ws, register, over, reason):
    v = register(**over)
    intake.accept(ws, v.id, D(2026, 11, 3))
    assert "acceptance_notice" not in intake.get_complaint(ws, v.id).actions
    with pytest.raises(StateError) as exc:
        intake.record_acceptance_notice(ws, v.id, D(2026, 11, 5), "phone", "李登记")
    assert exc.value.message == f"信访件 {v.number} {reason}"
    assert [r for r in due_list.due_items(ws, include_ok=True) if r.item_id == v.id] == []
    with ws.reading() as s:
        assert s.execute(select(ComplainantContact)).first() is None


def test_a_repeat_is_refused_both_and_its_concluded_lead_starts_no_feedback_clock(ws, register):
    first = register()
    repeat = register()
    intake.link_repeat(ws, repeat.id, first.id)
    lead = intake.accept(ws, repeat.id, D(2026, 11, 3)).lead_id
    with pytest.raises(StateError) as exc:
        intake.record_acceptance_notice(ws, repeat.id, D(2026, 11, 5), "phone", "李登记")
    assert exc.value.message == f"信访件 {repeat.number} 是重复件，仅登记备查，不再受理告知"
    leads.dispose(ws, lead, "closed", D(2026, 11, 4), "集体研究：与原件一并处理")
    leads.conclude_lead(ws, lead, "concluded", D(2026, 11, 5))
    view = intake.get_complaint(ws, repeat.id)
    assert (view.state, view.concluded_date) == ("concluded", D(2026, 11, 5))
    assert "feedback" not in view.actions
    assert [r for r in due_list.due_items(ws, include_ok=True) if r.item_id == repeat.id] == []
    with pytest.raises(StateError) as exc:
        intake.record_feedback(ws, repeat.id, D(2026, 11, 6), "phone", "satisfied", "李登记")
    assert exc.value.message == f"信访件 {repeat.number} 是重复件，仅登记备查，不再反馈"


def test_a_suggestion_concluded_by_hand_gets_no_feedback_deadline_and_feedback_is_refused(ws, register):
    v = register(kind="suggestion", subjects=[])
    intake.accept(ws, v.id, D(2026, 11, 3))
    done = intake.conclude(ws, v.id, D(2026, 11, 5), "已采纳")
    assert done.state == "concluded" and "feedback" not in done.actions
    assert _due(ws, v.id, "result_feedback") == []
    with pytest.raises(StateError) as exc:
        intake.record_feedback(ws, v.id, D(2026, 11, 6), "phone", "satisfied", "李登记")
    assert exc.value.message == f"信访件 {v.number} 的类型是“批评建议”，反馈只适用于实名检举控告"


# ------------------------------------------------------------------ 办结 with the lead or the case
def test_concluding_the_lead_concludes_the_complaint_and_starts_the_feedback_clock(ws, register):
    v = register()
    lead = intake.accept(ws, v.id, D(2026, 11, 3)).lead_id
    leads.dispose(ws, lead, "talk_inquiry", D(2026, 11, 4), "集体研究：谈话函询")
    assert _due(ws, v.id, "result_feedback") == [] and "conclude" not in intake.get_complaint(ws, v.id).actions
    with pytest.raises(StateError) as exc:
        intake.conclude(ws, v.id, D(2026, 11, 5))
    assert exc.value.message == (f"信访件 {v.number} 已转为问题线索 {intake.get_complaint(ws, v.id).lead_number}，"
                                 "随该线索（或由其立案的案件）办结，不能单独办结")
    leads.conclude_lead(ws, lead, "clarified", D(2026, 11, 10), "函询说明属实，予以澄清")
    view = intake.get_complaint(ws, v.id)
    assert (view.state, view.concluded_date, view.state_date) == ("concluded", D(2026, 11, 10), D(2026, 11, 10))
    assert view.state_reason == f"问题线索 {view.lead_number} 办理结果：澄清" and "feedback" in view.actions
    with pytest.raises(StateError) as exc:   # one way to 办结 a complaint that became a lead: with the lead
        intake.conclude(ws, v.id, D(2026, 11, 11))
    assert exc.value.message == (f"信访件 {v.number} 当前状态为“已办结”，不能办结")
    (row,) = _due(ws, v.id, "result_feedback")
    assert (row.label, row.start, row.due) == ("实名举报处理结果反馈", D(2026, 11, 10), _feedback_due(D(2026, 11, 10)))
    assert row.due == D(2026, 12, 1)
    assert timeline.timeline(ws, "complaint", v.id)[-1].text_zh == f"办结（2026-11-10），随{view.lead_number}办结"

    with pytest.raises(ValidationError) as exc:
        intake.record_feedback(ws, v.id, D(2026, 11, 12), "phone", "", "李登记")
    assert (exc.value.field, exc.value.message) == (
        "response", "请选择反映人对处理结果的意见（满意、基本满意、不满意、无法联系之一）")
    with pytest.raises(ValidationError) as exc:
        intake.record_feedback(ws, v.id, D(2026, 11, 9), "phone", "satisfied", "李登记")
    assert exc.value.message == "反馈日期（2026-11-09）不能早于办结日期（2026-11-10）"
    fb = intake.record_feedback(ws, v.id, D(2026, 11, 12), "phone", "satisfied", "李登记")
    assert (fb.feedback_date, fb.feedback_note) == (D(2026, 11, 12), "满意")
    assert [(c.kind, c.method_label, c.response_label) for c in contacts.list_contacts(ws, v.id)] == [
        ("feedback", "电话", "满意")]
    assert _due(ws, v.id, "result_feedback") == []
    assert timeline.timeline(ws, "complaint", v.id)[-1].text_zh == (
        "向实名反映人反馈处理结果（2026-11-12），电话，经办人 李登记，反映人满意")
    with pytest.raises(StateError):
        intake.record_feedback(ws, v.id, D(2026, 11, 13), "in_person", "satisfied", "李登记")


def test_to_verification_and_filing_keep_it_open_until_the_case_is_closed(ws, register):
    v = register()
    lead = intake.accept(ws, v.id, D(2026, 11, 2)).lead_id
    leads.dispose(ws, lead, "talk_inquiry", D(2026, 11, 2), "集体研究")
    follow = leads.conclude_lead(ws, lead, "to_verification", D(2026, 11, 3), "说明不清").followup_lead_id
    assert intake.get_complaint(ws, v.id).state == "accepted"
    leads.dispose(ws, follow, "preliminary_verification", D(2026, 11, 4), "集体研究", "王一、王二")
    approve_plan(ws, follow, D(2026, 11, 4))
    case = cases.open_case(ws, lead_id=follow, filing_date=D(2026, 11, 5))
    assert intake.get_complaint(ws, v.id).state == "accepted"  # 立案 is not the end
    for stage, day in (("investigating", 6), ("referred_for_trial", 10), ("trial_concluded", 12)):
        cases.advance_case(ws, case.id, stage, D(2026, 11, day), trial_opinion="经审理，建议免予处分")
    assert intake.get_complaint(ws, v.id).concluded_date is None
    cases.advance_case(ws, case.id, "closed", D(2026, 11, 16), no_sanction_reason="情节轻微，免予处分")
    view = intake.get_complaint(ws, v.id)
    assert (view.state, view.concluded_date, view.state_reason) == ("concluded", D(2026, 11, 16),
                                                                    f"案件 {case.number} 结案")
    assert _due(ws, v.id, "result_feedback")[0].due == _feedback_due(D(2026, 11, 16))


def test_a_signed_complaint_is_concluded_with_its_lead_but_owes_no_feedback(ws, register):
    v = register(signature="signed", complainant_phone=None, complainant_id_number=None, complainant_address=None)
    lead = intake.accept(ws, v.id, D(2026, 11, 3)).lead_id
    leads.dispose(ws, lead, "closed", D(2026, 11, 4), "集体研究：予以了结")
    leads.conclude_lead(ws, lead, "concluded", D(2026, 11, 5))
    view = intake.get_complaint(ws, v.id)
    assert (view.state, view.concluded_date) == ("concluded", D(2026, 11, 5)) and "feedback" not in view.actions
    assert [r for r in due_list.due_items(ws, include_ok=True) if r.item_id == v.id] == []


def test_transferred_after_acceptance_it_still_ends_with_its_lead_but_reported_up_it_does_not(ws, register):
    moved, up = register(), register()
    moved_lead = intake.accept(ws, moved.id, D(2026, 11, 3)).lead_id
    up_lead = intake.accept(ws, up.id, D(2026, 11, 3)).lead_id
    intake.transfer(ws, moved.id, D(2026, 11, 4), "县自然资源局")   # the land question goes to its body
    intake.report_up(ws, up.id, D(2026, 11, 4), "涉及县管干部")
    for lead in (moved_lead, up_lead):
        leads.dispose(ws, lead, "closed", D(2026, 11, 5), "集体研究")
        leads.conclude_lead(ws, lead, "concluded", D(2026, 11, 6))
    view = intake.get_complaint(ws, moved.id)
    assert (view.state, view.concluded_date) == ("concluded", D(2026, 11, 6))
    assert _due(ws, moved.id, "result_feedback")[0].start == D(2026, 11, 6)
    view = intake.get_complaint(ws, up.id)
    assert (view.state, view.concluded_date) == ("reported_up", None)


# ------------------------------------------------------------------ the rows are watched
@pytest.mark.both_db
def test_a_reply_or_a_feedback_changed_in_the_file_is_named_by_check_deep(ws, register, capsys):
    v = register()
    lead = intake.accept(ws, v.id, D(2026, 11, 3)).lead_id
    intake.record_acceptance_notice(ws, v.id, D(2026, 11, 4), "written", "李登记")
    other = register()
    intake.transfer(ws, other.id, D(2026, 11, 3), "县自然资源局", due_date=D(2026, 11, 30))
    (r,) = referrals.list_referrals(ws, other.id)
    referrals.record_reply(ws, r.id, D(2026, 11, 18), "已查实")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 0, out
    with ws.reading() as s:
        contact_id = s.execute(select(ComplainantContact.id)).scalar_one()
        assert s.execute(select(Referral.id)).scalar_one() == r.id
    # The attacker backdates the reply and turns the written notice into a phone call.
    attack(ws, f"UPDATE referrals SET reply_date = '2026-11-10' WHERE id = {r.id}",
           f"UPDATE complainant_contacts SET method = 'phone' WHERE id = {contact_id}")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    assert f"转办记录（referrals #{r.id}）：内容与审计日志记录的不一致（在程序外被修改）" in out
    assert f"告知反馈记录（complainant_contacts #{contact_id}）：内容与审计日志记录的不一致（在程序外被修改）" in out
    with ws.reading() as s:
        assert s.execute(select(Referral.id)).scalars().all() == [r.id]
    assert lead is not None
