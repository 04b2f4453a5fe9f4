"""Cells of the workbooks the app writes: text always stays text, never a formula (issue 9 item 7).

openpyxl decides a cell's type when a value is assigned (``Cell._bind_value``): any ``str`` longer
than one character that starts with ``=`` becomes a formula (``data_type == "f"``) and is saved as
``<f>…</f>``, which Excel, WPS and LibreOffice evaluate on open (``=HYPERLINK(…)``, ``=cmd|'…'!A0``
DDE payloads); a ``str`` equal to an error code (``#N/A`` …) becomes an error cell. Text a clerk typed
or a workbook brought in must never do that.

The rule, for every ``str`` value written through this module:

1. ``data_type`` is set to ``"s"`` after assignment. openpyxl's writer looks only at ``data_type``
   and then stores the value as an inline string (``<c t="inlineStr"><is><t>…</t></is></c>``), so
   the text is saved exactly as given and no ``<f>`` element is ever produced for it.
2. The value itself is NOT changed (no apostrophe or space is prepended): reading the file back
   yields exactly the text that was in the database, and a re-import of an exported list compares
   equal.
3. Text whose first character, after any leading whitespace or control characters (tab, CR, LF,
   spaces, the ideographic space), is one a spreadsheet reads as the start of a formula or a DDE
   call — ``= + - @ |`` and their full-width forms ``＝ ＋ － ＠ ｜`` — also gets the cell style
   flag ``quotePrefix`` (Excel's stored form of a typed leading apostrophe). Without it, a user
   who clicks into such a cell and presses Enter (or F2, Enter) makes Excel re-parse the text and
   run it as a formula; with it, Excel and WPS keep it as text on edit. The flag is not part of the
   value, so rule 2 still holds.

``write_only_row`` (the long list exports) makes a cell object only for the text rules 1 and 3 change
(formula-looking text and error codes); any other ``str`` openpyxl already saves as an inline string.
Numbers, dates and booleans pass through unchanged (numbers stay numbers). What this does not cover:
a user who deliberately removes the quote prefix and re-enters a cell, or software that ignores
``quotePrefix`` on edit; the file as written contains no formula anywhere text went in.
"""
from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import ERROR_CODES, Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

#: Characters that start a formula (or a DDE call) when a spreadsheet parses typed input.
FORMULA_LEADS = frozenset("=+-@|＝＋－＠｜")
_LEADING_BLANK = re.compile(r"[\s\u3000\x00-\x1f]*")


def looks_like_formula(text: str) -> bool:
    """True when ``text`` would be read as a formula or DDE call if typed into a cell."""
    if not text:
        return False
    first = text[0]
    if first in FORMULA_LEADS:
        return True
    if first > " " and not first.isspace():  # the common case: no leading blank, not a formula sign
        return False
    rest = text[_LEADING_BLANK.match(text).end():]
    return bool(rest) and rest[0] in FORMULA_LEADS


def set_value(cell: Cell, value: Any) -> Cell:
    """Assign ``value`` to ``cell``; a ``str`` is stored as text (see the module rules)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """``sheet.cell(row, column, value)`` for a normal worksheet, with text kept as text."""
    return set_value(sheet.cell(row, column), value)


def write_only_cell(sheet: Any, value: Any) -> Any:
    """A ``WriteOnlyCell`` for ``sheet.append`` in a write-only workbook, with text kept as text."""
    return set_value(WriteOnlyCell(sheet), value)


def _needs_cell(value: Any) -> bool:
    """A str openpyxl would not store as plain text by itself, or one that needs the quote prefix."""
    return isinstance(value, str) and (looks_like_formula(value) or value in ERROR_CODES)


def write_only_row(sheet: Any, values: list[Any]) -> list[Any]:
    """A row for ``sheet.append``: values that need care become cells of their own, the rest pass as they are
    (openpyxl already stores any other ``str`` as text; a cell object per value would slow long lists)."""
    return [write_only_cell(sheet, v) if _needs_cell(v) else v for v in values]
