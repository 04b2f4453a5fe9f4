"""The actions on a complaint by its state (信访举报): 受理, 不予受理, 上报, 办结.

转办 (with its referral record) is in ``referrals``, 受理告知 and 反馈 (with their contact records) in
``contacts``; both run through :func:`transition` or its checks here."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Complaint, Lead
from models.enums import ComplaintKind, ComplaintState, LeadSource

from services.casework.complaint_closure import conclude_in
from services.casework.intake_form import ComplaintView, build_view, label_of, load
from services.casework.leads import create_lead_in
from services.casework.persons import PersonInput
from services.errors import StateError
from services.security import audit
from services.security.permissions import require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, validate_text

S = ComplaintState


def transition(ws: Workspace, complaint_id: int, action: str, from_states: tuple[str, ...], when: Any,
               label: str, apply, detail: dict | None = None, expected_version: int | None = None) -> ComplaintView:
    """Check the version, the state and the date, ``apply(session, complaint, date)``, audit
    ``complaint.<action>``. ``expected_version``: the complaint's version the form loaded (an action from a
    form loaded before another desk's change is refused with ``ConcurrentEditError``)."""
    require(ws.current_user, "complaint.decide")
    with ws.transaction() as s:
        c = load(s, complaint_id)
        check_version(s, c, expected_version, f"信访件 {c.number} ")
        if c.state not in from_states:
            raise StateError(f"信访件 {c.number} 当前状态为“{label_of(ComplaintState, c.state)}”，不能{label}")
        d = action_date(when, ws.today(), f"{label}日期", not_before=("收件日期", c.received_date))
        apply(s, c, d)
        c.state_date = d
        audit.record(s, ws.current_user, f"complaint.{action}", "complaint", c.id,
                     {"number": c.number, "date": d, **(detail or {})})
        return build_view(ws, s, c)


def required_text(value: Any, label: str, field_code: str, max_length: int = 2000) -> str:
    text = validate_text(value, label=label, field=field_code, max_length=max_length, required=True)
    assert text is not None
    return text


def accept(ws: Workspace, complaint_id: int, date: Any, *, expected_version: int | None = None) -> ComplaintView:
    """受理. A 检举控告 becomes a problem lead (信访举报) with its subjects as the lead's persons."""
    def apply(s: Session, c: Complaint, d: dt.date) -> None:
        if c.kind in ComplaintKind.not_acceptable():
            raise StateError(f"“{label_of(ComplaintKind, c.kind)}”的信访件应作不予受理处理（说明理由后转送或告知）")
        c.state, c.accepted_date = S.accepted.value, d
        if c.kind == ComplaintKind.accusation.value:
            persons = [PersonInput(name=x.name, unit=x.unit, post=x.post, rank=x.rank,
                                   is_party_member=x.is_party_member,   # 不详 stays unknown, not 非党员
                                   is_supervised_object=x.is_supervised_object is not False) for x in c.subjects]
            create_lead_in(ws, s, source=LeadSource.complaint.value, received_date=d, summary=c.main_problem,
                           complaint_id=c.id, persons=persons)
    return transition(ws, complaint_id, "accept", (S.registered.value,), date, "受理", apply,
                      expected_version=expected_version)


def not_accept(ws: Workspace, complaint_id: int, date: Any, reason: str, *,
               expected_version: int | None = None) -> ComplaintView:
    """不予受理, with the reason (required)."""
    text = required_text(reason, "不予受理理由", "reason")

    def apply(s, c, d):
        c.state, c.state_reason = S.not_accepted.value, text
    return transition(ws, complaint_id, "not_accept", (S.registered.value,), date, "不予受理", apply,
                       {"reason": text}, expected_version)


def report_up(ws: Workspace, complaint_id: int, date: Any, note: str = "", *,
              expected_version: int | None = None) -> ComplaintView:
    """上报 to the upper level (an item that belongs there)."""
    text = validate_text(note, label="上报说明", field="note", max_length=2000) or ""

    def apply(s, c, d):
        c.state, c.state_reason = S.reported_up.value, text
    return transition(ws, complaint_id, "report_up", (S.registered.value, S.accepted.value), date, "上报", apply,
                      expected_version=expected_version)


def conclude(ws: Workspace, complaint_id: int, date: Any, note: str = "", *,
             expected_version: int | None = None) -> ComplaintView:
    """办结 an accepted complaint that did not become a lead (one that did is 办结 with its lead or case)."""
    text = validate_text(note, label="办结情况", field="note", max_length=2000) or ""

    def apply(s, c, d):
        lead = s.scalar(select(Lead.number).where(Lead.complaint_id == c.id).order_by(Lead.id).limit(1))
        if lead is not None:
            raise StateError(f"信访件 {c.number} 已转为问题线索 {lead}，随该线索（或由其立案的案件）办结，不能单独办结")
        conclude_in(c, d, text)
    return transition(ws, complaint_id, "conclude", (S.accepted.value,), date, "办结", apply,
                      expected_version=expected_version)
