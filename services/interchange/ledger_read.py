"""Reading a ledger workbook into rows of raw cells, and the problems found on the way.

Before anything parses the file, ``xlsx_guard`` refuses a workbook over the size, ratio and row caps
(a zip bomb); the sheets named in ``ledger_spec.SHEETS`` are then streamed by ``xlsx_rows`` (others
are listed as ignored). Headers may come in any order (a trailing ``*`` is ignored); a blank row is
skipped and a blank cell is simply absent. Every problem is a ``Problem`` (sheet, row, column,
reason in Chinese) collected in one ``Problems`` list for the whole import.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from services.interchange import xlsx_guard
from services.interchange.ledger_spec import HELP_SHEET, SHEETS
from services.interchange.xlsx_rows import SheetReader


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    reason_zh: str

    def text(self) -> str:
        where = [f"工作表“{self.sheet}”" if self.sheet else "工作簿"]
        if self.row:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”列")
        return f"{' '.join(where)}：{self.reason_zh}"

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason_zh}


class Problems:
    """Every problem of one import, in the order found."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, sheet: str, row: int, column: str, reason: str) -> None:
        self.items.append(Problem(sheet, row, column, reason))


_NONE_BAD: frozenset[str] = frozenset()


class Values(dict):
    """Parsed values by key; a blank cell is simply absent and reads as None (a row costs less)."""

    def __missing__(self, key: str) -> None:
        return None


@dataclass(slots=True)
class Row:
    """One sheet row that has a value: its raw cells, then its parsed values."""

    sheet: str
    row: int
    raw: dict[str, Any] | None                             # column name -> cell value (blank ones absent);
    #                                                        dropped once the row is parsed and checked
    values: dict[str, Any] = field(default_factory=Values)  # key -> parsed value (blank and bad cells absent)
    bad: frozenset[str] | set[str] = _NONE_BAD              # column names with a problem

    def flag(self, column: str) -> None:
        if not self.bad:
            self.bad = set()
        self.bad.add(column)  # type: ignore[union-attr]


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _header(value: Any) -> str:
    return str(value).strip().rstrip("*＊").strip() if value is not None else ""


def read_workbook(path: Path, pr: Problems) -> tuple[dict[str, list[Row]], list[str]]:
    """The rows of each known sheet by title, and the names of the sheets ignored."""
    sheets: dict[str, list[Row]] = {}
    ignored: list[str] = []
    try:
        xlsx_guard.check_xlsx(path)  # a zip bomb is refused before openpyxl reads a byte of it
        wb = SheetReader(path)
    except xlsx_guard.WorkbookRefused as exc:
        pr.add("", 0, "", exc.message)
        return sheets, ignored
    except FileNotFoundError:
        pr.add("", 0, "", f"找不到文件：{path}")
        return sheets, ignored
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        pr.add("", 0, "", f"无法打开工作簿（应为 Excel .xlsx 文件）：{type(exc).__name__}")
        return sheets, ignored
    try:
        for name, part in wb.sheets:
            title = name.strip()
            if title not in SHEETS:
                if title != HELP_SHEET:
                    ignored.append(name)
                continue
            sheets[title] = _read_sheet(wb.rows(part), title, pr)
    except Exception as exc:  # a damaged part inside the zip
        pr.add("", 0, "", f"工作簿内容已损坏，无法读取：{type(exc).__name__}")
    finally:
        wb.close()
    return sheets, ignored


def _read_sheet(rows_iter: Iterator[tuple[int, tuple]], title: str, pr: Problems) -> list[Row]:
    columns = {c.name: c for c in SHEETS[title]}
    first = next(rows_iter, None)
    header = first[1] if first and first[0] == 1 else ()
    index: dict[str, int] = {}
    for i, value in enumerate(header):
        name = _header(value)
        if name in columns:
            if name in index:
                pr.add(title, 1, name, f"表头“{name}”出现了两次")
            index.setdefault(name, i)
    missing = [c.name for c in SHEETS[title] if c.required and c.name not in index]
    for name in missing:
        pr.add(title, 1, name, f"缺少必填列“{name}”")
    rows: list[Row] = []
    rest: Iterable[tuple[int, tuple]] = rows_iter if header or first is None else itertools.chain([first], rows_iter)
    pairs = list(index.items())
    for number, values in rest:
        width = len(values)
        cells = {name: v for name, i in pairs if i < width and (v := _cell(values[i])) is not None}
        if not cells:
            continue
        rows.append(Row(title, number, cells))
    return rows if not missing else []
