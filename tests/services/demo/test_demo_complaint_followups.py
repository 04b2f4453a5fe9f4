"""The demo's 转办 records and 告知/反馈 contacts: consistent with their complaints, accepted by the services' own
writers when replayed, on the due list and in the timelines; and a small demo has complaints in every month."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import delete, select

from models import ComplainantContact, Complaint, InquiryLetter, Referral, TalkRecord
from models.enums import FeedbackResponse, TalkKind
from services import demo
from services.casework import contacts, referrals, timeline
from services.deadlines import due_list
from services.deadlines.rules import owes_notice_and_feedback
from services.reporting import dashboard
from tests.helpers.demo_ws import demo_township

END = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    ws = demo_township(tmp_path_factory.mktemp("demo_complaint_followups") / "data", END)
    summary = demo.generate_demo(ws, complaints=2000, end=END)
    yield ws, summary
    ws.close()


def test_referrals_follow_their_transferred_complaints(generated):
    ws, summary = generated
    with ws.reading() as s:
        rows = [(r, (c.id, c.is_repeat, c.referred_to, c.state_date)) for r, c in s.execute(
            select(Referral, Complaint).join(Complaint, Complaint.id == Referral.complaint_id)).all()]
        s.expunge_all()
        transferred = s.execute(select(Complaint.id).where(Complaint.state == "transferred")).scalars().all()
    assert summary.referrals == len(rows) and len(rows) > 40
    assert sorted(c[0] for _r, c in rows) == sorted(transferred)   # one 转办 record per transferred complaint
    for r, (_cid, repeat, referred_to, state_date) in rows:
        assert not repeat and (r.to_body, r.sent_date) == (referred_to, state_date)
        assert r.document_number.startswith(f"青纪转〔{r.sent_date.year}〕") and r.document_number.endswith("号")
        assert r.due_date is None or r.sent_date < r.due_date
        reminders = referrals.reminder_dates(r)
        assert reminders == sorted(set(reminders)) and all(r.due_date < d <= END for d in reminders)
        if r.reply_date:
            assert r.sent_date < r.reply_date <= END and r.reply_result
            assert all(d < r.reply_date for d in reminders)
        else:
            assert r.reply_result == "" and (END - r.sent_date).days <= 100
    replied = [r for r, _c in rows if r.reply_date]
    overdue = [r for r, _c in rows if r.reply_date is None and r.due_date and r.due_date < END]
    assert len(replied) > 0.7 * len(rows) and overdue
    assert any(referrals.reminder_dates(r) for r in replied)   # some replied only after 催办


def test_contacts_are_those_owed_and_carry_the_four_responses(generated):
    ws, summary = generated
    with ws.reading() as s:
        complaints = {c.id: c for c in s.execute(select(Complaint)).scalars()}
        rows = s.execute(select(ComplainantContact)).scalars().all()
        s.expunge_all()
    assert summary.complainant_contacts == len(rows)
    by = {(x.complaint_id, x.kind): x for x in rows}
    assert len(by) == len(rows)   # at most one of each kind per complaint
    for c in complaints.values():
        owed = owes_notice_and_feedback(c.signature, c.kind, c.is_repeat)
        notice, feedback = by.get((c.id, "acceptance_notice")), by.get((c.id, "feedback"))
        if not owed:   # a repeat, a 署名/匿名 one, a 批评建议 or 申诉 gets neither
            assert notice is None and feedback is None and c.acceptance_notice_date is None and c.feedback_date is None
            continue
        assert (notice.contact_date if notice else None) == c.acceptance_notice_date
        assert (feedback.contact_date if feedback else None) == c.feedback_date
        if notice:
            assert c.state != "registered" and notice.response is None and notice.by_whom
        if feedback:
            assert c.state == "concluded" and c.concluded_date <= feedback.contact_date <= END
            assert c.feedback_note == feedback.note and feedback.by_whom
    responses = Counter(x.response for x in rows if x.kind == "feedback")
    assert set(responses) == set(FeedbackResponse.codes())
    assert responses["satisfied"] > responses["dissatisfied"] > 0
    assert sum(x.kind == "acceptance_notice" for x in rows) > 300


def test_a_sample_replayed_through_the_services_writes_the_same_rows(generated):
    """Each sampled 转办 and 告知/反馈 is taken back and recorded again through referrals / contacts: their checks
    accept it and the row written is the demo's."""
    ws, _summary = generated
    with ws.reading() as s:
        sample = s.execute(select(Referral.id).order_by(Referral.id)).scalars().all()[::6]
        notices = s.execute(select(ComplainantContact.id).where(ComplainantContact.kind == "acceptance_notice")
                            .order_by(ComplainantContact.id)).scalars().all()[::40]
        feedbacks = s.execute(select(ComplainantContact.id).where(ComplainantContact.kind == "feedback")
                              .order_by(ComplainantContact.id)).scalars().all()[::15]
    assert len(sample) >= 8 and len(notices) >= 8 and len(feedbacks) >= 8
    for rid in sample:
        with ws.transaction() as s:
            r = s.get(Referral, rid)
            old = (r.to_body, r.sent_date, r.document_number, r.due_date, r.reminders, r.reply_date, r.reply_result)
            c = s.get(Complaint, r.complaint_id)
            s.execute(delete(Referral).where(Referral.id == rid))
            c.state, c.state_date = ("accepted", c.accepted_date) if c.accepted_date else ("registered", None)
            cid = c.id
        view = referrals.transfer(ws, cid, old[1], old[0], old[2], old[3])
        assert (view.state, view.state_date) == ("transferred", old[1])
        new = referrals.list_referrals(ws, cid)[-1]
        for day in referrals.reminder_dates(Referral(reminders=old[4])):
            new = referrals.record_reminder(ws, new.id, day)
        if old[5]:
            new = referrals.record_reply(ws, new.id, old[5], old[6])
        assert (new.to_body, new.sent_date, new.document_number, new.due_date,
                "\n".join(d.isoformat() for d in new.reminders), new.reply_date, new.reply_result) == old
    for xid in notices + feedbacks:
        with ws.transaction() as s:
            x = s.get(ComplainantContact, xid)
            old = (x.kind, x.contact_date, x.method, x.by_whom, x.response, x.note)
            c = s.get(Complaint, x.complaint_id)
            kept_note = c.feedback_note
            if x.kind == "feedback":
                c.feedback_date, c.feedback_note = None, ""
            else:
                c.acceptance_notice_date = None
            s.delete(x)
            cid = c.id
        if old[0] == "feedback":
            contacts.record_feedback(ws, cid, old[1], old[2], old[4], old[3], old[5])
        else:
            contacts.record_acceptance_notice(ws, cid, old[1], old[2], old[3], old[5])
        again = [v for v in contacts.list_contacts(ws, cid) if v.kind == old[0]]
        assert [(v.kind, v.contact_date, v.method, v.by_whom, v.response, v.note) for v in again] == [old]
        with ws.reading() as s:
            assert s.get(Complaint, cid).feedback_note == kept_note


def test_the_due_list_and_the_timeline_show_them(generated):
    ws, _summary = generated
    rows = due_list.due_items(ws, END)
    replies = [r for r in rows if r.limit_code == due_list.REFERRAL_REPLY_CODE]
    assert replies and any(r.status.value == "overdue" for r in replies) and len(replies) < 25
    with ws.reading() as s:
        r = s.execute(select(Referral).where(Referral.reply_date.is_not(None), Referral.reminders != "")
                      .order_by(Referral.id)).scalars().first()
        fb = s.execute(select(ComplainantContact).where(ComplainantContact.kind == "feedback")
                       .order_by(ComplainantContact.id)).scalars().first()
        ref = (r.complaint_id, r.id, r.to_body, r.sent_date, r.document_number, referrals.reminder_dates(r)[0],
               r.reply_date, r.reply_result)
        contact = (fb.complaint_id, fb.contact_date, fb.by_whom, FeedbackResponse(fb.response).label,
                   {"in_person": "当面", "phone": "电话", "written": "书面"}[fb.method])
    cid, rid, body, sent, number, reminded, reply, result = ref
    events = timeline.timeline(ws, "complaint", cid)
    texts = [e.text_zh for e in events]
    assert texts[0].startswith(f"转办至{body}（{sent.isoformat()}），文号 {number}")
    assert f"向{body}催办（{reminded.isoformat()}）" in texts
    assert f"收到{body}的回复（{reply.isoformat()}）：{result}" in texts
    assert events[0].document == ("referral_letter", rid)
    assert [e.at for e in events] == sorted(e.at for e in events)
    cid, day, who, answer, how = contact
    events = timeline.timeline(ws, "complaint", cid)
    feedback = [e for e in events if e.action == "complaint.feedback"]
    assert [(e.text_zh, e.who, e.document) for e in feedback] == [
        (f"向实名反映人反馈处理结果（{day.isoformat()}），{how}，经办人 {who}，反映人{answer}", who,
         ("feedback_notice", cid))]
    assert any(e.action == "complaint.notice" for e in events)


@pytest.mark.parametrize("complaints", [60, 300])
def test_a_small_demo_has_complaints_in_every_month(tmp_path, complaints):
    """The days' shares add up to the total and no month is left empty (a short 2月 or 10月 used to be)."""
    end = dt.date(2026, 12, 6)
    ws = demo_township(tmp_path / "data", end)
    demo.generate_demo(ws, complaints=complaints, end=end)
    with ws.reading() as s:
        months = Counter((d.year, d.month) for d in s.execute(select(Complaint.received_date)).scalars())
    assert sum(months.values()) == complaints
    past = [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 12)]   # December has only begun
    assert [m for m in past if not months[m]] == []
    trend = dashboard.trend(ws, end)
    assert [ym for ym, *_ in trend][:2] == ["2026-01", "2026-02"] and all(n > 0 for _ym, n, *_ in trend[:-1])
    ws.close()


def test_a_demo_leads_inquiry_and_talk_are_in_its_timeline(generated):
    ws, _summary = generated
    with ws.reading() as s:
        r = s.execute(select(InquiryLetter).where(InquiryLetter.outcome == "accepted_closed")
                      .order_by(InquiryLetter.id)).scalars().first()
        letter = (r.lead_id, r.id, r.recipient, r.sent_date, r.reply_due, r.reply_date, r.assessment_date,
                  r.closing_letter_date)
        t = s.execute(select(TalkRecord).order_by(TalkRecord.id)).scalars().first()
        talk = (t.lead_id, t.talk_date, t.person_name, t.interviewers, TalkKind(t.kind).label)
    lead_id, letter_id, recipient, sent, due, reply, assessed, closing = letter
    events = timeline.timeline(ws, "lead", lead_id)
    assert [(e.text_zh, e.document) for e in events if e.action.startswith("lead.inquiry")] == [
        (f"发出第1轮函询函（{sent.isoformat()}），函询对象 {recipient}，回复期限 {due.isoformat()}",
         ("inquiry_notice", letter_id)),
        (f"收到第1轮函询书面说明（{reply.isoformat()}）", None),
        (f"第1轮函询评估（{assessed.isoformat()}）：如实说明，采信了结，了结函 {closing.isoformat()}", None)]
    lead_id, day, person, interviewers, kind = talk
    texts = [e.text_zh for e in timeline.timeline(ws, "lead", lead_id)]
    assert f"{kind}（{day.isoformat()}）：谈话对象 {person}，谈话人 {interviewers}，地点 镇纪委谈话室" in texts
