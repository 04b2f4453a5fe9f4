"""import-ledger with the identity columns, as a clerk runs it: sealed in the file, a bad 身份证号 named by row."""
import datetime as dt

from openpyxl import Workbook

from services.validation import id_check_digit
from tests.helpers.cli import run

PW = {"JIJIAN_PASSWORD": "secret-123"}
ID_NUMBER = "11010519491231002" + id_check_digit("11010519491231002")
HEAD = ["编号", "收件日期", "来源渠道", "类型", "署名情况", "反映人", "身份证号", "住址", "被反映人", "主要问题"]


def book(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "信访件"
    for row in [HEAD, *rows]:
        ws.append(row)
    wb.save(path)
    return path


def test_identity_columns_from_the_shell(tmp_path):
    d = tmp_path / "d"
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env=PW, data_dir=d)
    assert r.returncode == 0, r.stderr
    row = ["XF-1", dt.date(2024, 6, 3), "来信", "检举控告", "实名", "张三", ID_NUMBER, "青山镇红星村五组23号", "李四", "问题"]
    wrong = ID_NUMBER[:17] + ("1" if ID_NUMBER[17] != "1" else "2")  # a mistyped check digit
    bad = book(tmp_path / "bad.xlsx", [row, ["XF-2", *row[1:6], wrong, *row[7:]]])
    r = run("--user", "wang", "import-ledger", str(bad), env=PW, data_dir=d)
    assert r.returncode == 1
    assert r.stdout.splitlines() == ["工作表\t行\t列\t原因",
                                     "信访件\t3\t身份证号\t身份证号校验位（第18位）不正确，可能有数字输错，请核对"]
    good = book(tmp_path / "good.xlsx", [row])
    r = run("--user", "wang", "import-ledger", str(good), env=PW, data_dir=d)
    assert r.returncode == 0 and r.stdout.splitlines()[-1].startswith("导入完成：信访件 1 件"), r.stderr
    raw = b"".join(p.read_bytes() for p in d.glob("jijian.sqlite*"))
    assert ID_NUMBER.encode() not in raw and "红星村五组".encode() not in raw
