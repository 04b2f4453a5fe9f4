"""The columns and the creation event of a new lead and a new case, written one way.

``leads.create_lead_in`` and ``cases.open_case_in`` (the app's writers: the forms, 受理, 转初核, scripts,
tests) store ``lead_columns`` / ``case_columns`` and audit ``lead_created`` / ``case_created``; the ledger
importer's bulk insert (``interchange.ledger_write``) writes the same column dicts and lists the same
detail with each item of its batch event, so an imported lead or case is stored as the app stores it:
the 八项规定 flag and sub-type carried forward (``carry_forward``), the summary taken from the complaint
or the lead, the last-change bookkeeping naming the user who wrote it.

What only an import adds on top: the ledger's own number, the disposition, result or 结案 the old ledger
already holds, and ``imported`` (its intermediate dates may be missing, issue 12; a case's 立案 was
approved outside the app, so it has no approver here).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from models.enums import CaseStage

from services.casework.carry_forward import Classification

__all__ = ["case_columns", "case_created", "lead_columns", "lead_created"]


def lead_columns(user: Any, *, number: str, source: str, received_date: dt.date, summary: str | None,
                 complaint_id: int | None, classification: Classification) -> dict[str, Any]:
    """Every column of a new lead that the app sets, from checked values (the others keep their defaults)."""
    flag, sub_type = classification
    return {"number": number, "source": source, "complaint_id": complaint_id, "received_date": received_date,
            "summary": summary or "", "eight_rules": bool(flag), "eight_rules_type": sub_type,
            "updated_by_id": getattr(user, "id", None)}


def lead_created(columns: dict[str, Any], persons: int, note: str = "") -> dict[str, Any]:
    """The detail of the ``lead.create`` event of a lead stored with ``columns`` and ``persons`` persons."""
    return {"number": columns["number"], "source": columns["source"], "complaint_id": columns["complaint_id"],
            "persons": persons, "eight_rules": columns["eight_rules"],
            "eight_rules_type": columns["eight_rules_type"], **({"note": note} if note else {})}


def case_columns(user: Any, *, number: str, lead_id: int | None, lead_summary: str, filing_date: dt.date,
                 classification: Classification, title: str = "", summary: str = "", approver: Any = None,
                 filing_approver: str = "") -> dict[str, Any]:
    """Every column of a new case at 立案 that the app sets. ``approver``: the user who approves the 立案
    now (a secretary), else None; ``lead_summary`` is the summary when none is given."""
    flag, sub_type = classification
    return {"number": number, "lead_id": lead_id, "title": title or "", "stage": CaseStage.filed.value,
            "filing_date": filing_date,
            "filing_approver": ((filing_approver or "").strip() or (approver.display_name if approver else ""))[:40],
            "filing_approver_id": approver.id if approver else None, "eight_rules": bool(flag),
            "eight_rules_type": sub_type, "summary": (summary or "").strip() or (lead_summary or ""),
            "updated_by_id": getattr(user, "id", None)}


def case_created(columns: dict[str, Any], lead_number: str | None) -> dict[str, Any]:
    """The detail of the ``case.create`` event of a case stored with ``columns``."""
    return {"number": columns["number"], "date": columns["filing_date"], "lead": lead_number,
            "eight_rules": columns["eight_rules"], "approved": columns["filing_approver_id"] is not None}
