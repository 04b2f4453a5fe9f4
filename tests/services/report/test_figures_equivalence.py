"""The monthly figures after the speed-up equal those of the first implementation, figure for figure,
on randomized demo databases (a few thousand complaints with their leads, cases, measures and ledgers)
for months across both years, the year boundary and February.

The first implementation is kept below, unchanged, ONLY as the reference of this test.
"""
from __future__ import annotations

import datetime as dt

import pytest

from services import demo
from services.reporting.figures import compute_figures
from services.reporting.layout import all_key_paths, get_figure

D = dt.date
PERIODS = ["2025-01", "2025-02", "2025-06", "2025-12", "2026-01", "2026-02", "2026-03", "2026-07", "2026-10",
           "2026-11", "2026-12", "2027-01", "2027-11"]


@pytest.mark.parametrize("seed, complaints", [(7, 2500), (20261120, 1200)])
def test_new_figures_equal_the_first_implementation(ws, seed, complaints):
    demo.generate_demo(ws, complaints=complaints, seed=seed, end=dt.date(2026, 11, 20))
    with ws.reading() as s:
        for period in PERIODS:
            new, old = compute_figures(s, period), old_compute_figures(s, period)
            assert new == old, period
            assert list(new) == list(old)  # the same keys in the same (printed) order
    # The data is not trivial: every headline figure is non-zero in some month.
    with ws.reading() as s:
        seen = {k: 0 for k in all_key_paths()}
        for period in PERIODS:
            figs = compute_figures(s, period)
            for k in seen:
                seen[k] += get_figure(figs, k)["ytd"]
    for key in ("complaints_received", "complaints_repeat", "leads_disposed", "cases_filed", "cases_closed",
                "persons_sanctioned", "four_forms.form1", "four_forms.form2", "double_investigation.ledgers"):
        assert seen[key] > 0, key


BOUNDARY_PERIODS = ["2025-01", "2025-02", "2025-11", "2025-12", "2026-01", "2026-02", "2026-10", "2026-11",
                    "2026-12", "2027-01", "2027-11"]


def _boundary_scenario(b) -> None:
    """Persons whose measures straddle the month / year-to-date / last-year boundaries of 2026-11."""
    days = [D(2025, 1, 1), D(2025, 11, 30), D(2025, 12, 1), D(2025, 12, 31), D(2026, 1, 1), D(2026, 10, 31),
            D(2026, 11, 1), D(2026, 11, 30), D(2026, 12, 1)]
    kinds = ["reminder_talk", "party_warning", "gov_demerit", "party_probation", "gov_expulsion", "admonishment",
             "judicial_transfer", "public_exposure", "removal_from_post", "gov_warning", "demotion"]
    # Several forms and both sanction kinds for one person, one pair of days at a time.
    for i, first in enumerate(days):
        for j, second in enumerate(days[i:], start=i):
            c = b.case(D(2024, 6, 1), eight_rules=(i + j) % 3 == 0)
            p = b.person(f"甲{i}{j}", case=c)
            b.measure(p, kinds[(i + j) % len(kinds)], first)
            b.measure(p, kinds[(i * 3 + j + 1) % len(kinds)], second)
            if (i + j) % 4 == 0:
                b.measure(p, "party_serious_warning" if j % 2 else "gov_major_demerit", second)
    # 谈话函询 leads closed as 了结 / 澄清 (form 1 on the result date), with and without measures.
    for i, day in enumerate(days):
        for result in ("concluded", "clarified", "to_verification"):
            lead = b.lead("talk_inquiry", day - dt.timedelta(days=3), result, day, persons=(f"乙{i}", f"丙{i}"))
            b.s.refresh(lead)
            first, second = lead.persons
            b.measure(first, kinds[i % len(kinds)], days[(i + 2) % len(days)])
            b.measure(first, "criticism", day)
            if i % 2:
                b.measure(second, "public_exposure", day)
            if i % 3 == 0:  # the lead's person carried into a case, sanctioned there
                c = b.case(day, eight_rules=True)
                first.case_id = c.id
                b.s.flush()
                b.measure(first, "party_post_removal", days[(i + 5) % len(days)])
    # A 谈话函询 lead concluded without a result date in the spans, and one not concluded.
    b.lead("talk_inquiry", D(2024, 3, 1), "concluded", D(2024, 3, 5), persons=("丁",))
    b.lead("talk_inquiry", D(2026, 11, 2), None, None, persons=("戊",))
    # 八项规定 cases whose persons only have 通报曝光 (exposed, not "handled"), or nothing dated.
    for i, day in enumerate(days):
        c = b.case(day, eight_rules=True)
        for k in range(2):
            b.measure(b.person(f"己{i}{k}", case=c), "public_exposure", days[(i + k) % len(days)])
        b.person(f"庚{i}", case=c)


def test_boundary_scenarios_equal_the_first_implementation(ws, build):
    with build() as b:
        _boundary_scenario(b)
    with ws.reading() as s:
        for period in BOUNDARY_PERIODS:
            new, old = compute_figures(s, period), old_compute_figures(s, period)
            assert new == old, period
            assert list(new) == list(old)
        busy = compute_figures(s, "2026-11")
    # The scenario reaches every figure it is about, in the month and in both year spans.
    for key in ("persons_sanctioned", "party_sanctions", "government_sanctions", "four_forms.form1",
                "four_forms.form2", "four_forms.form3", "four_forms.form4", "eight_rules_persons",
                "eight_rules_sanctioned", "admonishment_talks", "public_exposures"):
        f = get_figure(busy, key)
        assert f["month"] and f["ytd"] > f["month"] and f["ytd_last_year"], (key, f)


def test_mixed_demo_and_boundary_data_equal_the_first_implementation(ws, build):
    demo.generate_demo(ws, complaints=600, seed=11, end=dt.date(2026, 11, 20))
    with build() as b:
        _boundary_scenario(b)
    with ws.reading() as s:
        for period in ("2025-11", "2026-01", "2026-11", "2026-12"):
            assert compute_figures(s, period) == old_compute_figures(s, period), period


# =============================================================================================
# The reference: services/reporting/figures.py as it was before the speed-up (do not use elsewhere).
# =============================================================================================

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Date, and_, bindparam, case, distinct, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person
from models.enums import (Channel, ComplaintKind, Disposition, LeadResult, LedgerOutcome, MeasureCategory,
                          all_measure_kind_codes)

from services.casework import sanction_rules
from services.errors import ValidationError

SPANS = ("month", "ytd", "ytd_last_year")
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SANCTIONS = (MeasureCategory.party_sanction.value, MeasureCategory.government_sanction.value)


@dataclass(frozen=True)
class Spans:
    """The three closed date ranges of a report period."""

    month: tuple[dt.date, dt.date]
    ytd: tuple[dt.date, dt.date]
    ytd_last_year: tuple[dt.date, dt.date]

    def items(self) -> list[tuple[str, tuple[dt.date, dt.date]]]:
        return [("month", self.month), ("ytd", self.ytd), ("ytd_last_year", self.ytd_last_year)]


def parse_period(period: str) -> tuple[int, int]:
    """"2026-11" -> (2026, 11); a ValidationError a clerk can act on otherwise."""
    m = _PERIOD.match(str(period or "").strip())
    if not m or not 2000 <= int(m[1]) <= 2999:
        raise ValidationError(f"报告期格式不正确：应为“年-月”，如 2026-11（现为“{period}”）", field="period")
    return int(m[1]), int(m[2])


def spans_for(period: str) -> Spans:
    """Month, 1 January to the month's end, and the same months of the year before.

    Last year's span ends on the last day of the same month a year earlier: for 2024-02 that is
    2023-02-28 (29 February has no twin), for 2025-02 it is 2024-02-29.
    """
    year, month = parse_period(period)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    last_end = dt.date(year - 1, month, calendar.monthrange(year - 1, month)[1])
    return Spans((dt.date(year, month, 1), end), (dt.date(year, 1, 1), end), (dt.date(year - 1, 1, 1), last_end))


def change_pct(ytd: int, last_year: int) -> float | None:
    """(ytd − last year) / last year × 100, one decimal rounded half away from zero; None when 0."""
    if not last_year:
        return None
    value = (Decimal(ytd - last_year) * 100 / Decimal(last_year)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


def figure(month: int, ytd: int, last_year: int) -> dict[str, Any]:
    month, ytd, last_year = int(month or 0), int(ytd or 0), int(last_year or 0)
    return {"month": month, "ytd": ytd, "ytd_last_year": last_year, "change_pct": change_pct(ytd, last_year)}


# --------------------------------------------------------------------------- SQL helpers
# The statements are built once with bound span dates (they are immutable SQL constructs), so each
# report only binds five dates; SQLAlchemy reuses the compiled SQL.
_M0, _M1, _Y0 = bindparam("m0", type_=Date), bindparam("m1", type_=Date), bindparam("y0", type_=Date)
_L0, _L1 = bindparam("l0", type_=Date), bindparam("l1", type_=Date)
_BOUNDS = {"month": (_M0, _M1), "ytd": (_Y0, _M1), "ytd_last_year": (_L0, _L1)}


def _params(spans: Spans) -> dict[str, dt.date]:
    return {"m0": spans.month[0], "m1": spans.month[1], "y0": spans.ytd[0],
            "l0": spans.ytd_last_year[0], "l1": spans.ytd_last_year[1]}


def _in(col, span: str):
    low, high = _BOUNDS[span]
    return col.between(low, high)


def _in_any(col):
    """Rows dated in any span: ytd ⊇ month, and last year's span lies before it."""
    return or_(_in(col, "ytd_last_year"), _in(col, "ytd"))


def _count_cols(col, extra=None, prefix: str = "") -> list:
    """sum(1 if dated in span [and extra]) for the three spans."""
    out = []
    for span in SPANS:
        cond = _in(col, span) if extra is None else and_(_in(col, span), extra)
        out.append(func.sum(case((cond, 1), else_=0)).label(f"{prefix}{span}"))
    return out


def _flag_cols(col, extra, prefix: str) -> list:
    """Per group: 1 when any row is dated in the span [and matches extra], else 0."""
    out = []
    for span in SPANS:
        cond = _in(col, span) if extra is None else and_(_in(col, span), extra)
        out.append(func.max(case((cond, 1), else_=0)).label(f"{prefix}_{span}"))
    return out


def _triple(row, prefix: str = "") -> tuple[int, int, int]:
    m = row._mapping
    return tuple(int(m[f"{prefix}{span}"] or 0) for span in SPANS)  # type: ignore[return-value]


def _fig(values) -> dict[str, Any]:
    return figure(*values)


def _add(a: list[int], b) -> None:
    for i, v in enumerate(b):
        a[i] += int(v or 0)


def _form_expr(kind_col):
    """The 四种形态 form of a measure kind (NULL for 通报曝光), from services.casework.sanction_rules."""
    whens = []
    for form in (1, 2, 3, 4):
        kinds = [k for k in all_measure_kind_codes() if sanction_rules.form_of(k) == form]
        whens.append((kind_col.in_(kinds), form))
    return case(*whens, else_=None)


# --------------------------------------------------------------------------- the statements
def _bucket(col):
    """2 = in the month, 1 = earlier this year, 0 = last year's span (rows are already in one of them)."""
    return case((col >= _M0, 2), (col >= _Y0, 1), else_=0)


def _bucket_add(into: list[int], bucket: int, n: int) -> None:
    if bucket == 2:
        into[0] += n
    if bucket >= 1:
        into[1] += n
    else:
        into[2] += n


@cache
def _complaints_sql():
    # GROUP BY the codes and a span bucket: a few dozen groups, one CASE per row.
    c = Complaint
    b = _bucket(c.received_date)
    return (select(c.channel, c.kind, c.is_repeat, b.label("b"), func.count().label("n"))
            .where(_in_any(c.received_date)).group_by(c.channel, c.kind, c.is_repeat, b))


@cache
def _leads_sql():
    ld = Lead
    b = _bucket(ld.disposition_date)
    return (select(ld.disposition, b.label("b"), func.count().label("n"))
            .where(ld.disposition.is_not(None), _in_any(ld.disposition_date)).group_by(ld.disposition, b))


@cache
def _cases_sql():
    filed = (select(*_count_cols(Case.filing_date, prefix="f_"),
                    *_count_cols(Case.filing_date, Case.eight_rules.is_(True), prefix="e_"))
             .where(_in_any(Case.filing_date)))
    closed = select(*_count_cols(Case.closing_date)).where(_in_any(Case.closing_date))
    return filed, closed


_PERSON_FLAGS = ("party", "gov", "admon", "eight", "eight_san")


@cache
def _persons_sql():
    m = Measure
    eight = Case.eight_rules.is_(True)
    flags = {
        "party": m.category == MeasureCategory.party_sanction.value,
        "gov": m.category == MeasureCategory.government_sanction.value,
        "admon": m.kind == "admonishment",
        "eight": and_(eight, m.kind != "public_exposure"),
        "eight_san": and_(eight, m.category.in_(_SANCTIONS)),
    }
    per_person = (
        select(m.person_id, *[c for name in _PERSON_FLAGS for c in _flag_cols(m.decision_date, flags[name], name)])
        .select_from(m).join(Person, Person.id == m.person_id).outerjoin(Case, Case.id == Person.case_id)
        .where(_in_any(m.decision_date)).group_by(m.person_id).subquery())
    cols = []
    for span in SPANS:
        party, gov = per_person.c[f"party_{span}"], per_person.c[f"gov_{span}"]
        cols.append(func.sum(case((or_(party == 1, gov == 1), 1), else_=0)).label(f"any_{span}"))
        for name in _PERSON_FLAGS:
            cols.append(func.sum(per_person.c[f"{name}_{span}"]).label(f"{name}_{span}"))
    return select(*cols)


@cache
def _four_forms_sql():
    """Each person's highest form among their measures dated in the span.

    A 谈话函询 lead closed as 了结 or 澄清 is a form-1 measure of each of its persons, on its result date.
    """
    m = Measure
    measures = (select(m.person_id.label("pid"), m.decision_date.label("day"), _form_expr(m.kind).label("form"))
                .where(_in_any(m.decision_date)))
    talks = (select(Person.id.label("pid"), Lead.result_date.label("day"), literal(1).label("form"))
             .select_from(Person).join(Lead, Lead.id == Person.lead_id)
             # COALESCE keeps the planner on the result_date range instead of the far less
             # selective disposition / result code indexes (same meaning: NULL matches neither).
             .where(func.coalesce(Lead.disposition, "") == Disposition.talk_inquiry.value,
                    func.coalesce(Lead.result, "").in_([LeadResult.concluded.value, LeadResult.clarified.value]),
                    _in_any(Lead.result_date)))
    u = union_all(measures, talks).subquery()
    highest = (select(u.c.pid, *[func.max(case((_in(u.c.day, span), u.c.form), else_=None)).label(f"h_{span}")
                                 for span in SPANS])
               .group_by(u.c.pid).subquery())
    return select(*[func.sum(case((highest.c[f"h_{span}"] == form, 1), else_=0)).label(f"f{form}_{span}")
                    for form in (1, 2, 3, 4) for span in SPANS])


@cache
def _public_exposures_sql():
    """Distinct cases with a 通报曝光 dated in the span (a lead's own exposure counts as its lead)."""
    m = Measure
    case_key = func.coalesce(m.case_id, Person.case_id)
    lead_key = func.coalesce(m.lead_id, Person.lead_id)
    cols = []
    for span in SPANS:
        cols.append(func.count(distinct(case((_in(m.decision_date, span), case_key), else_=None))).label(f"c_{span}"))
        cols.append(func.count(distinct(case((and_(_in(m.decision_date, span), case_key.is_(None)), lead_key),
                                             else_=None))).label(f"l_{span}"))
    return (select(*cols).select_from(m).join(Person, Person.id == m.person_id)
            .where(m.kind == "public_exposure", _in_any(m.decision_date)))


_OUTCOME_KINDS = ("closed_no_fault", "talk_or_inquiry", "held_accountable")


@cache
def _double_investigation_sql():
    e, ll = LedgerEntry, LedgerLeader
    per_unit = (select(e.unit, *_count_cols(e.entry_date, prefix="n_"))
                .where(_in_any(e.entry_date)).group_by(e.unit).subquery())
    cols = []
    for span in SPANS:
        n = per_unit.c[f"n_{span}"]
        cols += [func.sum(n).label(f"ledgers_{span}"), func.sum(case((n > 0, 1), else_=0)).label(f"units_{span}")]
    units = select(*cols)

    checked = (select(ll.name, e.unit, *_flag_cols(e.entry_date, None, "in"))
               .select_from(ll).join(e, e.id == ll.entry_id)
               .where(_in_any(e.entry_date)).group_by(ll.name, e.unit).subquery())
    leaders = select(*[func.sum(checked.c[f"in_{s}"]).label(f"leaders_{s}") for s in SPANS])

    kinds = {
        "closed_no_fault": ll.outcome == LedgerOutcome.closed_no_fault.value,
        "talk_or_inquiry": ll.outcome.in_([LedgerOutcome.inquiry.value, LedgerOutcome.integrity_talk.value]),
        "held_accountable": ll.outcome == LedgerOutcome.held_accountable.value,
    }
    per_leader = (select(ll.name, e.unit,
                         *[c for name in _OUTCOME_KINDS for c in _flag_cols(ll.outcome_date, kinds[name], name)])
                  .select_from(ll).join(e, e.id == ll.entry_id)
                  .where(ll.outcome.is_not(None), _in_any(ll.outcome_date)).group_by(ll.name, e.unit).subquery())
    outcomes = select(*[func.sum(per_leader.c[f"{name}_{s}"]).label(f"{name}_{s}")
                        for name in _OUTCOME_KINDS for s in SPANS])
    return units, leaders, outcomes


# --------------------------------------------------------------------------- counting
def _complaints(session: Session, params: dict) -> dict[str, Any]:
    total, repeat = [0, 0, 0], [0, 0, 0]
    channels = {code: [0, 0, 0] for code in Channel.codes()}
    kinds = {code: [0, 0, 0] for code in ComplaintKind.codes()}
    for row in session.execute(_complaints_sql(), params):
        for into in (total, channels.setdefault(row.channel, [0, 0, 0]), kinds.setdefault(row.kind, [0, 0, 0])):
            _bucket_add(into, row.b, row.n)
        if row.is_repeat:
            _bucket_add(repeat, row.b, row.n)
    return {
        "complaints_received": _fig(total),
        "complaints_by_channel": {k: _fig(v) for k, v in channels.items()},
        "complaints_by_kind": {k: _fig(v) for k, v in kinds.items()},
        "complaints_repeat": _fig(repeat),
    }


def _leads(session: Session, params: dict) -> dict[str, Any]:
    total = [0, 0, 0]
    by = {code: [0, 0, 0] for code in Disposition.codes()}
    for row in session.execute(_leads_sql(), params):
        _bucket_add(total, row.b, row.n)
        _bucket_add(by.setdefault(row.disposition, [0, 0, 0]), row.b, row.n)
    return {
        "leads_disposed": _fig(total),
        "leads_by_disposition": {k: _fig(v) for k, v in by.items()},
        "preliminary_verifications": _fig(by[Disposition.preliminary_verification.value]),
    }


def _cases(session: Session, params: dict) -> dict[str, Any]:
    filed_sql, closed_sql = _cases_sql()
    filed = session.execute(filed_sql, params).one()
    closed = session.execute(closed_sql, params).one()
    return {"cases_filed": _fig(_triple(filed, "f_")), "cases_closed": _fig(_triple(closed)),
            "eight_rules_cases": _fig(_triple(filed, "e_"))}


def _persons(session: Session, params: dict) -> dict[str, Any]:
    """Distinct persons: sanctioned (party / government), 诫勉, and those of 八项规定 cases."""
    row = session.execute(_persons_sql(), params).one()
    return {
        "persons_sanctioned": _fig(_triple(row, "any_")),
        "party_sanctions": _fig(_triple(row, "party_")),
        "government_sanctions": _fig(_triple(row, "gov_")),
        "eight_rules_persons": _fig(_triple(row, "eight_")),
        "eight_rules_sanctioned": _fig(_triple(row, "eight_san_")),
        "admonishment_talks": _fig(_triple(row, "admon_")),
    }


def _four_forms(session: Session, params: dict) -> dict[str, Any]:
    row = session.execute(_four_forms_sql(), params).one()
    return {"four_forms": {f"form{form}": _fig(_triple(row, f"f{form}_")) for form in (1, 2, 3, 4)}}


def _public_exposures(session: Session, params: dict) -> dict[str, Any]:
    row = session.execute(_public_exposures_sql(), params).one()
    return {"public_exposures": _fig(a + b for a, b in zip(_triple(row, "c_"), _triple(row, "l_")))}


def _double_investigation(session: Session, params: dict) -> dict[str, Any]:
    units_sql, leaders_sql, outcomes_sql = _double_investigation_sql()
    units = session.execute(units_sql, params).one()
    leaders = session.execute(leaders_sql, params).one()
    outcomes = session.execute(outcomes_sql, params).one()
    out = {"ledgers": _fig(_triple(units, "ledgers_")), "units": _fig(_triple(units, "units_")),
           "leaders": _fig(_triple(leaders, "leaders_"))}
    out.update({name: _fig(_triple(outcomes, f"{name}_")) for name in _OUTCOME_KINDS})
    return {"double_investigation": out}


def old_compute_figures(session: Session, period: str) -> dict[str, Any]:
    """Every figure of the monthly report for ``period`` ("YYYY-MM"), keyed as in DOMAIN §7.

    Each figure is ``{"month", "ytd", "ytd_last_year", "change_pct"}``; the order of the keys is
    the order of the printed form (services.reporting.layout).
    """
    params = _params(spans_for(period))
    complaints = _complaints(session, params)
    leads = _leads(session, params)
    cases = _cases(session, params)
    persons = _persons(session, params)
    figures: dict[str, Any] = {}
    figures.update(complaints)
    figures.update(leads)
    figures["cases_filed"], figures["cases_closed"] = cases["cases_filed"], cases["cases_closed"]
    for key in ("persons_sanctioned", "party_sanctions", "government_sanctions"):
        figures[key] = persons[key]
    figures.update(_four_forms(session, params))
    figures["eight_rules_cases"] = cases["eight_rules_cases"]
    for key in ("eight_rules_persons", "eight_rules_sanctioned", "admonishment_talks"):
        figures[key] = persons[key]
    figures.update(_public_exposures(session, params))
    figures.update(_double_investigation(session, params))
    return figures
