"""Working-day calendar: official 2024/2025 schedules, overrides, the fallback for unknown years."""
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from services.deadlines.workdays import WorkCalendar, unknown_year_warning


def _first_year_unknown_to_chinese_calendar() -> int:
    for year in range(2025, 2200):
        try:
            chinese_calendar.is_workday(date(year, 6, 1))
        except NotImplementedError:
            return year
    raise AssertionError("chinese_calendar knows every year?")


UNKNOWN = _first_year_unknown_to_chinese_calendar()


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_spring_festival_2024(cal):
    for d in range(10, 18):
        assert not cal.is_workday(date(2024, 2, d)), f"2024-02-{d} is in the holiday"
    assert cal.is_workday(date(2024, 2, 4))  # Sunday 补班
    assert cal.is_workday(date(2024, 2, 18))  # Sunday 补班
    assert cal.next_workday(date(2024, 2, 9)) == date(2024, 2, 18)


def test_national_day_2024(cal):
    assert cal.is_workday(date(2024, 9, 29))  # Sunday 补班
    assert not any(cal.is_workday(date(2024, 10, d)) for d in range(1, 8))
    assert cal.is_workday(date(2024, 10, 12))  # Saturday 补班
    assert cal.add_workdays(date(2024, 9, 30), 1) == date(2024, 10, 8)


def test_spring_festival_2025_with_make_up_sunday(cal):
    assert date(2025, 1, 26).weekday() == 6 and cal.is_workday(date(2025, 1, 26))
    assert date(2025, 2, 8).weekday() == 5 and cal.is_workday(date(2025, 2, 8))
    assert not cal.is_workday(date(2025, 1, 28)) and not cal.is_workday(date(2025, 2, 4))
    # Received Friday 24 Jan: day 1 is the 补班 Sunday, then Monday, then 5–7 Feb.
    assert cal.add_workdays(date(2025, 1, 24), 5) == date(2025, 2, 7)
    # Received during the holiday: day 1 is the first working day after it.
    assert cal.add_workdays(date(2025, 1, 30), 1) == date(2025, 2, 5)


def test_national_day_2025(cal):
    assert cal.is_workday(date(2025, 9, 28))  # Sunday 补班
    assert not cal.is_workday(date(2025, 10, 6))  # 中秋 inside the holiday
    assert not cal.is_workday(date(2025, 10, 8))
    assert cal.is_workday(date(2025, 10, 11))  # Saturday 补班
    assert cal.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)


def test_day_of_receipt_is_day_zero(cal):
    holiday = date(2025, 10, 3)
    assert cal.add_workdays(holiday, 0) == holiday
    assert cal.workdays_between(holiday, holiday) == 0
    assert cal.roll_forward(holiday) == date(2025, 10, 9)
    assert cal.roll_forward(date(2025, 10, 9)) == date(2025, 10, 9)


def test_counting_backwards(cal):
    assert cal.add_workdays(date(2025, 2, 5), -1) == date(2025, 1, 27)
    assert cal.add_workdays(date(2025, 2, 5), -2) == date(2025, 1, 26)
    assert cal.workdays_between(date(2025, 2, 5), date(2025, 1, 26)) == -2
    assert cal.workdays_between(date(2025, 1, 24), date(2025, 2, 7)) == 5


def test_counts_match_chinese_calendar_over_many_years(cal):
    a, b = date(2004, 1, 1), date(2025, 12, 31)
    expected = len(chinese_calendar.get_workdays(a + timedelta(days=1), b))
    assert cal.workdays_between(a, b) == expected
    assert cal.add_workdays(a, expected) == max(chinese_calendar.get_workdays(a, b))


def test_override_wins_both_ways():
    cal = WorkCalendar({
        date(2025, 1, 26): False,  # the 补班 Sunday declared a day off locally
        date(2025, 10, 8): True,  # a holiday worked
        date(2025, 3, 3): False,  # an ordinary Monday closed (e.g. a flood)
    })
    assert not cal.is_workday(date(2025, 1, 26))
    assert cal.is_workday(date(2025, 10, 8))
    assert not cal.is_workday(date(2025, 3, 3))
    assert cal.add_workdays(date(2025, 1, 24), 1) == date(2025, 1, 27)
    assert cal.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 8)
    assert cal.add_workdays(date(2025, 2, 28), 1) == date(2025, 3, 4)


def test_year_beyond_the_package_uses_public_holidays_and_warns():
    cal = WorkCalendar()
    assert not cal.is_workday(date(UNKNOWN, 10, 1))  # National Day
    assert not cal.is_workday(date(UNKNOWN, 1, 1))
    first_monday_of_march = next(date(UNKNOWN, 3, d) for d in range(1, 8) if date(UNKNOWN, 3, d).weekday() == 0)
    assert cal.is_workday(first_monday_of_march)
    assert not cal.is_workday(first_monday_of_march - timedelta(days=1))  # a Sunday, no 调休 known
    assert UNKNOWN in cal.unknown_years
    assert not cal.is_year_known(UNKNOWN)

    assert cal.warnings_for(date(UNKNOWN - 1, 12, 1), date(UNKNOWN, 1, 31)) == [unknown_year_warning(UNKNOWN)]
    assert cal.warnings_for(date(2025, 1, 1), date(2025, 12, 31)) == []


def test_counting_runs_into_an_unknown_year():
    cal = WorkCalendar()
    last_known = date(UNKNOWN - 1, 12, 31)
    due = cal.add_workdays(last_known, 10)
    assert due.year == UNKNOWN
    assert cal.workdays_between(last_known, due) == 10
    assert UNKNOWN in cal.unknown_years


def test_by_default_the_known_years_are_chinese_calendars():
    cal = WorkCalendar()
    assert cal.is_year_known(2025)
    assert cal.is_workday(date(2025, 1, 26))  # a Sunday 补班 day only chinese_calendar knows
    assert not cal.is_year_known(UNKNOWN)


def test_injected_known_years_narrow_the_package():
    cal = WorkCalendar(known_years=lambda year: year <= 2024)
    assert cal.is_year_known(2024) and not cal.is_year_known(2025)
    assert not cal.is_workday(date(2025, 1, 26))  # estimated: a plain Sunday, no 补班
    assert cal.warnings_for(date(2025, 1, 1)) == [unknown_year_warning(2025)]
    # the predicate cannot claim a year the package has no schedule for
    assert not WorkCalendar(known_years=lambda year: True).is_year_known(UNKNOWN)


def test_confirmed_year_does_not_warn():
    cal = WorkCalendar({date(UNKNOWN, 2, 20): True}, confirmed_years=[UNKNOWN])
    assert cal.warnings_for(date(UNKNOWN, 1, 1), date(UNKNOWN, 12, 31)) == []
    assert cal.is_workday(date(UNKNOWN, 2, 20))
    assert UNKNOWN not in cal.unknown_years


def test_datetime_is_treated_as_its_day(cal):
    assert cal.is_workday(datetime(2025, 1, 26, 15, 30))
    assert cal.add_workdays(datetime(2025, 1, 24, 9, 0), 5) == date(2025, 2, 7)
