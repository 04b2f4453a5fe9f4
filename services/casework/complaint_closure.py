"""办结 of a complaint: the one writer, used by the 办结 action and by the conclusion of its lead or case.

DOMAIN §9: the complaint is 办结 when the lead or case that came from it is concluded, and the
15-working-day 反馈 clock (services.deadlines.rules ``result_feedback``) runs from that date. So
``leads.conclude_lead`` and ``cases.advance_case`` (结案) call :func:`conclude_with` in their own
transaction; the complaint action ``intake.conclude`` calls :func:`conclude_in` (the one writer of the
办结 columns) through its state transition.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models import Case, Complaint, Lead
from models.enums import ComplaintState, LeadResult
from services.errors import ValidationError
from services.security import audit

#: Lead results that do not end the handling: 转初核 opens a follow-up lead, 立案 opens a case.
_NOT_FINAL = (LeadResult.to_verification.value, LeadResult.case_filed.value)
_WAITING = (ComplaintState.accepted.value, ComplaintState.transferred.value)


def conclude_in(c: Complaint, d: dt.date, note: str = "") -> None:
    """Set ``c`` 办结 on ``d`` (the caller records the audit event)."""
    if c.accepted_date and d < c.accepted_date:
        raise ValidationError(f"办结日期（{d.isoformat()}）不能早于受理日期（{c.accepted_date.isoformat()}）",
                              field="date")
    c.state, c.concluded_date, c.state_reason, c.state_date = ComplaintState.concluded.value, d, note, d


def _conclude_via(session: Session, actor, c: Complaint, d: dt.date, note: str, via: str) -> Complaint:
    d = max(d, c.accepted_date or d)
    conclude_in(c, d, note)
    audit.record(session, actor, "complaint.conclude", "complaint", c.id, {"number": c.number, "date": d, "via": via})
    return c


def _complaint_of(session: Session, lead: Lead | None) -> Complaint | None:
    if lead is None or lead.complaint_id is None:
        return None
    c = session.get(Complaint, lead.complaint_id)
    # An accepted complaint waits for its lead, also when a part was then 转办 to another body (whose reply
    # is chased on the referral); one reported up (the upper level handles it) or already 办结 is left alone.
    return c if c is not None and c.state in _WAITING else None


def conclude_with_lead(session: Session, actor, lead: Lead) -> Complaint | None:
    """The lead got its final result: its complaint (if still 已受理) is 办结 on the result date."""
    if lead.result is None or lead.result in _NOT_FINAL or lead.result_date is None:
        return None
    c = _complaint_of(session, lead)
    if c is None:
        return None
    result = LeadResult.from_text(lead.result)
    return _conclude_via(session, actor, c, lead.result_date,
                         f"问题线索 {lead.number} 办理结果：{result.label if result else lead.result}", lead.number)


def conclude_with_case(session: Session, actor, case: Case) -> Complaint | None:
    """The case was 结案: the complaint its lead came from (if still 已受理) is 办结 on the closing date."""
    if case.closing_date is None or case.lead_id is None:
        return None
    c = _complaint_of(session, session.get(Lead, case.lead_id))
    if c is None:
        return None
    return _conclude_via(session, actor, c, case.closing_date, f"案件 {case.number} 结案", case.number)
