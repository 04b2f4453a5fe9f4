"""The report, finalize, correct, revisions and import-ledger commands, run as a clerk would run them."""
import datetime as dt
import json

from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from tests.helpers.cli import run

PW = {"JIJIAN_PASSWORD": "secret-123"}


def book(path, complaints):
    wb = Workbook()
    ws = wb.active
    ws.title = "信访件"
    ws.append(["编号", "收件日期", "来源渠道", "类型", "署名情况", "被反映人", "主要问题"])
    for row in complaints:
        ws.append(row)
    wb.save(path)
    return path


def test_import_report_finalize_correct(tmp_path):
    d = tmp_path / "d"
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env=PW, data_dir=d)
    assert r.returncode == 0, r.stderr
    r = run("--user", "wang", "users", "add", "zhou", "--roles", "officer",
            env={**PW, "JIJIAN_NEW_PASSWORD": "zhou-pass-1"}, data_dir=d)
    assert r.returncode == 0, r.stderr

    template = tmp_path / "模板.xlsx"
    r = run("import-ledger", "--template", str(template), data_dir=d)
    assert r.returncode == 0 and template.exists(), r.stderr
    assert load_workbook(template).sheetnames[:2] == ["信访件", "问题线索"]

    bad = book(tmp_path / "bad.xlsx", [["XF-1", "2024-06-31", "来信", "检举控告", "匿名", "李四", "问题"],
                                       ["XF-2", "2024-06-03", "来函", "批评建议", "匿名", None, "建议"]])
    r = run("--user", "wang", "import-ledger", str(bad), env=PW, data_dir=d)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "工作表\t行\t列\t原因"
    assert any(line.startswith("信访件\t2\t收件日期\t") for line in lines)
    assert any(line.startswith("信访件\t3\t来源渠道\t") for line in lines)
    assert "未导入任何数据" in r.stderr
    r = run("--user", "wang", "import-ledger", str(bad), "--json", env=PW, data_dir=d)
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["ok"] is False and len(out["problems"]) == 2

    good = book(tmp_path / "good.xlsx", [["XF-1", "2024-06-03", "来信", "检举控告", "匿名", "李四", "问题"],
                                         ["XF-2", dt.datetime(2024, 6, 30), "来访", "批评建议", "匿名", None, "建议"],
                                         ["XF-3", "2023年6月1日", "来信", "批评建议", "匿名", None, "建议"]])
    r = run("--user", "wang", "import-ledger", str(good), "--dry-run", env=PW, data_dir=d)
    assert r.returncode == 0 and "试运行" in r.stdout and "信访件 3 件" in r.stdout, r.stderr
    r = run("--user", "wang", "import-ledger", str(good), env=PW, data_dir=d)
    assert r.returncode == 0 and "导入完成" in r.stdout, r.stderr

    pdf, xlsx = tmp_path / "out" / "月报.pdf", tmp_path / "out" / "月报.xlsx"
    r = run("--user", "zhou", "report", "2024-06", "--json", "--pdf", str(pdf), "--xlsx", str(xlsx),
            env={"JIJIAN_PASSWORD": "zhou-pass-1"}, data_dir=d)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "jijian.monthly-report/1" and doc["period"] == "2024-06"
    assert doc["org"] == {"name": "青山镇纪委", "code": "QS001", "county": "云岭县纪委", "mode": "township"}
    figs = doc["figures"]
    assert figs["complaints_received"] == {"month": 2, "ytd": 2, "ytd_last_year": 1, "change_pct": 100.0}
    assert figs["complaints_by_channel"]["visit"]["month"] == 1
    assert figs["leads_by_disposition"]["talk_inquiry"]["month"] == 0
    assert set(figs["four_forms"]) == {"form1", "form2", "form3", "form4"}
    assert figs["double_investigation"]["ledgers"] == {"month": 0, "ytd": 0, "ytd_last_year": 0, "change_pct": None}
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "（草稿）" in text and "2024年6月" in text
    assert load_workbook(xlsx)["数据"]["C2"].value == 2

    r = run("--user", "wang", "report", "2024-06", env=PW, data_dir=d)
    assert r.returncode == 0 and "收到信访举报" in r.stdout and "（草稿）" in r.stdout

    r = run("--user", "zhou", "finalize", "2024-06", env={"JIJIAN_PASSWORD": "zhou-pass-1"}, data_dir=d)
    assert r.returncode == 1 and "权限" in r.stderr
    finalized = run("--user", "wang", "finalize", "2024-06", "--note", "首报", env=PW, data_dir=d)
    assert finalized.returncode == 0, finalized.stderr
    r = run("--user", "wang", "finalize", "2024-06", env=PW, data_dir=d)
    assert r.returncode == 1 and "不能重复定稿" in r.stderr
    r = run("--user", "wang", "correct", "2024-06", "--reason", "补登一件来信", env=PW, data_dir=d)
    assert r.returncode == 0 and "第 2 版" in r.stdout, r.stderr
    r = run("--user", "wang", "revisions", "2024-06", "--json", env=PW, data_dir=d)
    revs = json.loads(r.stdout)
    assert [(v["revision"], v["status"], v["note"], v["correction_reason"]) for v in revs] == [
        (1, "finalized", "首报", ""), (2, "open", "", "补登一件来信")]
    assert finalized.stdout == f"2024-06 月报第 1 版已定稿，校验码（SHA-256）：{revs[0]['sha256']}\n"
    r = run("--user", "wang", "revisions", "2024-06", env=PW, data_dir=d)
    assert f" 校验码 {revs[0]['sha256'][:16]}…" in r.stdout.splitlines()[0]
    assert len(revs[0]["sha256"]) == 64

    r = run("--user", "wang", "report", "2024-13", env=PW, data_dir=d)
    assert r.returncode == 2 and "报告期格式不正确" in r.stderr
    r = run("--user", "wang", "import-ledger", env=PW, data_dir=d)
    assert r.returncode == 2
