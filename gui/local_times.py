"""Stored times (UTC, a datetime or its ISO text; naive means UTC) shown in the computer's local time."""
from __future__ import annotations

import datetime as dt


def _local(value: str | dt.datetime) -> dt.datetime:
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone()


def local_time(value: str | dt.datetime | None) -> str:
    """"2026-10-31 18:05" ("" for none)."""
    return _local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def local_date(value: str | dt.datetime | None) -> str:
    """"2026-10-31" ("" for none)."""
    return _local(value).strftime("%Y-%m-%d") if value else ""
