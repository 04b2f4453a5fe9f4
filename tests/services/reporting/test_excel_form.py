"""The Excel workbook, read back with openpyxl and compared cell by cell with the document."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from services.errors import ValidationError
from services.reporting.excel_form import HEADER_ROW, render_report_xlsx
from services.reporting.layout import COLUMN_TITLES, HEADLINE_KEYS, ROWS, get_figure, iter_form_lines, row_for
from tests.helpers.report_sample import sample_county_document, sample_document


@pytest.fixture(scope="module")
def town_book():
    return load_workbook(io.BytesIO(render_report_xlsx(sample_document())))


@pytest.fixture(scope="module")
def county_book():
    return load_workbook(io.BytesIO(render_report_xlsx(sample_county_document())))


def test_sheets(town_book, county_book):
    assert town_book.sheetnames == ["月报", "数据"]
    assert county_book.sheetnames == ["月报", "数据", "各乡镇"]


def test_every_figure_cell_of_the_form_matches_the_document(town_book):
    ws = town_book["月报"]
    doc = sample_document()
    assert ws["A1"].value == "信访举报及案件办理情况月报"
    assert ws["A2"].value == "填报单位：青山镇纪委" and ws["C2"].value == "报告期：2026年11月"
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 7)] == list(COLUMN_TITLES)
    r = HEADER_ROW
    checked = 0
    for line in iter_form_lines():
        r += 1
        assert ws.cell(r, 1).value == line.text
        if line.row is None:
            assert all(ws.cell(r, c).value is None for c in range(2, 7))
            continue
        fig = get_figure(doc["figures"], line.row.key)
        assert ws.cell(r, 1).alignment.indent == line.row.indent
        assert ws.cell(r, 2).value == line.row.unit
        assert [ws.cell(r, c).value for c in (3, 4, 5)] == [fig["month"], fig["ytd"], fig["ytd_last_year"]]
        assert all(ws.cell(r, c).number_format == "0" for c in (3, 4, 5))
        pct = ws.cell(r, 6)
        if fig["change_pct"] is None:
            assert pct.value == "—"
        else:
            assert pct.value == pytest.approx(fig["change_pct"]) and pct.number_format == "0.0"
        checked += 1
    assert checked == len(ROWS) - 1   # all but 初核, which is 初步核实 again (in the 数据 sheet only)
    # Spot checks a clerk would make.
    labels = {ws.cell(i, 1).value: i for i in range(HEADER_ROW + 1, r + 1)}
    assert [ws.cell(labels["收到信访举报"], c).value for c in range(2, 7)] == ["件", 23, 187, 164, 14.0]
    assert [ws.cell(labels["诫勉"], c).value for c in range(2, 7)] == ["人", 3, 41, 21, 95.2]
    assert "初核" not in labels and "受理信访举报" not in labels and "诫勉谈话" not in labels
    assert ws.cell(labels["立案"], 6).value == "—"


def test_narrative_and_foot_follow_the_table(town_book):
    ws = town_book["月报"]
    values = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    i = values.index("情况说明")
    assert "主要集中在村级财务管理" in values[i + 1]
    assert ws.cell(i + 2, 1).alignment.wrap_text
    foot = [v for v in values[i + 3:] if v]
    assert foot == ["单位（盖章）：青山镇纪委", "负责人（签字）：李明华", "审核人：周建平", "填表人：王晓红",
                    "联系电话：0871-6543210", "填报日期：2026年12月1日", "表号：纪信月报1表"]
    rows = {ws.cell(r, 1).value: r for r in range(i, ws.max_row + 1)}
    signed = [t for t in foot if getattr(ws.cell(rows[t], 1).border.bottom, "style", None) == "thin"]
    assert signed == ["负责人（签字）：李明华", "审核人：周建平", "填表人：王晓红"]   # ruled to sign on
    marks = rows["表号：纪信月报1表"]
    assert ws.cell(marks, 4).value == "制表机关：青山县纪委监委" and marks == ws.max_row


def test_print_settings_merges_and_panes(town_book):
    ws = town_book["月报"]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A1:F1", "A2:B2", "C2:D2", "E2:F2"} <= merged
    assert f"A{HEADER_ROW + 1}:F{HEADER_ROW + 1}" in merged   # the first section header
    assert ws.column_dimensions["A"].width >= 2 * max(len(r.label) + r.indent for r in ROWS)
    assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    assert ws.cell(HEADER_ROW + 2, 3).border.left.style == "thin"


def test_data_sheet_has_one_row_per_key_path(town_book):
    ws = town_book["数据"]
    doc = sample_document()
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("key", "label", "month", "ytd", "ytd_last_year", "change_pct")
    assert len(rows) == len(ROWS) + 1
    for layout_row, values in zip(ROWS, rows[1:]):
        fig = get_figure(doc["figures"], layout_row.key)
        assert values[:2] == (layout_row.key, layout_row.full_label)
        assert values[2:5] == (fig["month"], fig["ytd"], fig["ytd_last_year"])
        assert values[5] == (pytest.approx(fig["change_pct"]) if fig["change_pct"] is not None else None)


def test_county_revision_and_township_sheet(county_book):
    doc = sample_county_document()
    form = county_book["月报"]
    assert form["A1"].value == "信访举报及案件办理情况月报汇总表"
    assert form["E2"].value == "修订版次：第 2 版"
    ws = county_book["各乡镇"]
    heads = [c.value for c in ws[2]]
    assert heads == ["序号", "乡镇代码", "乡镇", "报送情况", "修订版次"] + [row_for(k).label for k in HEADLINE_KEYS]
    for n, town in enumerate(doc["townships"], start=1):
        values = [c.value for c in ws[2 + n]]
        assert values[:4] == [n, town["code"], town["name"], "已报送" if town["submitted"] else "未报送"]
        if town["submitted"]:
            assert values[4] == town["revision"]
            assert values[5:] == [get_figure(town["figures"], k)["ytd"] for k in HEADLINE_KEYS]
        else:
            assert values[4:] == ["—"] * 6
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert "未报送乡镇（2 个）：柳塘镇、松口镇" in texts
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows == "$2:$2"  # A4


def test_bad_document_raises_chinese_error():
    doc = sample_document()
    doc["figures"]["four_forms"]["form2"]["ytd"] = None
    with pytest.raises(ValidationError) as exc:
        render_report_xlsx(doc)
    assert "第二种形态" in str(exc.value)
