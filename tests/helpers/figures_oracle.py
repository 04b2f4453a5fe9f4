"""An independent oracle for the monthly figures, shared by the figures tests.

It reads the raw columns of complaints, leads, cases, persons, measures and ledger entries ONCE into
plain dicts and counts each figure of DOMAIN.md §7 ("Counting rules") with Python loops. It shares no
SQL and no helper with services.reporting.figures / figures_sql / figures_spans: the spans, the 增减%
rounding and the 四种形态 forms (DOMAIN §4) are written out again here. Only the list of key paths (the
printed layout) comes from services.reporting.layout.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

from sqlalchemy import select

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person
from services.reporting.figures import compute_figures
from services.reporting.layout import all_key_paths, get_figure, leaf_key_paths

D = dt.date

# --------------------------------------------------------------------------- DOMAIN §4, written out again
FORM_OF = {
    **dict.fromkeys(("reminder_talk", "criticism", "self_review", "circulated_criticism", "admonishment"), 1),
    **dict.fromkeys(("party_warning", "party_serious_warning", "gov_warning", "gov_demerit", "gov_major_demerit",
                     "suspension", "post_adjustment", "ordered_resignation", "removal_from_post"), 2),
    **dict.fromkeys(("party_post_removal", "party_probation", "party_expulsion", "gov_demotion",
                     "gov_dismissal_from_post", "gov_expulsion", "demotion"), 3),
    "judicial_transfer": 4,
}
SANCTION_CATEGORIES = {"party_sanction", "government_sanction"}
CHANNELS = ("letter", "visit", "phone", "online", "referred_from_above", "inspection_transfer", "audit_transfer",
            "other")
KINDS = ("accusation", "suggestion", "appeal", "out_of_scope", "no_substance")
DISPOSITIONS = ("talk_inquiry", "preliminary_verification", "shelved", "closed")
OUTCOMES = {"closed_no_fault": {"closed_no_fault"}, "talk_or_inquiry": {"inquiry", "integrity_talk"},
            "held_accountable": {"held_accountable"}}


# --------------------------------------------------------------------------- the rows, fetched once
def fetch_rows(session) -> dict[str, list[dict]]:
    def rows(*cols) -> list[dict]:
        return [dict(r._mapping) for r in session.execute(select(*cols))]

    return {
        "complaints": rows(Complaint.id, Complaint.received_date, Complaint.channel, Complaint.kind,
                           Complaint.is_repeat),
        "leads": rows(Lead.id, Lead.disposition, Lead.disposition_date, Lead.result, Lead.result_date),
        "cases": rows(Case.id, Case.filing_date, Case.closing_date, Case.eight_rules),
        "persons": rows(Person.id, Person.lead_id, Person.case_id, Person.id_number_index),
        "measures": rows(Measure.id, Measure.person_id, Measure.lead_id, Measure.case_id, Measure.category,
                         Measure.kind, Measure.decision_date),
        "entries": rows(LedgerEntry.id, LedgerEntry.unit, LedgerEntry.entry_date),
        "leaders": rows(LedgerLeader.entry_id, LedgerLeader.name, LedgerLeader.outcome, LedgerLeader.outcome_date),
    }


# --------------------------------------------------------------------------- the oracle
def _last_day(year: int, month: int) -> dt.date:
    first_of_next = D(year + 1, 1, 1) if month == 12 else D(year, month + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def oracle_spans(period: str) -> dict[str, tuple[dt.date, dt.date]]:
    year, month = int(period[:4]), int(period[5:])
    return {"month": (D(year, month, 1), _last_day(year, month)),
            "ytd": (D(year, 1, 1), _last_day(year, month)),
            "ytd_last_year": (D(year - 1, 1, 1), _last_day(year - 1, month))}


def oracle_change(ytd: int, last: int) -> float | None:
    if last == 0:
        return None
    tenths = Fraction(ytd - last, last) * 1000          # the percentage in tenths
    whole = int(abs(tenths) + Fraction(1, 2))            # half away from zero
    return (whole if tenths >= 0 else -whole) / 10


def _in(day, span) -> bool:
    return day is not None and span[0] <= day <= span[1]


def oracle_counts(data: dict[str, list[dict]], span: tuple[dt.date, dt.date]) -> dict[str, int]:
    """Every leaf figure of one span, by key path."""
    out: dict[str, int] = {}

    received = [c for c in data["complaints"] if _in(c["received_date"], span)]
    out["complaints_received"] = len(received)
    for code in CHANNELS:
        out[f"complaints_by_channel.{code}"] = sum(1 for c in received if c["channel"] == code)
    for code in KINDS:
        out[f"complaints_by_kind.{code}"] = sum(1 for c in received if c["kind"] == code)
    out["complaints_repeat"] = sum(1 for c in received if c["is_repeat"])

    disposed = [ld for ld in data["leads"] if ld["disposition"] is not None and _in(ld["disposition_date"], span)]
    out["leads_disposed"] = len(disposed)
    for code in DISPOSITIONS:
        out[f"leads_by_disposition.{code}"] = sum(1 for ld in disposed if ld["disposition"] == code)
    out["preliminary_verifications"] = out["leads_by_disposition.preliminary_verification"]

    out["cases_filed"] = sum(1 for c in data["cases"] if _in(c["filing_date"], span))
    out["cases_closed"] = sum(1 for c in data["cases"] if _in(c["closing_date"], span))
    out["eight_rules_cases"] = sum(1 for c in data["cases"] if c["eight_rules"] and _in(c["filing_date"], span))

    # a person (人): the rows with the same ID number's index are one, a row without one is its own
    who = {p["id"]: p["id_number_index"] or ("row", p["id"]) for p in data["persons"]}
    dated = [m for m in data["measures"] if _in(m["decision_date"], span)]
    party = {who[m["person_id"]] for m in dated if m["category"] == "party_sanction"}
    gov = {who[m["person_id"]] for m in dated if m["category"] == "government_sanction"}
    out["persons_sanctioned"] = len(party | gov)
    out["party_sanctions"] = len(party)
    out["government_sanctions"] = len(gov)

    for form, n in _four_forms(data, span).items():
        out[f"four_forms.form{form}"] = n

    persons = {p["id"]: p for p in data["persons"]}
    flagged = {c["id"] for c in data["cases"] if c["eight_rules"]}
    of_flagged = [m for m in dated if persons[m["person_id"]]["case_id"] in flagged]
    out["eight_rules_persons"] = len({who[m["person_id"]] for m in of_flagged if m["kind"] != "public_exposure"})
    out["eight_rules_sanctioned"] = len({who[m["person_id"]] for m in of_flagged
                                         if m["category"] in SANCTION_CATEGORIES})
    out["admonishment_talks"] = len({who[m["person_id"]] for m in dated if m["kind"] == "admonishment"})

    exposed = set()
    for m in dated:
        if m["kind"] == "public_exposure":
            p = persons[m["person_id"]]
            case_id = m["case_id"] or p["case_id"]
            exposed.add(("case", case_id) if case_id else ("lead", m["lead_id"] or p["lead_id"]))
    out["public_exposures"] = len(exposed)

    entries = {e["id"]: e for e in data["entries"]}
    in_span = {e["id"] for e in data["entries"] if _in(e["entry_date"], span)}
    out["double_investigation.ledgers"] = len(in_span)
    out["double_investigation.units"] = len({entries[i]["unit"] for i in in_span})
    out["double_investigation.leaders"] = len({(ll["name"], entries[ll["entry_id"]]["unit"])
                                               for ll in data["leaders"] if ll["entry_id"] in in_span})
    for name, codes in OUTCOMES.items():
        out[f"double_investigation.{name}"] = len({
            (ll["name"], entries[ll["entry_id"]]["unit"]) for ll in data["leaders"]
            if ll["outcome"] in codes and _in(ll["outcome_date"], span)})
    return out


def _four_forms(data: dict[str, list[dict]], span: tuple[dt.date, dt.date]) -> dict[int, int]:
    """DOMAIN §7: a person-time's measures dated up to the span's end (a 谈话函询 lead closed as 了结 / 澄清
    is a form-1 measure of each of its persons on its result date); its highest form, dated on the day
    it first reached that form, counts when that day is in the span."""
    end = span[1]
    events: dict[int, list[tuple[int, dt.date]]] = {}
    for m in data["measures"]:
        form = FORM_OF.get(m["kind"])
        if form is not None and m["decision_date"] is not None and m["decision_date"] <= end:
            events.setdefault(m["person_id"], []).append((form, m["decision_date"]))
    talks = {ld["id"]: ld["result_date"] for ld in data["leads"]
             if ld["disposition"] == "talk_inquiry" and ld["result"] in ("concluded", "clarified")
             and ld["result_date"] is not None and ld["result_date"] <= end}
    for p in data["persons"]:
        if p["lead_id"] in talks:
            events.setdefault(p["id"], []).append((1, talks[p["lead_id"]]))
    counts = {1: 0, 2: 0, 3: 0, 4: 0}
    for person_events in events.values():
        highest = max(form for form, _ in person_events)
        reached = min(day for form, day in person_events if form == highest)
        if _in(reached, span):
            counts[highest] += 1
    return counts


def oracle_figures(data: dict[str, list[dict]], period: str) -> dict[str, dict]:
    spans = oracle_spans(period)
    counts = {name: oracle_counts(data, span) for name, span in spans.items()}
    out = {}
    for key in all_key_paths():
        month, ytd, last = counts["month"][key], counts["ytd"][key], counts["ytd_last_year"][key]
        out[key] = {"month": month, "ytd": ytd, "ytd_last_year": last, "change_pct": oracle_change(ytd, last)}
    return out


def assert_matches_oracle(ws, periods) -> dict[str, dict[str, dict]]:
    with ws.reading() as s:
        data = fetch_rows(s)
        got = {period: compute_figures(s, period) for period in periods}
    expected = {}
    for period in periods:
        want = oracle_figures(data, period)
        figs = got[period]
        assert leaf_key_paths(figs) == all_key_paths(), period    # every figure, in the printed order
        wrong = {k: (get_figure(figs, k), want[k]) for k in want if get_figure(figs, k) != want[k]}
        assert not wrong, f"{period} (production, oracle): {wrong}"
        expected[period] = want
    return expected
