"""回访教育 (DOMAIN §9): each sanctioned person is visited during the effect period, before it ends.

A measure with an effect period (``Measure.effect_end``: the 党纪/政务处分 that have one) owes a visit
due ``回访提前天数`` days before the period ends — the setting ``FOLLOW_UP_LEAD_DAYS``, by default 30:
a month leaves time to arrange the visit with the person's unit and, if the visit finds the person
has not mended their ways, to report it before the period runs out (a visit after the end can no
longer influence it). The due list shows it from ``即将到期`` on and as 已超期 past that day, until a
visit is recorded or the period has ended (``deadlines.sanction_dues``).

A visit is recorded with its date (within the effect period: not before the decision, not after the
period's end, not in the future), its form (上门回访, 谈心谈话, 电话回访, 其他), who visited and a note; it is
an audit event of the case (or lead), so the timeline shows it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from models import FollowUpVisit, Measure, Person
from models.enums import FollowUpForm

from services.casework import sanction_rules
from services.deadlines.rules import follow_up_due
from services.errors import NotFoundError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import Workspace
from services.validation import action_date, validate_text

__all__ = ["FollowUpView", "FollowUpPlan", "follow_up_plan", "record_visit"]


@dataclass
class FollowUpView:
    id: int
    measure_id: int
    visit_date: dt.date
    form: str
    form_label: str
    by_whom: str
    note: str


@dataclass
class FollowUpPlan:
    """A measure's 回访: its effect period, when the visit is due, and the visits recorded."""
    measure_id: int
    person_name: str
    kind_label: str
    decision_date: dt.date
    effect_end: dt.date | None
    due: dt.date | None             # None: the measure has no effect period, no 回访 is owed
    visits: list[FollowUpView]


def _measure(s, measure_id: int) -> Measure:
    m = s.get(Measure, measure_id)
    if m is None:
        raise NotFoundError("处分记录不存在或已被删除")
    return m


def _visits(s, measure_id: int) -> list[FollowUpView]:
    rows = s.execute(select(FollowUpVisit).where(FollowUpVisit.measure_id == measure_id)
                     .order_by(FollowUpVisit.visit_date, FollowUpVisit.id)).scalars()
    return [FollowUpView(v.id, v.measure_id, v.visit_date, v.form, FollowUpForm(v.form).label, v.by_whom, v.note)
            for v in rows]


def follow_up_plan(ws: Workspace, measure_id: int) -> FollowUpPlan:
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        m = _measure(s, measure_id)
        days = int(settings.get(s, settings.FOLLOW_UP_LEAD_DAYS))
        return FollowUpPlan(m.id, s.get(Person, m.person_id).name, sanction_rules.label_of(m.kind), m.decision_date,
                            m.effect_end, follow_up_due(m.effect_end, days) if m.effect_end else None,
                            _visits(s, m.id))


def record_visit(ws: Workspace, measure_id: int, *, visit_date: Any, form: str, by_whom: str,
                 note: str = "") -> FollowUpView:
    """Record a 回访教育 visit on a sanctioned person, within the measure's effect period."""
    require(ws.current_user, "measure.manage")
    with ws.transaction() as s:
        m = _measure(s, measure_id)
        if m.effect_end is None:
            raise ValidationError(f"“{sanction_rules.label_of(m.kind)}”没有影响期，无需回访教育", field="measure_id")
        d = action_date(visit_date, ws.today(), "回访日期", "visit_date", ("处分决定日期", m.decision_date))
        if d > m.effect_end:
            raise ValidationError(f"回访日期（{d.isoformat()}）不能晚于影响期届满日（{m.effect_end.isoformat()}），"
                                  "回访教育应在影响期内进行", field="visit_date")
        how = FollowUpForm.from_text(form or "")
        if how is None:
            raise ValidationError("请选择回访形式", field="form")
        who = validate_text(by_whom, label="回访人", field="by_whom", max_length=100, required=True)
        text = validate_text(note, label="回访情况", field="note", max_length=2000) or ""
        v = FollowUpVisit(measure_id=m.id, visit_date=d, form=how.value, by_whom=who, note=text)
        s.add(v)
        s.flush()
        person = s.get(Person, m.person_id)
        owner = ("case", m.case_id) if m.case_id else ("lead", m.lead_id)
        audit.record(s, ws.current_user, "measure.follow_up", *owner,
                     {"measure_id": m.id, "person": person.name, "kind": m.kind, "date": d, "form": how.value,
                      "by": who})
        return FollowUpView(v.id, m.id, d, how.value, how.label, who, text)
