"""County import against a township's own key holder and against odd sticks (issue 9 items 4–6).

Forged packages are made with the township's real installed key (``forge``): they carry valid
signatures, so only the schema, the PDF binding and the county's own handling stand in the way.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from models import AuditEvent, ReceivedPackage
from services import demo
from services.reporting import monthly_report
from services.submission import county, township
from tests.helpers.cli import run
from tests.conftest import ADMIN_PASSWORD
from tests.services.submission.conftest import PERIOD, TOWN_PASS, certify, make_ws, reopen
from tests.helpers.forge import forge

PW = {"JIJIAN_PASSWORD": ADMIN_PASSWORD}
SCHEMA_FAIL = "报表数据格式（report.json）：report.json 不符合月报数据格式："


def _rows(ws) -> list[tuple[str, int, str]]:
    with ws.reading() as s:
        return [(r.township_code, r.revision, r.status) for r in
                s.execute(select(ReceivedPackage).order_by(ReceivedPackage.id)).scalars()]


def _rejections(ws) -> list[dict]:
    with ws.reading() as s:
        return [json.loads(e.detail_json) for e in
                s.execute(select(AuditEvent).where(AuditEvent.action == "county.reject").order_by(AuditEvent.id)).scalars()]


def _leftovers(received: Path) -> list[str]:
    """Empty folders and staging folders under received/ (nothing half-made may stay)."""
    if not received.exists():
        return []
    bad = [p for p in received.rglob("*") if p.is_dir() and not any(p.iterdir())]
    bad += list(received.glob(".incoming-*"))
    return sorted(str(p.relative_to(received)) for p in bad)


def _county_report_cli(ws) -> dict:
    data_dir = ws.data_dir
    ws.close()
    r = run("--user", "wang", "county", "report", PERIOD, "--json", env=PW, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# ---------------------------------------------------------------- item 4: signed figures off the schema

def _month(value):
    def edit(report):
        report["figures"]["complaints_received"]["month"] = value
    return edit


def _extra_figure(report):
    report["figures"]["bonus"] = {"month": 1, "ytd": 1, "ytd_last_year": 0, "change_pct": None}


@pytest.mark.parametrize("edit, problem", [
    (_month("很多"), "“收到信访举报”的本月数应为 0 至 10000000 的整数，现为 “很多”"),
    (_month(-40), "“收到信访举报”的本月数应为 0 至 10000000 的整数，现为 -40"),
    (_extra_figure, "统计数据中有月报表没有的项：bonus"),
], ids=["text", "negative", "unknown"])
def test_validly_signed_bad_figures_are_refused_and_county_report_still_works(world, county_ws, tmp_path, edit,
                                                                               problem):
    (tmp_path / "forged").mkdir()
    forged = forge(world.towns["HS002"], world.package("HS002"), tmp_path / "forged", edit=edit)
    [o] = county.import_packages(county_ws, [forged])
    assert o.status == "rejected"
    assert [c["code"] for c in o.checks if not c["passed"]] == ["report_schema"]
    assert o.reasons == [SCHEMA_FAIL + problem]
    assert _rows(county_ws) == []
    assert not (county_ws.data_dir / "received" / "HS002").exists()
    assert [e["reasons"] for e in _rejections(county_ws)] == [[SCHEMA_FAIL + problem]]
    # the genuine packages still go in, and the 汇总 runs (the CLI too)
    assert [o.status for o in county.import_packages(county_ws, [world.stick])] == ["imported", "imported"]
    doc = county.consolidated_document(county_ws, PERIOD)
    assert county.county_report_pdf(county_ws, PERIOD).startswith(b"%PDF")
    cli = _county_report_cli(county_ws)
    assert cli["figures"] == doc["figures"]
    assert [(t["code"], t["submitted"]) for t in cli["townships"]] == [("HS002", True), ("LS004", False),
                                                                      ("QS001", True)]


def test_forged_report_without_schema_check_would_have_been_accepted_by_the_signatures(world, county_ws, tmp_path):
    """The forgery is a good one: every check but the schema passes."""
    (tmp_path / "forged").mkdir()
    forged = forge(world.towns["HS002"], world.package("HS002"), tmp_path / "forged", edit=_month("很多"))
    [o] = county.import_packages(county_ws, [forged])
    passed = {c["code"] for c in o.checks if c["passed"]}
    assert {"bag_valid", "cms_signature", "pdf_signature", "same_signer", "cert_chain", "not_revoked",
            "organization", "period_revision", "pdf_binding", "registered"} <= passed


# ---------------------------------------------------------------- item 6: April's PDF in May's package

@dataclass
class TwoMonths:
    county_template: Path
    town: object
    stick: Path

    def package(self, period: str) -> Path:
        return self.stick / f"SX005_{period}_月报_r1"

    def county(self, tmp_path: Path):
        shutil.copytree(self.county_template, tmp_path / "county")
        return reopen(tmp_path / "county")


@pytest.fixture(scope="module")
def two_months(world, tmp_path_factory):
    base = tmp_path_factory.mktemp("two-months")
    cty = world.county(base)
    town = make_ws(base / "SX005", name="石溪镇纪委", code="SX005")
    demo.generate_demo(town, complaints=120, seed=55, end=dt.date(2026, 10, 31))
    stick = base / "stick"
    stick.mkdir()
    certify(town, cty)
    for period in ("2026-09", PERIOD):
        monthly_report.finalize(town, period)
        township.build_submission(town, period, stick, TOWN_PASS)
    cty.close()
    yield TwoMonths(base / "county", town, stick)
    town.close()


def test_last_months_signed_pdf_in_this_months_package_is_refused(two_months, tmp_path):
    ws = two_months.county(tmp_path)
    try:
        april = (two_months.package("2026-09") / "data" / "report.pdf").read_bytes()
        (tmp_path / "forged").mkdir()
        forged = forge(two_months.town, two_months.package(PERIOD), tmp_path / "forged", signed_pdf=april)
        [o] = county.import_packages(ws, [forged])
        assert o.status == "rejected"
        assert [c["code"] for c in o.checks if not c["passed"]] == ["pdf_binding"]
        assert o.reasons == ["报表 PDF 与 report.json 对应：报表 PDF 签章时记录的报告期为“2026-09”，report.json 为“2026-10”；"
                             "报表 PDF 签章时记录的统计数据摘要与 report.json 的统计数据不符（两者不是同一份月报的数字）"]
        assert _rows(ws) == []
        # the genuine packages of both months go in
        outcomes = county.import_packages(ws, [two_months.stick])
        assert [(o.period, o.status) for o in outcomes] == [("2026-09", "imported"), (PERIOD, "imported")]
    finally:
        ws.close()


# ---------------------------------------------------------------- item 5: one odd item on a stick

@pytest.fixture
def odd_stick(world, tmp_path) -> Path:
    stick = tmp_path / "odd-stick"
    stick.mkdir()
    for code in ("QS001", "HS002"):
        shutil.copytree(world.package(code), stick / world.package(code).name)
    shutil.copyfile(world.package("QS001", zip=True), stick / "月报-副本.zip")      # a valid zip, renamed
    (stick / "说明.txt").write_text("请县纪委查收", "utf-8")                           # a random file
    raw = world.package("QS001", zip=True).read_bytes()
    (stick / "BY003_2026-10_月报_r1.zip").write_bytes(raw[: len(raw) // 2])         # a truncated zip
    broken = stick / "LS004_2026-10_月报_r1"                                         # looks like a bag, is not
    (broken / "data").mkdir(parents=True)
    (broken / "bagit.txt").write_text("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n", "utf-8")
    (broken / "data" / "report.json").write_text("{}", "utf-8")
    return stick


def test_each_item_on_a_stick_is_imported_or_refused_on_its_own(odd_stick, county_ws):
    outcomes = county.import_packages(county_ws, [odd_stick])
    by_name = {Path(o.path).name: o for o in outcomes}
    assert sorted(by_name) == sorted(["BY003_2026-10_月报_r1.zip", "HS002_2026-10_月报_r1", "LS004_2026-10_月报_r1",
                                      "QS001_2026-10_月报_r1", "月报-副本.zip", "说明.txt"])
    assert {n for n, o in by_name.items() if o.imported} == {"HS002_2026-10_月报_r1", "QS001_2026-10_月报_r1"}
    assert _rows(county_ws) == [("HS002", 1, "accepted"), ("QS001", 1, "accepted")]

    assert by_name["月报-副本.zip"].reasons[0] == (
        "文件结构：压缩包文件名“月报-副本.zip”与包内文件夹名“QS001_2026-10_月报_r1”不一致"
        "（应为“QS001_2026-10_月报_r1.zip”），请使用原文件名")
    assert by_name["说明.txt"].reasons == [county.NOT_A_PACKAGE]
    truncated = by_name["BY003_2026-10_月报_r1.zip"].reasons
    assert len(truncated) == 1 and truncated[0].startswith("文件结构：压缩包已损坏，无法打开："), truncated
    broken = by_name["LS004_2026-10_月报_r1"].reasons
    assert broken[0] == ("文件结构：缺少文件：bag-info.txt、data/report.pdf、data/report.xlsx、manifest-sha256.txt、"
                         "signature.p7s、tagmanifest-sha256.txt")
    assert [r for o in outcomes for r in o.reasons if "未检查" in r] == []  # only what was found is listed

    assert _leftovers(county_ws.data_dir / "received") == []
    refused = {Path(e["source"]).name: e["reasons"] for e in _rejections(county_ws)}
    assert refused == {n: o.reasons for n, o in by_name.items() if not o.imported}


def test_an_unexpected_failure_in_one_item_leaves_nothing_and_the_others_go_on(world, county_ws):
    received = county_ws.data_dir / "received"
    received.mkdir(exist_ok=True)
    (received / "QS001").write_text("not a folder", "utf-8")  # QS001's storage place cannot be made
    outcomes = county.import_packages(county_ws, [world.stick])
    assert [(o.township_code, o.status) for o in outcomes] == [("HS002", "imported"), ("QS001", "rejected")]
    [reason] = outcomes[1].reasons
    assert reason.startswith("接收时出错，未导入：读写文件失败（"), reason
    assert _rows(county_ws) == [("HS002", 1, "accepted")]
    (received / "QS001").unlink()
    assert _leftovers(received) == []
    assert [e["reasons"] for e in _rejections(county_ws)] == [[reason]]
    # once the obstacle is gone, the same stick brings the rest
    again = county.import_packages(county_ws, [world.stick])
    assert [(o.township_code, o.status) for o in again] == [("HS002", "replay"), ("QS001", "imported")]


def test_cli_exit_codes_follow_what_was_imported(odd_stick, county_ws, tmp_path):
    data_dir = county_ws.data_dir
    county_ws.close()
    r = run("--user", "wang", "county", "import", str(odd_stick), env=PW, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1] == "共 6 项，接收 2 个，未接收 4 个。"
    refused = [line for line in lines if line.startswith("✗ 未接收")]
    assert sorted(line.rsplit("：", 1)[1] for line in refused) == sorted(
        str(odd_stick / n) for n in ("BY003_2026-10_月报_r1.zip", "LS004_2026-10_月报_r1", "月报-副本.zip", "说明.txt"))
    assert f"    - {county.NOT_A_PACKAGE}" in lines
    # nothing new to import: exit 1
    r = run("--user", "wang", "county", "import", str(odd_stick), "--json", env=PW, data_dir=data_dir)
    assert r.returncode == 1
    assert sorted(o["status"] for o in json.loads(r.stdout)) == ["rejected"] * 4 + ["replay"] * 2
    r = run("--user", "wang", "county", "import", env=PW, data_dir=data_dir)
    assert r.returncode == 2
