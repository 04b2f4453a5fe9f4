"""A year's holiday schedule (放假和调休安排) from a small file, and its template.

The file is text (.txt / .csv, UTF-8 or GB18030) or Excel (.xlsx, the first sheet), one day per line
or row: ``日期,休`` or ``日期,班`` with an optional note; lines starting with # and a header row
(``日期,安排``) are skipped. Every row is checked first (unknown word, bad date, a date outside the
year, a date twice); a file with any problem is refused with its rows named and nothing is stored.
Whether the year is then complete is the user's word (``services.deadlines.holiday_schedule``).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from models import HolidayOverride

from services.errors import ValidationError
from services.interchange import xlsx_guard
from services.interchange.xlsx_rows import SheetReader
from services.security import audit
from services.security.permissions import require
from services.storage.files import atomic_write_bytes
from services.storage.workspace import Workspace

__all__ = ["ScheduleDay", "import_schedule", "read_schedule", "template_text", "write_template"]

_WORDS = {"休": False, "放假": False, "班": True, "上班": True}
_MAX_TEXT_BYTES = 256 * 1024
_MAX_ROWS = 400
_MAX_SHOWN = 8
_SPLIT = re.compile(r"\s*[,\t;]\s*|\s+")  # after NFKC: full-width ，； are , ;
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class ScheduleDay:
    row: int
    day: dt.date
    is_workday: bool
    note: str


def _year(value: Any) -> int:
    if isinstance(value, int) and 1900 <= value <= 2100:
        return value
    raise ValidationError(f"年份应在1900到2100之间：{value}", field="year")


# ------------------------------------------------------------------ reading a file
def _text_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    data = path.read_bytes()
    if len(data) > _MAX_TEXT_BYTES:
        raise ValidationError(f"文件过大（{len(data) // 1024} KB），一年的放假安排不会超过几 KB，请检查是否选错了文件")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError("无法识别文件的文字编码，请另存为 UTF-8 编码的文本文件后再导入") from None
    for n, line in enumerate(text.splitlines(), start=1):
        line = unicodedata.normalize("NFKC", line).strip()
        if not line or line.startswith("#"):
            continue
        yield n, [p.strip() for p in _SPLIT.split(line, maxsplit=2)]


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        xlsx_guard.check_xlsx(path, max_rows=_MAX_ROWS + 10)
        wb = SheetReader(path)
    except ValidationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(f"无法打开工作簿（应为 Excel .xlsx 文件）：{type(exc).__name__}") from None
    try:
        if not wb.sheets:
            return
        for n, values in wb.rows(wb.sheets[0][1]):
            cells = [unicodedata.normalize("NFKC", v).strip() if isinstance(v, str) else v for v in values]
            while cells and cells[-1] in (None, ""):
                cells.pop()
            if not cells or (isinstance(cells[0], str) and cells[0].startswith("#")):
                continue
            yield n, cells
    finally:
        wb.close()


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.fullmatch(str(value or "").strip())
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def read_schedule(path: str | Path, year: int | None = None) -> tuple[int, list[ScheduleDay]]:
    """The year and the days of a schedule file; ValidationError naming every bad row (up to a few).

    ``year`` None: the year of the file's first date. A header row (``日期,安排``) is skipped.
    """
    path = Path(path)
    if year is not None:
        year = _year(year)
    if not path.is_file():
        raise ValidationError(f"找不到文件：{path}")
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _text_rows(path)
    problems: list[str] = []
    days: list[ScheduleDay] = []
    seen: dict[dt.date, int] = {}
    for n, cells in rows:
        if not days and not problems and str(cells[0]).strip() == "日期":
            continue  # the template's header
        if len(days) + len(problems) >= _MAX_ROWS:
            raise ValidationError(f"文件超过{_MAX_ROWS}行，一年的放假安排不会这么多，请检查是否选错了文件")
        if len(cells) < 2:
            problems.append(f"第{n}行：应填两项“日期,休”或“日期,班”")
            continue
        day = _parse_date(cells[0])
        word = str(cells[1] or "").strip()
        if day is None:
            problems.append(f"第{n}行：“{cells[0]}”不是有效日期，应写成“2027-01-01”的格式")
            continue
        if year is None:
            year = day.year
        if day.year != year:
            problems.append(f"第{n}行：{day.isoformat()}不在{year}年内")
            continue
        if word not in _WORDS:
            problems.append(f"第{n}行：“{word}”无法识别，应填“休”（放假）或“班”（调休上班）")
            continue
        if day in seen:
            problems.append(f"第{n}行：{day.isoformat()}与第{seen[day]}行重复")
            continue
        note = str(cells[2]).strip()[:100] if len(cells) > 2 and cells[2] not in (None, "") else ""
        seen[day] = n
        days.append(ScheduleDay(n, day, _WORDS[word], note))
    if problems:
        shown = "；".join(problems[:_MAX_SHOWN])
        more = f"；另有{len(problems) - _MAX_SHOWN}处问题" if len(problems) > _MAX_SHOWN else ""
        raise ValidationError(f"放假安排文件有{len(problems)}处问题，未导入任何日期：{shown}{more}", field="file")
    if not days:
        raise ValidationError("文件中没有可导入的日期：每行填一项，如“2027-02-06,班”", field="file")
    return year, days  # type: ignore[return-value]


# ------------------------------------------------------------------ importing
def import_schedule(ws: Workspace, path: str | Path, year: int | None = None) -> dict:
    """Enter every day of a schedule file in one transaction: a day already entered takes the file's
    value, other entered days stay; one audit event. The year is not thereby confirmed as complete."""
    require(ws.current_user, "settings.manage")
    year, days = read_schedule(path, year)
    added = changed = unchanged = 0
    with ws.transaction() as s:
        for d in days:
            row = s.get(HolidayOverride, d.day)
            if row is None:
                s.add(HolidayOverride(day=d.day, is_workday=d.is_workday, note=d.note))
                added += 1
            elif bool(row.is_workday) != d.is_workday or (d.note and row.note != d.note):
                row.is_workday, row.note = d.is_workday, d.note or row.note
                changed += 1
            else:
                unchanged += 1
        audit.record(s, ws.current_user, "calendar.import", "calendar", str(year),
                     {"file": Path(path).name, "days": len(days), "added": added, "changed": changed})
    return {"year": year, "days": len(days), "added": added, "changed": changed, "unchanged": unchanged}


# ------------------------------------------------------------------ the template
def template_text(year: int) -> str:
    """A text template: the format in comments, a header row, the lines to fill in."""
    year = _year(year)
    return (f"# {year}年放假和调休安排（按国务院办公厅通知填写），每行一天：日期,休 或 日期,班，可加第三项说明\n"
            "# “休”= 放假（不计为工作日），“班”= 调休上班（计为工作日）；以 # 开头的行不导入\n"
            f"# 例如：{year}-10-01,休,国庆节    {year}-09-27,班,国庆调休上班\n"
            "日期,安排,说明\n")


def write_template(path: str | Path, year: int) -> Path:
    """Write the template as .xlsx (by the suffix) or as text."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        return atomic_write_bytes(path, template_text(year).encode("utf-8-sig"))
    from openpyxl import Workbook
    wb = Workbook()
    sheet = wb.active
    sheet.title = f"{_year(year)}年放假安排"
    sheet.append(["日期", "安排", "说明"])
    for col, width in (("A", 14), ("B", 8), ("C", 24)):
        sheet.column_dimensions[col].width = width
    help_sheet = wb.create_sheet("填写说明")
    for line in template_text(year).splitlines()[:3]:
        help_sheet.append([line.lstrip("# ")])
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write_bytes(path, buf.getvalue())
