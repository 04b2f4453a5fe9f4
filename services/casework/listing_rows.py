"""The display rows of a list: the visible ids' columns as text, never an identity field.

``fetch_rows`` reads the rows of a screenful of ids (500 at a time) for one entity, each a
``RowView`` whose values are keyed by the ``listing_query.COLUMNS`` keys.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Complaint, ComplaintSubject, Lead, LedgerEntry, LedgerLeader, Person
from models.enums import (CaseStage, Channel, ComplaintKind, ComplaintState, Discipline, Disposition, LeadResult,
                          LeadSource, LedgerOutcome, Rank, Signature)

from services.casework.listing_query import COLUMNS, ENTITIES, VIEW_PERM
from services.errors import ValidationError
from services.security.permissions import require
from services.storage.workspace import Workspace


@dataclass
class RowView:
    """One list row: ``values[key]`` is the display text of column ``key``."""

    id: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def cells(self, entity: str) -> list[str]:
        return [self.values.get(k, "") for k, _, _ in COLUMNS[entity]]


def _lab(enum_cls, code) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _complaint_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    rows = s.execute(select(Complaint.id, Complaint.number, Complaint.received_date, Complaint.channel,
                            Complaint.kind, Complaint.signature, Complaint.discipline, Complaint.main_problem,
                            Complaint.state, Complaint.state_date, Complaint.is_repeat)
                     .where(Complaint.id.in_(ids))).all()
    subjects: dict[int, list] = {}
    for cid, name, unit, rank in s.execute(
            select(ComplaintSubject.complaint_id, ComplaintSubject.name, ComplaintSubject.unit, ComplaintSubject.rank)
            .where(ComplaintSubject.complaint_id.in_(ids)).order_by(ComplaintSubject.id)):
        subjects.setdefault(cid, []).append((name, unit, rank))
    out = {}
    for r in rows:
        subs = subjects.get(r.id, [])
        problem = (r.main_problem or "").replace("\n", " ")
        out[r.id] = RowView(r.id, {
            "number": r.number, "received_date": _d(r.received_date), "channel": _lab(Channel, r.channel),
            "kind": _lab(ComplaintKind, r.kind), "signature": _lab(Signature, r.signature),
            "subjects": "、".join(n for n, _, _ in subs), "units": "、".join(dict.fromkeys(u for _, u, _ in subs if u)),
            "ranks": "、".join(dict.fromkeys(_lab(Rank, k) for _, _, k in subs if k)),
            "discipline": _lab(Discipline, r.discipline), "main_problem": problem[:120],
            "state": _lab(ComplaintState, r.state), "state_date": _d(r.state_date), "is_repeat": "是" if r.is_repeat else "",
        })
    return out


def _persons(s: Session, owner_col, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for oid, name in s.execute(select(owner_col, Person.name).where(owner_col.in_(ids)).order_by(Person.id)):
        out.setdefault(oid, []).append(name)
    return out


def _lead_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    persons = _persons(s, Person.lead_id, ids)
    out = {}
    for lead in s.execute(select(Lead).where(Lead.id.in_(ids))).scalars():
        out[lead.id] = RowView(lead.id, {
            "number": lead.number, "received_date": _d(lead.received_date), "source": _lab(LeadSource, lead.source),
            "persons": "、".join(persons.get(lead.id, [])), "summary": (lead.summary or "")[:120],
            "disposition": _lab(Disposition, lead.disposition), "disposition_date": _d(lead.disposition_date),
            "approved": ("已审批" if lead.approver_id else "待审批") if lead.disposition else "",
            "result": _lab(LeadResult, lead.result), "result_date": _d(lead.result_date)})
    return out


def _case_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    persons = _persons(s, Person.case_id, ids)
    out = {}
    for c in s.execute(select(Case).where(Case.id.in_(ids))).scalars():
        out[c.id] = RowView(c.id, {
            "number": c.number, "filing_date": _d(c.filing_date), "title": c.title,
            "persons": "、".join(persons.get(c.id, [])), "stage": _lab(CaseStage, c.stage),
            "closing_date": _d(c.closing_date), "eight_rules": "是" if c.eight_rules else ""})
    return out


def _ledger_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    leaders: dict[int, list] = {}
    for eid, name, outcome in s.execute(select(LedgerLeader.entry_id, LedgerLeader.name, LedgerLeader.outcome)
                                        .where(LedgerLeader.entry_id.in_(ids)).order_by(LedgerLeader.id)):
        leaders.setdefault(eid, []).append((name, outcome))
    out = {}
    for e, case_number in s.execute(select(LedgerEntry, Case.number).join(Case, Case.id == LedgerEntry.case_id)
                                    .where(LedgerEntry.id.in_(ids))):
        ls = leaders.get(e.id, [])
        out[e.id] = RowView(e.id, {
            "number": e.number, "entry_date": _d(e.entry_date), "case_number": case_number, "unit": e.unit,
            "leaders": "、".join(n for n, _ in ls),
            "outcomes": "、".join(f"{n}：{_lab(LedgerOutcome, o) or '待定'}" for n, o in ls)})
    return out


_FETCH = {"complaint": _complaint_rows, "lead": _lead_rows, "case": _case_rows, "ledger": _ledger_rows}


def fetch_rows(ws: Workspace, entity: str, ids: Iterable[int]) -> dict[int, RowView]:
    """Display rows for ``ids`` (a screenful); never identity fields."""
    if entity not in ENTITIES:
        raise ValidationError(f"未知的列表：{entity}", field="entity")
    require(ws.current_user, VIEW_PERM[entity])
    ids = list(ids)
    if not ids:
        return {}
    with ws.reading() as s:
        out: dict[int, RowView] = {}
        for i in range(0, len(ids), 500):
            out.update(_FETCH[entity](s, ids[i:i + 500]))
        return out
