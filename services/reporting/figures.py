"""The monthly report's figures (DOMAIN.md §7 and its counting rules), counted in SQL.

Most queries read their table once for all three spans: the WHERE clause keeps the rows dated from
the start of last year's span to the month's end (one range of an indexed date column, covering where
it matters); a span bucket in the GROUP BY, or three conditional sums, splits them into month / ytd /
ytd_last_year. The per-person counts (sanctioned, 四种形态) read one range of the covering
ix_measures_report per span instead and group by (person, span), with no join. Python only adds up a
few dozen grouped rows.

"Distinct persons" are distinct ``persons`` rows: one person in one lead or case (a case opened from
a lead carries the lead's row). "Distinct leaders" in the 一案双查 ledger are distinct (name, unit).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    Date,
    and_,
    bindparam,
    case,
    distinct,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person
from models.enums import (
    Channel,
    ComplaintKind,
    Disposition,
    Handling,
    LeadResult,
    LedgerOutcome,
    MeasureCategory,
    all_measure_kind_codes,
)

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
    """Rows dated from the start of last year's span to the month's end: one index range (the months
    between the two spans are read too, and counted in no span)."""
    return col.between(_L0, _M1)


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


# --------------------------------------------------------------------------- the statements
def _bucket(col):
    """2 = in the month, 1 = earlier this year, 0 = last year's span, -1 = between the spans
    (rows are already in the window of ``_in_any``)."""
    return case((col >= _M0, 2), (col >= _Y0, 1), (col <= _L1, 0), else_=-1)


def _bucket_add(into: list[int], bucket: int, n: int) -> None:
    if bucket == 2:
        into[0] += n
    if bucket >= 1:
        into[1] += n
    elif bucket == 0:
        into[2] += n


# Complaints and leads: the inner GROUP BY follows the order of a covering index (date first), so
# SQLite counts while it walks one index range, without a sort and without reading the table; the
# outer one folds the per-day counts (a few thousand rows at most) into span buckets.
@cache
def _complaints_sql():
    c = Complaint
    per_day = (select(c.received_date.label("day"), c.channel, c.kind, c.is_repeat, func.count().label("n"))
               .where(_in_any(c.received_date))
               .group_by(c.received_date, c.channel, c.kind, c.is_repeat).subquery())
    b = _bucket(per_day.c.day)
    return (select(per_day.c.channel, per_day.c.kind, per_day.c.is_repeat, b.label("b"),
                   func.sum(per_day.c.n).label("n"))
            .group_by(per_day.c.channel, per_day.c.kind, per_day.c.is_repeat, b))


@cache
def _leads_sql():
    ld = Lead
    per_day = (select(ld.disposition_date.label("day"), ld.disposition, func.count().label("n"))
               .where(_in_any(ld.disposition_date), ld.disposition.is_not(None))
               .group_by(ld.disposition_date, ld.disposition).subquery())
    b = _bucket(per_day.c.day)
    return (select(per_day.c.disposition, b.label("b"), func.sum(per_day.c.n).label("n"))
            .group_by(per_day.c.disposition, b))


@cache
def _cases_sql():
    filed = (select(*_count_cols(Case.filing_date, prefix="f_"),
                    *_count_cols(Case.filing_date, Case.eight_rules.is_(True), prefix="e_"))
             .where(_in_any(Case.filing_date)))
    closed = select(*_count_cols(Case.closing_date)).where(_in_any(Case.closing_date))
    return filed, closed


def _span_rows(make) -> Any:
    """UNION ALL of ``make(low, high, s)`` for the three spans, ``s`` = 0 / 1 / 2 as in SPANS.

    A row dated in the month is read twice (month and year to date), so each (person, s) group
    below is one person in one span: distinct persons are counted without per-row span CASEs.
    """
    return union_all(*(make(*_BOUNDS[span], literal_column(str(i))) for i, span in enumerate(SPANS))).subquery()


def _form_case(kind_col):
    """The 四种形态 form of a measure kind, a simple CASE generated from services.casework.sanction_rules.form_of
    (NULL for 通报曝光 and for any code it does not know)."""
    forms = {k: sanction_rules.form_of(k) for k in all_measure_kind_codes()}
    return case({k: f for k, f in forms.items() if f is not None}, value=kind_col, else_=None)


def _talk_concluded(low, high):
    """Persons of 谈话函询 leads closed as 了结 or 澄清 with the result date in [low, high]."""
    # COALESCE keeps the planner on the result_date range of the covering ix_leads_report_result
    # instead of the far less selective disposition / result code indexes (NULL matches neither).
    return (select(Person.id.label("pid")).select_from(Lead).join(Person, Person.lead_id == Lead.id)
            .where(func.coalesce(Lead.disposition, "") == Disposition.talk_inquiry.value,
                   func.coalesce(Lead.result, "").in_([LeadResult.concluded.value, LeadResult.clarified.value]),
                   Lead.result_date.between(low, high)))


@cache
def _sanctioned_sql():
    """Per span and flag combination, the number of persons with a party / government sanction or a
    诫勉 dated in it: the measures' covering index ix_measures_report, no join (a few dozen rows)."""
    m = Measure
    rows = _span_rows(lambda low, high, s: (
        select(m.person_id.label("pid"), s.label("s"),
               (m.category == MeasureCategory.party_sanction.value).label("party"),
               (m.category == MeasureCategory.government_sanction.value).label("gov"),
               (m.kind == Handling.admonishment.value).label("admon"))
        # COALESCE keeps the planner on the date range of the covering index (the category and
        # kind indexes would read the table row by row).
        .where(m.decision_date.between(low, high),
               or_(func.coalesce(m.category, "").in_(_SANCTIONS),
                   func.coalesce(m.kind, "") == Handling.admonishment.value))))
    per_person = (select(rows.c.s, func.max(rows.c.party).label("party"), func.max(rows.c.gov).label("gov"),
                         func.max(rows.c.admon).label("admon"))
                  .group_by(rows.c.pid, rows.c.s).subquery())
    p = per_person.c
    return select(p.s, p.party, p.gov, p.admon, func.count().label("n")).group_by(p.s, p.party, p.gov, p.admon)


@cache
def _four_forms_sql():
    """Each person's highest form among their measures dated in the span (DOMAIN §7).

    ``measures``: per span and form, the persons whose highest form among their measures is it.
    ``talks``: per span, the persons of 谈话函询 leads closed as 了结 or 澄清 (a form-1 measure on the
    result date), and how many of them also have a measure with a form in the span: only the others
    add to form 1. The second count probes each such person's own measures (ix_measures_person_id),
    so the many talk persons never join the sort of the measures.
    """
    m = Measure
    form = _form_case(m.kind)
    rows = _span_rows(lambda low, high, s: select(m.person_id.label("pid"), s.label("s"), form.label("form"))
                      .where(m.decision_date.between(low, high)))
    highest = select(rows.c.s, func.max(rows.c.form).label("form")).group_by(rows.c.pid, rows.c.s).subquery()
    measures = (select(highest.c.s, highest.c.form, func.count().label("n"))
                .where(highest.c.form.is_not(None)).group_by(highest.c.s, highest.c.form))

    def talk_rows(low, high, s):
        talk = _talk_concluded(low, high).subquery()
        own = (select(literal_column("1")).select_from(m)
               .where(m.person_id == talk.c.pid, m.decision_date.between(low, high), form.is_not(None)))
        return (select(s.label("s"), func.count().label("n"),
                       func.coalesce(func.sum(case((own.exists(), 1), else_=0)), 0).label("with_forms"))
                .select_from(talk))

    talks = union_all(*(talk_rows(*_BOUNDS[span], literal_column(str(i))) for i, span in enumerate(SPANS)))
    return measures, talks


@cache
def _eight_rules_sql():
    """Persons of cases flagged 违反中央八项规定精神, from the (few) flagged cases to their measures."""
    m = Measure
    per_person = (
        select(Person.id,
               *_flag_cols(m.decision_date, m.kind != Handling.public_exposure.value, "eight"),
               *_flag_cols(m.decision_date, m.category.in_(_SANCTIONS), "eight_san"))
        .select_from(Case).join(Person, Person.case_id == Case.id).join(m, m.person_id == Person.id)
        .where(Case.eight_rules.is_(True), _in_any(m.decision_date)).group_by(Person.id).subquery())
    return select(*[func.sum(per_person.c[f"{name}_{span}"]).label(f"{name}_{span}")
                    for name in ("eight", "eight_san") for span in SPANS])


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


def _sanctioned(session: Session, params: dict) -> dict[str, Any]:
    """Distinct persons sanctioned (party / government / either) and with a 诫勉."""
    totals = {name: [0, 0, 0] for name in ("any", "party", "gov", "admon")}
    for row in session.execute(_sanctioned_sql(), params):
        for name, on in (("any", row.party or row.gov), ("party", row.party), ("gov", row.gov),
                         ("admon", row.admon)):
            if on:
                totals[name][row.s] += row.n
    return {
        "persons_sanctioned": _fig(totals["any"]),
        "party_sanctions": _fig(totals["party"]),
        "government_sanctions": _fig(totals["gov"]),
        "admonishment_talks": _fig(totals["admon"]),
    }


def _four_forms(session: Session, params: dict) -> dict[str, Any]:
    measures_sql, talks_sql = _four_forms_sql()
    forms = {form: [0, 0, 0] for form in (1, 2, 3, 4)}
    for row in session.execute(measures_sql, params):
        forms[int(row.form)][row.s] += row.n
    for row in session.execute(talks_sql, params):
        forms[1][row.s] += row.n - row.with_forms
    return {"four_forms": {f"form{form}": _fig(forms[form]) for form in (1, 2, 3, 4)}}


def _eight_rules(session: Session, params: dict) -> dict[str, Any]:
    row = session.execute(_eight_rules_sql(), params).one()
    return {"eight_rules_persons": _fig(_triple(row, "eight_")),
            "eight_rules_sanctioned": _fig(_triple(row, "eight_san_"))}


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


#: The statements of the report, in the order they run: (name, function(session, params) -> figures).
#: bench/bench_report.py times each group; compute_figures merges them in the printed order.
QUERY_GROUPS = (
    ("complaints", _complaints),
    ("leads", _leads),
    ("cases", _cases),
    ("sanctioned", _sanctioned),
    ("four_forms", _four_forms),
    ("eight_rules", _eight_rules),
    ("public_exposures", _public_exposures),
    ("double_investigation", _double_investigation),
)

_ORDER = ("complaints_received", "complaints_by_channel", "complaints_by_kind", "complaints_repeat",
          "leads_disposed", "leads_by_disposition", "preliminary_verifications", "cases_filed", "cases_closed",
          "persons_sanctioned", "party_sanctions", "government_sanctions", "four_forms", "eight_rules_cases",
          "eight_rules_persons", "eight_rules_sanctioned", "admonishment_talks", "public_exposures",
          "double_investigation")


def query_params(period: str) -> dict[str, dt.date]:
    """The five bound dates of the statements for ``period`` ("YYYY-MM")."""
    return _params(spans_for(period))


def compute_figures(session: Session, period: str) -> dict[str, Any]:
    """Every figure of the monthly report for ``period`` ("YYYY-MM"), keyed as in DOMAIN §7.

    Each figure is ``{"month", "ytd", "ytd_last_year", "change_pct"}``; the order of the keys is
    the order of the printed form (services.reporting.layout).
    """
    params = query_params(period)
    found: dict[str, Any] = {}
    for _name, group in QUERY_GROUPS:
        found.update(group(session, params))
    return {key: found[key] for key in _ORDER}
