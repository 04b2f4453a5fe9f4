"""The monthly figures against an independent oracle, figure for figure.

The oracle reads the raw columns of complaints, leads, cases, persons, measures and ledger entries
ONCE into plain dicts and counts each figure of DOMAIN.md §7 ("Counting rules") with Python loops.
It shares no SQL and no helper with services.reporting.figures / figures_sql / figures_spans:
the spans, the 增减% rounding and the 四种形态 forms (DOMAIN §4) are written out again here.
Only the list of key paths (the printed layout) comes from services.reporting.layout.

It is compared on seeded demo databases and on hand-built edge cases (items on month and year
boundaries, 29 February, repeats, upper-level and not-accepted items, leads carried into cases,
a person's forms across years, leaders checked in several entries and units).
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from sqlalchemy import select

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person
from services import demo
from services.reporting.figures import compute_figures
from services.reporting.layout import all_key_paths, get_figure, leaf_key_paths

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)

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


# --------------------------------------------------------------------------- the oracle itself
def test_the_oracle_spans_and_rounding():
    assert oracle_spans("2025-02") == {"month": (D(2025, 2, 1), D(2025, 2, 28)),
                                       "ytd": (D(2025, 1, 1), D(2025, 2, 28)),
                                       "ytd_last_year": (D(2024, 1, 1), D(2024, 2, 29))}
    assert oracle_spans("2024-02")["ytd_last_year"] == (D(2023, 1, 1), D(2023, 2, 28))
    assert oracle_spans("2026-12")["month"] == (D(2026, 12, 1), D(2026, 12, 31))
    assert [oracle_change(*a) for a in ((3, 1), (1, 3), (2, 3), (0, 4), (5, 0), (1, 8), (-1, 8))] == [
        200.0, -66.7, -33.3, -100.0, None, -87.5, -112.5]
    assert oracle_change(1, 16) == -93.8   # -93.75: half away from zero


# --------------------------------------------------------------------------- demo data
PERIODS = ["2025-01", "2025-02", "2025-06", "2025-12", "2026-01", "2026-02", "2026-03", "2026-07", "2026-10",
           "2026-11", "2026-12", "2027-01", "2027-11"]


@pytest.mark.parametrize("seed, complaints", [(7, 1500), (20261120, 800)])
def test_demo_figures_equal_the_oracle(ws, seed, complaints):
    demo.generate_demo(ws, complaints=complaints, seed=seed, end=dt.date(2026, 11, 20))
    expected = assert_matches_oracle(ws, PERIODS)
    # The data is not trivial: every headline figure is non-zero in some month.
    for key in ("complaints_received", "complaints_repeat", "leads_disposed", "cases_filed", "cases_closed",
                "persons_sanctioned", "four_forms.form1", "four_forms.form2", "double_investigation.ledgers"):
        assert sum(expected[p][key]["ytd"] for p in PERIODS) > 0, key


# --------------------------------------------------------------------------- hand-built edge cases
BOUNDARY_PERIODS = ["2024-02", "2025-01", "2025-02", "2025-11", "2025-12", "2026-01", "2026-02", "2026-10",
                    "2026-11", "2026-12", "2027-01", "2027-11"]
DAYS = [D(2024, 2, 29), D(2025, 1, 1), D(2025, 11, 30), D(2025, 12, 1), D(2025, 12, 31), D(2026, 1, 1),
        D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 30), D(2026, 12, 1)]
MEASURE_KINDS = ["reminder_talk", "party_warning", "gov_demerit", "party_probation", "gov_expulsion", "admonishment",
                 "judicial_transfer", "public_exposure", "removal_from_post", "gov_warning", "demotion"]


def _intake_scenario(b) -> None:
    """Complaints, leads and cases dated on the boundaries, repeats, upper-level and not-accepted items."""
    def complaint(day, channel, kind, repeat_of=None, upper=False) -> Complaint:
        n = 900000 + len(b.s.new) + b.s.query(Complaint).count()   # clear of the demo's numbers
        c = Complaint(number=f"XF{day.year}-E{n}", year=day.year, seq=n, received_date=day, channel=channel,
                      kind=kind, signature="anonymous", is_repeat=repeat_of is not None,
                      original_id=repeat_of.id if repeat_of else None, belongs_upper=upper)
        b.s.add(c)
        b.s.flush()
        return c

    for i, day in enumerate(DAYS):
        first = complaint(day, CHANNELS[i % len(CHANNELS)], KINDS[i % len(KINDS)])
        complaint(day, "referred_from_above", "out_of_scope", repeat_of=first)
        complaint(day + dt.timedelta(days=1), "visit", "accusation", upper=True)   # sent up, still received here
        b.lead(DISPOSITIONS[i % len(DISPOSITIONS)], day)
        b.lead(None, None)           # not disposed: never counted
        b.case(day, closed=DAYS[i + 1] if i % 2 and i + 1 < len(DAYS) else None, eight_rules=i % 3 == 0)


def _boundary_scenario(b) -> None:
    """Persons whose measures straddle the month / year-to-date / last-year boundaries of 2026-11."""
    for i, first in enumerate(DAYS):
        for j, second in enumerate(DAYS[i:], start=i):
            c = b.case(D(2024, 1, 10), eight_rules=(i + j) % 3 == 0)
            p = b.person(f"甲{i}{j}", case=c)
            b.measure(p, MEASURE_KINDS[(i + j) % len(MEASURE_KINDS)], first)
            b.measure(p, MEASURE_KINDS[(i * 3 + j + 1) % len(MEASURE_KINDS)], second)
            if (i + j) % 4 == 0:
                b.measure(p, "party_serious_warning" if j % 2 else "gov_major_demerit", second)
    # 谈话函询 leads closed as 了结 / 澄清 (form 1 on the result date), with and without measures.
    for i, day in enumerate(DAYS):
        for result in ("concluded", "clarified", "to_verification"):
            lead = b.lead("talk_inquiry", day - dt.timedelta(days=3), result, day, persons=(f"乙{i}", f"丙{i}"))
            b.s.refresh(lead)
            first, second = lead.persons
            b.measure(first, MEASURE_KINDS[i % len(MEASURE_KINDS)], DAYS[(i + 2) % len(DAYS)])
            b.measure(first, "criticism", day)
            if i % 2:
                b.measure(second, "public_exposure", day)
            if i % 3 == 0:  # the lead's person carried into a case, sanctioned there
                c = b.case(day, eight_rules=True)
                first.case_id = c.id
                b.s.flush()
                b.measure(first, "party_post_removal", DAYS[(i + 5) % len(DAYS)])
    # A 谈话函询 lead concluded long ago, one not concluded, one 初核 lead "concluded" (not a talk).
    b.lead("talk_inquiry", D(2023, 3, 1), "concluded", D(2023, 3, 5), persons=("丁",))
    b.lead("talk_inquiry", D(2026, 11, 2), None, None, persons=("戊",))
    b.lead("preliminary_verification", D(2026, 11, 2), "concluded", D(2026, 11, 3), persons=("辛",))
    # 八项规定 cases whose persons only have 通报曝光 (exposed, not "handled"), or nothing dated.
    for i, day in enumerate(DAYS):
        c = b.case(day, eight_rules=True)
        for k in range(2):
            b.measure(b.person(f"己{i}{k}", case=c), "public_exposure", DAYS[(i + k) % len(DAYS)])
        b.person(f"庚{i}", case=c)


def _ledger_scenario(b) -> None:
    """Leaders checked in several entries and units; outcomes dated apart from their entries."""
    for i, day in enumerate(DAYS):
        c = b.case(day)
        unit = ("青山镇财政所", "青山镇农业站", "青山镇林业站")[i % 3]
        b.ledger(c, unit, day, [
            ("张主任", ("held_accountable", "inquiry", "closed_no_fault", None)[i % 4],
             None if i % 4 == 3 else DAYS[(i + 1) % len(DAYS)]),
            ("李副主任", "integrity_talk", day),
        ])
        b.ledger(c, "青山镇农业站", DAYS[(i + 4) % len(DAYS)],
                 [("张主任", "closed_no_fault", day), (f"王站长{i}", "closed_no_fault", DAYS[(i + 4) % len(DAYS)])])


def test_boundary_scenarios_equal_the_oracle(ws, build):
    with build() as b:
        _intake_scenario(b)
        _boundary_scenario(b)
        _ledger_scenario(b)
    expected = assert_matches_oracle(ws, BOUNDARY_PERIODS)
    busy = expected["2026-11"]
    # The scenario reaches every figure it is about, in the month and in both year spans.
    for key in ("complaints_received", "complaints_repeat", "complaints_by_kind.out_of_scope", "leads_disposed",
                "cases_filed", "cases_closed", "persons_sanctioned", "party_sanctions", "government_sanctions",
                "four_forms.form1", "four_forms.form2", "four_forms.form3", "four_forms.form4",
                "eight_rules_cases", "eight_rules_persons", "eight_rules_sanctioned", "admonishment_talks",
                "public_exposures", "double_investigation.ledgers", "double_investigation.leaders",
                "double_investigation.closed_no_fault", "double_investigation.talk_or_inquiry"):
        f = busy[key]
        assert f["month"] and f["ytd"] > f["month"] and f["ytd_last_year"], (key, f)


def test_mixed_demo_and_boundary_data_equal_the_oracle(ws, build):
    demo.generate_demo(ws, complaints=400, seed=11, end=dt.date(2026, 11, 20))
    with build() as b:
        _intake_scenario(b)
        _boundary_scenario(b)
        _ledger_scenario(b)
    assert_matches_oracle(ws, ("2025-02", "2025-11", "2026-01", "2026-11", "2026-12"))


# --------------------------------------------------------------------------- 四种形态 over time (DOMAIN §7)
def _form_figures(ws, period: str) -> dict[int, tuple[int, int, int]]:
    with ws.reading() as s:
        figs = compute_figures(s, period)
    return {form: tuple(get_figure(figs, f"four_forms.form{form}")[k] for k in ("month", "ytd", "ytd_last_year"))
            for form in (1, 2, 3, 4)}


def test_a_later_lower_form_adds_nothing(ws, build):
    """DOMAIN §7's example: moved to form 2 in March, a form-1 measure in November adds nothing to
    November's form 1; a form reached in an earlier year keeps later lower measures out as well."""
    with build() as b:
        c = b.case(D(2026, 2, 1))
        p = b.person("甲", case=c)
        b.measure(p, "party_warning", D(2026, 3, 10))
        b.measure(p, "criticism", D(2026, 11, 5))
        old = b.person("乙", case=b.case(D(2024, 5, 1)))
        b.measure(old, "gov_demotion", D(2024, 6, 1))          # form 3 before any span of 2026-11
        b.measure(old, "admonishment", D(2026, 11, 6))
        lead = b.lead("talk_inquiry", D(2026, 10, 20), "clarified", D(2026, 11, 2), persons=("丙",))
        b.s.refresh(lead)
        b.measure(lead.persons[0], "reminder_talk", D(2025, 11, 3))   # form 1 first reached last year
    assert _form_figures(ws, "2026-11") == {1: (0, 0, 1), 2: (0, 1, 0), 3: (0, 0, 0), 4: (0, 0, 0)}
    assert _form_figures(ws, "2026-03") == {1: (0, 0, 0), 2: (1, 1, 0), 3: (0, 0, 0), 4: (0, 0, 0)}
    assert _form_figures(ws, "2025-11") == {1: (1, 1, 0), 2: (0, 0, 0), 3: (0, 0, 1), 4: (0, 0, 0)}
    assert_matches_oracle(ws, ("2024-06", "2025-11", "2026-03", "2026-11"))


# --------------------------------------------------------------------------- one person in two cases (人数)
def test_two_rows_with_the_same_id_number_count_once_where_people_are_counted(ws, build):
    """The same 身份证号 (blind index) on two person rows is one person for 处分/党纪/政务/八项规定/诫勉 (人);
    四种形态 stays per person-time (人次); a row without a number is a person of its own."""
    with build() as b:
        first = b.person("张三", case=b.case(D(2026, 3, 2), eight_rules=True))
        second = b.person("张三", case=b.case(D(2026, 9, 1), eight_rules=True))
        namesake = b.person("张三", case=b.case(D(2026, 9, 1)))        # same name, no ID number: another person
        first.id_number_index = second.id_number_index = "a" * 32
        for p, kind, day in ((first, "party_warning", D(2026, 11, 3)), (second, "gov_demerit", D(2026, 11, 20)),
                             (first, "admonishment", D(2026, 4, 1)), (second, "admonishment", D(2026, 11, 5)),
                             (namesake, "party_warning", D(2026, 11, 4))):
            b.measure(p, kind, day)
    expected = assert_matches_oracle(ws, ("2026-04", "2026-11"))
    nov = expected["2026-11"]
    assert nov["persons_sanctioned"]["month"] == 2           # 张三 (two rows, one number) and the namesake
    assert (nov["party_sanctions"]["month"], nov["government_sanctions"]["month"]) == (2, 1)
    assert nov["eight_rules_persons"]["month"] == 1 and nov["eight_rules_sanctioned"]["ytd"] == 1
    assert nov["admonishment_talks"]["ytd"] == 1              # April and November, the same person
    assert nov["four_forms.form2"]["month"] == 3              # person-times: one per case

