"""Every command that writes a file the user named, on a really full or read-only disk.

A full USB stick is a 64 KB tmpfs filled to its last block (tests/full_disk.py: mounted for the test;
the tests run as root in CI). Where mounting is not allowed, the same commands run with RLIMIT_FSIZE set once they
have signed in (tests/cli/fsize_child.py), so each write fails in the kernel with EFBIG; a
read-only stick is then a folder without write permission. Each case must end with a Chinese
message, exit code 1, no traceback, and nothing left on the stick — and nothing half-done in the
data dir either (no key or root generated for a request that could not be saved).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.reporting import monthly_report
from services.security import setup, users
from services.storage.workspace import open_workspace
from services.submission import county_ca, keys
from tests.conftest import ADMIN_PASSWORD
from tests.full_disk import Stick, readonly_message, stick
from tests.helpers import cli
from tests.services.submission.conftest import COUNTY_PASS, TOWN_PASS

PERIOD = "2026-10"
ROOT = Path(__file__).resolve().parents[2]


def run(stick: Stick, *args, env: dict, data_dir: Path):
    """The CLI in-process on a real tmpfs or read-only folder; a separate process only under the stick's
    RLIMIT_FSIZE, which would limit the test process itself."""
    if stick.limit is None:
        return cli.run(*args, env=env, data_dir=data_dir)
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    cmd = [sys.executable, str(ROOT / "tests" / "cli" / "fsize_child.py"), str(stick.limit),
           "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=e, cwd=ROOT)


@pytest.fixture
def full_stick(tmp_path):
    """A full disk: the tmpfs, else the RLIMIT_FSIZE child (for commands whose only write after sign-in
    is the file itself: report)."""
    yield from stick(tmp_path, "size=64k", fallback="fsize")


@pytest.fixture
def unwritable_stick(tmp_path):
    """A full disk: the tmpfs, else a folder without write permission (commands that also write the
    database after sign-in, which an RLIMIT would stop first)."""
    yield from stick(tmp_path, "size=64k", fallback="mode")


@pytest.fixture
def readonly_stick(tmp_path):
    yield from stick(tmp_path, "ro,size=64k", fallback="mode")


@pytest.fixture
def town(tmp_path):
    """An initialized township with a finalized report and a certified signing key."""
    county = open_workspace(tmp_path / "county")
    setup.initialize(county, org_name="云岭县纪委", org_code="YL000", county_name="云岭县纪委", mode="county",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(county, "wang", ADMIN_PASSWORD)
    county_ca.init_root(county, COUNTY_PASS)
    ws = open_workspace(tmp_path / "town")
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    csr = keys.create_signing_key(ws, TOWN_PASS)
    keys.install_certificate(ws, county_ca.issue(county, csr, COUNTY_PASS), county_ca.root_cert_pem(county),
                             TOWN_PASS)
    monthly_report.finalize(ws, PERIOD)
    county.close()
    ws.close()
    return tmp_path / "town"


PW = {"JIJIAN_PASSWORD": ADMIN_PASSWORD}


def _refused(r, message: str) -> None:
    assert (r.returncode, r.stderr) == (1, message), r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr


def test_report_pdf_and_xlsx_on_a_full_disk_say_so_and_leave_nothing(town, full_stick):
    for flag, name in (("--pdf", "月报.pdf"), ("--xlsx", "月报.xlsx")):
        target = full_stick.path / name
        r = run(full_stick, "--user", "wang", "report", PERIOD, flag, str(target), env=PW, data_dir=town)
        _refused(r, "错误：" + full_stick.full_message(target) + "\n")
        assert full_stick.leftovers() == []


def test_report_on_a_read_only_disk_keeps_nothing_and_says_so(town, readonly_stick):
    target = readonly_stick.path / "月报.pdf"
    r = run(readonly_stick, "--user", "wang", "report", PERIOD, "--pdf", str(target), "--xlsx",
            str(readonly_stick.path / "月报.xlsx"), env=PW, data_dir=town)
    _refused(r, "错误：" + readonly_message(target) + "\n")
    assert readonly_stick.leftovers() == []


def test_report_second_file_failing_names_the_first_one_written(town, tmp_path, readonly_stick):
    pdf, xlsx = tmp_path / "月报.pdf", readonly_stick.path / "月报.xlsx"
    r = run(readonly_stick, "--user", "wang", "report", PERIOD, "--pdf", str(pdf), "--xlsx", str(xlsx),
            env=PW, data_dir=town)
    _refused(r, "错误：" + readonly_message(xlsx) + f"（已写出 PDF：{pdf}）\n")
    assert pdf.read_bytes().startswith(b"%PDF") and readonly_stick.leftovers() == []


def test_ledger_template_on_a_full_disk(town, unwritable_stick):
    target = unwritable_stick.path / "模板.xlsx"
    r = run(unwritable_stick, "import-ledger", "--template", str(target), env={}, data_dir=town)
    _refused(r, "错误：" + unwritable_stick.full_message(target) + "\n")
    assert unwritable_stick.leftovers() == []


def test_package_on_a_full_or_read_only_stick(town, unwritable_stick, readonly_stick):
    env = {**PW, "JIJIAN_KEY_PASSPHRASE": TOWN_PASS}
    full = unwritable_stick
    r = run(full, "--user", "wang", "package", PERIOD, "--out", str(full.path), "--zip", env=env, data_dir=town)
    if full.reason() == "磁盘空间不足":  # the staging folder is made, its files do not fit
        _refused(r, f"错误：写入文件包失败（磁盘空间不足），已清理未完成的文件：{full.path}\n")
    else:
        _refused(r, f"错误：无法写入输出文件夹 {full.path}：{full.reason()}\n")
    assert full.leftovers() == []
    r = run(readonly_stick, "--user", "wang", "package", PERIOD, "--out", str(readonly_stick.path), env=env,
            data_dir=town)
    _refused(r, f"错误：无法写入输出文件夹 {readonly_stick.path}：{readonly_stick.reason()}\n")
    assert readonly_stick.leftovers() == []


def test_backup_to_a_read_only_stick(town, readonly_stick):
    r = run(readonly_stick, "--user", "wang", "backup", "--to", str(readonly_stick.path),
            env={**PW, "JIJIAN_BACKUP_PASSPHRASE": "backup-pass-1"}, data_dir=town)
    _refused(r, f"错误：目标读写失败（{readonly_stick.reason()}），备份未完成（已删除未完成的文件）："
                "请检查磁盘是否可用后重试。\n")
    assert readonly_stick.leftovers() == []


def test_key_request_to_a_full_stick_makes_no_key(town, unwritable_stick):
    before = {p.name: p.read_bytes() for p in (town / "keys").iterdir() if p.is_file()}
    target = unwritable_stick.path / "申请.csr"
    r = run(unwritable_stick, "--user", "wang", "keys", "create", "--replace", "--csr-out", str(target),
            env={**PW, "JIJIAN_KEY_PASSPHRASE": TOWN_PASS}, data_dir=town)
    _refused(r, "错误：" + unwritable_stick.full_message(target) + "\n")  # found by the probe before the key is replaced
    assert {p.name: p.read_bytes() for p in (town / "keys").iterdir() if p.is_file()} == before
    assert unwritable_stick.leftovers() == []


def test_complaint_list_export_on_a_full_disk(town, full_stick):
    target = full_stick.path / "信访件.xlsx"
    r = run(full_stick, "--user", "wang", "complaints", "list", "--xlsx", str(target), env=PW, data_dir=town)
    _refused(r, "错误：" + full_stick.full_message(target) + "\n")
    assert full_stick.leftovers() == []


def test_county_report_on_a_full_disk(town, full_stick):
    county = town.parent / "county"
    for flag, name in (("--pdf", "全县.pdf"), ("--xlsx", "全县.xlsx")):
        target = full_stick.path / name
        r = run(full_stick, "--user", "wang", "county", "report", PERIOD, flag, str(target), env=PW, data_dir=county)
        _refused(r, "错误：" + full_stick.full_message(target) + "\n")
        assert full_stick.leftovers() == []
