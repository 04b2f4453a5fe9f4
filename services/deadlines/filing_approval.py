"""立案审批 (DOMAIN §2): the setting ``filing_approval`` (default 1 month) counted from the end of 初核.

A lead still under 初核 ends it at the latest on its 初核 due date (the ``preliminary_verification`` limit
from the disposition), so its 立案审批 is due that long after; a case registered from a lead but not yet
approved by the secretary (``Case.filing_approver_id``) ended 初核 on its 立案 date. A case brought in by
import-ledger was approved outside the app and owes nothing here.
"""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Lead
from models.enums import Disposition

from services.deadlines.rules import DeadlineInput, compute_due
from services.deadlines.workdays import WorkCalendar

CODE = "filing_approval"


def filing_approval_inputs(s: Session, cal: WorkCalendar, limits: Mapping[str, int] | None) -> list[DeadlineInput]:
    out: list[DeadlineInput] = []
    for lid, number, disposed in s.execute(select(Lead.id, Lead.number, Lead.disposition_date).where(
            Lead.disposition == Disposition.preliminary_verification.value, Lead.result.is_(None),
            Lead.disposition_date.is_not(None))):
        out.append(DeadlineInput("lead", lid, number, CODE,
                                 compute_due("preliminary_verification", disposed, cal, limits)))
    for cid, number, filed in s.execute(select(Case.id, Case.number, Case.filing_date).where(
            Case.lead_id.is_not(None), Case.filing_approver_id.is_(None), Case.imported.is_(False),
            Case.closing_date.is_(None))):
        out.append(DeadlineInput("case", cid, number, CODE, filed))
    return out
