"""The county CA and township keys: real keys, real certificates, read back."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from services.errors import AuthenticationError, DomainError, IntegrityFailure, ValidationError
from services.submission import cert_trust, pki
from tests.services.submission.package.conftest import COUNTY_PASS, ORG_CODE, ORG_NAME, TOWN_PASS, issue_raw


def test_root_is_a_unique_p256_ca(township):
    cert = pki.load_certificate(township.root.cert_pem)
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "青石县纪委根证书"
    assert cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "CN"
    bc = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical and bc.value.ca and bc.value.path_length == 0
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.key_cert_sign and ku.crl_sign and not ku.digital_signature
    cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert cert.public_key().curve.name == "secp256r1"
    assert b"ENCRYPTED PRIVATE KEY" in township.root.key_pem
    # same county name, different DN
    other = pki.load_certificate(pki.create_root("青石县纪委", COUNTY_PASS).cert_pem)
    assert other.subject != cert.subject


def test_township_cert_has_signing_usages_and_the_csr_subject(township):
    cert = pki.load_certificate(township.cert_pem)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and ku.value.content_commitment
    assert not ku.value.key_cert_sign
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    root = pki.load_certificate(township.root.cert_pem)
    assert aki.key_identifier == root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    assert cert.serial_number == township.serial
    assert pki.org_of_certificate(township.cert_pem) == (ORG_NAME, ORG_CODE)
    assert cert_trust.check_installation(township.key_pem, TOWN_PASS, township.cert_pem, township.root.cert_pem) == (
        ORG_NAME, ORG_CODE)


def test_wrong_passphrase_is_an_authentication_error(township):
    with pytest.raises(AuthenticationError, match="口令错误"):
        cert_trust.check_installation(township.key_pem, b"not-the-pass", township.cert_pem, township.root.cert_pem)
    with pytest.raises(AuthenticationError, match="口令错误"):
        pki.issue_certificate(township.root.key_pem, b"not-the-pass", township.root.cert_pem,
                              pki.create_signing_key("甲镇纪委", "JZ-1", TOWN_PASS)[1])


def test_short_passphrase_and_bad_org_code_are_refused():
    with pytest.raises(ValidationError, match="口令至少"):
        pki.create_signing_key(ORG_NAME, ORG_CODE, b"short")
    with pytest.raises(ValidationError, match="单位代码"):
        pki.create_signing_key(ORG_NAME, "../etc", TOWN_PASS)


def test_tampered_csr_is_refused(township):
    _key, csr_pem = pki.create_signing_key("乙镇纪委", "YZ-02", TOWN_PASS)
    csr = x509.load_pem_x509_csr(csr_pem)
    der = bytearray(csr.public_bytes(serialization.Encoding.DER))
    i = der.find("乙镇纪委".encode())
    der[i:i + 3] = "丙".encode()  # same length in UTF-8, different name
    tampered = x509.load_der_x509_csr(bytes(der)).public_bytes(serialization.Encoding.PEM)
    with pytest.raises(ValidationError, match="签名无效"):
        pki.issue_certificate(township.root.key_pem, COUNTY_PASS, township.root.cert_pem, tampered)


def test_cert_for_another_key_or_root_fails_installation(township, other_root_township):
    with pytest.raises(ValidationError, match="不匹配"):
        cert_trust.check_installation(other_root_township.key_pem, TOWN_PASS, township.cert_pem, township.root.cert_pem)
    with pytest.raises(IntegrityFailure, match="不是由"):
        cert_trust.check_installation(township.key_pem, TOWN_PASS, other_root_township.cert_pem, township.root.cert_pem)


def test_expired_and_no_nonrepudiation_certs_fail_installation(township):
    now = datetime.now(timezone.utc)
    expired = issue_raw(township.root, township.key_pem, not_before=now - timedelta(days=40),
                        not_after=now - timedelta(days=1), serial=77)
    with pytest.raises(ValidationError, match="过期"):
        cert_trust.check_installation(township.key_pem, TOWN_PASS, expired, township.root.cert_pem)
    no_nr = issue_raw(township.root, township.key_pem, not_before=now - timedelta(days=1),
                      not_after=now + timedelta(days=30), serial=78, non_repudiation=False)
    with pytest.raises(ValidationError, match="不可否认"):
        cert_trust.check_installation(township.key_pem, TOWN_PASS, no_nr, township.root.cert_pem)


def test_cert_validity_is_capped_by_the_root():
    now = datetime(2025, 1, 1, tzinfo=timezone.utc)
    root = pki.create_root("短期县纪委", COUNTY_PASS, valid_years=1, now=now)
    _k, csr = pki.create_signing_key(ORG_NAME, ORG_CODE, TOWN_PASS)
    cert = pki.load_certificate(pki.issue_certificate(root.key_pem, COUNTY_PASS, root.cert_pem, csr,
                                                      valid_days=730, now=now))
    assert cert.not_valid_after_utc == pki.load_certificate(root.cert_pem).not_valid_after_utc


def test_crl_lists_revoked_serials_and_is_signed_by_the_root(township):
    when = datetime(2025, 2, 1, tzinfo=timezone.utc)
    crl = pki.load_crl(pki.build_crl(township.root.key_pem, COUNTY_PASS, township.root.cert_pem,
                                     [(township.serial, when)]))
    root = pki.load_certificate(township.root.cert_pem)
    assert crl.is_signature_valid(root.public_key())
    assert crl.get_revoked_certificate_by_serial_number(township.serial).revocation_date_utc == when
    assert crl.get_revoked_certificate_by_serial_number(12345) is None


def test_domain_errors_are_chinese(township):
    with pytest.raises(DomainError) as info:
        pki.load_certificate(b"garbage")
    assert "证书" in str(info.value)
