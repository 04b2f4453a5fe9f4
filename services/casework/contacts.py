"""受理告知 and 结果反馈 to the complainant of a 实名检举控告 (DOMAIN §1, §9), each a ``ComplainantContact``.

The 受理告知 and 反馈 actions of the complaint (``intake`` re-exports them) write the contact row (how:
当面/电话/书面, when, by whom; for 反馈 the complainant's response) and set the complaint's
``acceptance_notice_date`` / ``feedback_date``, which meet the deadlines of services.deadlines.rules.
Only a 实名检举控告 that is not a repeat is owed either (``rules.owes_notice_and_feedback``); other
complaints are refused with the reason.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ComplainantContact, Complaint
from models.enums import ComplaintKind, ComplaintState, ContactKind, ContactMethod, FeedbackResponse, Signature

from services.casework.intake_form import ComplaintView, build_view, label_of, load
from services.deadlines.rules import owes_notice_and_feedback
from services.errors import StateError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_text

S = ComplaintState


@dataclass
class ContactView:
    id: int
    kind: str
    kind_label: str
    contact_date: dt.date
    method: str
    method_label: str
    by_whom: str
    response: str | None
    response_label: str
    note: str

    def as_dict(self) -> dict:
        return asdict(self)


def refusal(c: Complaint, label: str) -> str | None:
    """Why ``c``'s complainant is owed no 告知/反馈 (None when one is owed)."""
    if owes_notice_and_feedback(c.signature, c.kind, c.is_repeat):
        return None
    if c.is_repeat:
        return f"信访件 {c.number} 是重复件，仅登记备查，不再{label}"
    if c.signature != Signature.real_name.value:
        return (f"信访件 {c.number} 为“{label_of(Signature, c.signature)}”，不是实名举报（须有姓名和联系方式），"
                f"无需{label}")
    return f"信访件 {c.number} 的类型是“{label_of(ComplaintKind, c.kind)}”，{label}只适用于实名检举控告"


def _contact(ws: Workspace, complaint_id: int, kind: ContactKind, label: str, when: Any, method: str,
             by_whom: str, note: str, check, response: str | None = None,
             expected_version: int | None = None) -> ComplaintView:
    """Check the complaint (``check(c)`` → the event the date may not precede), write the row, audit.
    ``expected_version``: the complaint's version the form loaded (the contact's date is stored on the
    complaint): a save over another desk's newer one is refused with ``ConcurrentEditError``."""
    require(ws.current_user, "complaint.decide")
    problems: list[ValidationError] = []
    how = ContactMethod.from_text(method) if method else None
    if how is None:
        problems.append(ValidationError(f"请选择{label}方式（当面、电话、书面之一）", field="method"))
    answer = None
    if kind is ContactKind.feedback:
        answer = FeedbackResponse.from_text(response) if response else None
        if answer is None:
            problems.append(ValidationError("请选择反映人对处理结果的意见（满意、基本满意、不满意、无法联系之一）",
                                            field="response"))
    who = text = ""
    try:
        who = validate_text(by_whom, label=f"{label}人", field="by_whom", max_length=100, required=True) or ""
    except ValidationError as exc:
        problems.append(exc)
    try:
        text = validate_text(note, label="情况说明", field="note", max_length=2000) or ""
    except ValidationError as exc:
        problems.append(exc)
    with ws.transaction() as s:
        c = load(s, complaint_id)
        check_version(s, c, expected_version, f"信访件 {c.number} ")
        reason = refusal(c, label)
        if reason:
            raise StateError(reason)
        start_label, start = check(c)
        try:
            d = action_date(when, ws.today(), f"{label}日期", not_before=(start_label, start))
        except ValidationError as exc:
            problems.insert(0, exc)
        raise_all(problems, f"{label}记录")
        s.add(ComplainantContact(complaint_id=c.id, kind=kind.value, contact_date=d, method=how.value, by_whom=who,
                                 response=answer.value if answer else None, note=text))
        if kind is ContactKind.feedback:
            c.feedback_date, c.feedback_note = d, text or answer.label
        else:
            c.acceptance_notice_date = d
        action = "notice" if kind is ContactKind.acceptance_notice else "feedback"
        audit.record(s, ws.current_user, f"complaint.{action}", "complaint", c.id,
                     {"number": c.number, "date": d, "method": how.value, "by": who,
                      **({"response": answer.value} if answer else {})})
        return build_view(ws, s, c)


def record_acceptance_notice(ws: Workspace, complaint_id: int, date: Any, method: str, by_whom: str,
                             note: str = "", *, expected_version: int | None = None) -> ComplaintView:
    """受理告知 to the 实名 complainant (due within 15 working days of receipt), once."""
    def check(c: Complaint):
        if c.acceptance_notice_date is not None:
            raise StateError(f"信访件 {c.number} 已于 {c.acceptance_notice_date.isoformat()} 告知受理情况")
        if c.state == S.registered.value:
            raise StateError(f"信访件 {c.number} 尚未受理，受理（或作出其他处理）后再告知")
        return "收件日期", c.received_date
    return _contact(ws, complaint_id, ContactKind.acceptance_notice, "受理告知", date, method, by_whom, note, check,
                    expected_version=expected_version)


def record_feedback(ws: Workspace, complaint_id: int, date: Any, method: str, response: str, by_whom: str,
                    note: str = "", *, expected_version: int | None = None) -> ComplaintView:
    """反馈: the result told to the 实名 complainant after 办结 (or 不予受理), with the response, once."""
    def check(c: Complaint):
        if c.state not in (S.concluded.value, S.not_accepted.value):
            raise StateError(f"信访件 {c.number} 尚未办结，办结后再反馈处理结果")
        if c.feedback_date is not None:
            raise StateError(f"信访件 {c.number} 已于 {c.feedback_date.isoformat()} 反馈，不能重复反馈")
        return ("办结日期", c.concluded_date) if c.concluded_date else ("不予受理日期", c.state_date)
    return _contact(ws, complaint_id, ContactKind.feedback, "反馈", date, method, by_whom, note, check,
                    response=response, expected_version=expected_version)


def _contact_view(x: ComplainantContact) -> ContactView:
    return ContactView(x.id, x.kind, label_of(ContactKind, x.kind), x.contact_date, x.method,
                       label_of(ContactMethod, x.method), x.by_whom, x.response, label_of(FeedbackResponse, x.response),
                       x.note or "")


def list_contacts(ws: Workspace, complaint_id: int) -> list[ContactView]:
    """The complaint's 告知 and 反馈 records, in date order."""
    require(ws.current_user, "complaint.view")
    with ws.reading() as s:
        load(s, complaint_id)
        return [_contact_view(x) for x in _contacts(s, complaint_id)]


def _contacts(s: Session, complaint_id: int):
    return s.execute(select(ComplainantContact).where(ComplainantContact.complaint_id == complaint_id)
                     .order_by(ComplainantContact.contact_date, ComplainantContact.id)).scalars()
