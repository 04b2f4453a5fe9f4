"""A lead put under 初核 as the rules want it (DOMAIN §2, §9): two distinct verifiers, an approved 工作方案."""
from __future__ import annotations

import datetime as dt

from services.casework import leads, work_plan


def approve_plan(ws, lead_id: int, date: dt.date, text: str = "核查组2人，调取账目、约谈知情人，一个月内完成初核"):
    """Record the 工作方案 of a lead disposed as 初步核实 and approve it (``ws`` signed in as the secretary)."""
    work_plan.record_plan(ws, lead_id, text)
    return work_plan.approve_plan(ws, lead_id, date)


def start_verification(ws, lead_id: int, date: dt.date, note: str = "集体研究", verifiers: str = "王一、王二"):
    """Dispose the lead as 初步核实 on ``date`` and approve its 工作方案 the same day (as the secretary)."""
    view = leads.dispose(ws, lead_id, "preliminary_verification", date, note, verifiers)
    approve_plan(ws, lead_id, date)
    return view
