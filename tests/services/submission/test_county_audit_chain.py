"""The county holds each township's audit checkpoints: a township's chain may only ever grow.

A real county and a real township (keys, certificate, finalized months, packages on a stick);
the township's history is rewritten with sqlite3 on its database file, as an attacker would.
SQLite only: a county and its townships, each a desk of its own (the same rewrite on a server database:
tests/services/daily/test_audit_anchoring.py, both_db).
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from models import ReceivedPackage
from services import demo
from services.errors import StateError, ValidationError
from services.reporting import monthly_report
from services.security import audit
from services.submission import county, county_audit, township
from tests.services.audit_attack import attack, rewrite_without
from tests.services.submission.conftest import TOWN_PASS, certify, make_county, make_ws, reopen


@pytest.fixture
def pair(tmp_path):
    c = make_county(tmp_path / "county")
    town = make_ws(tmp_path / "QS001", name="青山镇纪委", code="QS001")
    certify(town, c)
    demo.generate_demo(town, complaints=12, seed=5, end=dt.date(2026, 10, 31))
    monthly_report.finalize(town, "2026-10")
    yield c, town, tmp_path
    town.close()
    c.close()


def _package(town, period, stick):
    stick.mkdir(exist_ok=True)
    return township.build_submission(town, period, stick, TOWN_PASS)


def _import(c, folder):
    [o] = county.import_packages(c, [folder])
    return o


def _reported_r1(c, town, tmp) -> int:
    """October r1 packaged and imported; the event count the county now holds for the township."""
    r1 = _package(town, "2026-10", tmp / "stick1")
    assert _import(c, tmp / "stick1" / r1.file_name).imported
    [(_p, _r, reported)] = _anchors(c)
    town.close()
    return reported


def _anchors(c):
    with c.reading() as s:
        return [(r.period, r.revision, r.audit_count) for r in
                s.execute(select(ReceivedPackage).order_by(ReceivedPackage.id)).scalars()]


def test_a_normal_sequence_of_packages_imports_and_the_county_keeps_the_checkpoints(pair):
    c, town, tmp = pair
    r1 = _package(town, "2026-10", tmp / "stick1")
    assert _import(c, tmp / "stick1" / r1.file_name).imported
    monthly_report.correct(town, "2026-10", "更正受理件数")
    monthly_report.finalize(town, "2026-10", "第二版")
    r2 = _package(town, "2026-10", tmp / "stick2")
    monthly_report.finalize(town, "2026-11")
    n1 = _package(town, "2026-11", tmp / "stick3")
    for stick, res in (("stick2", r2), ("stick3", n1)):
        o = _import(c, tmp / stick / res.file_name)
        assert o.imported, o.reasons
        check = next(ch for ch in o.checks if ch["code"] == "audit_chain")
        assert check["passed"] and check["reason_zh"].startswith("审计日志自已接收的第 ")
    counts = [a[2] for a in _anchors(c)]
    assert counts == sorted(counts) and len(set(counts)) == 3
    chain = json.loads((tmp / "stick3" / n1.file_name / "data" / "audit-chain.json").read_text("utf-8"))
    assert chain["since"]["count"] == counts[1] and [a[0] for a in chain["anchors"]] == counts[:2]
    assert chain["events"][-1] == [counts[2], chain["checkpoint"]["head"]]
    # ids and hashes only: nothing of a complaint or a person is in the extract
    assert set(chain) == {"schema", "org_code", "checkpoint", "since", "events", "anchors"}
    assert all(len(e) == 2 and isinstance(e[0], int) and len(e[1]) == 64 for e in chain["events"])


def test_a_rewritten_history_is_refused_naming_township_package_and_event(pair):
    c, town, tmp = pair
    reported = _reported_r1(c, town, tmp)
    rewrite_without(town, 5)  # someone with the file removes an early event and rehashes
    town = reopen(town.data_dir)
    with town.reading() as s:
        assert audit.verify_chain(s).ok
    monthly_report.finalize(town, "2026-11")
    n1 = _package(town, "2026-11", tmp / "stick2")
    o = _import(c, tmp / "stick2" / n1.file_name)
    assert o.status == "rejected"
    assert (f"审计链延续：青山镇纪委的审计日志已被改写：第 {reported} 条记录的哈希与已接收的2026年10月第 1 版报送包中的不一致"
            f"（已报送的历史在第 {reported} 条或之前被删除或改动），拒绝接收。{county_audit.RESET_HINT}") in o.reasons
    assert len(_anchors(c)) == 1
    # Checked with the township (say, it restored an old backup): the county's secretary resets the check.
    with pytest.raises(ValidationError, match="请填写重置原因"):
        county_audit.reset_anchor(c, "QS001", " ")
    done = county_audit.reset_anchor(c, "QS001", "电话核实：乡镇恢复了10月初的备份")
    assert (done["count"], done["package"]) == (reported, "2026-10/r1")
    o = _import(c, tmp / "stick2" / n1.file_name)
    assert o.imported, o.reasons
    with pytest.raises(StateError, match="无需重置"):
        county_audit.reset_anchor(c, "BY003", "没有")
    with c.reading() as s:
        [ev] = audit.events_for(s, "township", "QS001")
        assert ev.action == "county.audit_reset" and "恢复了10月初的备份" in ev.detail_json
    town.close()


def test_a_package_that_drops_the_extract_after_one_carried_it_is_refused(pair):
    import shutil
    c, town, tmp = pair
    r1 = _package(town, "2026-10", tmp / "stick1")
    assert _import(c, tmp / "stick1" / r1.file_name).imported
    monthly_report.finalize(town, "2026-11")
    n1 = _package(town, "2026-11", tmp / "stick2")
    # Rebuild the November bag without the extract, re-signed with the township's real key.
    from services.submission import keys
    from services.submission.package import build_package
    src = tmp / "stick2" / n1.file_name
    material = keys.signing_material(town)
    out = tmp / "stick3"
    out.mkdir()
    report = json.loads((src / "data" / "report.json").read_text("utf-8"))
    for k in ("org_code", "org_name", "period", "revision"):
        report.pop(k)
    build_package(out, org_code="QS001", org_name="青山镇纪委", period="2026-11", revision=1, report_json=report,
                  pdf_bytes=monthly_report.get_revision(town, "2026-11").pdf,
                  xlsx_bytes=(src / "data" / "report.xlsx").read_bytes(), audit_head=report["audit_head"],
                  key_pem=material.key_pem, passphrase=TOWN_PASS.encode(), cert_pem=material.cert_pem,
                  chain_pems=[material.root_pem], stamp_font_path=None, signature_box=None, now=town.now())
    shutil.rmtree(src)
    o = _import(c, out / n1.file_name)
    assert o.status == "rejected"
    assert ("审计链延续：本包缺少 data/audit-chain.json；青山镇纪委此前报送的文件包都附有审计链，"
            "不能确认其审计日志未被改写") in o.reasons


def test_events_cut_below_the_last_package_are_refused_at_the_next_import(pair):
    c, town, tmp = pair
    reported = _reported_r1(c, town, tmp)
    attack(town, f"DELETE FROM audit_events WHERE id > {reported - 2}")  # the package's last events
    town = reopen(town.data_dir)  # new events take the freed numbers
    monthly_report.finalize(town, "2026-11")
    n1 = _package(town, "2026-11", tmp / "stick2")
    o = _import(c, tmp / "stick2" / n1.file_name)
    assert o.status == "rejected"
    assert any(r.startswith(f"审计链延续：青山镇纪委的审计日志已被改写：第 {reported} 条记录的哈希") for r in o.reasons)
    town.close()
