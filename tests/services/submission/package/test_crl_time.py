"""A revocation list dated in the future (its thisUpdate after the verifying PC's clock) is named as
such — with the advice to check this PC's clock — instead of being called expired or missing."""
from __future__ import annotations

from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from services.submission import pki
from services.submission.package import verify_package
from tests.services.submission.package.conftest import COUNTY_PASS, utcnow


def _crl(township, this_update, next_update) -> bytes:
    """A real CRL signed by the county root, with the dates given (made with cryptography directly)."""
    root_key = pki.load_private_key(township.root.key_pem, COUNTY_PASS)
    root = pki.load_certificate(township.root.cert_pem)
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    crl = (x509.CertificateRevocationListBuilder().issuer_name(root.subject)
           .last_update(this_update).next_update(next_update)
           .add_extension(x509.CRLNumber(7), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
           .sign(root_key, hashes.SHA256()))
    return crl.public_bytes(serialization.Encoding.PEM)


def test_future_dated_crl_says_so_and_points_at_the_clock(package, township):
    now = utcnow()
    this_update = now + timedelta(days=2)
    crl = _crl(township, this_update, now + timedelta(days=32))
    report = verify_package(package.folder, root_pem=township.root.cert_pem, crl_pem=crl, now=now)
    assert report.failed_codes == {"cms_signature", "pdf_signature", "not_revoked"}
    want = (f"吊销列表的生效时间（{this_update.astimezone():%Y-%m-%d %H:%M}）晚于本机当前时间"
            f"（{now.astimezone():%Y-%m-%d %H:%M}），请检查本机时间是否正确；如本机时间无误，请向县纪委获取正确的吊销列表")
    for code in ("cms_signature", "pdf_signature", "not_revoked"):
        assert report.check(code).reason_zh == want, code


def test_crl_a_few_minutes_ahead_is_tolerated(package, township):
    now = utcnow()
    crl = _crl(township, now + timedelta(minutes=3), now + timedelta(days=30))
    report = verify_package(package.folder, root_pem=township.root.cert_pem, crl_pem=crl, now=now)
    assert report.accepted, [(c.code, c.reason_zh) for c in report.checks if not c.passed]


def test_expired_crl_keeps_its_own_message(package, township):
    now = utcnow()
    next_update = now - timedelta(days=1)
    crl = _crl(township, now - timedelta(days=31), next_update)
    report = verify_package(package.folder, root_pem=township.root.cert_pem, crl_pem=crl, now=now)
    want = f"吊销列表已于 {next_update.astimezone():%Y-%m-%d %H:%M} 过期，请向县纪委获取最新的吊销列表"
    assert report.failed_codes == {"cms_signature", "pdf_signature", "not_revoked"}
    for code in ("cms_signature", "pdf_signature", "not_revoked"):
        assert report.check(code).reason_zh == want, code
