"""The list export is a usable 登记簿 (issue 14 item 17), checked by opening the file with openpyxl: the title row
with the office and the filter in words, the frozen header repeated on every printed page, A4 landscape fit to
width, column widths that fit (CJK counts double), real date cells, and the 办理时限 column."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from services.casework import intake, listing
from services.casework.intake import SubjectInput
from services.casework.listing import ListQuery
from services.casework.listing_export import filter_words, text_width

D = dt.date


def test_complaint_register_layout_dates_and_due_column(ws, register, tmp_path):
    late = register(received_date=D(2026, 10, 8), main_problem="反映张三违规吃喝、收受礼金问题，" * 8)
    intake.accept(ws, late.id, D(2026, 10, 9))                        # 受理告知 due 15 working days later: overdue
    register(received_date=D(2026, 11, 2), subjects=[SubjectInput(name="欧阳修远", unit="青山镇青山村村民委员会")])
    out = tmp_path / "登记簿.xlsx"
    q = ListQuery(date_from=D(2026, 10, 1), date_to=D(2026, 11, 30), states=["registered", "accepted"])
    assert listing.export_xlsx(ws, q, out) == 2

    sheet = load_workbook(out).active
    assert sheet.title == "信访件"
    assert sheet["A1"].value == "青山镇纪委信访件登记簿" and sheet["A1"].font.b
    assert sheet["A2"].value == ("筛选条件：收件日期 2026-10-01 至 2026-11-30；办理状态：已登记、已受理"
                                 "　　共 2 条　　导出日期：2026-11-20")
    headers = [c.value for c in sheet[3]]
    assert headers == ["编号", "收件日期", "来源渠道", "类型", "署名情况", "被反映人", "单位", "职级", "问题类别",
                       "反映的主要问题", "办理状态", "状态日期", "重复件", "办理时限", "时限状态"]
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:O1", "A2:O2"}
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert (sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.page_setup.fitToWidth,
            sheet.page_setup.fitToHeight) == (True, 1, 0)

    rows = {r[0].value: r for r in sheet.iter_rows(min_row=4)}
    assert len(rows) == 2 and sheet.max_row == 5
    old, new = rows[late.number], rows[next(n for n in rows if n != late.number)]
    received = old[headers.index("收件日期")]
    assert received.is_date and received.value.date() == D(2026, 10, 8) and received.number_format == "yyyy-mm-dd"
    state_date = old[headers.index("状态日期")]
    assert state_date.is_date and state_date.value.date() == D(2026, 10, 9)
    due = old[headers.index("办理时限")]
    assert due.is_date and due.number_format == "yyyy-mm-dd"
    assert old[headers.index("时限状态")].value == "已超期（实名举报受理告知）"
    assert new[headers.index("时限状态")].value == "即将到期（实名举报受理告知）"
    assert old[headers.index("反映的主要问题")].alignment.wrap_text

    widths = {h: sheet.column_dimensions[chr(ord("A") + i)].width for i, h in enumerate(headers)}
    assert widths["收件日期"] == 12                       # a date: 10 characters and the margin
    assert widths["单位"] == text_width("青山镇青山村村民委员会") + 2 == 24   # CJK counts double
    assert widths["被反映人"] == text_width("欧阳修远") + 2 == 10
    assert widths["反映的主要问题"] == 50                 # long text: capped, wrapped
    assert widths["时限状态"] == text_width("即将到期（实名举报受理告知）") + 2 == 30


def test_lead_and_case_registers_and_the_filter_in_words(ws, tmp_path):
    out = tmp_path / "线索.xlsx"
    assert listing.export_xlsx(ws, ListQuery(entity="lead", text="礼金"), out) == 0
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "青山镇纪委问题线索登记簿"
    assert sheet["A2"].value.startswith("筛选条件：查找：礼金　　共 0 条")
    assert [c.value for c in sheet[3]][-2:] == ["办理时限", "时限状态"] and sheet.max_row == 3
    assert filter_words(ListQuery(entity="lead", states=["awaiting_approval"], sources=["supervision_found"])) == (
        "办理状态：待审批；线索来源：监督检查发现")
    assert filter_words(ListQuery(entity="case", states=["investigating"])) == "阶段：审查调查"
    assert filter_words(ListQuery(complainant="13812345678")) == "按反映人电话或身份证号查找"
    assert filter_words(ListQuery()) == "全部"
    ledger = tmp_path / "台账.xlsx"
    listing.export_xlsx(ws, ListQuery(entity="ledger"), ledger)
    assert "办理时限" not in [c.value for c in load_workbook(ledger).active[3]]
