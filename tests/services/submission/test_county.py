"""County import (verify first, keep the original, supersede, refuse replays) and the 汇总."""
from __future__ import annotations

import io
import json
import shutil

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from models import AuditEvent, ReceivedPackage
from services.errors import PermissionDenied, StateError
from services.reporting import monthly_report
from services.reporting.layout import get_figure, leaf_key_paths
from services.submission import county, county_ca
from tests.conftest import sign_in_as
from tests.services.submission.conftest import COUNTY_PASS, PERIOD


def _rows(ws) -> list[tuple[str, int, str]]:
    with ws.reading() as s:
        return [(r.township_code, r.revision, r.status) for r in
                s.execute(select(ReceivedPackage).order_by(ReceivedPackage.id)).scalars()]


def test_stick_import_keeps_originals(world, county_ws):
    outcomes = county.import_packages(county_ws, [world.stick])
    # QS001 was written as folder + zip: the folder is imported once, the zip is not a second package.
    assert [(o.township_code, o.revision, o.status) for o in outcomes] == [("HS002", 1, "imported"),
                                                                          ("QS001", 1, "imported")]
    assert _rows(county_ws) == [("HS002", 1, "accepted"), ("QS001", 1, "accepted")]
    stored = county_ws.data_dir / "received" / "QS001" / PERIOD / "r1" / "QS001_2026-10_月报_r1"
    original = world.package("QS001")
    for rel in ("data/report.pdf", "data/report.json", "signature.p7s", "tagmanifest-sha256.txt"):
        assert (stored / rel).read_bytes() == (original / rel).read_bytes()
    with county_ws.reading() as s:
        row = s.execute(select(ReceivedPackage).where(ReceivedPackage.township_code == "QS001")).scalar_one()
        doc = json.loads(row.document_json)
        verification = json.loads(row.verification_json)
        assert row.stored_path == "received/QS001/2026-10/r1/QS001_2026-10_月报_r1"
        assert row.township_name == "青山镇纪委"
    frozen = monthly_report.get_revision(world.towns["QS001"], PERIOD, 1)
    assert doc["figures"] == frozen.document["figures"]
    assert verification["accepted"] is True
    assert {c["code"] for c in verification["checks"]} >= {"cms_signature", "pdf_signature", "registered"}
    assert not list((county_ws.data_dir / "received").glob(".incoming-*"))


def test_zip_import(world, county_ws):
    [o] = county.import_packages(county_ws, [world.package("QS001", zip=True)])
    assert o.imported, o.reasons
    stored = county_ws.data_dir / o.stored_path
    assert stored.is_file() and stored.read_bytes() == world.package("QS001", zip=True).read_bytes()


def test_tampered_package_rejected_with_reasons_and_not_stored(world, county_ws, tmp_path):
    bad = tmp_path / "bad" / "QS001_2026-10_月报_r1"
    shutil.copytree(world.package("QS001"), bad)
    raw = (bad / "data" / "report.json").read_bytes()
    at = raw.index(b'"ytd": ') + len(b'"ytd": ')
    digit = raw[at:at + 1]
    forged = raw[:at] + (b"9" if digit != b"9" else b"8") + raw[at + 1:]  # same size: only the hash tells
    (bad / "data" / "report.json").write_bytes(forged)
    [o] = county.import_packages(county_ws, [bad.parent])
    assert o.status == "rejected"
    assert any(r.startswith("BagIt 完整性校验：") and "report.json" in r for r in o.reasons), o.reasons
    failed = {c["code"] for c in o.checks if not c["passed"]}
    assert "bag_valid" in failed
    assert _rows(county_ws) == []
    assert not (county_ws.data_dir / "received" / "QS001").exists()
    with county_ws.reading() as s:
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "county.reject")).scalar_one()
        assert "BagIt" in ev.detail_json


def test_newer_revision_supersedes_and_replay_is_refused(world, county_ws):
    [a] = county.import_packages(county_ws, [world.package("QS001", 1)])
    [b] = county.import_packages(county_ws, [world.package("QS001", 2)])
    assert a.imported and b.imported and b.superseded_revision == 1
    assert _rows(county_ws) == [("QS001", 1, "superseded"), ("QS001", 2, "accepted")]
    # Both revisions stay on disk (history).
    assert (county_ws.data_dir / "received" / "QS001" / PERIOD / "r1").is_dir()
    assert (county_ws.data_dir / "received" / "QS001" / PERIOD / "r2").is_dir()

    [replay] = county.import_packages(county_ws, [world.package("QS001", 1)])
    assert replay.status == "replay" and not replay.imported
    assert "重复或过期的版本" in replay.reasons[0] and "第 2 版" in replay.reasons[0]
    [again] = county.import_packages(county_ws, [world.package("QS001", 2)])
    assert again.status == "replay"
    assert _rows(county_ws) == [("QS001", 1, "superseded"), ("QS001", 2, "accepted")]
    doc = county.consolidated_document(county_ws, PERIOD)
    qs = next(t for t in doc["townships"] if t["code"] == "QS001")
    assert qs["revision"] == 2


def test_revoked_township_refused(world, county_ws):
    county_ca.revoke(county_ws, township_code="HS002", reason="私钥泄露", passphrase=COUNTY_PASS)
    [o] = county.import_packages(county_ws, [world.package("HS002")])
    assert o.status == "rejected"
    failed = {c["code"]: c["reason_zh"] for c in o.checks if not c["passed"]}
    assert "not_revoked" in failed and "吊销" in failed["not_revoked"]
    assert _rows(county_ws) == []


def test_revocation_seen_even_when_crl_file_is_stale(world, county_ws):
    county_ca.revoke(county_ws, township_code="HS002", reason="私钥泄露", passphrase=COUNTY_PASS)
    (county_ws.data_dir / "ca" / "crl.pem").unlink()  # e.g. lost; the registry still knows
    [o] = county.import_packages(county_ws, [world.package("HS002")])
    assert o.status == "rejected" and any("被县纪委吊销" in r for r in o.reasons), o.reasons


def test_package_signed_under_another_root_refused(world, request):
    other = request.getfixturevalue("county")  # another county: its own root, no townships registered
    [o] = county.import_packages(other, [world.package("QS001")])
    assert o.status == "rejected"
    failed = {c["code"] for c in o.checks if not c["passed"]}
    assert {"cms_signature", "cert_chain", "registered"} <= failed


def test_nothing_found_and_permissions(world, county_ws, tmp_path):
    empty = tmp_path / "empty-stick"
    empty.mkdir()
    [o] = county.import_packages(county_ws, [empty, ])
    assert o.status == "rejected" and "没有找到报送包" in o.reasons[0]
    sign_in_as(county_ws, "clerk1", ["clerk"])
    with pytest.raises(PermissionDenied):
        county.import_packages(county_ws, [world.stick])
    with pytest.raises(StateError, match="乡镇模式"):
        county.import_packages(world.towns["QS001"], [world.stick])


def test_consolidated_document_sums_and_lists_missing(world, county_ws):
    county.import_packages(county_ws, [world.stick])
    doc = county.consolidated_document(county_ws, PERIOD)
    assert doc["org"]["mode"] == "county" and doc["org"]["name"] == "云岭县纪委"
    towns = {t["code"]: t for t in doc["townships"]}
    assert set(towns) == {"QS001", "HS002", "LS004"}
    assert towns["LS004"]["submitted"] is False and doc["not_submitted"] == [{"code": "LS004", "name": "柳树乡纪委"}]
    parts = [monthly_report.get_revision(world.towns[c], PERIOD, 1).document["figures"] for c in ("QS001", "HS002")]
    keys = leaf_key_paths(parts[0])
    assert len(keys) > 30
    for key in keys:
        got = get_figure(doc["figures"], key)
        for field in ("month", "ytd", "ytd_last_year"):
            assert got[field] == sum(get_figure(p, key)[field] for p in parts), (key, field)
        last, ytd = got["ytd_last_year"], got["ytd"]
        assert got["change_pct"] == (None if last == 0 else round((ytd - last) * 100 / last + 1e-9, 1)), key

    pdf = county.county_report_pdf(county_ws, PERIOD)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "汇总表" in text and "柳树乡纪委" in text and "未报送" in text
    wb = openpyxl.load_workbook(io.BytesIO(county.county_report_xlsx(county_ws, PERIOD)))
    sheet = wb["各乡镇"]
    codes = [sheet.cell(r, 2).value for r in range(3, 6)]
    assert codes == ["HS002", "LS004", "QS001"]
    assert sheet.cell(3, 4).value == "已报送" and sheet.cell(4, 4).value == "未报送"
