"""Township keys and the county CA, wired to the data dir and the registry."""
from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from models import AuditEvent, IssuedCertificate, Township
from services.submission import county_ca, keys, pki
from services.errors import (AuthenticationError, IntegrityFailure, NotFoundError, PermissionDenied, StateError,
                             ValidationError)
from tests.conftest import sign_in_as
from tests.services.submission.conftest import COUNTY_PASS, TOWN_PASS, certify, make_county


def _actions(ws) -> list[str]:
    with ws.reading() as s:
        return list(s.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_create_key_writes_encrypted_key_and_request(ws):
    csr_pem = keys.create_signing_key(ws, TOWN_PASS)
    key_file = ws.data_dir / "keys" / "signing-key.pem"
    data = key_file.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in data and TOWN_PASS.encode() not in data
    assert pki.load_private_key(data, TOWN_PASS.encode())
    csr = x509.load_pem_x509_csr(csr_pem)
    assert csr.is_signature_valid
    subject = {a.oid: a.value for a in csr.subject}
    assert subject[x509.NameOID.COMMON_NAME] == "青山镇纪委"
    assert subject[x509.NameOID.SERIAL_NUMBER] == "QS001"
    assert (ws.data_dir / "keys" / "signing-request.csr").read_bytes() == csr_pem
    assert "keys.create" in _actions(ws)
    st = keys.key_status(ws)
    assert st["has_key"] and not st["has_cert"] and "尚未安装" in st["warning"]


def test_second_key_refused_unless_replaced_and_old_one_kept(ws):
    keys.create_signing_key(ws, TOWN_PASS)
    first = (ws.data_dir / "keys" / "signing-key.pem").read_bytes()
    with pytest.raises(StateError, match="已有签章私钥"):
        keys.create_signing_key(ws, TOWN_PASS)
    assert (ws.data_dir / "keys" / "signing-key.pem").read_bytes() == first
    keys.create_signing_key(ws, TOWN_PASS, replace=True)
    assert (ws.data_dir / "keys" / "signing-key.pem").read_bytes() != first
    retired = list((ws.data_dir / "keys" / "retired").glob("*/signing-key.pem"))
    assert [p.read_bytes() for p in retired] == [first]


def test_short_passphrase_refused_and_nothing_written(ws):
    with pytest.raises(ValidationError, match="口令至少"):
        keys.create_signing_key(ws, "short")
    assert not (ws.data_dir / "keys" / "signing-key.pem").exists()


def test_install_checks_root_key_and_passphrase(ws, county, tmp_path):
    csr = keys.create_signing_key(ws, TOWN_PASS)
    cert = county_ca.issue(county, csr, COUNTY_PASS)
    root = county_ca.root_cert_pem(county)
    installed = ws.data_dir / "keys" / "signing-cert.pem"

    other_county = make_county(tmp_path / "other-county")
    try:
        with pytest.raises(IntegrityFailure, match="不是由所给的县纪委根证书签发"):
            keys.install_certificate(ws, cert, county_ca.root_cert_pem(other_county), TOWN_PASS)
        # A certificate for another key with the same name and code (e.g. an old request).
        _key, stray_csr = pki.create_signing_key("青山镇纪委", "QS001", b"stray-pass-1")
        stray = county_ca.issue(county, stray_csr, COUNTY_PASS, replace=True)
        with pytest.raises(ValidationError, match="与本单位私钥不匹配"):
            keys.install_certificate(ws, stray, root, TOWN_PASS)
        with pytest.raises(AuthenticationError, match="私钥口令错误"):
            keys.install_certificate(ws, cert, root, "wrong-pass-9")
        with pytest.raises(ValidationError, match="无法读取"):
            keys.install_certificate(ws, b"not a certificate", root, TOWN_PASS)
    finally:
        other_county.close()
    assert not installed.exists() and not (ws.data_dir / "keys" / "county-root.pem").exists()
    assert "keys.install" not in _actions(ws)

    st = keys.install_certificate(ws, cert, root, TOWN_PASS)
    assert installed.exists()
    assert st["has_cert"] and "QS001" in st["subject"] and 725 <= st["days_left"] <= 730
    assert st["root_fingerprint"] == pki.fingerprint(root)
    assert st["warning"] is None
    assert "keys.install" in _actions(ws)


def test_install_refuses_certificate_of_another_office(ws, county):
    keys.create_signing_key(ws, TOWN_PASS)
    key_pem = (ws.data_dir / "keys" / "signing-key.pem").read_bytes()
    # Someone edits the organization name after making the request: the cert names the old one.
    key = pki.load_private_key(key_pem, TOWN_PASS.encode())
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "别的镇纪委"),
                         x509.NameAttribute(x509.NameOID.SERIAL_NUMBER, "QS001")])
    from cryptography.hazmat.primitives import hashes
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    cert = county_ca.issue(county, csr.public_bytes(serialization.Encoding.PEM), COUNTY_PASS)
    with pytest.raises(ValidationError, match="不是本单位"):
        keys.install_certificate(ws, cert, county_ca.root_cert_pem(county), TOWN_PASS)
    assert not (ws.data_dir / "keys" / "signing-cert.pem").exists()


def test_modes_and_permissions(ws, county):
    with pytest.raises(StateError, match="县级模式"):
        keys.create_signing_key(county, TOWN_PASS)
    with pytest.raises(StateError, match="乡镇模式"):
        county_ca.init_root(ws, COUNTY_PASS)
    with pytest.raises(StateError, match="乡镇模式"):
        county_ca.list_certificates(ws)
    sign_in_as(ws, "li", ["clerk"])
    with pytest.raises(PermissionDenied, match="管理密钥与证书"):
        keys.create_signing_key(ws, TOWN_PASS)
    with pytest.raises(PermissionDenied):
        keys.key_status(ws)


def test_ca_init_once(county):
    ca = county.data_dir / "ca"
    key = (ca / "root-key.pem").read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in key and COUNTY_PASS.encode() not in key
    root = pki.load_certificate(county_ca.root_cert_pem(county))
    assert pki.is_ca_root(root)
    assert "云岭县纪委" in root.subject.rfc4514_string()
    assert len(pki.load_crl((ca / "crl.pem").read_bytes())) == 0
    with pytest.raises(StateError, match="不能重复创建"):
        county_ca.init_root(county, COUNTY_PASS)
    assert (ca / "root-key.pem").read_bytes() == key
    assert "ca.init" in _actions(county)


def test_issue_registers_certificate_and_township(ws, county):
    csr = keys.create_signing_key(ws, TOWN_PASS)
    pem = county_ca.issue(county, csr, COUNTY_PASS)
    cert = pki.load_certificate(pem)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and ku.content_commitment and not ku.key_cert_sign
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days in (730, 731)
    assert pki.org_of_certificate(cert) == ("青山镇纪委", "QS001")
    with county.reading() as s:
        row = s.execute(select(IssuedCertificate)).scalar_one()
        town = s.execute(select(Township)).scalar_one()
        assert row.serial == f"{cert.serial_number:X}" and row.township_code == "QS001"
        assert (town.code, town.name) == ("QS001", "青山镇纪委")
    [listed] = county_ca.list_certificates(county)
    assert listed["status"] == "valid" and listed["fingerprint"] == pki.fingerprint(cert)
    assert county_ca.list_townships(county)[0]["certificate"] == "valid"

    with pytest.raises(StateError, match="已有一份有效证书"):
        county_ca.issue(county, csr, COUNTY_PASS)
    county_ca.issue(county, csr, COUNTY_PASS, replace=True)
    assert len(county_ca.list_certificates(county)) == 2
    with county.reading() as s:
        assert len(list(s.execute(select(Township)).scalars())) == 1


def test_issue_refuses_tampered_request_and_wrong_passphrase(ws, county):
    csr_pem = keys.create_signing_key(ws, TOWN_PASS)
    der = x509.load_pem_x509_csr(csr_pem).public_bytes(serialization.Encoding.DER)
    assert der.count(b"QS001") == 1
    forged = der.replace(b"QS001", b"QS009")
    forged_pem = x509.load_der_x509_csr(forged).public_bytes(serialization.Encoding.PEM)
    with pytest.raises(ValidationError, match="签名无效"):
        county_ca.issue(county, forged_pem, COUNTY_PASS)
    with pytest.raises(AuthenticationError, match="口令错误"):
        county_ca.issue(county, csr_pem, "wrong-pass-9")
    with pytest.raises(ValidationError, match="无法读取"):
        county_ca.issue(county, b"garbage", COUNTY_PASS)
    assert county_ca.list_certificates(county) == []


def test_revoke_and_crl(ws, county):
    cert = pki.load_certificate(certify(ws, county))
    serial = f"{cert.serial_number:X}"
    with pytest.raises(AuthenticationError):
        county_ca.revoke(county, serial=serial, reason="私钥丢失", passphrase="wrong-pass-9")
    assert county_ca.list_certificates(county)[0]["status"] == "valid"
    with pytest.raises(NotFoundError):
        county_ca.revoke(county, serial="ABC123", reason="私钥丢失", passphrase=COUNTY_PASS)
    with pytest.raises(ValidationError, match="吊销原因"):
        county_ca.revoke(county, serial=serial, reason=" ", passphrase=COUNTY_PASS)

    result = county_ca.revoke(county, township_code="qs001", reason="私钥丢失", passphrase=COUNTY_PASS)
    assert [r["serial"] for r in result["revoked"]] == [serial]
    crl = pki.load_crl(result["crl_pem"])
    root = pki.load_certificate(county_ca.root_cert_pem(county))
    assert crl.is_signature_valid(root.public_key())
    assert crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
    assert (county.data_dir / "ca" / "crl.pem").read_bytes() == result["crl_pem"]
    [row] = county_ca.list_certificates(county)
    assert row["status"] == "revoked" and row["revocation_reason"] == "私钥丢失"
    with pytest.raises(StateError, match="已于"):
        county_ca.revoke(county, serial=serial, reason="again", passphrase=COUNTY_PASS)

    fresh = pki.load_crl(county_ca.crl(county, COUNTY_PASS))
    assert [r.serial_number for r in fresh] == [cert.serial_number]
    assert {"ca.revoke", "ca.crl"} <= set(_actions(county))
    # A revoked township may be issued a new certificate without --replace.
    county_ca.issue(county, keys.request_pem(ws), COUNTY_PASS)


def test_roster(county):
    county_ca.add_township(county, "ls004", "柳树乡纪委")
    with pytest.raises(StateError, match="已登记"):
        county_ca.add_township(county, "LS004", "柳树乡")
    with pytest.raises(ValidationError):
        county_ca.add_township(county, "bad code!", "某乡")
    assert county_ca.list_townships(county) == [
        {"code": "LS004", "name": "柳树乡纪委", "active": True, "certificate": "none", "cert_valid_until": None}]
