"""What a clerk may type into a date field, read as a date: ``2026-12-06``, ``2026/12/6``, ``20261206``,
``2026年12月6日`` (full-width digits and separators too, as a Chinese input method types them).

Pure functions, no Qt: ``parse_typed_date`` / ``parse_typed_month`` read a finished text (None when it is
not a real date), ``may_become_date`` says whether a text being typed can still become one (the field's
validator refuses any other keystroke).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SEPARATED = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_SEPARATED = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")
_MONTH_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?")
_MONTH_COMPACT = re.compile(r"(\d{4})(\d{2})")
_TYPING = re.compile(r"[\d\s\-/.年月日号]*")

def normalize(text: str) -> str:
    """Full-width digits and separators as their ASCII forms (NFKC), surrounding blanks removed."""
    return unicodedata.normalize("NFKC", text or "").strip()


def _make(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_typed_date(text: str) -> dt.date | None:
    """The date ``text`` names in one of the accepted forms; None when it names none (or an impossible
    day such as 2026-02-30)."""
    text = normalize(text)
    for pattern in (_SEPARATED, _CHINESE, _COMPACT):
        match = pattern.fullmatch(text)
        if match:
            return _make(*match.groups())
    return None


def parse_typed_month(text: str) -> dt.date | None:
    """A month (the 1st of it) typed as ``2026-12``, ``2026/3``, ``202612`` or ``2026年3月``; a full date
    typed into a month field counts as its month."""
    text = normalize(text)
    for pattern in (_MONTH_SEPARATED, _MONTH_CHINESE, _MONTH_COMPACT):
        match = pattern.fullmatch(text)
        if match:
            return _make(*match.groups(), "1")
    day = parse_typed_date(text)
    return day.replace(day=1) if day is not None else None


def may_become_date(text: str) -> bool:
    """Whether ``text`` (being typed) holds only what a date in an accepted form is made of."""
    text = normalize(text)
    return len(text) <= 16 and _TYPING.fullmatch(text) is not None
