"""The 办理事项 filters of the lists (DOMAIN §9): complaints still owed a 告知 or 反馈 or waiting for a 转办
reply, leads waiting for a 函询 reply or its assessment — and which of them are 已超期.

The choices are ``models.enums.ComplaintFollowUp`` and ``LeadFollowUp`` (``ListQuery.followups``); checked
choices are OR'ed, as the list's other multi-choice filters. A choice means what the due list means
(services.deadlines): the same owed obligations (``rules.owes_notice_and_feedback``, no repeats), the same
working-day limits from the settings and the holiday calendar, 已超期 when the due date is before today.
A limit counted in working days becomes one start-date cut-off here, so the condition stays plain SQL.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, exists, or_

from models import Complaint, InquiryLetter, Lead, Referral
from models.enums import ComplaintFollowUp, ComplaintKind, LeadFollowUp, Signature

from services.deadlines.due_list import work_calendar
from services.deadlines.rules import DeadlineInput, DueStatus, deadlines_for
from services.deadlines.workdays import WorkCalendar
from services.errors import ValidationError
from services.storage import settings
from services.storage.workspace import Workspace

CHOICES = {"complaint": ComplaintFollowUp, "lead": LeadFollowUp}
_LOOK_BACK = 400   # days: more than any working-day limit can span


def overdue_cutoff(code: str, today: dt.date, calendar: WorkCalendar, limits: dict | None) -> dt.date:
    """The latest start date whose ``code`` limit is 已超期 on ``today`` (due dates grow with the start)."""
    start = today - dt.timedelta(days=1)
    for _ in range(_LOOK_BACK):
        row = deadlines_for([DeadlineInput("complaint", 0, "", code, start)], today, calendar, limits=limits)[0]
        if row.status is DueStatus.OVERDUE:
            return start
        start -= dt.timedelta(days=1)
    return start


def _owed():
    c = Complaint
    return and_(c.signature == Signature.real_name.value, c.kind == ComplaintKind.accusation.value,
                c.is_repeat.is_(False))


def _complaint_part(code: str, today: dt.date, cutoff) -> object:
    c = Complaint
    notice_due = and_(_owed(), c.acceptance_notice_date.is_(None))
    feedback_due = and_(_owed(), c.concluded_date.is_not(None), c.feedback_date.is_(None), c.belongs_upper.is_(False))
    open_referral = and_(Referral.complaint_id == c.id, Referral.reply_date.is_(None))
    if code == ComplaintFollowUp.notice_due.value:
        return notice_due
    if code == ComplaintFollowUp.notice_overdue.value:
        return and_(notice_due, c.received_date <= cutoff("acceptance_notice"))
    if code == ComplaintFollowUp.feedback_due.value:
        return feedback_due
    if code == ComplaintFollowUp.feedback_overdue.value:
        return and_(feedback_due, c.concluded_date <= cutoff("result_feedback"))
    if code == ComplaintFollowUp.referral_open.value:
        return and_(c.is_repeat.is_(False), exists().where(open_referral))
    return and_(c.is_repeat.is_(False), exists().where(open_referral, Referral.due_date < today))


def _lead_part(code: str, today: dt.date) -> object:
    letter = and_(InquiryLetter.lead_id == Lead.id, Lead.result.is_(None))
    if code == LeadFollowUp.inquiry_awaiting_reply.value:
        return exists().where(letter, InquiryLetter.reply_date.is_(None))
    if code == LeadFollowUp.inquiry_reply_overdue.value:
        return exists().where(letter, InquiryLetter.reply_date.is_(None), InquiryLetter.reply_due < today)
    return exists().where(letter, InquiryLetter.reply_date.is_not(None), InquiryLetter.assessment.is_(None))


def check_followups(entity: str, codes: list[str]) -> None:
    """Refuse a choice the list does not offer, in Chinese."""
    if not codes:
        return
    choices = CHOICES.get(entity)
    if choices is None:
        raise ValidationError("只有信访件和问题线索可以按办理事项筛选", field="followups")
    unknown = [x for x in codes if choices.from_text(x) is None]
    if unknown:
        raise ValidationError(f"未知的办理事项：{'、'.join(unknown)}", field="followups")


def followup_condition(ws: Workspace, entity: str, codes: list[str]) -> list:
    """[one condition: any of the checked 办理事项] (empty when none is checked), for ``entity``'s list."""
    check_followups(entity, codes)
    if not codes:
        return []
    today = ws.today()
    values = [CHOICES[entity].from_text(x).value for x in codes]
    if entity == "lead":
        return [or_(*(_lead_part(v, today) for v in values))]
    with ws.reading() as s:
        calendar = work_calendar(s, ws.calendar_known_years)
        limits = settings.get(s, settings.DEADLINE_OVERRIDES) or {}
    cutoffs: dict[str, dt.date] = {}

    def cutoff(code: str) -> dt.date:
        if code not in cutoffs:
            cutoffs[code] = overdue_cutoff(code, today, calendar, limits)
        return cutoffs[code]

    return [or_(*(_complaint_part(v, today, cutoff) for v in values))]

