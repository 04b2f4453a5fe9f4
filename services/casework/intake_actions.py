"""The actions on a complaint by its state (信访举报): 受理, 不予受理, 转办, 上报, 办结, 受理告知, 反馈."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from models import Complaint
from models.enums import ComplaintKind, ComplaintState, LeadSource, Signature

from services.casework.intake_form import ComplaintView, build_view, label_of, load
from services.casework.leads import create_lead_in
from services.casework.persons import PersonInput
from services.errors import StateError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.workspace import Workspace
from services.validation import action_date, validate_text

S = ComplaintState


def _transition(ws: Workspace, complaint_id: int, action: str, from_states: tuple[str, ...], when: Any,
                label: str, apply, detail: dict | None = None) -> ComplaintView:
    require(ws.current_user, "complaint.decide")
    with ws.transaction() as s:
        c = load(s, complaint_id)
        if c.state not in from_states:
            raise StateError(f"信访件 {c.number} 当前状态为“{label_of(ComplaintState, c.state)}”，不能{label}")
        d = action_date(when, ws.today(), f"{label}日期", not_before=("收件日期", c.received_date))
        apply(s, c, d)
        c.state_date = d
        audit.record(s, ws.current_user, f"complaint.{action}", "complaint", c.id,
                     {"number": c.number, "date": d, **(detail or {})})
        return build_view(ws, s, c)


def _required_text(value: Any, label: str, field_code: str, max_length: int = 2000) -> str:
    text = validate_text(value, label=label, field=field_code, max_length=max_length, required=True)
    assert text is not None
    return text


def accept(ws: Workspace, complaint_id: int, date: Any) -> ComplaintView:
    """受理. A 检举控告 becomes a problem lead (信访举报) with its subjects as the lead's persons."""
    def apply(s: Session, c: Complaint, d: dt.date) -> None:
        if c.kind in ComplaintKind.not_acceptable():
            raise StateError(f"“{label_of(ComplaintKind, c.kind)}”的信访件应作不予受理处理（说明理由后转送或告知）")
        c.state, c.accepted_date = S.accepted.value, d
        if c.kind == ComplaintKind.accusation.value:
            persons = [PersonInput(name=x.name, unit=x.unit, post=x.post, rank=x.rank,
                                   is_party_member=bool(x.is_party_member),
                                   is_supervised_object=x.is_supervised_object is not False) for x in c.subjects]
            create_lead_in(ws, s, source=LeadSource.complaint.value, received_date=d, summary=c.main_problem,
                           complaint_id=c.id, persons=persons)
    return _transition(ws, complaint_id, "accept", (S.registered.value,), date, "受理", apply)


def not_accept(ws: Workspace, complaint_id: int, date: Any, reason: str) -> ComplaintView:
    """不予受理, with the reason (required)."""
    text = _required_text(reason, "不予受理理由", "reason")

    def apply(s, c, d):
        c.state, c.state_reason = S.not_accepted.value, text
    return _transition(ws, complaint_id, "not_accept", (S.registered.value,), date, "不予受理", apply,
                       {"reason": text})


def transfer(ws: Workspace, complaint_id: int, date: Any, to_body: str) -> ComplaintView:
    """转办 to another body (required)."""
    body = _required_text(to_body, "转办单位", "to_body", 100)

    def apply(s, c, d):
        c.state, c.referred_to = S.transferred.value, body
    return _transition(ws, complaint_id, "transfer", (S.registered.value, S.accepted.value), date, "转办", apply,
                       {"to": body})


def report_up(ws: Workspace, complaint_id: int, date: Any, note: str = "") -> ComplaintView:
    """上报 to the upper level (an item that belongs there)."""
    text = validate_text(note, label="上报说明", field="note", max_length=2000) or ""

    def apply(s, c, d):
        c.state, c.state_reason = S.reported_up.value, text
    return _transition(ws, complaint_id, "report_up", (S.registered.value, S.accepted.value), date, "上报", apply)


def conclude(ws: Workspace, complaint_id: int, date: Any, note: str = "") -> ComplaintView:
    """办结 an accepted complaint (once)."""
    text = validate_text(note, label="办结情况", field="note", max_length=2000) or ""

    def apply(s, c, d):
        if c.accepted_date and d < c.accepted_date:
            raise ValidationError(f"办结日期（{d.isoformat()}）不能早于受理日期（{c.accepted_date.isoformat()}）",
                                  field="date")
        c.state, c.concluded_date, c.state_reason = S.concluded.value, d, text
    return _transition(ws, complaint_id, "conclude", (S.accepted.value,), date, "办结", apply)


def _real_name_record(ws: Workspace, complaint_id: int, action: str, label: str, when: Any, check, apply,
                      detail: dict | None = None) -> ComplaintView:
    require(ws.current_user, "complaint.decide")
    with ws.transaction() as s:
        c = load(s, complaint_id)
        if c.signature != Signature.real_name.value:
            raise StateError(f"信访件 {c.number} 不是实名举报，无需{label}")
        start_label, start = check(c)
        d = action_date(when, ws.today(), f"{label}日期", not_before=(start_label, start))
        apply(c, d)
        audit.record(s, ws.current_user, f"complaint.{action}", "complaint", c.id,
                     {"number": c.number, "date": d, **(detail or {})})
        return build_view(ws, s, c)


def record_acceptance_notice(ws: Workspace, complaint_id: int, date: Any) -> ComplaintView:
    """The 受理告知 to a 实名 complainant (due within 15 working days of receipt)."""
    def check(c):
        if c.acceptance_notice_date is not None:
            raise StateError(f"信访件 {c.number} 已于 {c.acceptance_notice_date.isoformat()} 告知受理情况")
        return "收件日期", c.received_date

    def apply(c, d):
        c.acceptance_notice_date = d
    return _real_name_record(ws, complaint_id, "notice", "受理告知", date, check, apply)


def record_feedback(ws: Workspace, complaint_id: int, date: Any, note: str) -> ComplaintView:
    """反馈: the result told to the 实名 complainant (after 办结 or 不予受理)."""
    text = _required_text(note, "反馈情况", "note")

    def check(c):
        if c.state not in (S.concluded.value, S.not_accepted.value):
            raise StateError(f"信访件 {c.number} 尚未办结，办结后再反馈处理结果")
        if c.feedback_date is not None:
            raise StateError(f"信访件 {c.number} 已于 {c.feedback_date.isoformat()} 反馈，不能重复反馈")
        return ("办结日期", c.concluded_date) if c.concluded_date else ("不予受理日期", c.state_date)

    def apply(c, d):
        c.feedback_date, c.feedback_note = d, text
    return _real_name_record(ws, complaint_id, "feedback", "反馈", date, check, apply)
