"""A certificate the county has revoked cannot sign a package once the township holds the county's CRL.

The attack: the county revokes 青山镇's certificate (its key is lost or misused) with its real CA and
publishes the revocation list; whoever holds the township key still tries to sign the month's package.
"""
from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from models import AuditEvent, Submission
from services.errors import StateError, ValidationError
from services.reporting import monthly_report
from services.submission import county_ca, keys, pki, township
from services.submission.cert_trust import revoked_message
from tests.services.submission.conftest import COUNTY_PASS, PERIOD, TOWN_PASS, certify, make_county


@pytest.fixture
def certified(ws, county):
    monthly_report.finalize(ws, PERIOD)
    cert_pem = certify(ws, county)
    return ws, pki.load_certificate(cert_pem)


def _submissions(ws) -> int:
    with ws.reading() as s:
        return len(list(s.execute(select(Submission)).scalars()))


def test_revoked_certificate_cannot_package(certified, county, stick):
    ws, cert = certified
    revoked = county_ca.revoke(county, township_code="QS001", reason="私钥丢失", passphrase=COUNTY_PASS)
    keys.install_crl(ws, revoked["crl_pem"])
    entry = pki.load_crl(revoked["crl_pem"]).get_revoked_certificate_by_serial_number(cert.serial_number)

    with pytest.raises(StateError) as refused:
        township.build_submission(ws, PERIOD, stick, TOWN_PASS)
    assert refused.value.message == "不能生成报送包：" + revoked_message(cert, entry.revocation_date_utc)
    assert list(stick.iterdir()) == []
    assert _submissions(ws) == 0


def test_a_crl_without_this_certificate_lets_it_package(certified, county, stick):
    ws, _ = certified
    keys.install_crl(ws, county_ca.crl(county, COUNTY_PASS))
    result = township.build_submission(ws, PERIOD, stick, TOWN_PASS)
    assert (stick / result.file_name).is_dir()
    with ws.reading() as s:
        installed = s.execute(select(AuditEvent).where(AuditEvent.action == "keys.install_crl")).scalars().all()
    assert len(installed) == 1


def test_crl_of_another_county_or_older_one_is_refused(certified, county, tmp_path):
    ws, _ = certified
    other = make_county(tmp_path / "other-county")
    try:
        with pytest.raises(ValidationError) as foreign:
            keys.install_crl(ws, county_ca.crl(other, COUNTY_PASS))
    finally:
        other.close()
    assert foreign.value.message == "吊销列表（CRL）不是由本机安装的县纪委根证书签发的"

    older = county_ca.crl(county, COUNTY_PASS)
    county.now = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    newer = county_ca.crl(county, COUNTY_PASS)
    keys.install_crl(ws, newer)
    with pytest.raises(ValidationError) as stale:
        keys.install_crl(ws, older)
    issued = pki.load_crl(older).last_update_utc.astimezone()
    assert stale.value.message == f"这份吊销列表（{issued:%Y-%m-%d %H:%M}）比本机已安装的旧，未安装"
    assert (keys.keys_dir(ws) / keys.CRL_FILE).read_bytes() == pki.load_crl(newer).public_bytes(serialization.Encoding.PEM)


def test_an_out_of_date_crl_still_refuses_what_it_lists(certified, county, stick):
    ws, cert = certified
    revoked = county_ca.revoke(county, township_code="QS001", reason="私钥丢失", passphrase=COUNTY_PASS)
    keys.install_crl(ws, revoked["crl_pem"])
    crl = pki.load_crl(revoked["crl_pem"])
    ws.now = lambda: crl.next_update_utc + dt.timedelta(days=5)
    with pytest.raises(StateError) as refused:
        township.build_submission(ws, PERIOD, stick, TOWN_PASS)
    when = crl.get_revoked_certificate_by_serial_number(cert.serial_number).revocation_date_utc
    assert refused.value.message == "不能生成报送包：" + revoked_message(cert, when)
    assert list(stick.iterdir()) == []


def test_an_out_of_date_crl_without_this_certificate_only_warns(certified, county, stick):
    ws, _ = certified
    crl_pem = county_ca.crl(county, COUNTY_PASS)
    keys.install_crl(ws, crl_pem)
    next_update = pki.load_crl(crl_pem).next_update_utc
    ws.now = lambda: next_update + dt.timedelta(days=5)
    result = township.build_submission(ws, PERIOD, stick, TOWN_PASS)
    assert (stick / result.file_name).is_dir()
    assert result.warnings[-1] == (f"吊销列表已于 {next_update.astimezone():%Y-%m-%d %H:%M} 过期，请向县纪委获取最新的吊销列表"
                                   "（本次未能用它核对本单位证书是否被吊销）")
