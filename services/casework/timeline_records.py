"""What an item's timeline adds to its audit events: the 转办 and 告知/反馈 records of a complaint and the 函询 rounds
and 谈话 of a lead that have no event of their own (the demo's rows, written in bulk), and the letter each entry can be
printed again as.

``record_events(s, entity, id, seen)`` lists (at, who, action, detail) entries for a complaint's
``Referral`` (转办, each 催办, the reply) and ``ComplainantContact`` rows whose event is not among ``seen``
(the (action, ISO date) pairs of the item's audit events), dated 09:00 Beijing time on the recorded day; for a
lead, its ``InquiryLetter`` rounds (sent, reply, assessment) and ``TalkRecord`` rows likewise; for a case (and a
lead, for the measures it holds), each measure's 处分执行 (``SanctionExecution`` 宣布/送达/归档, ``ExecutionStep``)
and 回访教育 (``FollowUpVisit``).
``Documents`` answers which letter of services.reporting.notice_print an entry stands for (``("acceptance_notice",
complaint id)``, ``("feedback_notice", complaint id)``, ``("referral_letter", referral id)``, ``("inquiry_notice",
letter id)``), so the timeline can offer 重新打印 filled from the stored record.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (ComplainantContact, ExecutionStep, FollowUpVisit, InquiryLetter, Measure, Person, Referral,
                    SanctionExecution, TalkRecord, User)
from models.enums import ContactKind

from services.casework.execution import DATES as EXECUTION_DATES
from services.casework.referrals import reminder_dates

_UTC = dt.timezone.utc
_CONTACT_ACTION = {ContactKind.acceptance_notice.value: "complaint.notice", ContactKind.feedback.value: "complaint.feedback"}
# A printed event's document (its Chinese title) -> the letter code.
PRINTED = {"受理告知书": "acceptance_notice", "反馈告知书": "feedback_notice", "转办函": "referral_letter",
           "函询通知书": "inquiry_notice"}

Entry = tuple[dt.datetime, str, str, dict]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 1, 0, tzinfo=_UTC)   # 09:00 Beijing time


def _referrals(s: Session, complaint_id: int) -> list[Referral]:
    return list(s.execute(select(Referral).where(Referral.complaint_id == complaint_id)
                          .order_by(Referral.sent_date, Referral.id)).scalars())


def record_events(s: Session, entity: str, item_id: int, seen: set[tuple[str, str]]) -> list[Entry]:
    """The complaint's 转办 and 告知/反馈 records, the lead's 函询 rounds and 谈话, a case's or lead's 处分执行 and 回访,
    without an audit event of their own (none for other items)."""
    out: list[Entry] = []

    def add(day: dt.date, who: str, action: str, detail: dict) -> None:
        if (action, day.isoformat()) not in seen:
            out.append((_at(day), who, action, {**detail, "date": day.isoformat()}))

    if entity == "lead":
        _lead_records(s, item_id, add)
    if entity in ("lead", "case"):
        _measure_records(s, entity, item_id, add)
        return out
    if entity != "complaint":
        return out

    names: dict[int, str] = {}
    for r in _referrals(s, item_id):
        if r.created_by_id is not None and r.created_by_id not in names:
            names[r.created_by_id] = s.scalar(select(User.display_name).where(User.id == r.created_by_id)) or ""
        who = names.get(r.created_by_id or 0) or "—"
        add(r.sent_date, who, "complaint.transfer",
            {"to": r.to_body, **({"document_number": r.document_number} if r.document_number else {}),
             **({"due": r.due_date.isoformat()} if r.due_date else {})})
        for day in reminder_dates(r):
            add(day, who, "complaint.referral_reminder", {"to": r.to_body})
        if r.reply_date is not None:
            add(r.reply_date, who, "complaint.referral_reply", {"to": r.to_body, "result": r.reply_result or ""})
    contacts = s.execute(select(ComplainantContact).where(ComplainantContact.complaint_id == item_id)
                         .order_by(ComplainantContact.contact_date, ComplainantContact.id)).scalars()
    for x in contacts:
        add(x.contact_date, x.by_whom or "—", _CONTACT_ACTION[x.kind],
            {"method": x.method, "by": x.by_whom, **({"response": x.response} if x.response else {})})
    return out


def _lead_records(s: Session, lead_id: int, add) -> None:
    letters = s.execute(select(InquiryLetter).where(InquiryLetter.lead_id == lead_id)
                        .order_by(InquiryLetter.round, InquiryLetter.id)).scalars()
    for r in letters:
        add(r.sent_date, "—", "lead.inquiry_send", {"round": r.round, "recipient": r.recipient,
                                                    "due": r.reply_due.isoformat()})
        if r.reply_date is not None:
            add(r.reply_date, "—", "lead.inquiry_reply", {"round": r.round})
        if r.assessment_date is not None and r.assessment:
            add(r.assessment_date, "—", "lead.inquiry_assess",
                {"round": r.round, "assessment": r.assessment, "outcome": r.outcome or "",
                 **({"closing_date": r.closing_letter_date.isoformat()} if r.closing_letter_date else {})})
    talks = s.execute(select(TalkRecord).where(TalkRecord.lead_id == lead_id)
                      .order_by(TalkRecord.talk_date, TalkRecord.id)).scalars()
    for t in talks:
        add(t.talk_date, t.interviewers or "—", "talk.record",
            {"kind": t.kind, "person": t.person_name, "interviewers": t.interviewers, "place": t.place or ""})


def _measure_records(s: Session, entity: str, owner_id: int, add) -> None:
    """Each measure's 宣布/送达/归档 dates, execution items and 回访 visits (the events of services.casework.execution
    and follow_ups), oldest measure first."""
    owner = Measure.case_id if entity == "case" else Measure.lead_id
    measures = s.execute(select(Measure, Person.name).join(Person, Person.id == Measure.person_id)
                         .where(owner == owner_id).order_by(Measure.decision_date, Measure.id)).all()
    for m, person in measures:
        about = {"measure_id": m.id, "person": person, "kind": m.kind}
        execution = s.execute(select(SanctionExecution).where(SanctionExecution.measure_id == m.id)).scalar_one_or_none()
        for col, _label, action in EXECUTION_DATES if execution is not None else ():
            if getattr(execution, col) is not None:
                add(getattr(execution, col), "—", action, about)
        for step in s.execute(select(ExecutionStep).where(ExecutionStep.measure_id == m.id)
                              .order_by(ExecutionStep.done_date, ExecutionStep.id)).scalars():
            add(step.done_date, "—", "measure.execution_step", {**about, "item": step.item, "note": step.note or ""})
        for v in s.execute(select(FollowUpVisit).where(FollowUpVisit.measure_id == m.id)
                           .order_by(FollowUpVisit.visit_date, FollowUpVisit.id)).scalars():
            add(v.visit_date, v.by_whom or "—", "measure.follow_up", {**about, "form": v.form, "by": v.by_whom})


class Documents:
    """Which letter a timeline entry of one item can be printed again as (read once per timeline)."""

    def __init__(self, s: Session, entity: str, item_id: int):
        self.s, self.entity, self.item_id = s, entity, item_id
        self._referrals: list[Referral] | None = None
        self._letters: dict[int, int] | None = None

    def referral_id(self, to_body: Any, date: Any) -> int | None:
        if self._referrals is None:
            self._referrals = _referrals(self.s, self.item_id)
        for r in self._referrals:
            if r.to_body == to_body and r.sent_date.isoformat() == str(date):
                return r.id
        return None

    def letter_id(self, round_: Any) -> int | None:
        if self._letters is None:
            self._letters = dict(self.s.execute(select(InquiryLetter.round, InquiryLetter.id)
                                                .where(InquiryLetter.lead_id == self.item_id)).all())
        return self._letters.get(int(round_ or 1))

    def of(self, action: str, detail: dict) -> tuple[str, int] | None:
        """("acceptance_notice" | "feedback_notice" | "referral_letter" | "inquiry_notice", record id) or None."""
        if self.entity == "complaint":
            if action == "complaint.notice":
                return "acceptance_notice", self.item_id
            if action == "complaint.feedback":
                return "feedback_notice", self.item_id
            if action == "complaint.transfer":
                rid = self.referral_id(detail.get("to"), detail.get("date"))
                return ("referral_letter", rid) if rid else None
        if action in ("complaint.printed", "lead.printed"):
            code = PRINTED.get(detail.get("document", ""))
            if code in ("acceptance_notice", "feedback_notice") and self.entity == "complaint":
                return code, self.item_id
            if code and detail.get("record"):
                return code, int(detail["record"])
            return None
        if self.entity == "lead" and action == "lead.inquiry_send":
            lid = self.letter_id(detail.get("round"))
            return ("inquiry_notice", lid) if lid else None
        return None
