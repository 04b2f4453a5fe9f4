"""The monthly report's SQL statements (see ``figures`` for how they read the tables).

Each statement is built once with the five bound span dates (``bound_params``) and cached; the
counting in ``figures`` runs them and folds their few grouped rows into figures.
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    String,
    and_,
    bindparam,
    case,
    cast,
    distinct,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person
from models.enums import Disposition, Handling, LeadResult, LedgerOutcome, MeasureCategory, all_measure_kind_codes

from services.casework import sanction_rules
from services.reporting.figures_spans import SPANS, Spans

_SANCTIONS = (MeasureCategory.party_sanction.value, MeasureCategory.government_sanction.value)


# --------------------------------------------------------------------------- bound dates and span conditions
# The statements are built once with bound span dates (they are immutable SQL constructs), so each
# report only binds five dates; SQLAlchemy reuses the compiled SQL.
_M0, _M1, _Y0 = bindparam("m0", type_=Date), bindparam("m1", type_=Date), bindparam("y0", type_=Date)
_L0, _L1 = bindparam("l0", type_=Date), bindparam("l1", type_=Date)
_BOUNDS = {"month": (_M0, _M1), "ytd": (_Y0, _M1), "ytd_last_year": (_L0, _L1)}


def bound_params(spans: Spans) -> dict[str, dt.date]:
    return {"m0": spans.month[0], "m1": spans.month[1], "y0": spans.ytd[0],
            "l0": spans.ytd_last_year[0], "l1": spans.ytd_last_year[1]}


def in_span(col, span: str):
    low, high = _BOUNDS[span]
    return col.between(low, high)


def in_window(col):
    """Rows dated from the start of last year's span to the month's end: one index range (the months
    between the two spans are read too, and counted in no span)."""
    return col.between(_L0, _M1)


def count_cols(col, extra=None, prefix: str = "") -> list:
    """sum(1 if dated in span [and extra]) for the three spans."""
    out = []
    for span in SPANS:
        cond = in_span(col, span) if extra is None else and_(in_span(col, span), extra)
        out.append(func.sum(case((cond, 1), else_=0)).label(f"{prefix}{span}"))
    return out


def flag_cols(col, extra, prefix: str) -> list:
    """Per group: 1 when any row is dated in the span [and matches extra], else 0."""
    out = []
    for span in SPANS:
        cond = in_span(col, span) if extra is None else and_(in_span(col, span), extra)
        out.append(func.max(case((cond, 1), else_=0)).label(f"{prefix}_{span}"))
    return out


# --------------------------------------------------------------------------- the statements
def bucket(col):
    """2 = in the month, 1 = earlier this year, 0 = last year's span, -1 = between the spans
    (rows are already in the window of ``in_window``)."""
    return case((col >= _M0, 2), (col >= _Y0, 1), (col <= _L1, 0), else_=-1)


# Complaints and leads: the inner GROUP BY follows the order of a covering index (date first), so
# SQLite counts while it walks one index range, without a sort and without reading the table; the
# outer one folds the per-day counts (a few thousand rows at most) into span buckets.
@cache
def complaints_sql():
    c = Complaint
    per_day = (select(c.received_date.label("day"), c.channel, c.kind, c.is_repeat, func.count().label("n"))
               .where(in_window(c.received_date))
               .group_by(c.received_date, c.channel, c.kind, c.is_repeat).subquery())
    b = bucket(per_day.c.day)
    return (select(per_day.c.channel, per_day.c.kind, per_day.c.is_repeat, b.label("b"),
                   func.sum(per_day.c.n).label("n"))
            .group_by(per_day.c.channel, per_day.c.kind, per_day.c.is_repeat, b))


@cache
def leads_sql():
    ld = Lead
    per_day = (select(ld.disposition_date.label("day"), ld.disposition, func.count().label("n"))
               .where(in_window(ld.disposition_date), ld.disposition.is_not(None))
               .group_by(ld.disposition_date, ld.disposition).subquery())
    b = bucket(per_day.c.day)
    return (select(per_day.c.disposition, b.label("b"), func.sum(per_day.c.n).label("n"))
            .group_by(per_day.c.disposition, b))


@cache
def cases_sql():
    filed = (select(*count_cols(Case.filing_date, prefix="f_"),
                    *count_cols(Case.filing_date, Case.eight_rules.is_(True), prefix="e_"))
             .where(in_window(Case.filing_date)))
    closed = select(*count_cols(Case.closing_date)).where(in_window(Case.closing_date))
    return filed, closed


def person_key(person_id=None):
    """One person for the 人数 figures: the ID number's blind index when the person row has one (the same
    person in two cases is one), else the row itself (``person_id``: the row's id column to use)."""
    return func.coalesce(Person.id_number_index, cast(Person.id if person_id is None else person_id, String))


def span_rows(make) -> Any:
    """UNION ALL of ``make(low, high, s)`` for the three spans, ``s`` = 0 / 1 / 2 as in SPANS.

    A row dated in the month is read twice (month and year to date), so each (person, s) group
    below is one person in one span: distinct persons are counted without per-row span CASEs.
    """
    return union_all(*(make(*_BOUNDS[span], literal_column(str(i))) for i, span in enumerate(SPANS))).subquery()


def form_case(kind_col):
    """The 四种形态 form of a measure kind, a simple CASE generated from services.casework.sanction_rules.form_of
    (NULL for 通报曝光 and for any code it does not know)."""
    forms = {k: sanction_rules.form_of(k) for k in all_measure_kind_codes()}
    return case({k: f for k, f in forms.items() if f is not None}, value=kind_col, else_=None)


class _SqliteOpaque(FunctionElement):
    """A code column hidden from SQLite's planner as ``coalesce(col, '')``; the bare column elsewhere.

    The same rows either way (NULL matches no code). SQLite then keeps to a date range's index instead
    of a far less selective code index; PostgreSQL would estimate such a COALESCE at one row and read
    an IN subquery again for every row (a month report of 20,000 complaints took 100 s)."""

    type = String()
    name = "sqlite_opaque"
    inherit_cache = True


@compiles(_SqliteOpaque)
def _bare_column(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(_SqliteOpaque, "sqlite")
def _coalesced_column(element, compiler, **kw):
    return f"coalesce({compiler.process(element.clauses, **kw)}, '')"


def _opaque(col) -> ColumnElement:
    return _SqliteOpaque(col)


def talk_concluded(low, end):
    """(person, result date, form 1) of 谈话函询 leads closed as 了结 or 澄清 with the result date in
    [low, end] (``low`` None: up to ``end``): a form-1 measure of each of the lead's persons (DOMAIN §4)."""
    # On SQLite, COALESCE keeps the planner on the result_date range of the covering ix_leads_report_result
    # instead of the far less selective disposition / result code indexes (``_opaque``).
    dated = Lead.result_date <= end if low is None else Lead.result_date.between(low, end)
    return (select(Person.id.label("pid"), Lead.result_date.label("day"), literal_column("1").label("form"))
            .select_from(Lead).join(Person, Person.lead_id == Lead.id)
            .where(_opaque(Lead.disposition) == Disposition.talk_inquiry.value,
                   _opaque(Lead.result).in_([LeadResult.concluded.value, LeadResult.clarified.value]),
                   dated))


@cache
def sanctioned_sql():
    """Per span and flag combination, the number of persons (``person_key``) with a party / government
    sanction or a 诫勉 dated in it: the measures' covering index ix_measures_report, each row's person
    read by its primary key for the ID number's index (a few dozen rows)."""
    m = Measure
    rows = span_rows(lambda low, high, s: (
        select(person_key(m.person_id).label("pid"), s.label("s"),
               # 1/0, not a boolean: PostgreSQL has no max(boolean)
               case((m.category == MeasureCategory.party_sanction.value, 1), else_=0).label("party"),
               case((m.category == MeasureCategory.government_sanction.value, 1), else_=0).label("gov"),
               case((m.kind == Handling.admonishment.value, 1), else_=0).label("admon"))
        .select_from(m).join(Person, Person.id == m.person_id)
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


def reached_forms(low, end):
    """Per person-time with a form dated in [low, end], its highest form among its measures dated up
    to ``end`` and the day it first reached that form (DOMAIN §7): a subquery of (form, day).

    Only those person-times can count in a span from ``low`` to ``end``; their earlier measures are
    read through ix_measures_person_id, so the report does not sort all history."""
    m = Measure
    form = form_case(m.kind)

    def measures(dated):
        return select(m.person_id.label("pid"), m.decision_date.label("day"), form.label("form")).where(
            dated, form.is_not(None))

    active = union_all(measures(m.decision_date.between(low, end)), talk_concluded(low, end)).subquery()
    pids = select(active.c.pid)
    events = union_all(measures(m.decision_date <= end).where(m.person_id.in_(pids)),
                       talk_concluded(None, end).where(Person.id.in_(pids))).subquery()
    first = (select(events.c.pid, events.c.form, func.min(events.c.day).label("day"))
             .group_by(events.c.pid, events.c.form).subquery())
    highest = select(first.c.pid, func.max(first.c.form).label("form")).group_by(first.c.pid).subquery()
    return (select(first.c.form, first.c.day)
            .join(highest, and_(highest.c.pid == first.c.pid, highest.c.form == first.c.form)).subquery())


@cache
def four_forms_sql():
    """Per form, the person-times whose highest form up to the span's end was first reached in the span.

    The month and the year to date share their end (the month's), last year's span has its own: two
    readings of the measures up to an end, each folded into (form, month, ytd, ytd_last_year) rows.
    A form reached before the span keeps the person-time out of it, however old (so a cumulative
    column never shows less than the month).
    """
    now, last = reached_forms(_Y0, _M1), reached_forms(_L0, _L1)
    zero = literal_column("0")
    this_year = (select(now.c.form, func.sum(case((in_span(now.c.day, "month"), 1), else_=0)).label("month"),
                        func.sum(case((in_span(now.c.day, "ytd"), 1), else_=0)).label("ytd"),
                        zero.label("ytd_last_year"))
                 .where(in_span(now.c.day, "ytd")).group_by(now.c.form))
    last_year = (select(last.c.form, zero.label("month"), zero.label("ytd"), func.count().label("ytd_last_year"))
                 .where(in_span(last.c.day, "ytd_last_year")).group_by(last.c.form))
    return union_all(this_year, last_year)


@cache
def eight_rules_sql():
    """Persons of cases flagged 违反中央八项规定精神, from the (few) flagged cases to their measures."""
    m = Measure
    key = person_key()
    per_person = (
        select(key.label("pid"),
               *flag_cols(m.decision_date, m.kind != Handling.public_exposure.value, "eight"),
               *flag_cols(m.decision_date, m.category.in_(_SANCTIONS), "eight_san"))
        .select_from(Case).join(Person, Person.case_id == Case.id).join(m, m.person_id == Person.id)
        .where(Case.eight_rules.is_(True), in_window(m.decision_date)).group_by(key).subquery())
    return select(*[func.sum(per_person.c[f"{name}_{span}"]).label(f"{name}_{span}")
                    for name in ("eight", "eight_san") for span in SPANS])


@cache
def public_exposures_sql():
    """Distinct cases with a 通报曝光 dated in the span (a lead's own exposure counts as its lead)."""
    m = Measure
    case_key = func.coalesce(m.case_id, Person.case_id)
    lead_key = func.coalesce(m.lead_id, Person.lead_id)
    cols = []
    for span in SPANS:
        cols.append(func.count(distinct(case((in_span(m.decision_date, span), case_key), else_=None))).label(f"c_{span}"))
        cols.append(func.count(distinct(case((and_(in_span(m.decision_date, span), case_key.is_(None)), lead_key),
                                             else_=None))).label(f"l_{span}"))
    return (select(*cols).select_from(m).join(Person, Person.id == m.person_id)
            .where(m.kind == "public_exposure", in_window(m.decision_date)))


OUTCOME_KINDS = ("closed_no_fault", "talk_or_inquiry", "held_accountable")


@cache
def double_investigation_sql():
    e, ll = LedgerEntry, LedgerLeader
    per_unit = (select(e.unit, *count_cols(e.entry_date, prefix="n_"))
                .where(in_window(e.entry_date)).group_by(e.unit).subquery())
    cols = []
    for span in SPANS:
        n = per_unit.c[f"n_{span}"]
        cols += [func.sum(n).label(f"ledgers_{span}"), func.sum(case((n > 0, 1), else_=0)).label(f"units_{span}")]
    units = select(*cols)

    checked = (select(ll.name, e.unit, *flag_cols(e.entry_date, None, "in"))
               .select_from(ll).join(e, e.id == ll.entry_id)
               .where(in_window(e.entry_date)).group_by(ll.name, e.unit).subquery())
    leaders = select(*[func.sum(checked.c[f"in_{s}"]).label(f"leaders_{s}") for s in SPANS])

    kinds = {
        "closed_no_fault": ll.outcome == LedgerOutcome.closed_no_fault.value,
        "talk_or_inquiry": ll.outcome.in_([LedgerOutcome.inquiry.value, LedgerOutcome.integrity_talk.value]),
        "held_accountable": ll.outcome == LedgerOutcome.held_accountable.value,
    }
    per_leader = (select(ll.name, e.unit,
                         *[c for name in OUTCOME_KINDS for c in flag_cols(ll.outcome_date, kinds[name], name)])
                  .select_from(ll).join(e, e.id == ll.entry_id)
                  .where(ll.outcome.is_not(None), in_window(ll.outcome_date)).group_by(ll.name, e.unit).subquery())
    outcomes = select(*[func.sum(per_leader.c[f"{name}_{s}"]).label(f"{name}_{s}")
                        for name in OUTCOME_KINDS for s in SPANS])
    return units, leaders, outcomes
