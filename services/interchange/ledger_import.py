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

The pieces: ``ledger_spec`` (sheets, columns, cell parsers), ``ledger_read`` (the workbook into rows,
the problems), ``ledger_check`` (every check, the plan), ``ledger_write`` (the bulk write). Here: the
import's one transaction, its result, and the empty template.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.exc import IntegrityError

from services.interchange.ledger_check import Plan, check_workbook
from services.interchange.ledger_read import Problem, Problems, read_workbook
from services.interchange.ledger_spec import CASES, COMPLAINTS, HELP_SHEET, LEADS, LEDGER, MEASURES, SHEETS
from services.interchange.ledger_write import BulkWriter
from services.security import audit
from services.security.permissions import require
from services.storage.files import atomic_write_bytes, sha256_file
from services.storage.workspace import Workspace

__all__ = ["SHEETS", "Problem", "ImportResult", "import_workbook", "write_template"]


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


# --------------------------------------------------------------------------- the import
class _DryRun(Exception):
    pass


def _counts(plan: Plan) -> dict[str, int]:
    return {COMPLAINTS: len(plan.complaints), LEADS: len(plan.leads), CASES: len(plan.cases),
            MEASURES: len(plan.measures), LEDGER: len(plan.ledgers)}


def import_workbook(ws: Workspace, path: str | Path, *, dry_run: bool = False) -> ImportResult:
    """Check every sheet, then write all of it in one transaction (or, with ``dry_run``, nothing)."""
    require(ws.current_user, "import.ledger")
    path = Path(path)
    pr = Problems()
    sheets, ignored = read_workbook(path, pr)
    empty = {name: 0 for name in SHEETS}
    if pr.items:
        return ImportResult(empty, pr.items, dry_run, ignored)
    try:
        with ws.transaction() as s:
            plan = check_workbook(ws, s, sheets, pr)
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
                         {"file": path.name, "sha256": sha256_file(path), "counts": counts})
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
    "问题线索的“是否违反八项规定”“八项规定问题类型”可不填（沿用关联信访件的问题类型）；填了问题类型即为“是”。",
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
