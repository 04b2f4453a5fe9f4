"""初核's conditions (DOMAIN §2, §9): at least two distinct verifiers and a 工作方案 the secretary approved.

One way to do each thing:
- the verifiers are named when the lead is disposed as 初步核实 (``leads.dispose`` calls
  :func:`check_verifiers`): names trimmed, separated by 、 ， , (or ；, spaces), one name twice refused;
- the plan (text, or an attachment of the lead) is recorded by :func:`record_plan` once the lead is
  disposed as 初步核实 and until it is approved; :func:`approve_plan` is the secretary's approval (audited);
- 初核's results (立案, 了结, 谈话提醒, 移交) wait for the approved plan (:func:`require_approved_plan`); a lead
  brought in by ``import-ledger`` was disposed outside the app (its 初核 decided there, the plan with it).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models import Attachment, Lead, User
from models.enums import Disposition

from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.attachments import add_attachment_in
from services.storage.workspace import Workspace
from services.validation import action_date, validate_text

MIN_VERIFIERS = 2
PLAN_MAX_LENGTH = 10000
_SEPARATORS = re.compile(r"[、，,；;\s]+")

__all__ = ["MIN_VERIFIERS", "WorkPlanView", "approve_plan", "check_verifiers", "plan_view", "record_plan",
           "require_approved_plan", "verifier_names"]


def verifier_names(text: str | None) -> list[str]:
    """The names in a 核查人员 field, trimmed, in the order typed (duplicates kept)."""
    return [n for n in _SEPARATORS.split((text or "").strip()) if n]


def check_verifiers(text: str | None) -> tuple[list[str], ValidationError | None]:
    """The distinct names, or the problem: fewer than two, or one name given twice."""
    names = verifier_names(text)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return names, ValidationError(f"核查人员“{name}”重复填写，初步核实须由至少{MIN_VERIFIERS}名不同人员承办",
                                          field="verifiers")
        seen.add(name)
    if len(names) < MIN_VERIFIERS:
        return names, ValidationError(f"初步核实须由至少{MIN_VERIFIERS}名人员承办，请填写核查人员（用顿号分隔）",
                                      field="verifiers")
    return names, None


@dataclass
class WorkPlanView:
    lead_id: int
    text: str
    attachment_id: int | None
    attachment_name: str
    approved: bool
    approver_name: str
    approved_date: dt.date | None


def plan_view(session: Session, lead: Lead) -> WorkPlanView:
    att = session.get(Attachment, lead.work_plan_attachment_id) if lead.work_plan_attachment_id else None
    approver = session.get(User, lead.work_plan_approver_id) if lead.work_plan_approver_id else None
    return WorkPlanView(lead.id, lead.work_plan or "", lead.work_plan_attachment_id, att.filename if att else "",
                        lead.work_plan_approver_id is not None, approver.display_name if approver else "",
                        lead.work_plan_approved_date)


def _verification_lead(session: Session, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFoundError("问题线索不存在或已被删除")
    if lead.disposition != Disposition.preliminary_verification.value:
        raise StateError(f"线索 {lead.number} 的处置方式不是初步核实，无需初核工作方案")
    if lead.result is not None:
        raise StateError(f"线索 {lead.number} 已有办理结果，不能再修改初核工作方案")
    return lead


def record_plan(ws: Workspace, lead_id: int, text: str = "", attachment_id: int | None = None,
                file: Path | str | None = None) -> WorkPlanView:
    """The 工作方案 of a lead under 初核: its text, or one of the lead's attachments (or both). ``file``: a
    file chosen as the plan, stored as the lead's attachment (the attachment store) in the same transaction."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        lead = _verification_lead(s, lead_id)
        if lead.work_plan_approver_id is not None:
            raise StateError(f"线索 {lead.number} 的初核工作方案已经纪委书记审批，不能再修改")
        plan = validate_text(text, label="初核工作方案", field="work_plan", max_length=PLAN_MAX_LENGTH) or ""
        if file is not None:
            attachment_id = add_attachment_in(ws, s, ("lead", lead.id), file).id
        elif attachment_id is not None:
            att = s.get(Attachment, attachment_id)
            if att is None or att.lead_id != lead.id:
                raise ValidationError("作为工作方案的附件须是本线索的附件，请先在本线索中添加", field="work_plan_attachment_id")
        if not plan and attachment_id is None:
            raise ValidationError("请填写初核工作方案，或选择本线索的一个附件作为工作方案", field="work_plan")
        lead.work_plan, lead.work_plan_attachment_id = plan, attachment_id
        audit.record(s, ws.current_user, "lead.work_plan", "lead", lead.id,
                     {"number": lead.number, "length": len(plan), "attachment_id": attachment_id})
        return plan_view(s, lead)


def approve_plan(ws: Workspace, lead_id: int, date: Any) -> WorkPlanView:
    """The secretary approves the recorded 工作方案 on ``date`` (not before the disposition, not ahead)."""
    require(ws.current_user, "lead.approve")
    with ws.transaction() as s:
        lead = _verification_lead(s, lead_id)
        if lead.work_plan_approver_id is not None:
            raise StateError(f"线索 {lead.number} 的初核工作方案已经审批")
        if not lead.work_plan and lead.work_plan_attachment_id is None:
            raise StateError(f"线索 {lead.number} 尚未填写初核工作方案，无可审批的内容")
        d = action_date(date, ws.today(), "工作方案审批日期", "date", ("处置日期", lead.disposition_date))
        lead.work_plan_approver_id, lead.work_plan_approved_date = ws.current_user.id, d
        audit.record(s, ws.current_user, "lead.work_plan_approve", "lead", lead.id,
                     {"number": lead.number, "date": d})
        return plan_view(s, lead)


def require_approved_plan(lead: Lead, action: str) -> None:
    """A 初核 lead's result (``action``: "登记初核结果", "立案") waits for the approved 工作方案."""
    if (lead.disposition == Disposition.preliminary_verification.value and lead.work_plan_approver_id is None
            and not lead.imported):  # an imported lead's 初核 was decided outside the app, plan and all
        raise StateError(f"线索 {lead.number} 的初核工作方案尚未经纪委书记审批，审批后才能{action}")
