"""工作台 figures: this month's headline counters so far beside the same days of that month last year, and a
12-month trend."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from models import Case, Complaint, Lead, Measure, Person

from services.deadlines.rules import add_months
from services.reporting.figures_sql import person_key
from services.security.permissions import require
from services.storage.workspace import Workspace


@dataclass(frozen=True)
class Counter:
    """``month``: this month so far (the 1st to today); ``same_month_last_year``: the same days of that
    month a year earlier (the 1st to the same day), not the whole month."""

    key: str
    label_zh: str
    month: int
    same_month_last_year: int
    period: tuple[dt.date, dt.date] | None = None
    last_period: tuple[dt.date, dt.date] | None = None

    @property
    def change_pct(self) -> float | None:
        """同比增减%, one decimal; None when last year is 0."""
        if not self.same_month_last_year:
            return None
        return round((self.month - self.same_month_last_year) / self.same_month_last_year * 100, 1)


def month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _count(s: Session, col, a: dt.date, b: dt.date, *extra) -> int:
    return s.execute(select(func.count()).where(col >= a, col <= b, *extra)).scalar_one()


COUNTERS = [
    ("complaints_received", "收到信访举报（件）", lambda s, a, b: _count(s, Complaint.received_date, a, b)),
    ("leads_disposed", "处置问题线索（件）", lambda s, a, b: _count(s, Lead.disposition_date, a, b)),
    ("cases_filed", "立案（件）", lambda s, a, b: _count(s, Case.filing_date, a, b)),
    ("cases_closed", "结案（件）", lambda s, a, b: _count(s, Case.closing_date, a, b)),
    ("persons_sanctioned", "处分（人）", lambda s, a, b: s.execute(
        select(func.count(distinct(person_key(Measure.person_id))))
        .select_from(Measure).join(Person, Person.id == Measure.person_id).where(
            Measure.decision_date >= a, Measure.decision_date <= b,
            Measure.category.in_(["party_sanction", "government_sanction"]))).scalar_one()),
]


def same_days_last_year(today: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """(this month's 1st to ``today``, last year's same month from the 1st to the same day — the month's
    last day when it has fewer days, 29 February → 28 February)."""
    first = today.replace(day=1)
    last_first = add_months(first, -12)
    last_day = min(today.day, calendar.monthrange(last_first.year, last_first.month)[1])
    return (first, today), (last_first, last_first.replace(day=last_day))


def headline(ws: Workspace, today: dt.date | None = None) -> list[Counter]:
    """This month so far (1st to ``today``) against the same days of the same month a year earlier."""
    require(ws.current_user, "report.view")
    today = today or ws.today()
    (a, b), (la, lb) = same_days_last_year(today)
    with ws.reading() as s:
        return [Counter(key, label, fn(s, a, b), fn(s, la, lb), (a, b), (la, lb)) for key, label, fn in COUNTERS]


def trend(ws: Workspace, today: dt.date | None = None, months: int = 12) -> list[tuple[str, int, int, int]]:
    """(YYYY-MM, complaints received, leads disposed, cases filed) for the last ``months`` months, oldest first."""
    require(ws.current_user, "report.view")
    today = today or ws.today()
    out = []
    with ws.reading() as s:
        for back in range(months - 1, -1, -1):
            a, b = month_span(add_months(today.replace(day=1), -back))
            out.append((f"{a.year:04d}-{a.month:02d}", _count(s, Complaint.received_date, a, b),
                        _count(s, Lead.disposition_date, a, b), _count(s, Case.filing_date, a, b)))
    return out
