"""The 问题线索 sheet's 八项规定 columns (issue 12; leads hold eight_rules/eight_rules_type since migration 0010):
a lead flagged with a sub-type is imported so, and its case carries it; a sub-type implies the flag; a bad
sub-type, or one beside “否”, is refused in Chinese with its row, and nothing is written."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import Case, Lead
from models.enums import EightRulesType
from services.interchange import ledger_import

from .conftest import K_HEAD, L_HEAD, snapshot, write_book

pytestmark = pytest.mark.both_db  # the import and the plan's file are written in one transaction
HEAD = L_HEAD + ["是否违反八项规定", "八项规定问题类型"]


def _lead(number: str, name: str, flag, sub_type) -> list:
    return [number, "监督检查发现", None, name, "青山镇财政所 会计", "乡科级", "是", "初步核实", "2026-03-10",
            None, None, flag, sub_type]


def test_the_template_offers_the_columns_with_the_sub_types(tmp_path):
    wb = load_workbook(ledger_import.write_template(tmp_path / "模板.xlsx"))
    heads = [c.value for c in wb["问题线索"][1]]
    assert heads[-2:] == ["是否违反八项规定", "八项规定问题类型"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["问题线索"].data_validations.dataValidation}
    assert lists["L2"] == '"是,否"'
    assert lists["M2"] == '"' + ",".join(EightRulesType.labels()) + '"'
    assert "问题线索的“是否违反八项规定”“八项规定问题类型”可不填（沿用关联信访件的问题类型）；填了问题类型即为“是”。" in [
        row[0].value for row in wb["填写说明"].iter_rows()]
    wb.close()


def test_a_lead_flagged_with_a_sub_type_is_imported_and_its_case_carries_it(ws, tmp_path):
    book = write_book(tmp_path / "台账.xlsx", {
        "问题线索": [HEAD, _lead("XS2026-011", "李四", "是", "违规吃喝"),
                 _lead("XS2026-012", "王五", None, "allowances"),     # the code, the flag left blank
                 _lead("XS2026-013", "赵六", "否", None),
                 _lead("XS2026-014", "钱七", None, None)],
        "案件": [K_HEAD, ["LA2026-011", "XS2026-011", "李四", "青山镇财政所 会计", "乡科级", "是", "是", "2026-04-02"]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.counts["问题线索"] == 4
    with ws.reading() as s:
        leads = {x.number: (x.eight_rules, x.eight_rules_type) for x in s.execute(select(Lead)).scalars()}
        case = s.execute(select(Case)).scalar_one()
        assert (case.eight_rules, case.eight_rules_type) == (True, "dining")   # carried from its lead
    assert leads == {"XS2026-011": (True, "dining"), "XS2026-012": (True, "allowances"),
                     "XS2026-013": (False, None), "XS2026-014": (False, None)}


def test_a_bad_sub_type_is_refused_with_its_row_and_nothing_is_written(ws, tmp_path):
    before = snapshot(ws)
    book = write_book(tmp_path / "台账.xlsx", {
        "问题线索": [HEAD, _lead("XS2026-021", "李四", "是", "违规喝酒"), _lead("XS2026-022", "王五", "否", "违规吃喝")]})
    result = ledger_import.import_workbook(ws, book)
    assert not result.imported
    assert [(p.sheet, p.row, p.column, p.reason_zh) for p in result.problems] == [
        ("问题线索", 2, "八项规定问题类型",
         "八项规定问题类型“违规喝酒”不是可选的值，应为：" + "、".join(EightRulesType.labels())),
        ("问题线索", 3, "八项规定问题类型", "填写了八项规定问题类型，“是否违反八项规定”应填“是”（现为“否”）")]
    assert result.problems[0].text().startswith("工作表“问题线索” 第 2 行 “八项规定问题类型”列：八项规定问题类型“违规喝酒”")
    assert snapshot(ws) == before
