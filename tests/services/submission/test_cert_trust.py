"""The one trust check on real certificates: what it says for each way a signer can be untrusted."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.errors import IntegrityFailure, ValidationError
from services.submission import pki
from services.submission.cert_trust import CertificateRevoked, RevocationUnknown, check_certificate

PASS = b"county-pass-1"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def county():
    root = pki.create_root("云岭县纪委", PASS, now=NOW - timedelta(days=30))
    _, csr = pki.create_signing_key("青山镇纪委", "QS001", b"town-pass-1")
    cert = pki.issue_certificate(root.key_pem, PASS, root.cert_pem, csr, serial=0x1234, valid_days=365,
                                 now=NOW - timedelta(days=10))
    return root, pki.load_certificate(root.cert_pem), pki.load_certificate(cert)


def _crl(root, revoked, *, at=NOW - timedelta(days=1), days=30):
    return pki.load_crl(pki.build_crl(root.key_pem, PASS, root.cert_pem, revoked, next_update_days=days, now=at))


def test_a_good_certificate_passes_with_and_without_the_crl(county):
    bundle, root, cert = county
    check_certificate(cert, root, NOW)
    check_certificate(cert, root, NOW, crl=_crl(bundle, []))


def test_revoked_certificate_is_refused_with_its_serial_and_date(county):
    bundle, root, cert = county
    when = NOW - timedelta(hours=3)
    with pytest.raises(CertificateRevoked) as refused:
        check_certificate(cert, root, NOW, crl=_crl(bundle, [(0x1234, when)], at=NOW - timedelta(hours=2)))
    assert refused.value.message == f"签名证书（序列号 1234）已于 {when.astimezone():%Y-%m-%d %H:%M} 被县纪委吊销"


def test_an_out_of_date_crl_cannot_answer(county):
    bundle, root, cert = county
    crl = _crl(bundle, [], at=NOW - timedelta(days=10), days=7)
    with pytest.raises(RevocationUnknown) as unknown:
        check_certificate(cert, root, NOW, crl=crl)
    assert unknown.value.message == (f"吊销列表已于 {crl.next_update_utc.astimezone():%Y-%m-%d %H:%M} 过期，"
                                     "请向县纪委获取最新的吊销列表")


def test_another_countys_root_or_crl_is_refused(county):
    bundle, root, cert = county
    other = pki.create_root("别的县纪委", PASS, now=NOW - timedelta(days=30))
    with pytest.raises(IntegrityFailure) as foreign_root:
        check_certificate(cert, pki.load_certificate(other.cert_pem), NOW)
    assert foreign_root.value.message == "该证书不是由所给的县纪委根证书签发的"
    with pytest.raises(ValidationError) as foreign_crl:
        check_certificate(cert, root, NOW, crl=_crl(other, []))
    assert foreign_crl.value.message == "吊销列表（CRL）不是由所给的县纪委根证书签发的"


def test_outside_its_validity_the_certificate_is_refused_to_the_day(county):
    _, root, cert = county
    after = cert.not_valid_after_utc + timedelta(minutes=1)  # exact, though CRLs get a clock tolerance
    with pytest.raises(ValidationError) as expired:
        check_certificate(cert, root, after)
    assert expired.value.message == f"签章证书已于 {cert.not_valid_after_utc:%Y-%m-%d} 过期，请向县纪委申请新证书"
    before = cert.not_valid_before_utc - timedelta(days=1)
    with pytest.raises(ValidationError) as early:
        check_certificate(cert, root, before)
    assert early.value.message == (f"签章证书尚未生效（生效时间 {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC），"
                                   "请检查电脑时间")
