"""Importing existing Excel ledgers (信访件, 问题线索, 案件, 处分处理, 一案双查) in one transaction.

Header row 1, columns in any order (a trailing ``*`` in a header is ignored), values as Chinese labels
or the codes of DOMAIN §8, dates as Excel dates or text, 是/否 for flags. Every row is checked
first; any problem (sheet, row, column, reason in Chinese) means nothing is written.

Rows that share a number are one item with several persons (被反映人, 被调查人, 领导干部): the
item's own columns may be left blank on the later rows, and must agree when filled; in 处分处理 each
row is one measure. The optional 身份证号 and 住址 of 信访件 are checked by the registration form's
validators and sealed as the form seals them, so they need the identity key like the 反映人 and
联系电话 columns.

Before anything parses the file, ``xlsx_guard`` refuses a workbook over the size, ratio and row caps
(a zip bomb); the sheets are then streamed by ``xlsx_rows`` and every row is checked in memory. The
write (``ledger_write``) is bulk inserts in one transaction with the search triggers suspended;
audit: one event per sheet and batch of items (ids, numbers and sheet rows, with the SHA-256 of the
rows as written), and one ``ledger.import`` event with the file's SHA-256 and the counts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from models import Case, Complaint, Lead, LedgerEntry
from models.enums import (MEASURE_KINDS, AccountabilityMethod, CodedEnum, Disposition, LeaderPosition,
                          LeadResult, LeadSource, LedgerOutcome, MeasureCategory, Rank, Responsibility)

from services.casework import sanction_rules
from services.casework.complaint_fields import CHANNELS, DISCIPLINES, KINDS, RANKS, SIGNATURES, validate_complaint_fields
from services.errors import ValidationError
from services.interchange import xlsx_guard
from services.interchange.ledger_write import BulkWriter, split_post
from services.interchange.xlsx_rows import SheetReader
from services.security import audit, identity
from services.security.permissions import allowed, require
from services.storage.files import atomic_write_bytes
from services.storage.workspace import Workspace
from services.validation import validate_date, validate_name, validate_text

COMPLAINTS, LEADS, CASES, MEASURES, LEDGER = "信访件", "问题线索", "案件", "处分处理", "一案双查"
HELP_SHEET = "填写说明"
FLAG_CHOICES = ("是", "否")
_IN_CHUNK = 500


# --------------------------------------------------------------------------- results
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


@dataclass
class ImportResult:
    counts: dict[str, int]
    problems: list[Problem]
    dry_run: bool = False
    ignored_sheets: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "dry_run": self.dry_run, "imported": self.imported, "counts": self.counts,
                "ignored_sheets": self.ignored_sheets, "problems": [p.as_dict() for p in self.problems]}


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, sheet: str, row: int, column: str, reason: str) -> None:
        self.items.append(Problem(sheet, row, column, reason))


# --------------------------------------------------------------------------- cell parsers
def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _text_parser(max_length: int) -> Callable[[Any, str, dt.date], Any]:
    def parse(value: Any, label: str, today: dt.date) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return validate_text(value, label=label, max_length=max_length)
    return parse


def _name(value: Any, label: str, today: dt.date) -> str:
    return validate_name(value, label=label)


def _date(value: Any, label: str, today: dt.date) -> dt.date | None:
    if isinstance(value, bool) or isinstance(value, (dt.time, dt.timedelta)):
        raise ValidationError(f"{label}格式不正确，应为“2025-01-31”这样的日期")
    if isinstance(value, (int, float)):
        if not (isinstance(value, int) or math.isfinite(value)) or not 1 <= value < 2958466:
            raise ValidationError(f"{label}格式不正确，应为“2025-01-31”这样的日期")
        value = from_excel(value)
    return validate_date(value, today, label=label, required=False)


def _flag(value: Any, label: str, today: dt.date) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in FLAG_CHOICES:
        return value.strip() == "是"
    raise ValidationError(f"{label}应填“是”或“否”（现为“{_shown(value)}”）")


def _coded(enum_cls: type[CodedEnum], aliases: dict[str, str] | None = None) -> Callable[[Any, str, dt.date], Any]:
    def parse(value: Any, label: str, today: dt.date) -> str:
        if isinstance(value, str):
            member = enum_cls.from_text(value)
            if member is not None:
                return member.value
            if aliases and value.strip() in aliases:
                return aliases[value.strip()]
        choices = "、".join(m.label for m in enum_cls)
        raise ValidationError(f"{label}“{_shown(value)}”不是可选的值，应为：{choices}")
    return parse


def _raw(value: Any, label: str, today: dt.date) -> Any:
    return value


_OUTCOME_ALIASES = {"无失职，予以了结": "closed_no_fault", "予以了结": "closed_no_fault",
                    "失职轻微，函询或廉政谈话": "inquiry", "追究问责": "held_accountable",
                    "失职严重，追究问责": "held_accountable"}
_HANDLING_ALIASES = {"诫勉谈话": "admonishment"}


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[Any, str, dt.date], Any]
    required: bool = False
    person: bool = False           # a value of one person (row), not of the item (number)
    choices: tuple[str, ...] = ()  # drop-down list of the template
    key: str = ""                  # attribute name in the parsed row

    @property
    def header(self) -> str:
        return f"{self.name}*" if self.required else self.name


def _labels(enum_cls: type[CodedEnum]) -> tuple[str, ...]:
    return tuple(m.label for m in enum_cls)


def _measure_labels() -> tuple[str, ...]:
    out: list[str] = []
    for enum_cls in MEASURE_KINDS.values():
        out += [m.label for m in enum_cls if m.label not in out]
    return tuple(out)


TEXT40, TEXT100, TEXT2000 = _text_parser(40), _text_parser(100), _text_parser(2000)
SHEETS: dict[str, tuple[Column, ...]] = {
    COMPLAINTS: (
        Column("编号", TEXT40, True, key="number"),
        Column("收件日期", _raw, True, key="received_date"),
        Column("来源渠道", _raw, True, choices=tuple(CHANNELS.values()), key="channel"),
        Column("类型", _raw, True, choices=tuple(KINDS.values()), key="kind"),
        Column("署名情况", _raw, True, choices=tuple(SIGNATURES.values()), key="signature"),
        Column("反映人", _raw, key="complainant_name"),
        Column("联系电话", _raw, key="complainant_phone"),
        Column("身份证号", _raw, key="complainant_id_number"),
        Column("住址", _raw, key="complainant_address"),
        Column("被反映人", _raw, person=True, key="subject_name"),
        Column("单位职务", _raw, person=True, key="subject_post"),
        Column("职级", _raw, person=True, choices=tuple(RANKS.values()), key="subject_rank"),
        Column("问题类别", _raw, choices=tuple(DISCIPLINES.values()), key="discipline"),
        Column("主要问题", _raw, key="main_problem"),
        Column("是否重复件", _raw, choices=FLAG_CHOICES, key="is_repeat"),
        Column("原信访件编号", _raw, key="repeat_of"),
    ),
    LEADS: (
        Column("线索编号", TEXT40, True, key="number"),
        Column("线索来源", _coded(LeadSource), True, choices=_labels(LeadSource), key="source"),
        Column("关联信访件编号", TEXT40, key="complaint"),
        Column("被反映人", _name, True, person=True, key="name"),
        Column("单位职务", TEXT100, person=True, key="post"),
        Column("职级", _coded(Rank), person=True, choices=_labels(Rank), key="rank"),
        Column("是否中共党员", _flag, person=True, choices=FLAG_CHOICES, key="party"),
        Column("处置方式", _coded(Disposition), True, choices=_labels(Disposition), key="disposition"),
        Column("处置日期", _date, True, key="disposition_date"),
        Column("办结日期", _date, key="result_date"),
        Column("办结结果", _coded(LeadResult), choices=_labels(LeadResult), key="result"),
    ),
    CASES: (
        Column("案件编号", TEXT40, True, key="number"),
        Column("关联线索编号", TEXT40, key="lead"),
        Column("被调查人", _name, True, person=True, key="name"),
        Column("单位职务", TEXT100, person=True, key="post"),
        Column("职级", _coded(Rank), person=True, choices=_labels(Rank), key="rank"),
        Column("是否中共党员", _flag, True, person=True, choices=FLAG_CHOICES, key="party"),
        Column("是否监察对象", _flag, True, person=True, choices=FLAG_CHOICES, key="supervised"),
        Column("立案日期", _date, True, key="filing_date"),
        Column("结案日期", _date, key="closing_date"),
        Column("是否违反八项规定", _flag, choices=FLAG_CHOICES, key="eight_rules"),
    ),
    MEASURES: (
        Column("编号", TEXT40, True, key="owner"),
        Column("姓名", _name, True, key="name"),
        Column("类别", _coded(MeasureCategory), True, choices=_labels(MeasureCategory), key="category"),
        Column("处理措施", _raw, True, choices=_measure_labels(), key="kind"),
        Column("决定日期", _date, True, key="decision_date"),
        Column("文号", TEXT100, key="document_number"),
    ),
    LEDGER: (
        Column("台账编号", TEXT40, True, key="number"),
        Column("关联案件编号", TEXT40, True, key="case"),
        Column("涉及单位", TEXT100, True, key="unit"),
        Column("建账日期", _date, True, key="entry_date"),
        Column("领导干部姓名", _name, True, person=True, key="name"),
        Column("职务", TEXT100, person=True, key="post"),
        Column("岗位类别", _coded(LeaderPosition), person=True, choices=_labels(LeaderPosition), key="position"),
        Column("责任类型", _coded(Responsibility), True, person=True, choices=_labels(Responsibility),
               key="responsibility"),
        Column("处理结果", _coded(LedgerOutcome, _OUTCOME_ALIASES), True, person=True,
               choices=_labels(LedgerOutcome), key="outcome"),
        Column("结果日期", _date, True, person=True, key="outcome_date"),
        Column("追责方式", _coded(AccountabilityMethod), person=True, choices=_labels(AccountabilityMethod),
               key="method"),
        Column("追责依据", TEXT2000, person=True, key="basis"),
    ),
}
SHEET_PERMISSIONS = {COMPLAINTS: "complaint.register", LEADS: "lead.manage", CASES: "case.manage",
                     MEASURES: "measure.manage", LEDGER: "ledger.manage"}
_LEAD_RESULTS = {
    Disposition.talk_inquiry.value: {LeadResult.concluded.value, LeadResult.clarified.value,
                                     LeadResult.to_verification.value},
    Disposition.preliminary_verification.value: {LeadResult.case_filed.value, LeadResult.concluded.value,
                                                 LeadResult.reminder_talk.value, LeadResult.transferred.value},
}


# --------------------------------------------------------------------------- reading
_NONE_BAD: frozenset[str] = frozenset()


class _Values(dict):
    """Parsed values by key; a blank cell is simply absent and reads as None (a row costs less)."""

    def __missing__(self, key: str) -> None:
        return None


@dataclass(slots=True)
class _Row:
    sheet: str
    row: int
    raw: dict[str, Any] | None                           # column name -> cell value (blank ones absent);
    #                                                      dropped once the row is parsed and checked
    values: dict[str, Any] = field(default_factory=_Values)  # key -> parsed value (blank and bad cells absent)
    bad: frozenset[str] | set[str] = _NONE_BAD            # column names with a problem

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


def _read(path: Path, pr: _Problems) -> tuple[dict[str, list[_Row]], list[str]]:
    sheets: dict[str, list[_Row]] = {}
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


def _read_sheet(rows_iter: Iterator[tuple[int, tuple]], title: str, pr: _Problems) -> list[_Row]:
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
    rows: list[_Row] = []
    rest: Iterable[tuple[int, tuple]] = rows_iter if header or first is None else itertools.chain([first], rows_iter)
    pairs = list(index.items())
    for number, values in rest:
        width = len(values)
        cells = {name: v for name, i in pairs if i < width and (v := _cell(values[i])) is not None}
        if not cells:
            continue
        rows.append(_Row(title, number, cells))
    return rows if not missing else []


def _parse(rows: list[_Row], today: dt.date, pr: _Problems) -> None:
    for row in rows:
        for col in SHEETS[row.sheet]:
            value = row.raw.get(col.name)
            if value is None:
                continue
            try:
                row.values[col.key] = col.parse(value, col.name, today)
            except ValidationError as exc:
                row.flag(col.name)
                pr.add(row.sheet, row.row, col.name, exc.message)
        if row.sheet != COMPLAINTS:  # the complaint checks read the raw cells; the others are done with them
            row.raw = None


def _group(rows: list[_Row], pr: _Problems, *, repeat_ok: bool, check_required: bool = True
           ) -> dict[str, list[_Row]]:
    """Rows by number; the first row carries the item, later rows add persons."""
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        cols = SHEETS[row.sheet]
        number = row.values.get("number")
        if number is None:
            if cols[0].name not in row.bad:
                pr.add(row.sheet, row.row, cols[0].name, f"请填写{cols[0].name}")
            continue
        group = groups.get(number)
        if group is None:
            groups[number] = [row]
            required = [c for c in cols if c.required]
        elif not repeat_ok:
            pr.add(row.sheet, row.row, cols[0].name, f"编号“{number}”在本表中重复（第 {group[0].row} 行已有）")
            continue
        else:
            group.append(row)
            required = [c for c in cols if c.required and c.person]
            first = group[0]
            for c in cols[1:]:
                if c.person or c.name in row.bad or row.values.get(c.key) is None or c.name in first.bad:
                    continue
                if row.values[c.key] != first.values.get(c.key):
                    pr.add(row.sheet, row.row, c.name,
                           f"与第 {first.row} 行（同一编号“{number}”）的“{c.name}”不一致")
        for c in required if check_required else ():
            if c.key != "number" and row.values.get(c.key) is None and c.name not in row.bad:
                pr.add(row.sheet, row.row, c.name, f"请填写{c.name}")
                row.flag(c.name)
    return groups


# --------------------------------------------------------------------------- database look-ups
def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), _IN_CHUNK):
        yield items[i:i + _IN_CHUNK]


def _existing(session: Session, model: Any, numbers: Iterable[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for chunk in _chunks(numbers):
        stmt = select(model).where(model.number.in_(chunk))
        if model in (Lead, Case):
            stmt = stmt.options(selectinload(model.persons))
        for obj in session.execute(stmt).scalars():
            found[obj.number] = obj
    return found


# --------------------------------------------------------------------------- the plan
@dataclass
class _Plan:
    complaints: dict[str, dict[str, Any]] = field(default_factory=dict)   # number -> validated values
    complaint_rows: dict[str, list[_Row]] = field(default_factory=dict)
    leads: dict[str, list[_Row]] = field(default_factory=dict)
    cases: dict[str, list[_Row]] = field(default_factory=dict)
    measures: list[tuple[_Row, str, str]] = field(default_factory=list)    # row, owner kind (case/lead), kind
    ledgers: dict[str, list[_Row]] = field(default_factory=dict)
    db_complaints: dict[str, Complaint] = field(default_factory=dict)
    db_leads: dict[str, Lead] = field(default_factory=dict)
    db_cases: dict[str, Case] = field(default_factory=dict)


_COMPLAINT_FIELDS = {"number": "编号", "received_date": "收件日期", "channel": "来源渠道", "kind": "类型",
                     "signature": "署名情况", "complainant_name": "反映人", "complainant_phone": "联系电话",
                     "complainant_address": "住址", "complainant_id_number": "身份证号",
                     "main_problem": "主要问题", "disciplines": "问题类别", "is_repeat": "是否重复件",
                     "repeat_of": "原信访件编号", "subjects": "被反映人", "receiver": ""}
_IDENTITY_KEYS = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")
_WRITTEN = ("received_date", "channel", "kind", "signature", "is_repeat", "repeat_of", "main_problem", "disciplines",
            "subjects", *_IDENTITY_KEYS)
_SUBJECT_FIELDS = {"name": "被反映人", "unit": "单位职务", "post": "单位职务", "rank": "职级"}


def _check_complaints(ws: Workspace, rows: list[_Row], plan: _Plan, pr: _Problems, today: dt.date) -> None:
    groups = _group(rows, pr, repeat_ok=True, check_required=False)  # validation checks the rest
    for number, group in groups.items():
        first = group[0]
        values: dict[str, Any] = {k: first.raw.get(c.name) for c in SHEETS[COMPLAINTS] if not c.person
                                  for k in [c.key]}
        values["number"] = number
        if isinstance(values["received_date"], (int, float)) and not isinstance(values["received_date"], bool):
            try:
                values["received_date"] = _date(values["received_date"], "收件日期", today)
            except ValidationError as exc:
                pr.add(COMPLAINTS, first.row, "收件日期", exc.message)
                values["received_date"] = None
                first.flag("收件日期")
        for key in ("complainant_name", "complainant_phone", "complainant_id_number", "main_problem", "repeat_of",
                    "discipline"):
            if isinstance(values[key], float) and values[key].is_integer():
                values[key] = int(values[key])
        values["disciplines"] = [values.pop("discipline")] if values.get("discipline") is not None else []
        subjects, subject_rows = [], []
        for row in group:
            name, post, rank = row.raw.get("被反映人"), row.raw.get("单位职务"), row.raw.get("职级")
            if name is None and post is None and rank is None:
                continue
            unit, post_text = split_post(post) if isinstance(post, str) else ("", post)
            subjects.append({"name": name, "unit": unit or None, "post": post_text, "rank": rank})
            subject_rows.append(row)
        values["subjects"] = subjects
        try:
            clean = validate_complaint_fields(values, today)
        except ValidationError as exc:
            for p in exc.problems or [exc]:
                _complaint_problem(p, first, subject_rows, pr)
            clean = None
        if clean is not None and any(clean.get(k) for k in _IDENTITY_KEYS) and not identity.has_key(ws):
            pr.add(COMPLAINTS, first.row, "反映人",
                   identity.NO_KEY + "；无此授权时请清空“反映人”“联系电话”“身份证号”“住址”各列再导入")
            clean = None
        if clean is not None:  # only what the writer uses (a complaint costs less memory)
            plan.complaints[number] = {k: clean.get(k) for k in _WRITTEN}
        plan.complaint_rows[number] = group
        for row in group:  # only the row numbers are needed from here on
            row.raw, row.values = None, _Values()


def _complaint_problem(p: ValidationError, first: _Row, subject_rows: list[_Row], pr: _Problems) -> None:
    fieldname = p.field or ""
    m = re.match(r"subjects\[(\d+)\]\.(\w+)", fieldname)
    if m and int(m[1]) < len(subject_rows):
        pr.add(COMPLAINTS, subject_rows[int(m[1])].row, _SUBJECT_FIELDS.get(m[2], "被反映人"), p.message)
        return
    pr.add(COMPLAINTS, first.row, _COMPLAINT_FIELDS.get(fieldname, ""), p.message)


def _persons_unique(group: list[_Row], column: str, pr: _Problems) -> None:
    seen: dict[str, int] = {}
    for row in group:
        name = row.values.get("name")
        if name is None:
            continue
        if name in seen:
            pr.add(row.sheet, row.row, column, f"同一编号下“{name}”出现两次（第 {seen[name]} 行已有）")
        seen.setdefault(name, row.row)


def _check_leads(rows: list[_Row], plan: _Plan, pr: _Problems) -> None:
    plan.leads = _group(rows, pr, repeat_ok=True)
    for number, group in plan.leads.items():
        v = group[0].values
        _persons_unique(group, "被反映人", pr)
        ref = v.get("complaint")
        if ref and ref not in plan.complaint_rows and ref not in plan.db_complaints:
            pr.add(LEADS, group[0].row, "关联信访件编号", f"信访件“{ref}”不存在（本工作簿和系统中都没有）")
        disposition, result = v.get("disposition"), v.get("result")
        if result and disposition and result not in _LEAD_RESULTS.get(disposition, set()):
            allowed_labels = "、".join(LeadResult(r).label for r in sorted(_LEAD_RESULTS.get(disposition, ())))
            how = Disposition(disposition).label
            pr.add(LEADS, group[0].row, "办结结果",
                   f"“{how}”的线索不能以“{LeadResult(result).label}”办结"
                   + (f"，应为：{allowed_labels}" if allowed_labels else "，此处置方式没有办结结果"))
        if result and not v.get("result_date") and "办结日期" not in group[0].bad:
            pr.add(LEADS, group[0].row, "办结日期", "填写了办结结果，请同时填写办结日期")
        if v.get("result_date") and not result and "办结结果" not in group[0].bad:
            pr.add(LEADS, group[0].row, "办结结果", "填写了办结日期，请同时填写办结结果")
        if v.get("result_date") and v.get("disposition_date") and v["result_date"] < v["disposition_date"]:
            pr.add(LEADS, group[0].row, "办结日期", "办结日期不能早于处置日期")


def _check_cases(rows: list[_Row], plan: _Plan, pr: _Problems) -> None:
    plan.cases = _group(rows, pr, repeat_ok=True)
    for number, group in plan.cases.items():
        v = group[0].values
        _persons_unique(group, "被调查人", pr)
        ref = v.get("lead")
        if ref and ref not in plan.leads and ref not in plan.db_leads:
            pr.add(CASES, group[0].row, "关联线索编号", f"问题线索“{ref}”不存在（本工作簿和系统中都没有）")
        if v.get("closing_date") and v.get("filing_date") and v["closing_date"] < v["filing_date"]:
            pr.add(CASES, group[0].row, "结案日期", "结案日期不能早于立案日期")


def _person_flags(plan: _Plan, owner: str, name: str) -> tuple[str, Any] | None:
    """("case"|"lead", (is_party_member, is_supervised_object, filing_date)) of a person, or None."""
    if owner in plan.cases or owner in plan.db_cases:
        if owner in plan.cases:
            group = plan.cases[owner]
            for row in group:
                if row.values.get("name") == name:
                    return "case", (row.values.get("party"), row.values.get("supervised"),
                                    group[0].values.get("filing_date"))
            return "case", None
        c = plan.db_cases[owner]
        for p in c.persons:
            if p.name == name:
                return "case", (p.is_party_member, p.is_supervised_object, c.filing_date)
        return "case", None
    if owner in plan.leads:
        for row in plan.leads[owner]:
            if row.values.get("name") == name:
                return "lead", (row.values.get("party"), True, None)
        return "lead", None
    if owner in plan.db_leads:
        for p in plan.db_leads[owner].persons:
            if p.name == name:
                return "lead", (p.is_party_member, p.is_supervised_object, None)
        return "lead", None
    return None


def _measure_kind(category: str, value: Any) -> str:
    enum_cls = MEASURE_KINDS[MeasureCategory(category)]
    if isinstance(value, str):
        text = value.strip()
        member = enum_cls.from_text(text)
        if member is None and category != MeasureCategory.handling.value:
            member = enum_cls.from_text(text.removeprefix("党纪").removeprefix("政务"))
        if member is not None:
            return member.value
        if category == MeasureCategory.handling.value and text in _HANDLING_ALIASES:
            return _HANDLING_ALIASES[text]
    label = MeasureCategory(category).label
    raise ValidationError(f"“{_shown(value)}”不是{label}的处理措施，应为：{'、'.join(m.label for m in enum_cls)}")


def _check_measures(rows: list[_Row], plan: _Plan, pr: _Problems) -> None:
    for row in rows:
        v = row.values
        for c in SHEETS[MEASURES]:
            if c.required and v.get(c.key) is None and c.name not in row.bad:
                pr.add(MEASURES, row.row, c.name, f"请填写{c.name}")
                row.flag(c.name)
        kind = None
        if v.get("category") and v.get("kind") is not None:
            try:
                kind = _measure_kind(v["category"], v["kind"])
            except ValidationError as exc:
                pr.add(MEASURES, row.row, "处理措施", exc.message)
        owner, name = v.get("owner"), v.get("name")
        if not owner or not name:
            continue
        found = _person_flags(plan, owner, name)
        if found is None:
            pr.add(MEASURES, row.row, "编号", f"编号“{owner}”既不是已有的案件编号，也不是已有的线索编号")
            continue
        owner_kind, flags = found
        if flags is None:
            where = "案件" if owner_kind == "case" else "问题线索"
            pr.add(MEASURES, row.row, "姓名", f"{where}“{owner}”中没有“{name}”这个人")
            continue
        party, supervised, filing_date = flags
        if kind is not None:
            try:
                sanction_rules.check_measure_allowed(kind, party, supervised)
            except ValidationError as exc:
                pr.add(MEASURES, row.row, "处理措施", exc.message)
            else:
                plan.measures.append((row, owner_kind, kind))
        if filing_date and v.get("decision_date") and v["decision_date"] < filing_date:
            pr.add(MEASURES, row.row, "决定日期", f"决定日期不能早于案件的立案日期（{filing_date.isoformat()}）")


def _check_ledgers(rows: list[_Row], plan: _Plan, pr: _Problems) -> None:
    plan.ledgers = _group(rows, pr, repeat_ok=True)
    for number, group in plan.ledgers.items():
        v = group[0].values
        _persons_unique(group, "领导干部姓名", pr)
        ref = v.get("case")
        if ref and ref not in plan.cases and ref not in plan.db_cases:
            pr.add(LEDGER, group[0].row, "关联案件编号", f"案件“{ref}”不存在（本工作簿和系统中都没有）")
        for row in group:
            if row.values.get("method") and row.values.get("outcome") not in (None, LedgerOutcome.held_accountable.value):
                pr.add(LEDGER, row.row, "追责方式", "只有处理结果为“追责”时才填写追责方式")
            if row.values.get("outcome_date") and v.get("entry_date") and row.values["outcome_date"] < v["entry_date"]:
                pr.add(LEDGER, row.row, "结果日期", "结果日期不能早于建账日期")


def _refuse_existing(session: Session, plan: _Plan, pr: _Problems) -> None:
    for sheet, groups, model, column in (
            (COMPLAINTS, plan.complaint_rows, Complaint, "编号"), (LEADS, plan.leads, Lead, "线索编号"),
            (CASES, plan.cases, Case, "案件编号"), (LEDGER, plan.ledgers, LedgerEntry, "台账编号")):
        for number in _existing(session, model, groups):
            pr.add(sheet, groups[number][0].row, column, f"编号“{number}”在系统中已存在，不能重复导入")


def _check(ws: Workspace, session: Session, sheets: dict[str, list[_Row]], pr: _Problems) -> _Plan:
    today = ws.today()
    plan = _Plan()
    for sheet, rows in sheets.items():
        if rows and not allowed(ws.current_user.roles, SHEET_PERMISSIONS[sheet]):
            pr.add(sheet, 1, "", f"当前账号没有导入“{sheet}”的权限")
    for sheet in (LEADS, CASES, MEASURES, LEDGER):
        _parse(sheets.get(sheet, []), today, pr)
    _parse(sheets.get(COMPLAINTS, []), today, pr)  # only 编号 is parsed here; the rest by validation
    complaint_refs = {r.values["complaint"] for r in sheets.get(LEADS, []) if r.values.get("complaint")}
    complaint_refs |= {str(r.raw["原信访件编号"]) for r in sheets.get(COMPLAINTS, []) if r.raw.get("原信访件编号")}
    plan.db_complaints = _existing(session, Complaint, complaint_refs)
    plan.db_leads = _existing(session, Lead, {r.values["lead"] for r in sheets.get(CASES, []) if r.values.get("lead")}
                              | {r.values["owner"] for r in sheets.get(MEASURES, []) if r.values.get("owner")})
    plan.db_cases = _existing(session, Case, {r.values["case"] for r in sheets.get(LEDGER, []) if r.values.get("case")}
                              | {r.values["owner"] for r in sheets.get(MEASURES, []) if r.values.get("owner")})
    _check_complaints(ws, sheets.get(COMPLAINTS, []), plan, pr, today)
    for number, clean in plan.complaints.items():
        ref = clean.get("repeat_of")
        if ref is not None:
            ref = str(ref)
            row = plan.complaint_rows[number][0].row
            if ref == number:
                pr.add(COMPLAINTS, row, "原信访件编号", "重复件不能关联自己")
            elif ref not in plan.complaint_rows and ref not in plan.db_complaints:
                pr.add(COMPLAINTS, row, "原信访件编号", f"原信访件“{ref}”不存在（本工作簿和系统中都没有）")
    _check_leads(sheets.get(LEADS, []), plan, pr)
    _check_cases(sheets.get(CASES, []), plan, pr)
    _check_measures(sheets.get(MEASURES, []), plan, pr)
    _check_ledgers(sheets.get(LEDGER, []), plan, pr)
    _refuse_existing(session, plan, pr)
    return plan


# --------------------------------------------------------------------------- writing
class _DryRun(Exception):
    pass


def _counts(plan: _Plan) -> dict[str, int]:
    return {COMPLAINTS: len(plan.complaints), LEADS: len(plan.leads), CASES: len(plan.cases),
            MEASURES: len(plan.measures), LEDGER: len(plan.ledgers)}


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def import_workbook(ws: Workspace, path: str | Path, *, dry_run: bool = False) -> ImportResult:
    """Check every sheet, then write all of it in one transaction (or, with ``dry_run``, nothing)."""
    require(ws.current_user, "import.ledger")
    path = Path(path)
    pr = _Problems()
    sheets, ignored = _read(path, pr)
    empty = {name: 0 for name in SHEETS}
    if pr.items:
        return ImportResult(empty, pr.items, dry_run, ignored)
    try:
        with ws.transaction() as s:
            plan = _check(ws, s, sheets, pr)
            if pr.items:
                raise _DryRun
            writer = BulkWriter(ws, s, plan, path.name)
            writer.complaints(COMPLAINTS)
            writer.leads(LEADS)
            writer.cases(CASES)
            writer.measures(MEASURES)
            writer.ledgers(LEDGER)
            counts = _counts(plan)
            audit.record(s, ws.current_user, "ledger.import", "import", path.name,
                         {"file": path.name, "sha256": _file_sha256(path), "counts": counts})
            if dry_run:
                raise _DryRun
    except _DryRun:
        if pr.items:
            return ImportResult(empty, pr.items, dry_run, ignored)
        return ImportResult(counts, [], True, ignored)
    except IntegrityError as exc:
        return ImportResult(empty, [Problem("", 0, "", f"数据库拒绝写入，未导入任何数据：{exc.orig}")], dry_run, ignored)
    return ImportResult(counts, [], False, ignored)


# --------------------------------------------------------------------------- template
_HELP = (
    "每个工作表第 1 行为表头，列的顺序可以调整；带 * 的列必须填写。",
    "编码列可填中文（如“来信”）或代码（如 letter），模板中已提供下拉列表。",
    "日期可用 Excel 日期，或文字 2025-01-31、2025/1/31、2025年1月31日。是否类的列填“是”或“否”。",
    "问题线索、案件、一案双查中编号相同的多行是同一项的多个人员（领导干部），后面各行可只填人员列。",
    "处分处理的“编号”填案件编号或线索编号，“姓名”须是该案件或线索中的人员。",
    "信访件的“反映人”“联系电话”“身份证号”“住址”与登记表一样加密保存，导入的账号须已获身份信息授权；可不填。",
    "导入前会检查全部内容，只要有一处问题就不会导入任何数据；已存在的编号不会重复导入。",
)


def write_template(path: str | Path) -> Path:
    """An empty workbook with every sheet's headers and drop-down lists for the coded columns."""
    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for title, columns in SHEETS.items():
        sheet = wb.create_sheet(title)
        for i, col in enumerate(columns, start=1):
            cell = sheet.cell(1, i, col.header)
            cell.font, cell.fill, cell.alignment = head_font, head_fill, Alignment(horizontal="center")
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = max(12, 2.2 * len(col.header) + 4)
            if col.choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True)
                dv.error, dv.errorTitle = f"请从下拉列表中选择{col.name}", "输入值无效"
                dv.prompt, dv.promptTitle = "、".join(col.choices)[:250], col.name
                sheet.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}5000")
        sheet.freeze_panes = "A2"
    help_sheet = wb.create_sheet(HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 100
    for i, line in enumerate(_HELP, start=1):
        help_sheet.cell(i, 1, line)
    data = io.BytesIO()
    wb.save(data)
    return atomic_write_bytes(path, data.getvalue(), make_parents=True)  # a full stick leaves nothing
