"""The monthly figures, counted exactly by the rules of DOMAIN §7, on rows dated at the boundaries."""
import datetime as dt

import pytest

from services.errors import ValidationError
from services.reporting.figures import change_pct, spans_for
from services.reporting.layout import all_key_paths, get_figure, leaf_key_paths

from tests.helpers.report_builder import assert_figures

D = dt.date


def test_spans_and_29_february():
    s = spans_for("2026-11")
    assert (s.month, s.ytd, s.ytd_last_year) == ((D(2026, 11, 1), D(2026, 11, 30)), (D(2026, 1, 1), D(2026, 11, 30)),
                                                 (D(2025, 1, 1), D(2025, 11, 30)))
    assert spans_for("2024-02").ytd == (D(2024, 1, 1), D(2024, 2, 29))
    assert spans_for("2024-02").ytd_last_year == (D(2023, 1, 1), D(2023, 2, 28))
    assert spans_for("2025-02").ytd_last_year == (D(2024, 1, 1), D(2024, 2, 29))  # same months last year
    assert spans_for("2026-12").ytd_last_year == (D(2025, 1, 1), D(2025, 12, 31))
    for bad in ("2026-13", "2026-1", "26-11", "", "2026/11", None):
        with pytest.raises(ValidationError, match="报告期格式不正确"):
            spans_for(bad)


def test_change_pct_one_decimal_half_up_and_none_without_base():
    assert change_pct(17, 16) == 6.3      # 6.25: float round() would give 6.2
    assert change_pct(15, 16) == -6.3
    assert change_pct(1, 3) == -66.7
    assert change_pct(3, 8) == -62.5
    assert change_pct(0, 4) == -100.0
    assert change_pct(7, 7) == 0.0
    assert change_pct(5, 0) is None and change_pct(0, 0) is None


def test_empty_database_has_every_key_zero(figures):
    figs = figures("2026-11")
    assert leaf_key_paths(figs) == all_key_paths()
    assert_figures(figs, {})
    assert all(get_figure(figs, k)["change_pct"] is None for k in all_key_paths())


def test_complaints_month_year_and_last_year_boundaries(build, figures):
    with build() as b:
        first = b.complaint(D(2026, 11, 3), "letter", "accusation")
        b.complaint(D(2026, 11, 20), "visit", "suggestion", repeat_of=first)
        b.complaint(D(2026, 11, 30), "visit", "accusation")          # last day of the month
        b.complaint(D(2026, 12, 1), "phone", "accusation")           # first day of the next month
        b.complaint(D(2026, 10, 31), "phone", "accusation")          # earlier this year
        b.complaint(D(2026, 1, 1), "online", "appeal")               # first day of the year
        b.complaint(D(2025, 12, 31), "letter", "accusation")         # after last year's span
        b.complaint(D(2025, 11, 30), "letter", "out_of_scope", repeat_of=first)  # last day of last year's span
        b.complaint(D(2025, 1, 1), "other", "no_substance")
        b.complaint(D(2024, 12, 31), "letter", "accusation")         # before every span
    figs = figures("2026-11")
    assert_figures(figs, {
        "complaints_received": (3, 5, 2),
        "complaints_by_channel.letter": (1, 1, 1), "complaints_by_channel.visit": (2, 2, 0),
        "complaints_by_channel.phone": (0, 1, 0), "complaints_by_channel.online": (0, 1, 0),
        "complaints_by_channel.other": (0, 0, 1),
        "complaints_by_kind.accusation": (2, 3, 0), "complaints_by_kind.suggestion": (1, 1, 0),
        "complaints_by_kind.appeal": (0, 1, 0), "complaints_by_kind.out_of_scope": (0, 0, 1),
        "complaints_by_kind.no_substance": (0, 0, 1),
        "complaints_repeat": (1, 1, 1),
    })
    assert get_figure(figs, "complaints_received")["change_pct"] == 150.0
    assert get_figure(figs, "complaints_by_channel.visit")["change_pct"] is None
    assert get_figure(figs, "complaints_by_kind.out_of_scope")["change_pct"] == -100.0

    dec = figures("2026-12")  # Dec 31 / Jan 1: last year's span is the whole of 2025
    assert get_figure(dec, "complaints_received") == {"month": 1, "ytd": 6, "ytd_last_year": 3, "change_pct": 100.0}
    jan = figures("2027-01")
    assert get_figure(jan, "complaints_received") == {"month": 0, "ytd": 0, "ytd_last_year": 1, "change_pct": -100.0}


def test_29_february(build, figures):
    with build() as b:
        b.complaint(D(2024, 2, 29))
        b.complaint(D(2023, 2, 28))
        b.complaint(D(2023, 3, 1))
        b.complaint(D(2024, 3, 1))
        b.complaint(D(2025, 2, 28))
    assert_figures(figures("2024-02"), {"complaints_received": (1, 1, 1), "complaints_by_channel.letter": (1, 1, 1),
                                        "complaints_by_kind.accusation": (1, 1, 1)})
    assert get_figure(figures("2024-03"), "complaints_received") == {
        "month": 1, "ytd": 2, "ytd_last_year": 2, "change_pct": 0.0}
    # 2025-02 compares with January and February 2024, 29 February included.
    assert get_figure(figures("2025-02"), "complaints_received")["ytd_last_year"] == 1


def test_change_pct_of_a_real_count(build, figures):
    with build() as b:
        for i in range(16):
            b.complaint(D(2025, 1 + i % 11, 10))
        for i in range(17):
            b.complaint(D(2026, 1 + i % 11, 10))
    fig = get_figure(figures("2026-11"), "complaints_received")
    assert fig == {"month": 1, "ytd": 17, "ytd_last_year": 16, "change_pct": 6.3}


def test_leads_by_disposition(build, figures):
    with build() as b:
        b.lead("talk_inquiry", D(2026, 11, 1))
        b.lead("preliminary_verification", D(2026, 11, 30))
        b.lead("preliminary_verification", D(2026, 12, 1))
        b.lead("shelved", D(2026, 3, 3))
        b.lead("closed", D(2025, 11, 30))
        b.lead("preliminary_verification", D(2025, 6, 1))
        b.lead(None, None)                                   # not yet disposed
    assert_figures(figures("2026-11"), {
        "leads_disposed": (2, 3, 2),
        "leads_by_disposition.talk_inquiry": (1, 1, 0),
        "leads_by_disposition.preliminary_verification": (1, 1, 1),
        "leads_by_disposition.shelved": (0, 1, 0),
        "leads_by_disposition.closed": (0, 0, 1),
        "preliminary_verifications": (1, 1, 1),
    })


def test_person_with_party_and_government_sanction_counts_once(build, figures):
    with build() as b:
        c = b.case(D(2026, 9, 1))
        p = b.person("李四", case=c)
        b.measure(p, "party_warning", D(2026, 11, 10))
        b.measure(p, "gov_demerit", D(2026, 11, 12))
    assert_figures(figures("2026-11"), {
        "cases_filed": (0, 1, 0), "persons_sanctioned": (1, 1, 0), "party_sanctions": (1, 1, 0),
        "government_sanctions": (1, 1, 0), "four_forms.form2": (1, 1, 0),
    })


def test_full_scenario_sanctions_forms_eight_rules_and_ledger(build, figures):
    with build() as b:
        a = b.case(D(2026, 3, 1), closed=D(2026, 11, 15))
        jia = b.person("甲", case=a)
        b.measure(jia, "party_warning", D(2026, 11, 10))
        b.measure(jia, "gov_demerit", D(2026, 11, 12))

        case_b = b.case(D(2026, 11, 2))
        yi = b.person("乙", case=case_b)
        b.measure(yi, "criticism", D(2026, 2, 1))          # form 1, but the person-time is form 3
        b.measure(yi, "party_probation", D(2026, 11, 18))

        # 谈话函询 leads: 了结 / 澄清 are form-1 measures of their persons on the result date.
        b.lead("talk_inquiry", D(2026, 10, 8), "concluded", D(2026, 11, 6), persons=("丙",))
        b.lead("talk_inquiry", D(2026, 11, 2), "to_verification", D(2026, 11, 7), persons=("壬",))
        b.lead("talk_inquiry", D(2025, 5, 20), "clarified", D(2025, 6, 1), persons=("辛",))
        b.lead("preliminary_verification", D(2026, 11, 19))

        c = b.case(D(2026, 11, 1), eight_rules=True)
        ding = b.person("丁", case=c)
        b.measure(ding, "admonishment", D(2026, 11, 9))
        b.measure(ding, "public_exposure", D(2026, 11, 9))
        wu = b.person("戊", case=c)
        b.measure(wu, "public_exposure", D(2026, 11, 10))   # exposure alone: no form, not "handled"

        d = b.case(D(2026, 5, 1), eight_rules=True)
        ji = b.person("己", case=d, party=False)
        b.measure(ji, "gov_warning", D(2026, 6, 1))

        e = b.case(D(2025, 4, 1))
        geng = b.person("庚", case=e)
        b.measure(geng, "party_expulsion", D(2025, 8, 1))
        b.measure(geng, "judicial_transfer", D(2025, 8, 1))

        b.ledger(a, "青山镇财政所", D(2026, 11, 5),
                 [("张主任", "held_accountable", D(2026, 11, 18)), ("李副主任", "integrity_talk", D(2026, 11, 18))])
        b.ledger(case_b, "青山镇财政所", D(2026, 11, 20), [("张主任", "inquiry", D(2026, 11, 20))])
        b.ledger(d, "青山镇农业站", D(2026, 6, 1), [("王站长", "closed_no_fault", D(2026, 6, 10))])
        b.ledger(e, "青山镇林业站", D(2025, 5, 1), [("赵站长", "held_accountable", D(2025, 12, 5))])
        b.ledger(e, "青山镇林业站", D(2025, 5, 2), [("钱副站长", None, None)])

    figs = figures("2026-11")
    assert_figures(figs, {
        "leads_disposed": (2, 3, 1), "leads_by_disposition.talk_inquiry": (1, 2, 1),
        "leads_by_disposition.preliminary_verification": (1, 1, 0), "preliminary_verifications": (1, 1, 0),
        "cases_filed": (2, 4, 1), "cases_closed": (1, 1, 0),
        "persons_sanctioned": (2, 3, 1), "party_sanctions": (2, 2, 1), "government_sanctions": (1, 2, 0),
        "four_forms.form1": (2, 2, 1), "four_forms.form2": (1, 2, 0), "four_forms.form3": (1, 1, 0),
        "four_forms.form4": (0, 0, 1),
        "eight_rules_cases": (1, 2, 0), "eight_rules_persons": (1, 2, 0), "eight_rules_sanctioned": (0, 1, 0),
        "admonishment_talks": (1, 1, 0), "public_exposures": (1, 1, 0),
        "double_investigation.ledgers": (2, 3, 2), "double_investigation.units": (1, 2, 1),
        "double_investigation.leaders": (2, 3, 2), "double_investigation.closed_no_fault": (0, 1, 0),
        "double_investigation.talk_or_inquiry": (2, 2, 0), "double_investigation.held_accountable": (1, 1, 0),
    })
    assert get_figure(figs, "persons_sanctioned")["change_pct"] == 200.0
    assert get_figure(figs, "cases_filed")["change_pct"] == 300.0
    assert get_figure(figs, "four_forms.form4")["change_pct"] == -100.0

    # Last year's December: the 赵站长 outcome of 2025-12-05 now falls in the month.
    dec = figures("2025-12")
    assert get_figure(dec, "double_investigation.held_accountable") == {
        "month": 1, "ytd": 1, "ytd_last_year": 0, "change_pct": None}
    assert get_figure(dec, "four_forms.form4")["ytd"] == 1
    assert get_figure(dec, "four_forms.form3")["ytd"] == 0   # 开除党籍 + 移送司法机关: once, in form 4


def test_case_from_lead_is_one_person_time(build, figures):
    """The case carries the lead's person row: a form-1 lead result and a form-3 sanction are one person-time."""
    with build() as b:
        lead = b.lead("talk_inquiry", D(2026, 11, 2), "concluded", D(2026, 11, 4), persons=("周",))
        c = b.case(D(2026, 11, 5))
        b.s.refresh(lead)
        p = lead.persons[0]
        p.case_id = c.id
        b.s.flush()
        b.measure(p, "gov_demotion", D(2026, 11, 25))
        other = b.person("吴", lead=lead)                  # the lead's second person: form 1 only
    assert_figures(figures("2026-11"), {
        "leads_disposed": (1, 1, 0), "leads_by_disposition.talk_inquiry": (1, 1, 0), "cases_filed": (1, 1, 0),
        "persons_sanctioned": (1, 1, 0), "government_sanctions": (1, 1, 0),
        "four_forms.form1": (1, 1, 0), "four_forms.form3": (1, 1, 0),
    })
    assert other.id
