"""The county certificate authority and township signing keys (ECDSA P-256, SHA-256).

Pure functions over PEM bytes: the county creates a root, a township creates a key and a
certificate signing request (CSR), the county issues the certificate (``cert_trust`` checks it
where it is used). Private keys are always encrypted PKCS#8; the passphrase is never stored.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from services.errors import AuthenticationError, StateError, ValidationError

# Certificates start a little in the past so a township PC whose clock is slightly
# behind the county's can use a freshly issued certificate at once.
CLOCK_SKEW = timedelta(hours=1)
# How far a revocation list's thisUpdate may lie ahead of this PC's clock (another PC's clock).
CRL_CLOCK_SKEW = timedelta(minutes=10)
MIN_PASSPHRASE_LEN = 8
ORG_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")


@dataclass(frozen=True)
class RootBundle:
    """The county root: encrypted PKCS#8 key and self-signed certificate, both PEM."""

    key_pem: bytes
    cert_pem: bytes


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(timezone.utc)


def _check_passphrase(passphrase: bytes) -> None:
    if not isinstance(passphrase, bytes | bytearray):
        raise ValidationError("口令格式错误", field="passphrase")
    if len(passphrase.decode("utf-8", "replace")) < MIN_PASSPHRASE_LEN:
        raise ValidationError(f"口令至少需要 {MIN_PASSPHRASE_LEN} 个字符", field="passphrase")


def validate_org_code(org_code: str) -> str:
    """Org codes go into DNs and file names: letters, digits and '-' only."""
    if not isinstance(org_code, str) or not ORG_CODE_RE.match(org_code):
        raise ValidationError("单位代码只能由字母、数字和“-”组成（最多 40 位）", field="org_code")
    return org_code


def _validate_name(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"{label}不能为空", field=field)
    if len(value) > 64:
        raise ValidationError(f"{label}最多 64 个字", field=field)
    return value


def _encrypt(key: ec.EllipticCurvePrivateKey, passphrase: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(bytes(passphrase)),
    )


def _encrypted_structure_intact(key_pem: bytes) -> bool:
    """The PEM holds a well-formed PKCS#8 EncryptedPrivateKeyInfo (whatever its passphrase)."""
    try:
        _type, _headers, der = asn1_pem.unarmor(bytes(key_pem))
        info = asn1_keys.EncryptedPrivateKeyInfo.load(der, strict=True)
        info.native  # parse every field now
        return bool(info["encrypted_data"].native)
    except Exception:  # asn1crypto raises ValueError, TypeError and friends on damage
        return False


def load_private_key(key_pem: bytes, passphrase: bytes) -> ec.EllipticCurvePrivateKey:
    """Decrypt an encrypted PKCS#8 key; a wrong passphrase raises AuthenticationError."""
    if not key_pem or b"ENCRYPTED PRIVATE KEY" not in key_pem:
        raise ValidationError("私钥文件格式不正确（应为加密的 PKCS#8 PEM 文件）", field="key")
    try:
        key = serialization.load_pem_private_key(key_pem, password=bytes(passphrase))
    except (ValueError, TypeError) as exc:
        text = str(exc).lower()
        # A wrong passphrase now and then "decrypts" to bytes with valid padding, which then fail
        # to parse as a key: when the file's own encrypted structure is intact, blame the passphrase.
        if "password" in text or "decrypt" in text or _encrypted_structure_intact(key_pem):
            raise AuthenticationError("私钥口令错误，请重新输入") from exc
        raise ValidationError("私钥文件无法读取，文件可能已损坏", field="key") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValidationError("私钥类型不受支持（应为 ECDSA P-256）", field="key")
    return key


def load_certificate(data: bytes | x509.Certificate) -> x509.Certificate:
    """Load a PEM or DER certificate (or pass one through)."""
    if isinstance(data, x509.Certificate):
        return data
    if hasattr(data, "dump") and not isinstance(data, bytes | bytearray):  # asn1crypto
        data = data.dump()
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(bytes(data))
        return x509.load_der_x509_certificate(bytes(data))
    except ValueError as exc:
        raise ValidationError("证书文件无法读取，文件可能已损坏", field="cert") from exc


def load_crl(data: bytes) -> x509.CertificateRevocationList:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError as exc:
        raise ValidationError("吊销列表（CRL）文件无法读取", field="crl") from exc


def crl_time_problem(crl: x509.CertificateRevocationList, now: datetime) -> str | None:
    """Why ``crl`` cannot be used at ``now`` (Chinese), or None.

    A CRL whose thisUpdate lies more than ``CRL_CLOCK_SKEW`` after ``now`` was not yet issued by
    this PC's clock: almost always that clock is wrong, so the message says so first.
    """
    now = _now(now)
    issued = crl.last_update_utc
    if issued > now + CRL_CLOCK_SKEW:
        return (f"吊销列表的生效时间（{issued.astimezone():%Y-%m-%d %H:%M}）晚于本机当前时间"
                f"（{now.astimezone():%Y-%m-%d %H:%M}），请检查本机时间是否正确；如本机时间无误，"
                f"请向县纪委获取正确的吊销列表")
    next_update = crl.next_update_utc
    if next_update is not None and next_update < now:
        return f"吊销列表已于 {next_update.astimezone():%Y-%m-%d %H:%M} 过期，请向县纪委获取最新的吊销列表"
    return None


def _name_attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    attrs = name.get_attributes_for_oid(oid)
    return str(attrs[0].value) if attrs else None


def create_root(
    county_name: str, passphrase: bytes, *, valid_years: int = 10, now: datetime | None = None
) -> RootBundle:
    """Create the county root key and self-signed CA certificate."""
    county_name = _validate_name(county_name, "county_name", "县纪委名称")
    _check_passphrase(passphrase)
    if not 1 <= valid_years <= 30:
        raise ValidationError("根证书有效期应为 1 至 30 年", field="valid_years")
    now = _now(now)
    key = ec.generate_private_key(ec.SECP256R1())
    # A random serialNumber attribute keeps the DN unique even when two counties share a name.
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, county_name),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{county_name}根证书"),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, f"ROOT-{secrets.token_hex(8).upper()}"),
    ])
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + timedelta(days=365 * valid_years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return RootBundle(_encrypt(key, passphrase), cert.public_bytes(serialization.Encoding.PEM))


def create_signing_key(org_name: str, org_code: str, passphrase: bytes) -> tuple[bytes, bytes]:
    """Create a township key (encrypted PKCS#8 PEM) and its CSR (PEM)."""
    org_name = _validate_name(org_name, "org_name", "单位名称")
    validate_org_code(org_code)
    _check_passphrase(passphrase)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name),
        x509.NameAttribute(NameOID.COMMON_NAME, org_name),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, org_code),
    ])
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    return _encrypt(key, passphrase), csr.public_bytes(serialization.Encoding.PEM)


def _load_root(root_key_pem: bytes, passphrase: bytes, root_cert_pem: bytes):
    key = load_private_key(root_key_pem, passphrase)
    root = load_certificate(root_cert_pem)
    if root.public_key().public_numbers() != key.public_key().public_numbers():
        raise ValidationError("根私钥与根证书不匹配", field="root_cert")
    return key, root


def issue_certificate(
    root_key_pem: bytes,
    passphrase: bytes,
    root_cert_pem: bytes,
    csr_pem: bytes,
    serial: int | None = None,
    *,
    valid_days: int = 730,
    now: datetime | None = None,
) -> bytes:
    """Issue a township signing certificate for a CSR (PEM in, PEM out)."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem)
    except ValueError as exc:
        raise ValidationError("证书申请文件（CSR）无法读取，文件可能已损坏", field="csr") from exc
    if not csr.is_signature_valid:
        raise ValidationError("证书申请文件（CSR）的签名无效，文件可能已损坏或被篡改", field="csr")
    pub = csr.public_key()
    if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name != "secp256r1":
        raise ValidationError("证书申请中的公钥类型不受支持（应为 ECDSA P-256）", field="csr")
    org_name = _name_attr(csr.subject, NameOID.COMMON_NAME)
    org_code = _name_attr(csr.subject, NameOID.SERIAL_NUMBER)
    if not org_name or not org_code:
        raise ValidationError("证书申请中缺少单位名称或单位代码", field="csr")
    validate_org_code(org_code)
    if not 1 <= valid_days <= 3650:
        raise ValidationError("证书有效期应为 1 至 3650 天", field="valid_days")
    now = _now(now)
    root_key, root = _load_root(root_key_pem, passphrase, root_cert_pem)
    not_after = min(now + timedelta(days=valid_days), root.not_valid_after_utc)
    if not_after <= now:
        raise StateError("根证书已过期，不能再签发证书")
    if serial is None:
        serial = x509.random_serial_number()
    if serial <= 0 or serial.bit_length() > 159:
        raise ValidationError("证书序列号应为正整数（不超过 159 位）", field="serial")
    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(root.subject)
        .public_key(pub)
        .serial_number(serial)
        .not_valid_before(max(now - CLOCK_SKEW, root.not_valid_before_utc))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(root_ski), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def build_crl(
    root_key_pem: bytes,
    passphrase: bytes,
    root_cert_pem: bytes,
    revoked: list[tuple[int, datetime]],
    *,
    next_update_days: int = 30,
    now: datetime | None = None,
    crl_number: int | None = None,
) -> bytes:
    """A CRL (PEM) signed by the root, listing (serial, revocation time) pairs."""
    now = _now(now)
    root_key, root = _load_root(root_key_pem, passphrase, root_cert_pem)
    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=next_update_days))
        .add_extension(x509.CRLNumber(crl_number or int(now.timestamp())), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(root_ski), critical=False
        )
    )
    for serial, when in revoked:
        if when.tzinfo is None:
            raise ValueError("revocation time must be timezone-aware")
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(when.astimezone(timezone.utc))
            .build()
        )
    crl = builder.sign(root_key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.PEM)


def is_ca_root(cert: x509.Certificate) -> bool:
    """A self-signed certificate with CA:true (a candidate trust root)."""
    if cert.issuer != cert.subject:
        return False
    try:
        bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        cert.verify_directly_issued_by(cert)
    except (x509.ExtensionNotFound, InvalidSignature, ValueError, TypeError):
        return False
    return bc.ca


def org_of_certificate(cert) -> tuple[str, str]:
    """(org name, org code) from a certificate's subject (CN, serialNumber)."""
    cert = load_certificate(cert)
    name = _name_attr(cert.subject, NameOID.COMMON_NAME)
    code = _name_attr(cert.subject, NameOID.SERIAL_NUMBER)
    if not name or not code:
        raise ValidationError("证书中缺少单位名称或单位代码", field="cert")
    return name, code


def fingerprint(cert) -> str:
    """SHA-256 fingerprint, hex, for display and comparison."""
    return load_certificate(cert).fingerprint(hashes.SHA256()).hex()
