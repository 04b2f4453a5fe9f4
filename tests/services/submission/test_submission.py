"""The township's submission package: refusals leave nothing behind; a good one verifies."""
from __future__ import annotations

import datetime as dt
import json
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import select

from models import AuditEvent, Submission
from services.errors import AuthenticationError, NotFoundError, PermissionDenied, StateError
from services.reporting import monthly_report, pdf_form
from services.reporting.fonts import find_cjk_font
from services.submission import county_ca, keys, township
from services.submission.package import verify_package
from tests.conftest import sign_in_as
from tests.services.submission.conftest import PERIOD, TOWN_PASS, certify


@pytest.fixture
def finalized(ws):
    monthly_report.finalize(ws, PERIOD)
    return ws


def _submissions(ws) -> int:
    with ws.reading() as s:
        return len(list(s.execute(select(Submission)).scalars()))


def test_unfinalized_report_refused(ws, county, stick):
    certify(ws, county)
    with pytest.raises(StateError, match="^2026年11月月报尚未定稿，不能生成报送包$"):
        township.build_submission(ws, "2026-11", stick, TOWN_PASS)
    assert list(stick.iterdir()) == []


def test_open_correction_refused(finalized, county, stick):
    certify(finalized, county)
    monthly_report.correct(finalized, PERIOD, "数字有误")
    with pytest.raises(StateError, match="正在更正（第 2 版）"):
        township.build_submission(finalized, PERIOD, stick, TOWN_PASS)
    assert list(stick.iterdir()) == []


def test_missing_key_or_certificate_refused(finalized, county, stick):
    with pytest.raises(NotFoundError, match="还没有签章私钥"):
        township.build_submission(finalized, PERIOD, stick, TOWN_PASS)
    keys.create_signing_key(finalized, TOWN_PASS)
    with pytest.raises(NotFoundError, match="尚未安装县纪委签发的签章证书"):
        township.build_submission(finalized, PERIOD, stick, TOWN_PASS)
    assert list(stick.iterdir()) == [] and _submissions(finalized) == 0


def test_expired_certificate_refused(finalized, county, stick):
    certify(finalized, county, valid_days=1)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)
    finalized.now = lambda: later
    assert keys.key_status(finalized)["expired"] is True
    with pytest.raises(StateError, match="签章证书已于 .* 过期，请向县纪委申请新证书"):
        township.build_submission(finalized, PERIOD, stick, TOWN_PASS)
    assert list(stick.iterdir()) == [] and _submissions(finalized) == 0


def test_wrong_passphrase_refused(finalized, county, stick):
    certify(finalized, county)
    with pytest.raises(AuthenticationError, match="私钥口令错误"):
        township.build_submission(finalized, PERIOD, stick, "wrong-pass-9")
    assert list(stick.iterdir()) == [] and _submissions(finalized) == 0


def test_missing_target_and_permission(finalized, county, stick, tmp_path):
    certify(finalized, county)
    from services.errors import ValidationError
    with pytest.raises(ValidationError, match="输出文件夹不存在"):
        township.build_submission(finalized, PERIOD, tmp_path / "no-stick", TOWN_PASS)
    sign_in_as(finalized, "zhou", ["officer"])
    with pytest.raises(PermissionDenied, match="生成报送包"):
        township.build_submission(finalized, PERIOD, stick, TOWN_PASS)
    assert list(stick.iterdir()) == []


def test_good_package_is_signed_bagged_verified_and_recorded(finalized, county, stick):
    certify(finalized, county)
    frozen = monthly_report.get_revision(finalized, PERIOD)
    result = township.build_submission(finalized, PERIOD, stick, TOWN_PASS, make_zip=True)
    name = "QS001_2026-10_月报_r1"
    assert sorted(p.name for p in stick.iterdir()) == [name, name + ".zip"]
    assert result.file_name == name + ".zip" and result.revision == 1

    folder = stick / name
    report = json.loads((folder / "data" / "report.json").read_text("utf-8"))
    assert report["figures"] == frozen.document["figures"]
    assert (report["org_code"], report["org_name"], report["period"], report["revision"]) == \
        ("QS001", "青山镇纪委", PERIOD, 1)
    assert report["snapshot_sha256"] == frozen.view.sha256
    assert (folder / "data" / "report.xlsx").read_bytes() == frozen.xlsx
    info = (folder / "bag-info.txt").read_text("utf-8")
    assert f"Audit-Chain-Head: {report['audit_head']}" in info

    # The signed PDF is the frozen one plus an incremental signature with a visible stamp.
    signed = (folder / "data" / "report.pdf").read_bytes()
    assert signed.startswith(frozen.pdf)
    [sig] = PdfFileReader(BytesIO(signed)).embedded_signatures
    page, box = pdf_form.signature_box(frozen.document, font=find_cjk_font())
    rect = [float(v) for v in sig.sig_field["/Kids"][0]["/Rect"]] if "/Kids" in sig.sig_field \
        else [float(v) for v in sig.sig_field["/Rect"]]
    assert rect == [float(int(v)) for v in box]

    root = county_ca.root_cert_pem(county)
    for target in (folder, stick / (name + ".zip")):
        rep = verify_package(target, root_pem=root, expected_org_code="QS001")
        assert rep.accepted, rep.to_json()

    [row] = township.list_submissions(finalized)
    assert (row["period"], row["revision"], row["file_name"], row["sha256"]) == (PERIOD, 1, name + ".zip",
                                                                                   result.sha256)
    assert row["created_by"] == "王书记" and row["target"] == str(stick.resolve())
    with finalized.reading() as s:
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "package.create")).scalar_one()
        detail = json.loads(ev.detail_json)
        assert detail["audit_head"] == report["audit_head"] and detail["sha256"] == result.sha256
        # The head in the package is the chain head just before the package was recorded.
        assert ev.prev_hash == report["audit_head"]

    # The same revision again: refused, the stick unchanged.
    with pytest.raises(StateError, match="已存在"):
        township.build_submission(finalized, PERIOD, stick, TOWN_PASS)
    assert sorted(p.name for p in stick.iterdir()) == [name, name + ".zip"]
    assert _submissions(finalized) == 1
