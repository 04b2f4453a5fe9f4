"""The 办理事项 filters of the lists (待告知, 告知已超期, 待反馈, 反馈已超期, 转办未回复, 转办回复已超期; 函询 of a lead):
each choice finds exactly the items the due list has for it, on the edge of the working-day limit (due today is
not yet 已超期), and a bad choice is refused in Chinese."""
from __future__ import annotations

import datetime as dt

import pytest

from models.enums import ComplaintFollowUp, LeadFollowUp
from services.casework import contacts, inquiries, intake, leads, listing
from services.deadlines import due_list
from services.deadlines.workdays import WorkCalendar
from services.errors import ValidationError
from tests.conftest import published_up_to_2026
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db

D = dt.date
TODAY = D(2026, 11, 20)
CAL = WorkCalendar({}, known_years=published_up_to_2026)


def _start_due_on(day: dt.date, workdays: int = 15) -> dt.date:
    """The latest start date whose ``workdays`` limit falls due on ``day``."""
    start = day
    while CAL.add_workdays(start, workdays) > day:
        start -= dt.timedelta(days=1)
    assert CAL.add_workdays(start, workdays) == day
    return start


def _ids(ws, entity: str, *codes: str, **more) -> set[int]:
    return set(listing.query_ids(ws, listing.ListQuery(entity=entity, followups=list(codes), **more)))


@pytest.fixture
def items(ws):
    reg = lambda **over: intake.register_complaint(ws, complaint_input(**over)).id  # noqa: E731

    def concluded(on: dt.date, received: dt.date) -> int:
        cid = reg(received_date=received)
        lead = intake.accept(ws, cid, received).lead_id
        contacts.record_acceptance_notice(ws, cid, received, "电话", "李登记")
        leads.dispose(ws, lead, "closed", on, "集体研究：予以了结")
        leads.conclude_lead(ws, lead, "concluded", on)
        return cid

    due_today = _start_due_on(TODAY)   # the 15th working day is today: 待反馈, not yet 已超期
    late = due_today - dt.timedelta(days=1)
    while CAL.add_workdays(late, 15) >= TODAY:   # the latest day concluded whose 反馈 was due yesterday or before
        late -= dt.timedelta(days=1)
    out = {
        "notice_late": reg(received_date=D(2026, 10, 9)),
        "notice_open": reg(received_date=D(2026, 11, 16)),
        "feedback_late": concluded(late, D(2026, 10, 12)),
        "feedback_due_today": concluded(due_today, D(2026, 10, 12)),
        "feedback_given": concluded(D(2026, 11, 2), D(2026, 10, 12)),
        "anonymous": reg(signature="anonymous", complainant_name=None, complainant_phone=None,
                         complainant_id_number=None, complainant_address=None, received_date=D(2026, 10, 9)),
    }
    contacts.record_feedback(ws, out["feedback_given"], D(2026, 11, 5), "当面", "满意", "李登记")
    intake.accept(ws, out["notice_late"], D(2026, 10, 10))
    for key, due, replied in (("referral_late", D(2026, 11, 19), False), ("referral_open", TODAY, False),
                              ("referral_replied", D(2026, 11, 2), True)):
        cid = out[key] = reg(received_date=D(2026, 10, 20))
        intake.transfer(ws, cid, D(2026, 10, 21), "县自然资源局", "青纪转〔2026〕5号", due)
        contacts.record_acceptance_notice(ws, cid, D(2026, 10, 22), "书面", "李登记")
        if replied:
            from services.casework import referrals
            rid = referrals.list_referrals(ws, cid)[-1].id
            referrals.record_reply(ws, rid, D(2026, 10, 30), "已调查处理")
    original = out["notice_late"]
    out["repeat"] = intake.register_complaint(ws, complaint_input(received_date=D(2026, 10, 9), is_repeat=True,
                                                                  original_id=original)).id
    return out


def test_each_choice_finds_what_the_due_list_has(ws, items):
    i = items
    assert _ids(ws, "complaint", "notice_due") == {i["notice_late"], i["notice_open"]}
    assert _ids(ws, "complaint", "notice_overdue") == {i["notice_late"]}
    assert _ids(ws, "complaint", "feedback_due") == {i["feedback_late"], i["feedback_due_today"]}
    assert _ids(ws, "complaint", "feedback_overdue") == {i["feedback_late"]}
    assert _ids(ws, "complaint", "referral_open") == {i["referral_late"], i["referral_open"]}
    assert _ids(ws, "complaint", "referral_overdue") == {i["referral_late"]}
    # checked choices are OR'ed, and AND'ed with the other filters; the count agrees with the ids
    assert _ids(ws, "complaint", "feedback_overdue", "referral_overdue") == {i["feedback_late"], i["referral_late"]}
    assert _ids(ws, "complaint", "notice_due", date_from=D(2026, 11, 1)) == {i["notice_open"]}
    q = listing.ListQuery(entity="complaint", followups=["referral_open"], text="张三")
    assert listing.count(ws, q) == 2 == len(listing.query_ids(ws, q))

    rows = due_list.due_items(ws, TODAY, include_ok=True)
    for code, limit in (("notice_overdue", "acceptance_notice"), ("feedback_overdue", "result_feedback"),
                        ("referral_overdue", due_list.REFERRAL_REPLY_CODE)):
        overdue = {r.item_id for r in rows if r.limit_code == limit and r.status.value == "overdue"}
        assert _ids(ws, "complaint", code) == overdue, code
    for code, limit in (("notice_due", "acceptance_notice"), ("feedback_due", "result_feedback"),
                        ("referral_open", due_list.REFERRAL_REPLY_CODE)):
        assert _ids(ws, "complaint", code) == {r.item_id for r in rows if r.limit_code == limit}, code


def test_the_choices_are_the_vocabulary_and_a_bad_one_is_refused(ws, items):
    assert [m.label for m in ComplaintFollowUp] == ["待告知", "告知已超期", "待反馈", "反馈已超期", "转办未回复", "转办回复已超期"]
    assert _ids(ws, "complaint", "待反馈") == _ids(ws, "complaint", "feedback_due")   # a label works as a code
    with pytest.raises(ValidationError) as exc:
        _ids(ws, "complaint", "overdue_everything")
    assert (exc.value.field, exc.value.message) == ("followups", "未知的办理事项：overdue_everything")
    with pytest.raises(ValidationError) as exc:
        _ids(ws, "case", "feedback_due")
    assert exc.value.message == "只有信访件和问题线索可以按办理事项筛选"


def test_lead_inquiry_choices(ws):
    def lead_with_letter(sent: dt.date) -> int:
        cid = intake.register_complaint(ws, complaint_input(received_date=D(2026, 10, 9))).id
        lead = intake.accept(ws, cid, D(2026, 10, 9)).lead_id
        leads.dispose(ws, lead, "talk_inquiry", sent, "集体研究：谈话函询")
        inquiries.send_letter(ws, lead, sent, "张三", "请就反映问题作出书面说明")
        return lead

    late, waiting, replied = (lead_with_letter(D(2026, 10, 20)), lead_with_letter(D(2026, 11, 16)),
                              lead_with_letter(D(2026, 10, 21)))
    letter = inquiries.overview(ws, replied).open_letter
    inquiries.record_reply(ws, letter.id, D(2026, 11, 2))
    assert [m.label for m in LeadFollowUp] == ["待函询回复", "函询回复已超期", "待评估"]
    assert _ids(ws, "lead", "inquiry_awaiting_reply") == {late, waiting}
    assert _ids(ws, "lead", "inquiry_reply_overdue") == {late}
    assert _ids(ws, "lead", "inquiry_awaiting_assessment") == {replied}
    rows = due_list.due_items(ws, TODAY)
    assert {r.item_id for r in rows if r.limit_code == due_list.INQUIRY_REPLY_CODE and r.status.value == "overdue"} \
        == {late}
