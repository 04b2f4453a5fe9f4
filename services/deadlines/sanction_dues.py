"""The deadlines of the sanctions decided, from the database: 宣布 and 回访教育 (DOMAIN §3, §9).

- 宣布: each 党纪/政务处分 of a case is announced within the ``execution`` limit (one month) of its
  decision; open until its ``SanctionExecution.announced_date`` is recorded, whether or not the case is
  closed. Cases brought in by ``import-ledger`` are left out: their old ledgers hold no 宣布 dates, and
  the stage rules apply to what is entered in the app. A sanction recorded before the upgrade that
  began keeping 处分执行 (``Measure.execution_tracked`` False) keeps the rule of before: owed only
  while its case is open, so an upgraded office is not shown every old sanction as unannounced.
- 回访教育: each measure with an effect period gets a visit due ``FOLLOW_UP_LEAD_DAYS`` before the
  period ends (:func:`rules.follow_up_due`); open until a visit is recorded, and listed while the
  period lasts (after it a visit can no longer be recorded, see ``casework.follow_ups``).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from models import Case, FollowUpVisit, Lead, Measure, Person, SanctionExecution

from services.deadlines.rules import Deadline, DeadlineInput, dated_deadline, follow_up_due, sanction_deadlines
from services.deadlines.workdays import WorkCalendar

FOLLOW_UP_CODE = "follow_up"
FOLLOW_UP_LABEL = "回访教育"


def announcement_inputs(s: Session) -> list[DeadlineInput]:
    """The ``execution`` obligation of every sanction not yet announced (item: its case)."""
    rows = s.execute(select(Measure.decision_date, Case.id, Case.number, Person.name)
                     .join(Case, Case.id == Measure.case_id).join(Person, Person.id == Measure.person_id)
                     .outerjoin(SanctionExecution, SanctionExecution.measure_id == Measure.id)
                     .where(Measure.category != "handling", Case.imported.is_(False),
                            SanctionExecution.announced_date.is_(None),
                            or_(Measure.execution_tracked.is_(True), Case.closing_date.is_(None)))
                     .order_by(Measure.id)).all()
    out: list[DeadlineInput] = []
    for decided, case_id, number, name in rows:
        out += DeadlineInput.from_obligations("case", case_id, f"{number} {name}", sanction_deadlines(decided, None))
    return out


def follow_up_dues(s: Session, today: dt.date, cal: WorkCalendar, warn: int, include_ok: bool,
                   lead_days: int) -> list[Deadline]:
    """The 回访教育 still owed on measures whose effect period has not ended."""
    visited = exists().where(FollowUpVisit.measure_id == Measure.id)
    rows = s.execute(select(Measure.effect_end, Measure.case_id, Measure.lead_id, Person.name, Case.number,
                            Lead.number)
                     .join(Person, Person.id == Measure.person_id)
                     .outerjoin(Case, Case.id == Measure.case_id).outerjoin(Lead, Lead.id == Measure.lead_id)
                     .where(Measure.effect_end >= today, ~visited).order_by(Measure.id)).all()
    out = []
    for end, case_id, lead_id, name, case_no, lead_no in rows:
        item_type, item_id = ("case", case_id) if case_id else ("lead", lead_id)
        row = dated_deadline(item_type, item_id, f"{case_no or lead_no} {name}", FOLLOW_UP_CODE, FOLLOW_UP_LABEL,
                             follow_up_due(end, lead_days), today, cal, warn_workdays=warn, include_ok=include_ok)
        if row is not None:
            out.append(row)
    return out
