"""Township mode: the signing key, its certificate request and the installed certificate.

Files under ``<data_dir>/keys/``: ``signing-key.pem`` (encrypted PKCS#8; the passphrase is the
secretary's and is never stored), ``signing-request.csr``, ``signing-cert.pem`` and
``county-root.pem``, and the county's latest revocation list ``county-crl.pem`` once installed
(packaging refuses a revoked certificate). Replaced files are moved to ``keys/retired/<UTC time>/``, never deleted.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Organization
from models.enums import OrgMode

from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.files import atomic_write_bytes
from services.storage.workspace import Workspace
from services.submission import cert_trust, pki

KEY_FILE = "signing-key.pem"
CSR_FILE = "signing-request.csr"
CERT_FILE = "signing-cert.pem"
ROOT_FILE = "county-root.pem"
CRL_FILE = "county-crl.pem"
# The root certificate as it is handed to the townships (the CLI's examples and the GUI's default name).
ROOT_HANDOUT_FILE = "县纪委根证书.pem"
# Warn about renewal this many days before the certificate expires.
RENEW_WARNING_DAYS = 60


def as_passphrase(value: str | bytes | None) -> bytes:
    """Passphrases are typed as text; pki wants bytes."""
    if value is None or value == "" or value == b"":
        raise ValidationError("请输入私钥口令", field="passphrase")
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def keys_dir(ws: Workspace) -> Path:
    return ws.data_dir / "keys"


def organization(session: Session) -> Organization:
    org = session.execute(select(Organization)).scalars().first()
    if org is None:
        raise StateError("尚未初始化单位信息，请先完成初始化")
    return org


def require_mode(session: Session, mode: str) -> Organization:
    """The organization, or a StateError when this installation works in the other mode."""
    org = organization(session)
    if org.mode != mode:
        if mode == OrgMode.township.value:
            raise StateError("本机为县级模式：签章密钥和报送包只用于乡镇纪委，县纪委请使用“证书签发”（ca）功能")
        raise StateError("本机为乡镇模式：证书签发和汇总只用于县纪委")
    return org


def _retire(ws: Workspace, names: tuple[str, ...]) -> Path | None:
    """Move existing files to keys/retired/<stamp>/ (kept for old packages and audits)."""
    present = [n for n in names if (keys_dir(ws) / n).exists()]
    if not present:
        return None
    stamp = ws.now().astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = keys_dir(ws) / "retired" / stamp
    target.mkdir(parents=True, exist_ok=False)
    for name in present:
        os.replace(keys_dir(ws) / name, target / name)
    return target


def create_signing_key(ws: Workspace, passphrase: str | bytes, *, replace: bool = False) -> bytes:
    """Make the township key (encrypted) and return its certificate request (CSR, PEM)."""
    require(ws.current_user, "keys.manage")
    secret = as_passphrase(passphrase)
    with ws.reading() as s:
        org = require_mode(s, OrgMode.township.value)
        name, code = org.name, org.code
    key_path = keys_dir(ws) / KEY_FILE
    if key_path.exists() and not replace:
        raise StateError("本机已有签章私钥；如确需重新生成（原证书将作废），请选择“替换”")
    key_pem, csr_pem = pki.create_signing_key(name, code, secret)
    keys_dir(ws).mkdir(parents=True, exist_ok=True)
    with ws.transaction() as s:
        retired = _retire(ws, (KEY_FILE, CSR_FILE, CERT_FILE)) if replace else None
        atomic_write_bytes(key_path, key_pem)
        atomic_write_bytes(keys_dir(ws) / CSR_FILE, csr_pem)
        audit.record(s, ws.current_user, "keys.create", "keys", code,
                     {"org_name": name, "replaced": bool(retired),
                      "retired_to": str(retired.relative_to(ws.data_dir)) if retired else None})
    return csr_pem


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def install_certificate(ws: Workspace, cert_pem: bytes, root_pem: bytes, passphrase: str | bytes) -> dict:
    """Check that the certificate is the county's, for this key and this office; then install both."""
    require(ws.current_user, "keys.manage")
    secret = as_passphrase(passphrase)
    with ws.reading() as s:
        org = require_mode(s, OrgMode.township.value)
        name, code = org.name, org.code
    key_pem = _read(keys_dir(ws) / KEY_FILE)
    if key_pem is None:
        raise StateError("本机还没有签章私钥：请先“生成密钥和证书申请”，把申请文件交县纪委签发证书")
    cert_org = cert_trust.check_installation(key_pem, secret, cert_pem, root_pem, now=ws.now())
    if cert_org != (name, code):
        raise ValidationError(f"证书属于“{cert_org[0]}（{cert_org[1]}）”，不是本单位“{name}（{code}）”的证书",
                              field="cert")
    cert = pki.load_certificate(cert_pem)
    root = pki.load_certificate(root_pem)
    cert_bytes = cert.public_bytes(serialization.Encoding.PEM)
    root_bytes = root.public_bytes(serialization.Encoding.PEM)
    with ws.transaction() as s:
        old = _read(keys_dir(ws) / CERT_FILE)
        if old is not None and old != cert_bytes:
            _retire(ws, (CERT_FILE,))
        atomic_write_bytes(keys_dir(ws) / ROOT_FILE, root_bytes)
        atomic_write_bytes(keys_dir(ws) / CERT_FILE, cert_bytes)
        audit.record(s, ws.current_user, "keys.install", "keys", code,
                     {"serial": f"{cert.serial_number:X}", "fingerprint": pki.fingerprint(cert),
                      "not_after": cert.not_valid_after_utc, "root_fingerprint": pki.fingerprint(root)})
    return key_status(ws)


def install_crl(ws: Workspace, crl_pem: bytes) -> dict:
    """Install the county's revocation list (CRL): signed by the installed county root, not older than the one installed."""
    require(ws.current_user, "keys.manage")
    with ws.reading() as s:
        code = require_mode(s, OrgMode.township.value).code
    root_pem = _read(keys_dir(ws) / ROOT_FILE)
    if root_pem is None:
        raise StateError("尚未安装县纪委根证书：请先安装县纪委签发的证书，再安装吊销列表")
    crl = pki.load_crl(crl_pem)
    cert_trust.check_crl_issuer(crl, pki.load_certificate(root_pem), "吊销列表（CRL）不是由本机安装的县纪委根证书签发的")
    old_pem = _read(keys_dir(ws) / CRL_FILE)
    if old_pem is not None and pki.load_crl(old_pem).last_update_utc > crl.last_update_utc:
        raise ValidationError(f"这份吊销列表（{crl.last_update_utc.astimezone():%Y-%m-%d %H:%M}）比本机已安装的旧，未安装",
                              field="crl_pem")
    with ws.transaction() as s:
        atomic_write_bytes(keys_dir(ws) / CRL_FILE, crl.public_bytes(serialization.Encoding.PEM))
        audit.record(s, ws.current_user, "keys.install_crl", "keys", code,
                     {"revoked": len(crl), "last_update": crl.last_update_utc, "next_update": crl.next_update_utc})
    return {"revoked": len(crl), "last_update": crl.last_update_utc.isoformat(),
            "next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None}


@dataclass(frozen=True)
class SigningMaterial:
    key_pem: bytes
    cert_pem: bytes
    root_pem: bytes
    crl_pem: bytes | None = None  # the county's revocation list, once installed


def signing_material(ws: Workspace) -> SigningMaterial:
    """The installed key, certificate and county root, or a StateError saying what is missing."""
    key_pem = _read(keys_dir(ws) / KEY_FILE)
    if key_pem is None:
        raise NotFoundError("本机还没有签章私钥：请先生成密钥和证书申请，并安装县纪委签发的证书")
    cert_pem = _read(keys_dir(ws) / CERT_FILE)
    root_pem = _read(keys_dir(ws) / ROOT_FILE)
    if cert_pem is None or root_pem is None:
        raise NotFoundError("尚未安装县纪委签发的签章证书：请把证书申请文件交县纪委，取回证书后“安装证书”")
    return SigningMaterial(key_pem, cert_pem, root_pem, _read(keys_dir(ws) / CRL_FILE))


def key_status(ws: Workspace) -> dict:
    """What is installed: key, certificate (subject, validity, days left) and the county root."""
    require(ws.current_user, "keys.manage")
    with ws.reading() as s:
        org = require_mode(s, OrgMode.township.value)
        name, code = org.name, org.code
    d = keys_dir(ws)
    status: dict = {"org_name": name, "org_code": code, "has_key": (d / KEY_FILE).is_file(),
                    "has_request": (d / CSR_FILE).is_file(), "has_cert": False, "subject": None,
                    "serial": None, "valid_from": None, "valid_until": None, "days_left": None,
                    "expired": None, "fingerprint": None, "root_subject": None, "root_fingerprint": None,
                    "warning": None}
    cert_pem, root_pem = _read(d / CERT_FILE), _read(d / ROOT_FILE)
    if cert_pem:
        cert = pki.load_certificate(cert_pem)
        now = ws.now()
        left = (cert.not_valid_after_utc - now).total_seconds() / 86400
        status.update(has_cert=True, subject=cert.subject.rfc4514_string(), serial=f"{cert.serial_number:X}",
                      valid_from=cert.not_valid_before_utc.isoformat(),
                      valid_until=cert.not_valid_after_utc.isoformat(), days_left=int(left) if left > 0 else 0,
                      expired=left <= 0, fingerprint=pki.fingerprint(cert))
        if left <= 0:
            status["warning"] = f"签章证书已于 {cert.not_valid_after_utc:%Y-%m-%d} 过期，请生成新的证书申请交县纪委"
        elif left <= RENEW_WARNING_DAYS:
            status["warning"] = f"签章证书将于 {int(left)} 天后过期，请及早向县纪委申请新证书"
    if root_pem:
        root = pki.load_certificate(root_pem)
        status.update(root_subject=root.subject.rfc4514_string(), root_fingerprint=pki.fingerprint(root))
    if status["has_key"] and not status["has_cert"] and status["warning"] is None:
        status["warning"] = "已生成证书申请，尚未安装县纪委签发的证书"
    return status


def request_pem(ws: Workspace) -> bytes:
    """The stored certificate request, to write it out again."""
    require(ws.current_user, "keys.manage")
    data = _read(keys_dir(ws) / CSR_FILE)
    if data is None:
        raise NotFoundError("本机没有证书申请文件，请先生成密钥和证书申请")
    return data
