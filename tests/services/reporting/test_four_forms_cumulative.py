"""四种形态 as a cumulative form (DOMAIN §7): a person-time counts once, in its highest form up to the
span's end, on the day it first reached that form; so 元至本月 never shows less than 本月.

The rule's consequences pinned here, each over the monthly reports a clerk would print:
- a later lower measure adds nothing (form 2 in March, form 1 in November);
- a higher form later in the year moves the person-time up: the year to date counts it in the
  higher form from then on, so a form's 元至本月 may shrink from one report to the next while the
  person-times of all four forms together never do within a year;
- one person in two cases is two person-times (人次);
- 去年同期 is the same rule on last year's span, with its own end.
"""
import datetime as dt

import pytest

from services import demo
from services.reporting.figures import compute_figures
from services.reporting.layout import get_figure
from tests.helpers.figures_oracle import assert_matches_oracle

D = dt.date
FORMS = (1, 2, 3, 4)
pytestmark = pytest.mark.both_db   # the figures SQL and the 0007 CHECK on SQLite and PostgreSQL alike


def forms(ws, period: str) -> dict[int, tuple[int, int, int]]:
    """{form: (本月, 元至本月, 去年同期)} of one report."""
    with ws.reading() as s:
        figs = compute_figures(s, period)
    return {f: tuple(get_figure(figs, f"four_forms.form{f}")[k] for k in ("month", "ytd", "ytd_last_year"))
            for f in FORMS}


def year_of_reports(ws, year: int) -> dict[int, dict[int, tuple[int, int, int]]]:
    return {month: forms(ws, f"{year}-{month:02d}") for month in range(1, 13)}


def only(**cells: tuple[int, int, int]) -> dict[int, tuple[int, int, int]]:
    """forms() with the named forms ("f2"=...) set and every other (0, 0, 0)."""
    return {f: cells.get(f"f{f}", (0, 0, 0)) for f in FORMS}


def test_form_2_in_march_then_form_1_in_november(ws, build):
    with build() as b:
        p = b.person("甲", case=b.case(D(2026, 2, 1)))
        b.measure(p, "gov_demerit", D(2026, 3, 10))        # 记过: form 2
        b.measure(p, "reminder_talk", D(2026, 11, 5))      # 谈话提醒: form 1, later and lower
    reports = year_of_reports(ws, 2026)
    assert reports[2] == only()
    assert reports[3] == only(f2=(1, 1, 0))
    for month in range(4, 13):
        assert reports[month] == only(f2=(0, 1, 0)), month   # November's form 1 stays 0, 本月 and 元至本月
    assert forms(ws, "2027-11") == only(f2=(0, 0, 1))         # and next year's 去年同期 agrees


def test_form_1_then_form_3_in_the_same_month_and_in_later_months(ws, build):
    with build() as b:
        same = b.person("乙", case=b.case(D(2026, 4, 1)))
        b.measure(same, "criticism", D(2026, 6, 3))              # form 1 …
        b.measure(same, "party_post_removal", D(2026, 6, 24))   # … and form 3 in the same month
        later = b.person("丙", case=b.case(D(2026, 4, 2)))
        b.measure(later, "admonishment", D(2026, 5, 12))         # form 1 in May
        b.measure(later, "gov_demotion", D(2026, 9, 8))          # form 3 in September
    reports = year_of_reports(ws, 2026)
    assert reports[5] == only(f1=(1, 1, 0))
    assert reports[6] == only(f1=(0, 1, 0), f3=(1, 1, 0))   # 乙 once, in form 3; 丙 still form 1 this year
    assert reports[8] == only(f1=(0, 1, 0), f3=(0, 1, 0))
    # September: 丙 has reached form 3; the year to date counts him there and no longer in form 1
    assert reports[9] == only(f3=(1, 2, 0))
    assert reports[12] == only(f3=(0, 2, 0))
    assert_matches_oracle(ws, ("2026-05", "2026-06", "2026-09"))


def test_one_person_in_two_cases_is_two_person_times(ws, build):
    with build() as b:
        first = b.person("丁", case=b.case(D(2026, 1, 10)))
        second = b.person("丁", case=b.case(D(2026, 8, 10)))    # the same man, a second case
        b.measure(first, "party_warning", D(2026, 3, 2))         # form 2 in the first case
        b.measure(second, "self_review", D(2026, 11, 9))         # form 1 in the second: a person-time of its own
        lead = b.lead("talk_inquiry", D(2026, 9, 1), "concluded", D(2026, 11, 20), persons=("丁",))  # a third
        b.s.refresh(lead)
        assert lead.persons[0].id not in (first.id, second.id)
    assert forms(ws, "2026-03") == only(f2=(1, 1, 0))
    assert forms(ws, "2026-11") == only(f1=(2, 2, 0), f2=(0, 1, 0))   # the second case and the 函询了结


def test_spans_crossing_the_year(ws, build):
    with build() as b:
        up = b.person("戊", case=b.case(D(2025, 11, 1)))
        b.measure(up, "reminder_talk", D(2025, 12, 20))          # form 1 in December …
        b.measure(up, "removal_from_post", D(2026, 1, 5))        # … form 2 in January of the next year
        down = b.person("己", case=b.case(D(2025, 10, 1)))
        b.measure(down, "party_probation", D(2025, 11, 10))      # form 3 last year …
        b.measure(down, "criticism", D(2026, 2, 3))              # … a form-1 measure this year adds nothing
        mid = b.person("庚", case=b.case(D(2025, 1, 5)))
        b.measure(mid, "circulated_criticism", D(2025, 3, 10))  # form 1 in March 2025 …
        b.measure(mid, "ordered_resignation", D(2025, 6, 1))     # … 责令辞职 (form 2) in June 2025
    assert forms(ws, "2025-12") == only(f1=(1, 1, 0), f2=(0, 1, 0), f3=(0, 1, 0))
    assert forms(ws, "2026-01") == only(f2=(1, 1, 0))            # 戊 reached form 2 this year
    assert forms(ws, "2026-02") == only(f2=(0, 1, 0))            # 己's form 3 was reached last year
    # 去年同期 ends on the same month's last day a year earlier, with the rule applied up to that end
    assert forms(ws, "2026-04") == only(f1=(0, 0, 1), f2=(0, 1, 0))
    assert forms(ws, "2026-06") == only(f2=(0, 1, 1))
    assert forms(ws, "2026-11") == only(f2=(0, 1, 1), f3=(0, 0, 1))
    assert forms(ws, "2027-01") == only(f2=(0, 0, 1))            # 戊 in January 2026, seen from 2027
    assert_matches_oracle(ws, ("2025-12", "2026-01", "2026-02", "2026-04", "2026-06", "2027-01"))


@pytest.mark.parametrize("seed", [3, 17])
def test_demo_data_every_month_of_a_year(ws, seed):
    demo.generate_demo(ws, complaints=400, seed=seed, end=dt.date(2026, 11, 20))
    this_year, last_year = year_of_reports(ws, 2026), year_of_reports(ws, 2025)
    for month in range(1, 13):
        for f in FORMS:
            m, ytd, ly = this_year[month][f]
            assert ytd >= m, (month, f, this_year[month][f])           # never 元至本月 below 本月
            assert ly == last_year[month][f][1], (month, f)             # 去年同期 = last year's 元至本月
            assert last_year[month][f][1] >= last_year[month][f][0], (month, f)
    for reports in (this_year, last_year):
        totals = [sum(reports[month][f][1] for f in FORMS) for month in range(1, 13)]
        assert totals == sorted(totals), totals                         # person-times together never shrink
        months = [sum(reports[month][f][0] for f in FORMS) for month in range(1, 13)]
        assert sum(months) >= totals[-1]        # a person-time that moved up counted in two months' 本月
    # the data reach the rule: forms in most months
    assert sum(this_year[month][f][0] for month in range(1, 12) for f in FORMS) >= 20
    assert_matches_oracle(ws, ("2026-03", "2026-11"))
