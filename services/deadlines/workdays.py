"""Working-day calendar (工作日): statutory holidays, 调休 make-up days and user overrides.

Sources, in order of precedence:

1. ``overrides`` (date → is_workday), the user-editable table: always wins.
2. ``chinese_calendar`` for the years it knows (holidays *and* 调休 make-up workdays). ``known_years``
   (a predicate on the year) can narrow that set, so a test states which years it assumes are
   published instead of depending on the installed package's release; by default the package is asked.
3. For any other year, the ``holidays`` package's China public holidays plus weekends. This knows
   no 调休, so such a year is recorded in :attr:`WorkCalendar.unknown_years` and
   :meth:`WorkCalendar.warnings_for` asks the user to enter the official schedule — unless the year
   is listed in ``confirmed_years`` (the user has entered that year's schedule as overrides).

Counting convention (the one used by every deadline): the day of receipt is day 0 and is never
counted; the deadline of "within *n* working days" is the *n*-th working day after it. So a letter
received on a Friday with a 5-working-day limit is due on the following Friday, and one received on
a holiday has day 1 on the first working day after the holiday.

Each year is computed once into a per-day flag table and its prefix sums, so counting across spans
of many years costs one addition per year.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from threading import Lock

import chinese_calendar
import holidays

__all__ = ["WorkCalendar", "unknown_year_warning"]

_ONE_DAY = timedelta(days=1)


def unknown_year_warning(year: int) -> str:
    """The warning shown for a year whose official holiday schedule is not in the system."""
    return (
        f"{year}年的法定节假日和调休安排尚未录入系统，目前按周末和法定节日估算工作日（不含调休上班日），"
        f"期限可能不准确。请在“设置—办理时限与节假日”中按国务院办公厅公布的{year}年放假安排录入或导入，"
        f"全部录入后点“确认已完整录入”。"
    )


@dataclass(frozen=True, slots=True)
class _Year:
    first: date
    flags: bytes  # one byte per day of the year: 1 = working day
    cum: tuple[int, ...]  # cum[i] = number of working days among the year's first i days

    @property
    def total(self) -> int:
        return self.cum[-1]


class WorkCalendar:
    """Answers "is this a working day" and counts working days; see the module docstring."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        confirmed_years: Iterable[int] = (),
        known_years: Callable[[int], bool] | None = None,
    ):
        self._overrides: dict[date, bool] = {}
        for day, is_workday in (overrides or {}).items():
            self._overrides[_as_date(day)] = bool(is_workday)
        self._confirmed_years = frozenset(int(y) for y in confirmed_years)
        self._known_years = known_years
        self._years: dict[int, _Year] = {}
        self._known: dict[int, bool] = {}
        self._lock = Lock()
        #: Years used so far whose schedule came from the fallback (no 调休) and is not confirmed.
        self.unknown_years: set[int] = set()

    # ----------------------------------------------------------------- queries
    def is_workday(self, d: date) -> bool:
        d = _as_date(d)
        year = self._year(d.year)
        return year.flags[(d - year.first).days] == 1

    def next_workday(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_workdays(d, 1)

    def roll_forward(self, d: date) -> date:
        """``d`` itself when it is a working day, else the first working day after it."""
        d = _as_date(d)
        return d if self.is_workday(d) else self.add_workdays(d, 1)

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` is day 0 and not counted).

        ``n == 0`` returns ``start`` unchanged; a negative ``n`` gives the ``|n|``-th working day
        before ``start``. ``workdays_between(start, add_workdays(start, n)) == n`` always holds.
        """
        start = _as_date(start)
        n = int(n)
        if n == 0:
            return start
        if n > 0:
            return self._forward(start, n)
        return self._backward(start, -n)

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]`` when ``b >= a``; minus those in ``[b, a)`` when ``b < a``."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self._count_after(b - _ONE_DAY, a - _ONE_DAY)
        return self._count_after(a, b)

    def is_year_known(self, year: int) -> bool:
        """True when the year's holidays and 调休 come from chinese_calendar or are confirmed."""
        return year in self._confirmed_years or self._source_known(year)

    def warnings_for(self, first: date, last: date | None = None) -> list[str]:
        """Warnings (Chinese) for every year in ``[first, last]`` whose schedule is only estimated."""
        first = _as_date(first)
        last = first if last is None else _as_date(last)
        if last < first:
            first, last = last, first
        return [
            unknown_year_warning(y)
            for y in range(first.year, last.year + 1)
            if not self.is_year_known(y)
        ]

    # ---------------------------------------------------------------- counting
    def _forward(self, start: date, n: int) -> date:
        y = start.year
        year = self._year(y)
        idx = (start - year.first).days + 1  # first candidate: the day after start
        while True:
            available = year.total - year.cum[idx]
            if n <= available:
                j = bisect_left(year.cum, year.cum[idx] + n)
                return year.first + timedelta(days=j - 1)
            n -= available
            y += 1
            year = self._year(y)
            idx = 0

    def _backward(self, start: date, n: int) -> date:
        y = start.year
        year = self._year(y)
        idx = (start - year.first).days  # candidates: the days before start
        while True:
            available = year.cum[idx]
            if n <= available:
                j = bisect_left(year.cum, year.cum[idx] - n + 1)
                return year.first + timedelta(days=j - 1)
            n -= available
            y -= 1
            year = self._year(y)
            idx = len(year.flags)

    def _count_after(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``, ``a <= b``."""
        ya, yb = self._year(a.year), self._year(b.year)
        ia, ib = (a - ya.first).days + 1, (b - yb.first).days + 1
        if a.year == b.year:
            return ya.cum[ib] - ya.cum[ia]
        total = ya.total - ya.cum[ia] + yb.cum[ib]
        for y in range(a.year + 1, b.year):
            total += self._year(y).total
        return total

    # ------------------------------------------------------------ year tables
    def _year(self, y: int) -> _Year:
        year = self._years.get(y)
        if year is None:
            with self._lock:
                year = self._years.get(y)
                if year is None:
                    year = self._build(y)
                    self._years[y] = year
        return year

    def _source_known(self, y: int) -> bool:
        known = self._known.get(y)
        if known is None:
            # The predicate only narrows: a year chinese_calendar cannot answer is never "known".
            known = _chinese_calendar_knows(y) and (self._known_years is None or bool(self._known_years(y)))
            self._known[y] = known
        return known

    def _build(self, y: int) -> _Year:
        if not date.min.year <= y <= date.max.year:
            raise ValueError(f"日期超出可计算范围（{y}年）")
        first = date(y, 1, 1)
        ndays = (date(y, 12, 31) - first).days + 1
        days = [first + timedelta(days=i) for i in range(ndays)]
        if self._source_known(y):
            flags = [chinese_calendar.is_workday(d) for d in days]
        else:
            public = holidays.China(years=y)
            flags = [d.weekday() < 5 and d not in public for d in days]
            if y not in self._confirmed_years:
                self.unknown_years.add(y)
        for i, d in enumerate(days):
            override = self._overrides.get(d)
            if override is not None:
                flags[i] = override
        cum = [0]
        for flag in flags:
            cum.append(cum[-1] + (1 if flag else 0))
        return _Year(first=first, flags=bytes(1 if f else 0 for f in flags), cum=tuple(cum))


def _chinese_calendar_knows(y: int) -> bool:
    try:
        chinese_calendar.is_workday(date(y, 6, 1))
    except NotImplementedError:
        return False
    return True


def _as_date(value: date) -> date:
    # datetime is a subclass of date; compare and index by the calendar day only.
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value
