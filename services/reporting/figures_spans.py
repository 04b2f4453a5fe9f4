"""The report period and its three spans (本月, 元至本月, 去年同期), and one figure with its 增减%."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from services.errors import ValidationError

SPANS = ("month", "ytd", "ytd_last_year")
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Spans:
    """The three closed date ranges of a report period."""

    month: tuple[dt.date, dt.date]
    ytd: tuple[dt.date, dt.date]
    ytd_last_year: tuple[dt.date, dt.date]

    def items(self) -> list[tuple[str, tuple[dt.date, dt.date]]]:
        return [("month", self.month), ("ytd", self.ytd), ("ytd_last_year", self.ytd_last_year)]


def parse_period(period: str) -> tuple[int, int]:
    """"2026-11" -> (2026, 11); a ValidationError a clerk can act on otherwise."""
    m = _PERIOD.match(str(period or "").strip())
    if not m or not 2000 <= int(m[1]) <= 2999:
        raise ValidationError(f"报告期格式不正确：应为“年-月”，如 2026-11（现为“{period}”）", field="period")
    return int(m[1]), int(m[2])


def spans_for(period: str) -> Spans:
    """Month, 1 January to the month's end, and the same months of the year before.

    Last year's span ends on the last day of the same month a year earlier: for 2024-02 that is
    2023-02-28 (29 February has no twin), for 2025-02 it is 2024-02-29.
    """
    year, month = parse_period(period)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    last_end = dt.date(year - 1, month, calendar.monthrange(year - 1, month)[1])
    return Spans((dt.date(year, month, 1), end), (dt.date(year, 1, 1), end), (dt.date(year - 1, 1, 1), last_end))


def change_pct(ytd: int, last_year: int) -> float | None:
    """(ytd − last year) / last year × 100, one decimal rounded half away from zero; None when 0."""
    if not last_year:
        return None
    value = (Decimal(ytd - last_year) * 100 / Decimal(last_year)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


def figure(month: int, ytd: int, last_year: int) -> dict[str, Any]:
    month, ytd, last_year = int(month or 0), int(ytd or 0), int(last_year or 0)
    return {"month": month, "ytd": ytd, "ytd_last_year": last_year, "change_pct": change_pct(ytd, last_year)}
