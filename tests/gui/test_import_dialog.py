"""The 导入既有台账 dialog on a real workspace: check (dry run), problems table, import, template."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sqlalchemy import func, select

from gui.dialogs.import_dialog import ImportLedgerDialog
from models import Case, Complaint, Measure
from services.interchange import ledger_import

D = dt.date


def workbook(path: Path, *, good: bool) -> Path:
    """The service's own template, filled in the way a clerk would (Chinese labels, Excel dates)."""
    ledger_import.write_template(path)
    wb = openpyxl.load_workbook(path)

    def put(sheet: str, rows: list[dict]) -> None:
        ws = wb[sheet]
        heads = [str(c.value).rstrip("*") for c in ws[1]]
        for row in rows:
            ws.append([row.get(h) for h in heads])

    put("信访件", [
        {"编号": "XF2026-901", "收件日期": D(2026, 9, 3), "来源渠道": "来信", "类型": "检举控告", "署名情况": "匿名",
         "被反映人": "赵某", "单位职务": "青山村 主任", "主要问题": "违规发放补贴"},
        {"编号": "XF2026-902", "收件日期": D(2026, 10, 8) if good else "2026-13-45",
         "来源渠道": "来访" if good else "飞鸽", "类型": "批评建议", "署名情况": "匿名", "主要问题": "办事拖延"},
    ])
    put("案件", [{"案件编号": "LA2026-901", "被调查人": "赵某", "是否中共党员": "是", "是否监察对象": "是",
                "立案日期": D(2026, 10, 10), "结案日期": None if good else D(2026, 9, 1)}])
    put("处分处理", [{"编号": "LA2026-901", "姓名": "赵某", "类别": "党纪处分", "处理措施": "警告",
                    "决定日期": D(2026, 10, 20)}])
    wb.save(path)
    return path


def rows_in(ws, model) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def dialog(admin_ctx, qtbot):
    d = ImportLedgerDialog(admin_ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def test_good_workbook_shows_counts_then_imports_in_one_go(dialog, admin_ctx, tmp_path, qtbot, prompts):
    path = workbook(tmp_path / "台账.xlsx", good=True)
    prompts.answer(str(path))
    dialog.browse_button.click()
    assert prompts.texts("open") == ["选择要导入的台账"]
    assert dialog.path() == path
    assert not dialog.import_button.isEnabled()

    dialog.check_button.click()
    assert dialog.stack.currentWidget() is dialog.counts_table
    assert dialog.count_rows() == {"信访件": 2, "问题线索": 0, "案件": 1, "处分处理": 1, "一案双查": 0}
    assert "检查通过" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert rows_in(admin_ctx.ws, Complaint) == 0  # the check wrote nothing

    prompts.answer(True)
    with qtbot.waitSignal(dialog.sig_imported) as blocker:
        dialog.import_button.click()
    assert prompts.texts("confirm") == ["将导入 4 条记录（信访件 2 条、案件 1 条、处分处理 1 条）。导入后会记入审计日志，确定导入吗？"]
    assert blocker.args == [{"信访件": 2, "问题线索": 0, "案件": 1, "处分处理": 1, "一案双查": 0}]
    assert "导入完成" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert (rows_in(admin_ctx.ws, Complaint), rows_in(admin_ctx.ws, Case), rows_in(admin_ctx.ws, Measure)) == (2, 1, 1)

    # the same file again: every number already exists, nothing is imported twice
    dialog.check_button.click()
    assert dialog.stack.currentWidget() is dialog.problems_table
    assert all("已存在" in reason for *_, reason in dialog.problem_rows())
    assert not dialog.import_button.isEnabled()


def test_bad_workbook_shows_every_problem_and_imports_nothing(dialog, admin_ctx, tmp_path):
    dialog.set_path(workbook(tmp_path / "坏台账.xlsx", good=False))
    dialog.check_button.click()
    assert dialog.stack.currentWidget() is dialog.problems_table
    rows = dialog.problem_rows()
    assert ("信访件", "3", "收件日期", "收件日期“2026-13-45”不是有效日期") in rows
    assert any(r[:3] == ("信访件", "3", "来源渠道") and "飞鸽" in r[3] for r in rows)
    assert ("案件", "2", "结案日期", "结案日期不能早于立案日期") in rows
    assert f"发现 {len(rows)} 处问题，未导入任何数据" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.import_button.click()  # disabled: nothing happens
    dialog.run_import()
    assert (rows_in(admin_ctx.ws, Complaint), rows_in(admin_ctx.ws, Case), rows_in(admin_ctx.ws, Measure)) == (0, 0, 0)


def test_a_file_changed_after_the_check_must_be_checked_again(dialog, admin_ctx, tmp_path):
    path = workbook(tmp_path / "台账.xlsx", good=True)
    dialog.set_path(path)
    dialog.check_button.click()
    assert dialog.import_button.isEnabled()
    workbook(path, good=False)  # edited in Excel meanwhile
    dialog.run_import()
    assert "重新检查" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert rows_in(admin_ctx.ws, Complaint) == 0


def test_not_a_workbook_and_no_file_are_explained(dialog, tmp_path):
    dialog.check_button.click()
    assert "请先选择" in dialog.summary.text()
    fake = tmp_path / "照片.xlsx"
    fake.write_bytes(b"\x89PNG not a workbook")
    dialog.set_path(fake)
    dialog.check_button.click()
    (sheet, row, column, reason), = dialog.problem_rows()
    assert sheet == "（整个工作簿）" and "无法打开工作簿" in reason


def test_download_template_writes_the_workbook(dialog, tmp_path, prompts):
    target = tmp_path / "模板"
    prompts.answer(str(target))
    dialog.template_button.click()
    written = tmp_path / "模板.xlsx"
    assert prompts.texts() == ["保存导入模板",
                               f"模板已保存到：\n{written}\n\n按模板填写后，回到这里选择该文件并点“检查”。"]
    wb = openpyxl.load_workbook(written)
    assert {"信访件", "问题线索", "案件", "处分处理", "一案双查"} <= set(wb.sheetnames)


def test_template_where_it_cannot_be_written_shows_a_chinese_error(dialog, tmp_path, prompts):
    blocker = tmp_path / "一个文件"
    blocker.write_text("不是文件夹")
    target = blocker / "模板.xlsx"  # its "folder" is a file
    prompts.answer(str(target))
    dialog.save_template()
    assert prompts.texts("error") == [f"目标路径不是文件夹：{blocker}"]
    assert [s.title for s in prompts.shown if s.kind == "error"] == ["模板未保存"]
    assert blocker.read_text() == "不是文件夹"
