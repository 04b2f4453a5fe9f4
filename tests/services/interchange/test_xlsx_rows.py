"""The streaming sheet reader gives exactly the values openpyxl's read-only reader gives."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook

from services.interchange.xlsx_rows import SheetReader


def openpyxl_rows(path) -> dict[str, list[tuple[int, tuple]]]:
    """Non-empty rows of each sheet as (row number, values without trailing blanks), read by openpyxl."""
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        out = {}
        for ws in wb.worksheets:
            rows = []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                values = list(values)
                while values and values[-1] is None:
                    values.pop()
                if values:
                    rows.append((number, tuple(values)))
            out[ws.title] = rows
        return out
    finally:
        wb.close()


def streamed_rows(path) -> dict[str, list[tuple[int, tuple]]]:
    with SheetReader(path) as reader:
        out = {}
        for title, part in reader.sheets:
            rows = []
            for number, values in reader.rows(part):
                values = list(values)
                while values and values[-1] is None:
                    values.pop()
                if values:
                    rows.append((number, tuple(values)))
            out[title] = rows
        return out


def test_values_written_by_openpyxl(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "信访件"
    ws.append(["编号*", "收件日期", "数量", "比例", "是否", None, "备注"])
    ws.append(["XF-1", dt.date(2026, 3, 2), 3, 0.25, True, None, "  带空格  "])
    ws.append(["XF-2", dt.datetime(2026, 3, 5, 9, 30), -7, 1e-9, False, "跳过一列", "=1+1"])
    ws["J6"] = "隔了几行"
    ws["A9"] = 12345678901234567890
    other = wb.create_sheet("问题线索")
    other.append([None, None, "从C列开始"])
    wb.create_sheet("空表")
    path = tmp_path / "a.xlsx"
    wb.save(path)
    expected = openpyxl_rows(path)
    assert expected["信访件"][1] == (2, ("XF-1", dt.datetime(2026, 3, 2), 3, 0.25, True, None, "  带空格  "))
    assert streamed_rows(path) == expected


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {_NS}><dimension ref="A1:F4"/><sheetData>
<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>46083</v></c>
<c r="D1" s="2"><v>46083.5</v></c><c r="E1"><v>3.5E2</v></c><c r="F1" t="b"><v>1</v></c></row>
<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="C3" t="e"><v>#N/A</v></c>
<c r="E3" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></is></c></row>
<row r="4"><c r="B4" t="s"><v>2</v></c><c r="C4" s="1"/></row>
</sheetData></worksheet>"""
_STRINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst {_NS} count="3" uniqueCount="3"><si><t>编号</t></si>
<si><r><t>收件</t></r><r><rPr><b/></rPr><t xml:space="preserve">日期 </t></r><rPh sb="0" eb="1"><t>しゅう</t></rPh></si>
<si><t>_x005F_x0041_</t></si></sst>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {_NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def test_values_as_excel_writes_them(tmp_path):
    # Shared strings (with rich runs and phonetic text), date styles (built-in and custom), a cached
    # formula result, an error, a boolean, a gap in the rows.
    buf = io.BytesIO()
    wb = Workbook()
    wb.active.title = "台账"
    wb.save(buf)
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _SHEET.encode()
            elif info.filename == "xl/styles.xml":
                data = _STYLES.encode()
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            out.writestr(info, data)
        out.writestr("xl/sharedStrings.xml", _STRINGS)
    expected = openpyxl_rows(path)
    assert expected == {"台账": [
        (1, ("编号", "收件日期 ", dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 2, 12, 0), 350.0, True)),
        (3, (2, "xy", "#N/A", None, "富文本")),
        (4, (None, "_x0041_"))]}
    assert streamed_rows(path) == expected
