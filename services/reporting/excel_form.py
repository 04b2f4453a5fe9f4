"""The monthly report as an Excel workbook (openpyxl): the printable form, the raw data, the townships."""
from __future__ import annotations

import io
import math
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from services.reporting.form_foot import foot_lines, mark_texts
from services.reporting.layout import (COLUMN_TITLES, HEADLINE_KEYS, NONE_TEXT, ROWS, get_figure,
                                       iter_form_lines, period_text, report_title, row_for, validate_document)
from services.interchange.xlsx_cells import put, set_value

FONT_NAME = "宋体"
FORM_SHEET, DATA_SHEET, TOWNS_SHEET = "月报", "数据", "各乡镇"
HEADER_ROW = 3          # the column titles of "月报"; figure lines start below it
FORM_WIDTHS = (38, 7, 10, 11, 11, 13)
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SHADE = PatternFill("solid", fgColor="E6E6E6")
LIGHT = PatternFill("solid", fgColor="F4F4F4")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _font(size: float = 10.5, bold: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold)


def _print_setup(ws: Worksheet, title_rows: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = FONT_NAME


def _merged_text(ws: Worksheet, row: int, text: str, *, cols: int = 6, font: Font | None = None,
                 align: Alignment = WRAP, height: float | None = None) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=cols)
    cell = put(ws, row, 1, text)
    cell.font = font or _font()
    cell.alignment = align
    if height:
        ws.row_dimensions[row].height = height


def _wrapped_height(text: str, chars_per_line: int, line_pt: float = 16.0) -> float:
    lines = sum(max(1, math.ceil(len(part) / chars_per_line)) for part in text.split("\n"))
    return min(409.0, lines * line_pt + 4)


def _set_count(cell: Any, value: int | None) -> None:
    set_value(cell, NONE_TEXT if value is None else value)
    cell.number_format = "0"
    cell.alignment = RIGHT


def _set_pct(cell: Any, value: float | None) -> None:
    if value is None:
        set_value(cell, NONE_TEXT)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    else:
        set_value(cell, float(value))
        cell.number_format = "0.0"
        cell.alignment = RIGHT


def _form_sheet(ws: Worksheet, doc: dict[str, Any]) -> None:
    for i, width in enumerate(FORM_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _merged_text(ws, 1, report_title(doc), font=_font(16, True), align=CENTER, height=30)

    header = [("A", "B", f"填报单位：{doc['org']['name']}"), ("C", "D", f"报告期：{period_text(doc['period'])}")]
    right = f"修订版次：第 {doc['revision']} 版" if doc.get("revision", 1) > 1 else ""
    header.append(("E", "F", right))
    for first, last, text in header:
        ws.merge_cells(f"{first}2:{last}2")
        cell = ws[f"{first}2"]
        set_value(cell, text).font = _font()
        cell.alignment = Alignment(horizontal="left" if first == "A" else "center", vertical="center")
    ws.row_dimensions[2].height = 20

    for col, title in enumerate(COLUMN_TITLES, start=1):
        cell = put(ws, HEADER_ROW, col, title)
        cell.font, cell.alignment, cell.fill, cell.border = _font(10.5, True), CENTER, SHADE, BORDER
    ws.row_dimensions[HEADER_ROW].height = 22

    r = HEADER_ROW
    for line in iter_form_lines():
        r += 1
        ws.row_dimensions[r].height = 17
        if line.kind == "section":
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
            put(ws, r, 1, line.text).font = _font(10.5, True)
            for col in range(1, 7):
                ws.cell(r, col).fill, ws.cell(r, col).border = LIGHT, BORDER
            continue
        label = put(ws, r, 1, line.text)
        label.font = _font()
        label.alignment = Alignment(horizontal="left", vertical="center", indent=line.indent)
        for col in range(1, 7):
            ws.cell(r, col).border = BORDER
        if line.row is None:
            continue
        fig = get_figure(doc["figures"], line.row.key)
        unit = put(ws, r, 2, line.row.unit)
        unit.font, unit.alignment = _font(), CENTER
        for col, name in ((3, "month"), (4, "ytd"), (5, "ytd_last_year")):
            _set_count(ws.cell(r, col), fig[name])
            ws.cell(r, col).font = _font()
        _set_pct(ws.cell(r, 6), fig.get("change_pct"))
        ws.cell(r, 6).font = _font()

    r += 2
    _merged_text(ws, r, "情况说明", font=_font(12, True), height=20)
    text = str(doc.get("narrative") or "").replace("\r\n", "\n").strip()
    for paragraph in [p.strip() for p in text.split("\n") if p.strip()] or ["无。"]:
        r += 1
        body = "\u3000\u3000" + paragraph
        _merged_text(ws, r, body, height=_wrapped_height(body, 42))

    r += 1
    for line in foot_lines(doc):   # the official foot (form_foot); a signature line is ruled to sign on
        r += 1
        _merged_text(ws, r, line.text, cols=3, align=Alignment(vertical="bottom"), height=22)
        if line.signed:
            for col in range(1, 4):
                ws.cell(r, col).border = Border(bottom=THIN)
    r += 2
    number, authority = mark_texts(doc)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=6)
    for col, text, horizontal in ((1, number, "left"), (4, authority, "right")):
        cell = put(ws, r, col, text)
        cell.font, cell.alignment = _font(9), Alignment(horizontal=horizontal, vertical="center")
    for col in range(1, 7):
        ws.cell(r, col).border = Border(top=THIN)
    ws.row_dimensions[r].height = 18

    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_area = f"A1:F{r}"


def _data_sheet(ws: Worksheet, doc: dict[str, Any]) -> None:
    heads = ("key", "label", "month", "ytd", "ytd_last_year", "change_pct")
    for col, title in enumerate(heads, start=1):
        cell = put(ws, 1, col, title)
        cell.font, cell.fill, cell.border = _font(10.5, True), SHADE, BORDER
    for r, row in enumerate(ROWS, start=2):
        fig = get_figure(doc["figures"], row.key)
        values = (row.key, row.full_label, fig["month"], fig["ytd"], fig["ytd_last_year"], fig.get("change_pct"))
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            cell.font = _font()
            if col in (3, 4, 5):
                cell.number_format = "0"
            elif col == 6:
                cell.number_format = "0.0"
    for col, width in zip("ABCDEF", (40, 34, 9, 9, 14, 12)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{len(ROWS) + 1}"
    _print_setup(ws, "1:1")


def _towns_sheet(ws: Worksheet, doc: dict[str, Any]) -> None:
    towns = doc.get("townships") or []
    heads = ["序号", "乡镇代码", "乡镇", "报送情况", "修订版次"] + [row_for(k).label for k in HEADLINE_KEYS]
    ncols = len(heads)
    _merged_text(ws, 1, f"各乡镇报送情况（元至本月） {period_text(doc['period'])}", cols=ncols,
                 font=_font(14, True), align=CENTER, height=26)
    for col, title in enumerate(heads, start=1):
        cell = put(ws, 2, col, title)
        cell.font, cell.alignment, cell.fill, cell.border = _font(10.5, True), CENTER, SHADE, BORDER
    ws.row_dimensions[2].height = 30
    r = 2
    for n, town in enumerate(towns, start=1):
        r += 1
        submitted = bool(town.get("submitted"))
        figs = town.get("figures") if submitted else None
        values: list[Any] = [n, town.get("code", ""), town.get("name", ""), "已报送" if submitted else "未报送",
                             town.get("revision") if submitted and town.get("revision") else NONE_TEXT]
        values += [get_figure(figs, k)["ytd"] if figs else NONE_TEXT for k in HEADLINE_KEYS]
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            cell.font, cell.border = _font(), BORDER
            cell.alignment = RIGHT if col > 5 else CENTER
            if isinstance(value, int):
                cell.number_format = "0"
    missing = [t for t in towns if not t.get("submitted")]
    r += 2
    text = (f"未报送乡镇（{len(missing)} 个）：" + "、".join(str(t.get("name", "")) for t in missing)
            if missing else "各乡镇均已报送。")
    _merged_text(ws, r, text, cols=ncols, height=_wrapped_height(text, 60))
    for r2, town in enumerate(missing, start=r + 1):
        put(ws, r2, 2, town.get("code", "")).font = _font()
        put(ws, r2, 3, town.get("name", "")).font = _font()
    for col, width in zip(range(1, ncols + 1), (6, 10, 14, 10, 9) + (12,) * len(HEADLINE_KEYS)):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A3"
    _print_setup(ws, "2:2")


def render_report_xlsx(doc: dict[str, Any]) -> bytes:
    """The report as .xlsx bytes: sheets "月报", "数据" and, for a county with townships, "各乡镇"."""
    validate_document(doc)
    wb = Workbook()
    form = wb.active
    form.title = FORM_SHEET
    _form_sheet(form, doc)
    _data_sheet(wb.create_sheet(DATA_SHEET), doc)
    if doc["org"].get("mode") == "county" and doc.get("townships"):
        _towns_sheet(wb.create_sheet(TOWNS_SHEET), doc)
    wb.properties.title = f"{doc['org']['name']} {period_text(doc['period'])} {report_title(doc)}"
    wb.properties.creator = "jijian-desk"
    wb.properties.subject = f"第 {doc['revision']} 版"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
