"""A year's official holiday schedule (放假和调休安排): which years the user confirmed as entered in full.

A year chinese_calendar does not know is estimated (weekends and public holidays, no 调休) and warned
about (``workdays.unknown_year_warning``) until the user says that year's schedule is entered in full:
the years so confirmed are one setting (``settings.HOLIDAY_YEARS_COMPLETE``). Entering a few days does
not make a year complete on its own. The days are entered one by one (``due_list``) or imported from a
file (``services.interchange.holiday_import``).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import HolidayOverride

from services.errors import ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import Workspace

__all__ = ["HOLIDAYS_COMPLETE_YEARS", "complete_years", "is_complete", "mark_complete", "valid_year"]

HOLIDAYS_COMPLETE_YEARS = settings.HOLIDAY_YEARS_COMPLETE


# ------------------------------------------------------------------ complete years
def complete_years(session: Session) -> frozenset[int]:
    """The years whose official schedule the user has said is entered in full."""
    return frozenset(int(y) for y in settings.get(session, HOLIDAYS_COMPLETE_YEARS) or [])


def is_complete(ws: Workspace, year: int) -> bool:
    """Whether the user confirmed ``year``'s schedule as entered in full."""
    with ws.reading() as s:
        return valid_year(year) in complete_years(s)


def _store_complete(ws: Workspace, s: Session, year: int, complete: bool) -> None:
    years = set(complete_years(s))
    if (year in years) == complete:
        return
    if complete:
        years.add(year)
    else:
        years.discard(year)
    settings.put(s, HOLIDAYS_COMPLETE_YEARS, sorted(years))
    audit.record(s, ws.current_user, "calendar.year_complete" if complete else "calendar.year_incomplete",
                 "calendar", str(year), {"year": year})


def mark_complete(ws: Workspace, year: int, complete: bool = True) -> None:
    """Say that ``year``'s official schedule is (or is no longer) entered in full; audited."""
    require(ws.current_user, "settings.manage")
    year = valid_year(year)
    with ws.transaction() as s:
        if complete:
            n = s.execute(select(HolidayOverride.day).where(
                HolidayOverride.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))).first()
            if n is None:
                raise ValidationError(f"{year}年尚未录入任何放假或调休上班日期，不能确认为已完整录入", field="year")
        _store_complete(ws, s, year, complete)


def valid_year(value: Any) -> int:
    """A year as an int, 1900–2100; ValidationError (field ``year``) otherwise."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"年份无效：{value}", field="year") from None
    if not 1900 <= year <= 2100:
        raise ValidationError(f"年份应在1900到2100之间：{year}", field="year")
    return year
