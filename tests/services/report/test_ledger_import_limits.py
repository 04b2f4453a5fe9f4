"""Hostile workbooks: a zip bomb, too many rows, a DTD. Each is refused, named, before memory is spent."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from openpyxl import Workbook

from services.interchange import ledger_import, xlsx_guard

from .conftest import snapshot

ROOT = Path(__file__).resolve().parents[3]
SHEET = "xl/worksheets/sheet1.xml"
HEAD = ["编号", "收件日期", "来源渠道", "类型", "署名情况", "被反映人", "主要问题"]
_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _cells(values: list[str]) -> bytes:
    return b"".join(b'<c t="inlineStr"><is><t>' + v.encode() + b"</t></is></c>" for v in values)


def crafted(path: Path, body, *, prolog: bytes = b"", dimension: bytes = b"") -> Path:
    """A real .xlsx (written by openpyxl) whose 信访件 sheet XML is replaced, streamed through
    zipfile: the header row, then every chunk ``body`` yields."""
    wb = Workbook()
    wb.active.title = "信访件"
    wb.active.append(HEAD)
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if info.filename != SHEET:
                out.writestr(info, src.read(info))
                continue
            with out.open(SHEET, "w", force_zip64=True) as f:
                f.write(prolog + _NS + dimension + b"<sheetData><row>" + _cells(HEAD) + b"</row>")
                for chunk in body:
                    f.write(chunk)
                f.write(b"</sheetData></worksheet>")
    return path


def bomb(path: Path, unpacked: int) -> Path:
    """The same valid-looking complaint row repeated until the sheet XML is ``unpacked`` bytes."""
    row = b"<row>" + _cells(["XF-1", "2026-03-02", "来信", "批评建议", "匿名", "李四", "建议"]) + b"</row>"
    chunk = row * (2 ** 20 // len(row))
    return crafted(path, (chunk for _ in range(unpacked // len(chunk) + 1)))


_CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))  # a runaway reader dies, not the box
    from services.security import users
    from tests.helpers.crypto import CHEAP_CRYPTO  # the CLI run below keeps the production costs
    mode, data, xlsx, out = sys.argv[1:]
    def peak():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    def counts():
        import sqlite3
        con = sqlite3.connect(data + "/jijian.sqlite")
        try:
            out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("complaints", "complaint_subjects", "leads", "cases", "measures", "ledger_entries")}
            out["audit"] = con.execute("SELECT count(*) FROM audit_events WHERE action NOT LIKE 'login%'"
                                       " AND action NOT LIKE 'user.%'").fetchone()[0]
            return out
        finally:
            con.close()
    result = {}
    if mode == "service":
        from services.interchange import ledger_import
        from services.security import setup
        from services.storage.workspace import open_workspace
        ws = open_workspace(data, crypto=CHEAP_CRYPTO)
        setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                         username="wang", display_name="王书记", password="secret-123")
        users.login(ws, "wang", "secret-123")
        result["before"], result["peak_before"] = counts(), peak()
        r = ledger_import.import_workbook(ws, xlsx)
        result["problems"] = [p.text() for p in r.problems]
        ws.close()
    else:
        import contextlib, io, os
        from cli.app import run_cli
        os.environ["JIJIAN_PASSWORD"] = "secret-123"
        assert run_cli(["--data-dir", data, "--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code",
                        "QS001", "--county-name", "云岭县纪委"]) == 0
        result["before"], result["peak_before"] = counts(), peak()
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            result["rc"] = run_cli(["--data-dir", data, "--user", "wang", "import-ledger", xlsx])
        result["stdout"], result["stderr"] = stdout.getvalue(), stderr.getvalue()
    result["after"], result["peak"] = counts(), peak()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
""")


def run_import(tmp_path: Path, xlsx: Path, mode: str) -> dict:
    out = tmp_path / f"{mode}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", _CHILD, mode, str(tmp_path / f"data-{mode}"), str(xlsx), str(out)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


BOMB_MESSAGE = ("工作簿解压后为 211 MB，超过上限 200 MB（可能是“压缩炸弹”文件），已拒绝导入；"
                "请把台账拆成几个文件分别导入")


def test_zip_bomb_is_refused_before_it_is_read(tmp_path):
    xlsx = bomb(tmp_path / "炸弹.xlsx", 210 * 2 ** 20)
    assert xlsx.stat().st_size < 2 * 2 ** 20  # small on disk …
    with zipfile.ZipFile(xlsx) as z:
        assert z.getinfo(SHEET).file_size > 210 * 2 ** 20  # … huge unpacked

    service = run_import(tmp_path, xlsx, "service")
    assert service["problems"] == [f"工作簿：{BOMB_MESSAGE}"]
    assert service["after"] == service["before"]  # nothing written, not even an audit event
    assert service["peak"] - service["peak_before"] < 30  # MB: the check streams, it does not unpack

    cli = run_import(tmp_path, xlsx, "cli")
    assert cli["rc"] == 1
    assert cli["stdout"].splitlines() == ["工作表\t行\t列\t原因", f"-\t-\t-\t{BOMB_MESSAGE}"]
    assert cli["stderr"] == "发现 1 处问题，未导入任何数据。请修改后重新导入。\n"
    assert cli["after"] == cli["before"]
    assert cli["peak"] - cli["peak_before"] < 30


def test_a_part_compressed_beyond_the_ratio_cap_is_refused(ws, tmp_path):
    # 20 MB of whitespace between two rows: under the total cap, but 1000 : 1.
    xlsx = crafted(tmp_path / "稀疏.xlsx", (b" " * 2 ** 20 for _ in range(20)))
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, xlsx)
    [problem] = result.problems
    ratio = zipfile.ZipFile(xlsx).getinfo(SHEET).file_size // zipfile.ZipFile(xlsx).getinfo(SHEET).compress_size
    assert problem.text() == (f"工作簿：工作簿部件“{SHEET}”的压缩比为 {ratio} : 1，超过上限 200 : 1"
                              "（可能是“压缩炸弹”文件），已拒绝导入")
    assert ratio > 200 and snapshot(ws) == before


def test_rows_are_counted_not_taken_from_the_dimension(ws, tmp_path):
    n = xlsx_guard.MAX_ROWS + 1
    rows = (f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'.encode() for i in range(2, n + 1))
    xlsx = crafted(tmp_path / "多行.xlsx", rows, dimension=b'<dimension ref="A1:A1"/>')  # the dimension lies
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, xlsx)
    assert [p.text() for p in result.problems] == [
        "工作簿：工作簿的行数超过上限 200000 行，已拒绝导入；请把台账拆成几个文件分别导入"]
    assert snapshot(ws) == before


def test_rows_up_to_the_cap_pass_the_check(tmp_path):
    rows = (f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'.encode() for i in range(2, 1001))
    assert xlsx_guard.check_xlsx(crafted(tmp_path / "ok.xlsx", rows)) == 1000


def test_a_dtd_is_refused(ws, tmp_path):
    prolog = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "XF-1XF-1XF-1XF-1">]>'
    row = b"<row>" + _cells(["&x;", "2026-03-02", "来信", "批评建议", "匿名", "李四", "建议"]) + b"</row>"
    xlsx = crafted(tmp_path / "实体.xlsx", [row], prolog=prolog)
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, xlsx)
    assert [p.text() for p in result.problems] == [
        f"工作簿：工作簿部件“{SHEET}”含有文档类型定义（DTD），Excel 不会写出这样的文件，已拒绝导入"]
    assert snapshot(ws) == before


def test_a_file_that_is_not_a_zip_keeps_its_message(ws, tmp_path):
    path = tmp_path / "假的.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    result = ledger_import.import_workbook(ws, path)
    assert [p.text() for p in result.problems] == ["工作簿：无法打开工作簿（应为 Excel .xlsx 文件）：BadZipFile"]
