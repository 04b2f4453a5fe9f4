"""The monthly report's figures (DOMAIN.md §7 and its counting rules), counted in SQL.

Most queries read their table once for all three spans: the WHERE clause keeps the rows dated from
the start of last year's span to the month's end (one range of an indexed date column, covering where
it matters); a span bucket in the GROUP BY, or three conditional sums, splits them into month / ytd /
ytd_last_year. The sanctioned persons read one range of the covering ix_measures_report per span
instead and group by (person, span), each measure's person row read by its key. 四种形态 reads each person-time's measures up to
the span's end (its highest form counts on the day it was first reached), once for this year's end and
once for last year's. Python only adds up a few dozen grouped rows.

"Distinct persons" are distinct people (``figures_sql.person_key``): rows with the same 身份证号 (its
blind index) are one person across leads and cases; a row without one is a person of its own (a case
opened from a lead carries the lead's row). 四种形态 counts person-times (one per lead or case). "Distinct leaders" in the 一案双查 ledger are distinct (name, unit).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from models.enums import Channel, ComplaintKind, Disposition

from services.reporting.figures_spans import SPANS, Spans, change_pct, figure, parse_period, spans_for
from services.reporting.figures_sql import (
    OUTCOME_KINDS,
    bound_params,
    cases_sql,
    complaints_sql,
    double_investigation_sql,
    eight_rules_sql,
    four_forms_sql,
    leads_sql,
    public_exposures_sql,
    sanctioned_sql,
)

__all__ = ["QUERY_GROUPS", "SPANS", "Spans", "change_pct", "compute_figures", "figure", "parse_period",
           "query_params", "spans_for"]


def _triple(row, prefix: str = "") -> tuple[int, int, int]:
    m = row._mapping
    return tuple(int(m[f"{prefix}{span}"] or 0) for span in SPANS)  # type: ignore[return-value]


def _fig(values) -> dict[str, Any]:
    return figure(*values)


def _bucket_add(into: list[int], bucket: int, n: int) -> None:
    if bucket == 2:
        into[0] += n
    if bucket >= 1:
        into[1] += n
    elif bucket == 0:
        into[2] += n


# --------------------------------------------------------------------------- counting
def _complaints(session: Session, params: dict) -> dict[str, Any]:
    total, repeat = [0, 0, 0], [0, 0, 0]
    channels = {code: [0, 0, 0] for code in Channel.codes()}
    kinds = {code: [0, 0, 0] for code in ComplaintKind.codes()}
    for row in session.execute(complaints_sql(), params):
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
    for row in session.execute(leads_sql(), params):
        _bucket_add(total, row.b, row.n)
        _bucket_add(by.setdefault(row.disposition, [0, 0, 0]), row.b, row.n)
    return {
        "leads_disposed": _fig(total),
        "leads_by_disposition": {k: _fig(v) for k, v in by.items()},
        "preliminary_verifications": _fig(by[Disposition.preliminary_verification.value]),
    }


def _cases(session: Session, params: dict) -> dict[str, Any]:
    filed_sql, closed_sql = cases_sql()
    filed = session.execute(filed_sql, params).one()
    closed = session.execute(closed_sql, params).one()
    return {"cases_filed": _fig(_triple(filed, "f_")), "cases_closed": _fig(_triple(closed)),
            "eight_rules_cases": _fig(_triple(filed, "e_"))}


def _sanctioned(session: Session, params: dict) -> dict[str, Any]:
    """Distinct persons sanctioned (party / government / either) and with a 诫勉."""
    totals = {name: [0, 0, 0] for name in ("any", "party", "gov", "admon")}
    for row in session.execute(sanctioned_sql(), params):
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
    forms = {form: [0, 0, 0] for form in (1, 2, 3, 4)}
    for row in session.execute(four_forms_sql(), params):
        for i, span in enumerate(SPANS):
            forms[int(row.form)][i] += int(getattr(row, span) or 0)
    return {"four_forms": {f"form{form}": _fig(forms[form]) for form in (1, 2, 3, 4)}}


def _eight_rules(session: Session, params: dict) -> dict[str, Any]:
    row = session.execute(eight_rules_sql(), params).one()
    return {"eight_rules_persons": _fig(_triple(row, "eight_")),
            "eight_rules_sanctioned": _fig(_triple(row, "eight_san_"))}


def _public_exposures(session: Session, params: dict) -> dict[str, Any]:
    row = session.execute(public_exposures_sql(), params).one()
    return {"public_exposures": _fig(a + b for a, b in zip(_triple(row, "c_"), _triple(row, "l_")))}


def _double_investigation(session: Session, params: dict) -> dict[str, Any]:
    units_sql, leaders_sql, outcomes_sql = double_investigation_sql()
    units = session.execute(units_sql, params).one()
    leaders = session.execute(leaders_sql, params).one()
    outcomes = session.execute(outcomes_sql, params).one()
    out = {"ledgers": _fig(_triple(units, "ledgers_")), "units": _fig(_triple(units, "units_")),
           "leaders": _fig(_triple(leaders, "leaders_"))}
    out.update({name: _fig(_triple(outcomes, f"{name}_")) for name in OUTCOME_KINDS})
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
    return bound_params(spans_for(period))


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
