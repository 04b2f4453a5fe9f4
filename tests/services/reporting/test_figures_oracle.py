"""The monthly figures against an independent oracle, figure for figure.

The oracle (tests/helpers/figures_oracle.py) reads the raw columns ONCE into plain dicts and counts
each figure of DOMAIN.md §7 with Python loops, sharing no SQL and no helper with services.reporting.

It is compared on seeded demo databases and on hand-built edge cases (items on month and year
boundaries, 29 February, repeats, upper-level and not-accepted items, leads carried into cases,
a person's forms across years, leaders checked in several entries and units).
"""
from __future__ import annotations

import datetime as dt

import pytest

from models import Complaint
from services import demo
from services.reporting.figures import compute_figures
from services.reporting.layout import get_figure
from tests.helpers.figures_oracle import (CHANNELS, DISPOSITIONS, KINDS, assert_matches_oracle, oracle_change,
                                          oracle_spans)

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)

D = dt.date

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

