"""Deadline engine: due dates, statuses, the per-item rules and the sorted due list."""
from datetime import date

import pytest

from services.deadlines.rules import (DEFAULT_LIMITS, Deadline, DeadlineInput, DueStatus, Obligation, Unit, add_months,
                                      case_deadlines, collect_due, complaint_deadlines, compute_due, deadlines_for,
                                      lead_deadlines, resolve_limits, sanction_deadlines, status_of)
from services.deadlines.workdays import WorkCalendar
from services.errors import ValidationError


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_default_table_matches_the_domain():
    expected = {
        "upper_forward": (5, Unit.WORKDAYS), "referral_accept": (5, Unit.WORKDAYS),
        "acceptance_notice": (15, Unit.WORKDAYS), "result_feedback": (15, Unit.WORKDAYS),
        "talk_inquiry": (30, Unit.DAYS), "preliminary_verification": (2, Unit.MONTHS),
        "filing_approval": (1, Unit.MONTHS), "investigation": (3, Unit.MONTHS),
        "execution": (1, Unit.MONTHS),
    }
    assert {c: (s.amount, s.unit) for c, s in DEFAULT_LIMITS.items()} == expected
    assert DEFAULT_LIMITS["acceptance_notice"].label == "实名举报受理告知"
    assert "15个工作日" in DEFAULT_LIMITS["acceptance_notice"].description


def test_working_day_limits_across_holidays(cal):
    assert compute_due("upper_forward", date(2025, 1, 24), cal) == date(2025, 2, 7)
    # 15 working days from Fri 2024-09-20 run over National Day and its two 补班 days.
    assert compute_due("acceptance_notice", date(2024, 9, 20), cal) == date(2024, 10, 16)
    assert compute_due("result_feedback", date(2025, 9, 26), cal) == date(2025, 10, 23)


def test_month_limits_clamp_to_month_end(cal):
    assert compute_due("filing_approval", date(2025, 1, 31), cal) == date(2025, 2, 28)
    assert compute_due("filing_approval", date(2024, 1, 31), cal) == date(2024, 2, 29)
    assert compute_due("investigation", date(2024, 11, 30), cal) == date(2025, 2, 28)
    assert compute_due("preliminary_verification", date(2024, 2, 29), cal) == date(2024, 4, 29)


def test_29_february():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_calendar_limits_ending_on_a_holiday_move_to_the_next_working_day(cal):
    # 2025-09-05 + 30 days = 2025-10-05, inside National Day → 2025-10-09.
    assert compute_due("talk_inquiry", date(2025, 9, 5), cal) == date(2025, 10, 9)
    assert compute_due("talk_inquiry", date(2025, 9, 5), cal, roll_forward=False) == date(2025, 10, 5)
    assert compute_due("execution", date(2025, 9, 1), cal) == date(2025, 10, 9)


def test_amounts_overridden_from_settings(cal):
    assert compute_due("upper_forward", date(2025, 1, 24), cal, {"upper_forward": 1}) == date(2025, 1, 26)
    assert compute_due("talk_inquiry", date(2025, 3, 3), cal, {"talk_inquiry": "15"}) == date(2025, 3, 18)
    assert resolve_limits({"investigation": 6})["investigation"].amount == 6
    assert DEFAULT_LIMITS["investigation"].amount == 3  # the defaults are untouched


@pytest.mark.parametrize("overrides, text", [
    ({"no_such_limit": 3}, "未知的期限项目"),
    ({"upper_forward": 0}, "1至250个工作日"),
    ({"investigation": 99}, "1至24个月"),
    ({"talk_inquiry": "三十"}, "应为整数"),
    ({"talk_inquiry": 2.5}, "应为整数"),
    ({"talk_inquiry": True}, "应为整数"),
])
def test_bad_settings_are_rejected_in_chinese(cal, overrides, text):
    with pytest.raises(ValidationError) as err:
        compute_due("talk_inquiry", date(2025, 3, 3), cal, overrides)
    assert text in err.value.message


def test_status_window_of_three_working_days(cal):
    today = date(2025, 3, 5)  # Wednesday
    assert status_of(date(2025, 3, 4), today, cal) is DueStatus.OVERDUE
    assert status_of(today, today, cal) is DueStatus.DUE_SOON
    assert status_of(date(2025, 3, 7), today, cal) is DueStatus.DUE_SOON  # Wed, Thu, Fri
    assert status_of(date(2025, 3, 10), today, cal) is DueStatus.OK
    assert status_of(date(2025, 3, 4), today, cal, done=True) is DueStatus.DONE
    assert status_of(date(2025, 3, 7), today, cal, warn_workdays=0) is DueStatus.OK


def test_status_window_on_a_weekend_and_before_a_holiday(cal):
    saturday = date(2025, 3, 8)
    assert status_of(date(2025, 3, 12), saturday, cal) is DueStatus.DUE_SOON  # Mon, Tue, Wed
    assert status_of(date(2025, 3, 13), saturday, cal) is DueStatus.OK
    last_before_festival = date(2025, 1, 27)
    assert status_of(date(2025, 2, 6), last_before_festival, cal) is DueStatus.DUE_SOON
    assert status_of(date(2025, 2, 7), last_before_festival, cal) is DueStatus.OK


def test_status_labels():
    assert DueStatus.OVERDUE.label == "已超期"
    assert DueStatus.DUE_SOON.label == "即将到期"
    assert DueStatus.OK.label == "未到期"
    assert DueStatus.DONE.label == "已办结"


def test_collect_due_sorts_overdue_first_then_by_due_date(cal):
    today = date(2025, 3, 5)
    items = [
        DeadlineInput("complaint", 1, "XF2025-001", "acceptance_notice", date(2025, 2, 20)),  # 2025-03-13
        DeadlineInput("complaint", 2, "XF2025-002", "upper_forward", date(2025, 2, 20)),  # 02-27 overdue
        DeadlineInput("lead", 3, "XS2025-001", "talk_inquiry", date(2025, 2, 5)),  # 03-07 due soon
        DeadlineInput("case", 4, "AJ2025-001", "investigation", date(2024, 11, 1)),  # 02-05 overdue
        DeadlineInput("complaint", 5, "XF2025-003", "upper_forward", date(2025, 2, 10), done=True,
                      completed_on=date(2025, 2, 11)),
    ]
    rows = collect_due(items, today, cal)
    assert [r.item_number for r in rows] == ["AJ2025-001", "XF2025-002", "XS2025-001", "XF2025-001"]
    assert [r.status for r in rows] == [DueStatus.OVERDUE, DueStatus.OVERDUE, DueStatus.DUE_SOON, DueStatus.OK]
    assert rows[1].due == date(2025, 2, 27) and rows[1].label == "上级管辖件报送上级"
    assert rows[1].message == "已超期4个工作日"
    assert rows[2].message == "剩余2个工作日"
    assert [r.item_id for r in collect_due(items, today, cal, include_ok=False)] == [4, 2, 3]

    everything = collect_due(items, today, cal, include_done=True)
    assert everything[-1].item_id == 5 and everything[-1].status is DueStatus.DONE
    assert everything[-1].message == "已办结" and not everything[-1].late


def test_deadline_done_late_and_due_today(cal):
    (late,) = deadlines_for(
        [DeadlineInput("complaint", 9, "XF-9", "upper_forward", date(2025, 3, 3), True, date(2025, 3, 20))],
        date(2025, 3, 25), cal)
    assert late.due == date(2025, 3, 10) and late.late and late.message == "已办结（超期办结）"
    (today,) = deadlines_for([DeadlineInput("complaint", 1, "XF-1", "upper_forward", date(2025, 3, 3))],
                             date(2025, 3, 10), cal)
    assert isinstance(today, Deadline) and today.status is DueStatus.DUE_SOON and today.message == "今日到期"


def test_real_name_complaint_rules():
    received = date(2025, 3, 3)
    assert complaint_deadlines(received, "real_name", False) == [Obligation("acceptance_notice", received)]
    assert complaint_deadlines(received, "real_name", True) == []  # a repeat: kept for reference
    assert complaint_deadlines(received, "anonymous", False) == []
    assert complaint_deadlines(received, "signed", False) == []

    rules = complaint_deadlines(received, "real_name", False, "concluded", concluded_date=date(2025, 4, 1),
                                notice_date=date(2025, 3, 10))
    assert rules == [
        Obligation("acceptance_notice", received, True, date(2025, 3, 10)),
        Obligation("result_feedback", date(2025, 4, 1)),
    ]
    fed_back = complaint_deadlines(received, "real_name", False, "concluded", date(2025, 4, 1), date(2025, 4, 3))
    assert fed_back[-1] == Obligation("result_feedback", date(2025, 4, 1), True, date(2025, 4, 3))


def test_upper_level_and_referred_down_rules():
    received = date(2025, 3, 3)
    up = complaint_deadlines(received, "real_name", False, belongs_upper=True, concluded_date=date(2025, 3, 5),
                             forwarded_date=date(2025, 3, 5))
    assert [o.limit_code for o in up] == ["upper_forward", "acceptance_notice"]  # no feedback: not ours
    assert up[0].done

    (waiting,) = complaint_deadlines(received, "anonymous", False, "registered", referred_down=True)
    assert waiting == Obligation("referral_accept", received)
    (accepted,) = complaint_deadlines(received, "anonymous", False, "accepted", referred_down=True)
    assert accepted.done
    out_of_scope = complaint_deadlines(received, "real_name", False, "concluded", date(2025, 3, 6),
                                       kind="out_of_scope")
    assert out_of_scope == []  # 告知 and 反馈 are owed for a 实名检举控告 only
    suggestion = complaint_deadlines(received, "real_name", False, "concluded", date(2025, 3, 6), kind="suggestion")
    assert suggestion == []


def test_lead_rules():
    d = date(2025, 3, 3)
    assert lead_deadlines("talk_inquiry", d, None) == [Obligation("talk_inquiry", d)]
    assert lead_deadlines("preliminary_verification", d, date(2025, 4, 1)) == [
        Obligation("preliminary_verification", d, True, date(2025, 4, 1))]
    assert lead_deadlines("shelved", d, None) == []
    assert lead_deadlines("closed", d, None) == []
    assert lead_deadlines(None, None, None) == []


def test_case_rules(cal):
    rules = case_deadlines(date(2025, 3, 10), verification_concluded=date(2025, 3, 1)) + sanction_deadlines(
        date(2025, 6, 30), None)
    assert rules == [
        Obligation("filing_approval", date(2025, 3, 1), True, date(2025, 3, 10)),
        Obligation("investigation", date(2025, 3, 10)),
        Obligation("execution", date(2025, 6, 30)),
    ]
    assert sanction_deadlines(date(2025, 6, 30), date(2025, 7, 2)) == [
        Obligation("execution", date(2025, 6, 30), True, date(2025, 7, 2))]
    rows = deadlines_for(DeadlineInput.from_obligations("case", 7, "AJ-7", rules), date(2025, 6, 20), cal)
    assert [(r.limit_code, r.due, r.status) for r in rows] == [
        ("filing_approval", date(2025, 4, 1), DueStatus.DONE),
        ("investigation", date(2025, 6, 10), DueStatus.OVERDUE),
        ("execution", date(2025, 7, 30), DueStatus.OK),
    ]
    closed = case_deadlines(date(2025, 3, 10), trial_transfer_date=date(2025, 5, 1))
    assert closed == [Obligation("investigation", date(2025, 3, 10), True, date(2025, 5, 1))]
    assert case_deadlines(None) == []
