"""County mode: the county's small certificate authority and its roster of townships.

Files under ``<data_dir>/ca/``: ``root-key.pem`` (encrypted PKCS#8, passphrase never stored),
``root-cert.pem`` (handed to every township) and ``crl.pem`` (the latest published revocation
list). Every issued certificate is registered (``IssuedCertificate``) to the township it names.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import IssuedCertificate, Township
from models.enums import OrgMode

from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import allowed, require
from services.storage.files import atomic_write_bytes
from services.storage.workspace import Workspace
from services.submission import pki
from services.submission.keys import as_passphrase, require_mode

ROOT_KEY_FILE = "root-key.pem"
ROOT_CERT_FILE = "root-cert.pem"
CRL_FILE = "crl.pem"
CERT_VALID_DAYS = 730
CRL_VALID_DAYS = 30


def ca_dir(ws: Workspace) -> Path:
    return ws.data_dir / "ca"


def root_cert_pem(ws: Workspace) -> bytes:
    """The county root certificate, or a StateError when ``ca init`` has not been run."""
    try:
        return (ca_dir(ws) / ROOT_CERT_FILE).read_bytes()
    except FileNotFoundError:
        raise StateError("尚未创建县纪委根证书：请先运行“ca init”（证书签发 → 创建根证书）") from None


def current_crl_pem(ws: Workspace) -> bytes | None:
    """The last published CRL, if any (it may have passed its next-update time)."""
    try:
        return (ca_dir(ws) / CRL_FILE).read_bytes()
    except FileNotFoundError:
        return None


def _root_key_pem(ws: Workspace) -> bytes:
    try:
        return (ca_dir(ws) / ROOT_KEY_FILE).read_bytes()
    except FileNotFoundError:
        raise StateError("尚未创建县纪委根证书：请先运行“ca init”（证书签发 → 创建根证书）") from None


def _county(ws: Workspace):
    require(ws.current_user, "ca.manage")
    with ws.reading() as s:
        org = require_mode(s, OrgMode.county.value)
        return org.name, org.code


def init_root(ws: Workspace, passphrase: str | bytes) -> bytes:
    """Create the county root key and certificate (once); return the certificate PEM."""
    name, code = _county(ws)
    secret = as_passphrase(passphrase)
    if (ca_dir(ws) / ROOT_KEY_FILE).exists() or (ca_dir(ws) / ROOT_CERT_FILE).exists():
        raise StateError("本县纪委根证书已经创建，不能重复创建（重新创建会使已签发的全部证书失效）")
    bundle = pki.create_root(name, secret, now=ws.now())
    ca_dir(ws).mkdir(parents=True, exist_ok=True)
    with ws.transaction() as s:
        atomic_write_bytes(ca_dir(ws) / ROOT_KEY_FILE, bundle.key_pem)
        atomic_write_bytes(ca_dir(ws) / ROOT_CERT_FILE, bundle.cert_pem)
        crl = pki.build_crl(bundle.key_pem, secret, bundle.cert_pem, [], next_update_days=CRL_VALID_DAYS,
                            now=ws.now())
        atomic_write_bytes(ca_dir(ws) / CRL_FILE, crl)
        cert = pki.load_certificate(bundle.cert_pem)
        audit.record(s, ws.current_user, "ca.init", "ca", code,
                     {"subject": cert.subject.rfc4514_string(), "fingerprint": pki.fingerprint(cert),
                      "not_after": cert.not_valid_after_utc})
    return bundle.cert_pem


def _status(row: IssuedCertificate, now: dt.datetime) -> str:
    if row.revoked_at is not None:
        return "revoked"
    if row.not_after <= now:
        return "expired"
    return "valid"


STATUS_LABELS = {"valid": "有效", "expired": "已过期", "revoked": "已吊销"}


def _csr_subject(csr_pem: bytes) -> tuple[str, str]:
    try:
        csr = x509.load_pem_x509_csr(csr_pem)
    except ValueError as exc:
        raise ValidationError("证书申请文件（CSR）无法读取，文件可能已损坏", field="csr") from exc
    attrs = {a.oid: str(a.value) for a in csr.subject}
    name, code = attrs.get(x509.NameOID.COMMON_NAME), attrs.get(x509.NameOID.SERIAL_NUMBER)
    if not name or not code:
        raise ValidationError("证书申请中缺少单位名称或单位代码", field="csr")
    return name, pki.validate_org_code(code)


def _township(s: Session, code: str) -> Township | None:
    return s.execute(select(Township).where(Township.code == code)).scalar_one_or_none()


def issue(ws: Workspace, csr_pem: bytes, passphrase: str | bytes, *, replace: bool = False,
          valid_days: int = CERT_VALID_DAYS) -> bytes:
    """Issue a township's signing certificate for its CSR and register it; return the PEM."""
    _county(ws)
    secret = as_passphrase(passphrase)
    name, code = _csr_subject(csr_pem)
    now = ws.now()
    with ws.reading() as s:
        live_rows = [r for r in s.execute(select(IssuedCertificate).where(IssuedCertificate.township_code == code))
                     .scalars() if _status(r, now) == "valid"]
        if live_rows and not replace:
            r = live_rows[-1]
            raise StateError(f"{r.township_name}（{code}）已有一份有效证书（序列号 {r.serial}，有效期至 "
                             f"{r.not_after.astimezone():%Y-%m-%d}）；如确需换发，请选择“替换”")
        live = [r.serial for r in live_rows]
    cert_pem = pki.issue_certificate(_root_key_pem(ws), secret, root_cert_pem(ws), csr_pem,
                                     valid_days=valid_days, now=now)
    cert = pki.load_certificate(cert_pem)
    with ws.transaction() as s:
        town = _township(s, code)
        renamed_from = None
        if town is None:
            s.add(Township(code=code, name=name, active=True))
        elif town.name != name:
            renamed_from, town.name = town.name, name
        s.add(IssuedCertificate(serial=f"{cert.serial_number:X}", township_code=code, township_name=name,
                                not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                                cert_pem=cert_pem.decode("ascii"), revoked_at=None, revocation_reason=""))
        s.flush()
        audit.record(s, ws.current_user, "ca.issue", "issued_certificate", f"{cert.serial_number:X}",
                     {"township_code": code, "township_name": name, "not_after": cert.not_valid_after_utc,
                      "fingerprint": pki.fingerprint(cert), "replace": replace,
                      "still_valid": live,
                      "renamed_from": renamed_from})
    return cert_pem


def _publish_crl(ws: Workspace, s: Session, secret: bytes) -> bytes:
    revoked = [(int(r.serial, 16), r.revoked_at) for r in
               s.execute(select(IssuedCertificate).where(IssuedCertificate.revoked_at.is_not(None))).scalars()]
    pem = pki.build_crl(_root_key_pem(ws), secret, root_cert_pem(ws), revoked,
                        next_update_days=CRL_VALID_DAYS, now=ws.now())
    atomic_write_bytes(ca_dir(ws) / CRL_FILE, pem)
    return pem


def revoke(ws: Workspace, *, serial: str | None = None, township_code: str | None = None, reason: str,
           passphrase: str | bytes) -> dict:
    """Revoke one certificate (by serial) or every live one of a township; publish a new CRL."""
    _county(ws)
    secret = as_passphrase(passphrase)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写吊销原因", field="reason")
    if len(reason) > 200:
        raise ValidationError("吊销原因最多 200 个字", field="reason")
    if (serial is None) == (township_code is None):
        raise ValidationError("请指定要吊销的证书序列号，或乡镇代码（二选一）", field="serial")
    # Unlock the root key before changing anything: a wrong passphrase changes nothing.
    pki.load_private_key(_root_key_pem(ws), secret)
    now = ws.now()
    with ws.transaction() as s:
        q = select(IssuedCertificate)
        if serial is not None:
            wanted = serial.strip().upper().removeprefix("0X")
            rows = list(s.execute(q.where(IssuedCertificate.serial == wanted)).scalars())
            if not rows:
                raise NotFoundError(f"没有序列号为 {serial} 的证书")
            if rows[0].revoked_at is not None:
                raise StateError(f"证书 {wanted} 已于 {rows[0].revoked_at.astimezone():%Y-%m-%d} 吊销")
        else:
            code = township_code.strip().upper()
            rows = [r for r in s.execute(q.where(IssuedCertificate.township_code == code)).scalars()
                    if r.revoked_at is None]
            if not rows:
                raise NotFoundError(f"乡镇 {code} 没有未吊销的证书")
        for r in rows:
            r.revoked_at, r.revocation_reason = now, reason
        s.flush()
        crl = _publish_crl(ws, s, secret)
        for r in rows:
            audit.record(s, ws.current_user, "ca.revoke", "issued_certificate", r.serial,
                         {"township_code": r.township_code, "reason": reason})
        return {"revoked": [{"serial": r.serial, "township_code": r.township_code,
                             "township_name": r.township_name} for r in rows], "crl_pem": crl}


def crl(ws: Workspace, passphrase: str | bytes) -> bytes:
    """Sign and publish a fresh CRL of every revoked certificate (PEM)."""
    _, code = _county(ws)
    secret = as_passphrase(passphrase)
    with ws.transaction() as s:
        pem = _publish_crl(ws, s, secret)
        audit.record(s, ws.current_user, "ca.crl", "ca", code,
                     {"revoked": len(pki.load_crl(pem)), "next_update": pki.load_crl(pem).next_update_utc})
    return pem


def _row_dict(r: IssuedCertificate, now: dt.datetime) -> dict:
    status = _status(r, now)
    return {"serial": r.serial, "township_code": r.township_code, "township_name": r.township_name,
            "not_before": r.not_before.isoformat(), "not_after": r.not_after.isoformat(), "status": status,
            "status_label": STATUS_LABELS[status],
            "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
            "revocation_reason": r.revocation_reason or "", "fingerprint": pki.fingerprint(r.cert_pem.encode())}


def list_certificates(ws: Workspace) -> list[dict]:
    _county(ws)
    now = ws.now()
    with ws.reading() as s:
        rows = s.execute(select(IssuedCertificate).order_by(IssuedCertificate.id)).scalars()
        return [_row_dict(r, now) for r in rows]


def revoked_fingerprints(s: Session, township_code: str) -> dict[str, IssuedCertificate]:
    """Fingerprint → revoked registry row, for one township (county import's own check)."""
    rows = s.execute(select(IssuedCertificate).where(IssuedCertificate.township_code == township_code,
                                                     IssuedCertificate.revoked_at.is_not(None))).scalars()
    return {pki.fingerprint(r.cert_pem.encode()): r for r in rows}


# ---------------------------------------------------------------- the roster of townships

def add_township(ws: Workspace, code: str, name: str) -> dict:
    """Add a township to the roster (the list the consolidated report checks for 未报送)."""
    _county(ws)
    code = pki.validate_org_code((code or "").strip().upper())
    name = (name or "").strip()
    if not 2 <= len(name) <= 100:
        raise ValidationError("乡镇名称应为 2 到 100 个字", field="name")
    with ws.transaction() as s:
        town = _township(s, code)
        if town is not None:
            raise StateError(f"乡镇代码 {code} 已登记为“{town.name}”")
        s.add(Township(code=code, name=name, active=True))
        s.flush()
        audit.record(s, ws.current_user, "township.add", "township", code, {"name": name})
    return {"code": code, "name": name, "active": True}


def list_townships(ws: Workspace) -> list[dict]:
    """The roster with each township's certificate status."""
    user = ws.current_user
    if user is None or not (allowed(user.roles, "ca.manage") or allowed(user.roles, "county.import")):
        require(user, "county.import")
    with ws.reading() as s:
        require_mode(s, OrgMode.county.value)
        now = ws.now()
        certs: dict[str, list[IssuedCertificate]] = {}
        for r in s.execute(select(IssuedCertificate).order_by(IssuedCertificate.id)).scalars():
            certs.setdefault(r.township_code, []).append(r)
        out = []
        for t in s.execute(select(Township).order_by(Township.code)).scalars():
            live = [r for r in certs.get(t.code, []) if _status(r, now) == "valid"]
            out.append({"code": t.code, "name": t.name, "active": t.active,
                        "certificate": "valid" if live else ("none" if t.code not in certs else "invalid"),
                        "cert_valid_until": live[-1].not_after.isoformat() if live else None})
        return out
