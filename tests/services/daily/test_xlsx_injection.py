"""Formula injection (issue 9 item 7): text that looks like a formula leaves every Excel export as text.

Each test writes a real .xlsx, opens it as a zip and reads the sheet XML: no ``<f>`` element may be
there, and openpyxl must read back the stored text exactly, as a string.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cli.app import run_cli
from services.casework import cases, leads, ledger_entries, listing
from services.casework.intake import SubjectInput
from services.casework.leads import LeadInput
from services.casework.ledger_entries import LedgerLeaderInput
from services.casework.listing import ListQuery
from services.casework.persons import PersonInput
from services.interchange import ledger_import, xlsx_cells
from services.reporting import monthly_report
from services.storage import settings
from services.storage.files import FileWriteError
from services.submission import county, county_ca
from tests.conftest import ADMIN_PASSWORD
from tests.services.submission.conftest import make_county

D = dt.date
#: What an attacker types (a tab/CR before the sign is stripped by the form's validation).
PAYLOADS = ['=HYPERLINK("http://x","y")', "=1+1", "@SUM(A1)", "-2+3", "+1+1", "=cmd|' /C calc'!A0",
            "\t=2+2", "\r=3+3"]
#: The same texts as the services store them (free text is stripped).
STORED = [p.strip() for p in PAYLOADS]
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def sheet_xml(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")}


def assert_no_formula(data: bytes) -> None:
    sheets = sheet_xml(data)
    assert sheets
    for name, xml in sheets.items():
        assert _FORMULA.findall(xml) == [], name


def text_cells(data: bytes) -> dict[str, list]:
    """Every non-empty cell per sheet as (value, data_type, quotePrefix)."""
    wb = load_workbook(io.BytesIO(data))
    return {sh.title: [(c.value, c.data_type, c.quotePrefix) for row in sh.iter_rows() for c in row
                       if c.value is not None] for sh in wb.worksheets}


def assert_texts_kept(data: bytes, sheet: str, expected: list[str]) -> None:
    cells = text_cells(data)[sheet]
    for text in expected:
        found = [c for c in cells if c[0] == text]
        assert found, text
        assert all(dt_ == "s" and quoted is True for _, dt_, quoted in found), (text, found)


# ------------------------------------------------------------------ the helper on its own
def test_helper_keeps_every_leading_sign_as_text_and_numbers_as_numbers(tmp_path):
    wb = Workbook()
    sh = wb.active
    values = PAYLOADS + ["＝SUM(A1)", "|calc", "#N/A", "普通文字", "3-2", 42, 1.5]
    for r, v in enumerate(values, start=1):
        xlsx_cells.put(sh, r, 1, v)
    path = tmp_path / "cells.xlsx"
    wb.save(path)
    data = path.read_bytes()
    assert_no_formula(data)
    back = load_workbook(path).active
    assert [back.cell(r, 1).value for r in range(1, len(values) + 1)] == values  # tab and CR too
    assert [back.cell(r, 1).data_type for r in range(1, len(values) + 1)] == ["s"] * 13 + ["n", "n"]
    quoted = [back.cell(r, 1).quotePrefix for r in range(1, len(values) + 1)]
    assert quoted == [True] * 10 + [False] * 5


# ------------------------------------------------------------------ list exports
@pytest.fixture
def hostile(ws, register):
    """Complaints, leads, cases and ledger entries whose text fields hold the payloads."""
    for p in PAYLOADS:
        register(main_problem=p, subjects=[SubjectInput(name="张三", unit=p, post=p)])
        leads.create_lead(ws, LeadInput(source="complaint", received_date=D(2026, 11, 3), summary=p,
                                        persons=[PersonInput(name="王五", unit=p, post=p)]))
        c = cases.open_case(ws, filing_date=D(2026, 11, 4), title=p,
                            persons=[PersonInput(name="李四", is_party_member=True)])
        ledger_entries.create_ledger_entry(ws, case_id=c.id, unit=p, entry_date=D(2026, 11, 5), problem_nature=p,
                                           leaders=[LedgerLeaderInput(name="赵书记", post=p, responsibility="first")])
    return ws


@pytest.mark.parametrize("entity,sheet", [("complaint", "信访件"), ("lead", "问题线索"), ("case", "案件"),
                                          ("ledger", "一案双查台账")])
def test_list_export_stores_formula_text_as_text(hostile, tmp_path, entity, sheet):
    out = tmp_path / f"{entity}.xlsx"
    assert listing.export_xlsx(hostile, ListQuery(entity=entity), out) == len(PAYLOADS)
    data = out.read_bytes()
    assert_no_formula(data)
    assert_texts_kept(data, sheet, sorted(set(STORED)))


def test_list_export_to_an_unwritable_place_says_why_and_leaves_nothing(hostile, tmp_path):
    out = tmp_path / "out"
    folder = out / "已有文件夹.xlsx"
    folder.mkdir(parents=True)
    with pytest.raises(FileWriteError, match="已有同名文件夹，无法保存为文件"):
        listing.export_xlsx(hostile, ListQuery(), folder)
    assert sorted(p.name for p in out.iterdir()) == ["已有文件夹.xlsx"]
    assert list(folder.iterdir()) == []


# ------------------------------------------------------------------ the monthly and county reports
def test_monthly_report_xlsx_holds_typed_text_as_text(ws):
    monthly_report.save_draft(ws, "2026-11", "=HYPERLINK(\"http://x\",\"y\")\n@SUM(A1)",
                              {"leader": "=1+1", "reviewer": "+4", "preparer": "-2+3"})
    data = monthly_report.export_xlsx(ws, "2026-11")
    assert_no_formula(data)
    form = [c[0] for c in text_cells(data)["月报"]]
    assert "\u3000\u3000=HYPERLINK(\"http://x\",\"y\")" in form and "负责人（签字）：=1+1" in form
    assert "审核人：+4" in form and "填表人：-2+3" in form


def test_county_report_xlsx_stores_a_hostile_township_name_as_text(tmp_path):
    cws = make_county(tmp_path / "county")
    try:
        county_ca.add_township(cws, "XX001", '=HYPERLINK("http://x","y")')
        county_ca.add_township(cws, "XX002", "@SUM(A1)")
        with cws.transaction() as s:
            settings.put(s, settings.REPORT_LEADER, "=1+1")
        data = county.county_report_xlsx(cws, "2026-10")
    finally:
        cws.close()
    assert_no_formula(data)
    assert_texts_kept(data, "各乡镇", ['=HYPERLINK("http://x","y")', "@SUM(A1)"])


def test_ledger_template_has_no_formula(tmp_path):
    path = ledger_import.write_template(tmp_path / "模板.xlsx")
    assert_no_formula(path.read_bytes())


# ------------------------------------------------------------------ complaints list --xlsx
def _cli(ws, *args) -> list[str]:
    return ["--data-dir", str(ws.data_dir), "--user", "wang", "complaints", "list", *args]


def _register_cells(data: bytes) -> list:
    """The list's cells but the export date line and the deadline status, both as of the day of the export
    (the CLI runs on the real date, the workspace of the test on its own)."""
    sheet = load_workbook(io.BytesIO(data))["信访件"]
    return [sheet["A1"].value] + [(c.value, c.data_type, c.quotePrefix) for row in sheet.iter_rows(min_row=3)
                                  for c in row[:-1] if c.value is not None]


def test_cli_complaints_list_xlsx_is_the_pages_export(hostile, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JIJIAN_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "out" / "信访件.xlsx"
    assert run_cli(_cli(hostile, "--text", "SUM", "--xlsx", str(out))) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == f"已导出 1 件到 {out}"
    data = out.read_bytes()
    assert_no_formula(data)
    page = tmp_path / "page.xlsx"  # what the 信访登记 page writes for the same filter
    gui_query = ListQuery(entity="complaint", text="SUM", sort_key="received_date", descending=True)
    listing.export_xlsx(hostile, gui_query, page)
    assert _register_cells(data) == _register_cells(page.read_bytes())
    assert_texts_kept(data, "信访件", ["@SUM(A1)"])

    assert run_cli(_cli(hostile, "--xlsx", str(tmp_path / "all.xlsx"))) == 0
    rows = load_workbook(tmp_path / "all.xlsx")["信访件"].max_row
    assert rows == 3 + len(PAYLOADS)  # --limit only shortens the screen list, never the file (3: title, filter, header)


def test_cli_complaints_list_xlsx_unwritable_exits_1_in_chinese(hostile, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JIJIAN_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "out"
    folder = out / "x.xlsx"
    folder.mkdir(parents=True)
    assert run_cli(_cli(hostile, "--xlsx", str(folder))) == 1
    err = capsys.readouterr().err
    assert err == f"错误：已有同名文件夹，无法保存为文件：{folder}\n"
    blocker = out / "a-file"
    blocker.write_text("x")
    assert run_cli(_cli(hostile, "--xlsx", str(blocker / "out.xlsx"))) == 1
    err = capsys.readouterr().err
    assert err == f"错误：目标路径不是文件夹：{blocker}\n"
    assert sorted(p.name for p in out.iterdir()) == ["a-file", "x.xlsx"]
    assert list(folder.iterdir()) == [] and blocker.read_text() == "x"


def test_formula_looking_text_of_an_imported_ledger_comes_out_as_text(ws, tmp_path):
    """A workbook for import-ledger whose text cells hold formula-looking text (typed with a leading
    apostrophe in Excel, or exported by another system): it is imported as text and exported as text."""
    wb = Workbook()
    sh = wb.active
    sh.title = "信访件"
    sh.append(["编号", "收件日期", "来源渠道", "类型", "署名情况", "被反映人", "单位职务", "问题类别", "主要问题"])
    sh.append(["XF2026-0201", "2026-03-02", "来信", "检举控告", "匿名", "李四", "=1+1 所长", "廉洁纪律",
               '=HYPERLINK("http://x","y")'])
    for cell in (sh["G2"], sh["I2"]):
        cell.data_type, cell.quotePrefix = "s", True  # what Excel writes for '=1+1
    source = tmp_path / "台账.xlsx"
    wb.save(source)
    result = ledger_import.import_workbook(ws, source)
    assert result.problems == [] and result.counts["信访件"] == 1
    out = tmp_path / "导出.xlsx"
    assert listing.export_xlsx(ws, ListQuery(), out) == 1
    data = out.read_bytes()
    assert_no_formula(data)
    assert_texts_kept(data, "信访件", ['=HYPERLINK("http://x","y")', "=1+1"])
