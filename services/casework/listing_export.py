"""The list export as a 登记簿 (issue 14 item 17): a title row (the office and the list), the filter in words, a
frozen header repeated on every printed page, columns as wide as their content (a CJK character counts double),
dates as real date cells, the 办理时限 (the item's most pressing open deadline and its status), A4 landscape fit
to the page width. Written in openpyxl's write-only mode: the layout is fixed from the first block of rows, the
rest stream after it.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, Iterator

from models import Organization
from models.enums import (CaseStage, Channel, ComplaintFollowUp, ComplaintKind, ComplaintState, Discipline, Disposition,
                          LeadSource, Rank)

from services.casework.followup_filters import CHOICES
from services.casework.listing_query import COLUMNS, ListQuery
from services.casework.listing_rows import fetch_rows
from services.deadlines.due_list import due_items
from services.interchange.xlsx_cells import write_only_cell, write_only_row
from services.storage.workspace import Workspace

TITLES = {"complaint": "信访件登记簿", "lead": "问题线索登记簿", "case": "案件登记簿", "ledger": "一案双查台账"}
SHEETS = {"complaint": "信访件", "lead": "问题线索", "case": "案件", "ledger": "一案双查台账"}
DUE_COLUMNS = ("办理时限", "时限状态")
HEADER_ROW = 3
DATE_FORMAT = "yyyy-mm-dd"
MEASURED_ROWS = 2000          # the widths are measured on the first rows (the layout precedes the rows)
MIN_WIDTH, MAX_WIDTH = 6, 50  # in Excel character units
_LEAD_STATES = {"pending": "未处置", "awaiting_approval": "待审批", "disposed": "办理中", "concluded": "已办结"}
_DATE_LABELS = {"complaint": "收件日期", "lead": "收到日期", "case": "立案日期", "ledger": "台账日期"}


def text_width(text: Any) -> int:
    """Display width of ``text``: wide (CJK) characters count two, others one; the longest line counts."""
    if isinstance(text, (dt.date, dt.datetime)):
        return 10
    lines = str(text or "").splitlines() or [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def _labels(enum_cls, codes: list[str]) -> str:
    out = []
    for code in codes:
        m = enum_cls.from_text(code)
        out.append(m.label if m else code)
    return "、".join(out)


def filter_words(q: ListQuery) -> str:
    """The query in words: 收件日期 2026-01-01 至 2026-12-31；办理状态：已受理；查找：青山村 (or 全部)."""
    parts = []
    if q.date_from or q.date_to:
        parts.append(f"{_DATE_LABELS[q.entity]} {q.date_from.isoformat() if q.date_from else '不限'}"
                     f" 至 {q.date_to.isoformat() if q.date_to else '不限'}")
    if q.states:
        if q.entity == "lead":
            words = "、".join(_LEAD_STATES.get(s) or _labels(Disposition, [s]) for s in q.states)
        else:
            words = _labels(CaseStage if q.entity == "case" else ComplaintState, q.states)
        parts.append(f"{'阶段' if q.entity == 'case' else '办理状态'}：{words}")
    for values, label, enum_cls in ((q.channels, "来源渠道", Channel), (q.kinds, "类型", ComplaintKind),
                                    (q.disciplines, "问题类别", Discipline), (q.ranks, "职级", Rank),
                                    (q.sources, "线索来源", LeadSource), (q.dispositions, "处置方式", Disposition)):
        if values:
            parts.append(f"{label}：{_labels(enum_cls, values)}")
    if q.followups:
        parts.append(f"办理事项：{_labels(CHOICES.get(q.entity, ComplaintFollowUp), q.followups)}")
    if q.text.strip():
        parts.append(f"查找：{q.text.strip()}")
    if q.complainant.strip():
        parts.append("按反映人电话或身份证号查找")   # never the number itself: the file is not an identity record
    return "；".join(parts) or "全部"


def _due_by_item(ws: Workspace, entity: str) -> dict[int, Any] | None:
    """The most pressing open deadline of each item of the list (already sorted worst first), or None for a
    list without deadlines."""
    if entity not in ("complaint", "lead", "case"):
        return None
    worst: dict[int, Any] = {}
    for d in due_items(ws, include_ok=True):
        if d.item_type == entity:
            worst.setdefault(d.item_id, d)
    return worst


def _values(entity: str, row, due: dict[int, Any] | None) -> list[Any]:
    values: list[Any] = []
    for (key, _, _), text in zip(COLUMNS[entity], row.cells(entity)):
        if key.endswith("_date") and text:
            values.append(dt.date.fromisoformat(text))
        else:
            values.append(text)
    if due is not None:
        d = due.get(row.id)
        values += [d.due, f"{d.status.label}（{d.label}）"] if d is not None else [None, "无待办时限"]
    return values


def _rows(ws: Workspace, entity: str, ids: list[int], due) -> Iterator[list[Any]]:
    for i in range(0, len(ids), 1000):
        chunk = ids[i:i + 1000]
        rows = fetch_rows(ws, entity, chunk)
        for rid in chunk:
            if rid in rows:
                yield _values(entity, rows[rid], due)


def write_register(ws: Workspace, q: ListQuery, ids: list[int], target) -> None:
    """The 登记簿 of ``ids`` (the query's rows, in order) as an .xlsx written to ``target``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.worksheet import Worksheet

    entity = q.entity
    due = _due_by_item(ws, entity)
    headers = [title for _, title, _ in COLUMNS[entity]] + (list(DUE_COLUMNS) if due is not None else [])
    with ws.reading() as s:
        org = s.query(Organization).first()
        office = org.name if org else ""
    rows = _rows(ws, entity, ids, due)
    first: list[list[Any]] = []
    for values in rows:
        first.append(values)
        if len(first) >= MEASURED_ROWS:
            break

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(title=SHEETS[entity])
    n = len(headers)
    widths = [min(max(max([text_width(title)] + [text_width(r[col]) for r in first]) + 2, MIN_WIDTH), MAX_WIDTH)
              for col, title in enumerate(headers)]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    last = get_column_letter(n)
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.merged_cells.add(f"A2:{last}2")

    title = write_only_cell(sheet, f"{office}{TITLES[entity]}")
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.append([title])
    note = write_only_cell(sheet, f"筛选条件：{filter_words(q)}　　共 {len(ids)} 条　　导出日期：{ws.today().isoformat()}")
    note.alignment = Alignment(horizontal="left", vertical="center")
    sheet.append([note])
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head = []
    for text in headers:
        cell = write_only_cell(sheet, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        head.append(cell)
    sheet.append(head)

    wrapped = {i for i, w in enumerate(widths) if w >= MAX_WIDTH}   # long text wraps in its capped column
    wrap = Alignment(wrap_text=True, vertical="top")

    def emit(values: list[Any]) -> None:
        out = write_only_row(sheet, values)
        for i, v in enumerate(out):
            if isinstance(v, dt.date):
                cell = write_only_cell(sheet, v)
                cell.number_format = DATE_FORMAT
                out[i] = cell
            elif i in wrapped and isinstance(v, str) and text_width(v) > MAX_WIDTH:
                cell = write_only_cell(sheet, v)
                cell.alignment = wrap
                out[i] = cell
        sheet.append(out)

    for values in first:
        emit(values)
    for values in rows:
        emit(values)
    wb.save(target)
