"""The one trust check for a township's signing certificate, built on pyhanko-certvalidator.

Packaging (before anything is signed), the package check (``verify``), installing a certificate and
the audit checkpoints all ask ``check_certificate``: issued by the county root, valid at the given
moment, allowed to sign (digital signature and non-repudiation), and, when the county's revocation
list (CRL) is given, not revoked. The signatures inside a package are checked by pyHanko against the
same ``validation_context``.
"""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv_errors
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule

from services.errors import IntegrityFailure, ValidationError
from services.submission import pki

SIGNING_KEY_USAGE = frozenset({"digital_signature", "non_repudiation"})
# Our certificates carry no CRL distribution point, so pyHanko's default ("check if declared")
# would never consult a CRL we are given; require it instead.
_CRL_REQUIRED = CertRevTrustPolicy(
    RevocationCheckingPolicy(
        ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
        intermediate_ca_cert_rule=RevocationCheckingRule.CRL_REQUIRED,
    )
)
# Clock difference tolerated between the PC that made a CRL and the one checking with it.
TIME_TOLERANCE: timedelta = pki.CRL_CLOCK_SKEW
NOT_ISSUED_BY_ROOT = "该证书不是由所给的县纪委根证书签发的"


class CertificateRevoked(ValidationError):
    """The county has revoked the certificate (its CRL says so)."""


class RevocationUnknown(ValidationError):
    """The CRL cannot answer at this moment (not yet valid on this clock, or out of date)."""


def fmt(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def as_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def validation_context(root_asn1: asn1_x509.Certificate, crl_der: bytes | None, now: datetime) -> ValidationContext:
    """Trust only the county root; with a CRL, every certificate must be found in it (no fetching)."""
    return ValidationContext(
        trust_roots=[root_asn1],
        crls=[crl_der] if crl_der else None,
        revinfo_policy=_CRL_REQUIRED if crl_der else None,
        allow_fetching=False,
        moment=now,
        time_tolerance=TIME_TOLERANCE,
    )


def check_crl_issuer(crl: x509.CertificateRevocationList, root: x509.Certificate, message: str) -> None:
    if crl.issuer != root.subject or not crl.is_signature_valid(root.public_key()):
        raise ValidationError(message, field="crl_pem")


def revoked_message(cert: x509.Certificate, when: datetime) -> str:
    return f"签名证书（序列号 {cert.serial_number:X}）已于 {fmt(when)} 被县纪委吊销"


def check_certificate(cert: x509.Certificate, root: x509.Certificate, at: datetime, *,
                      crl: x509.CertificateRevocationList | None = None) -> None:
    """``cert`` may sign at ``at`` under the county ``root`` (and ``crl``, when given); else a DomainError.

    ``IntegrityFailure``: not issued by the root. ``CertificateRevoked`` / ``RevocationUnknown``: the
    CRL's answer. ``ValidationError``: a bad root, CRL, key usage or validity period.
    """
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    at = at.astimezone(timezone.utc)
    if not pki.is_ca_root(root):
        raise ValidationError("所给的根证书不是有效的县纪委根证书", field="root_cert")
    crl_der = None
    if crl is not None:
        check_crl_issuer(crl, root, "吊销列表（CRL）不是由所给的县纪委根证书签发的")
        crl_der = crl.public_bytes(serialization.Encoding.DER)
    if cert.issuer != root.subject:  # certvalidator would only say "no path": say who issued it instead
        raise IntegrityFailure(NOT_ISSUED_BY_ROOT)
    validator = CertificateValidator(as_asn1(cert), validation_context=validation_context(as_asn1(root), crl_der, at))
    try:
        asyncio.run(validator.async_validate_usage(set(SIGNING_KEY_USAGE)))
    except cv_errors.RevokedError as exc:
        raise CertificateRevoked(revoked_message(cert, exc.revocation_dt), field="cert") from exc
    except (cv_errors.ExpiredError, cv_errors.NotYetValidError) as exc:
        raise _validity_problem(cert, root, at) or ValidationError("签章证书不在有效期内", field="cert") from exc
    except (cv_errors.InsufficientRevinfoError, cv_errors.StaleRevinfoError) as exc:
        problem = pki.crl_time_problem(crl, at) if crl is not None else None
        raise RevocationUnknown(problem or "缺少有效的吊销信息（吊销列表不能用于核对该证书）", field="crl_pem") from exc
    except cv_errors.InvalidCertificateError as exc:  # the key usage (the path itself was valid)
        raise _usage_problem(cert) from exc
    except (cv_errors.PathBuildingError, cv_errors.PathValidationError) as exc:
        problem = pki.crl_time_problem(crl, at) if crl is not None else None
        if problem:  # pyHanko calls a CRL from the future a general path failure
            raise RevocationUnknown(problem, field="crl_pem") from exc
        raise IntegrityFailure(NOT_ISSUED_BY_ROOT) from exc
    problem = _validity_problem(cert, root, at)  # exactly: the CRL's clock tolerance is not the certificates'
    if problem is not None:
        raise problem


def listed_revocation(crl: x509.CertificateRevocationList, cert: x509.Certificate, at: datetime) -> datetime | None:
    """When ``crl`` lists ``cert`` as revoked by ``at`` (whether or not the CRL is still current)."""
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    return entry.revocation_date_utc if entry is not None and entry.revocation_date_utc <= at else None


def check_for_signing(cert: x509.Certificate, root: x509.Certificate, at: datetime,
                      crl: x509.CertificateRevocationList | None) -> str | None:
    """Packaging's check: ``check_certificate``, except that an installed CRL out of date (the county
    publishes a new one at each revocation) does not stop a township from reporting: a certificate it
    lists is still refused, any other gets a warning (returned). The county checks again on import."""
    try:
        check_certificate(cert, root, at, crl=crl)
        return None
    except RevocationUnknown as exc:
        when = listed_revocation(crl, cert, at)
        if when is not None:
            raise CertificateRevoked(revoked_message(cert, when), field="cert") from exc
        check_certificate(cert, root, at)
        return f"{exc.message}（本次未能用它核对本单位证书是否被吊销）"


def _usage_problem(cert: x509.Certificate) -> ValidationError:
    try:
        cert.extensions.get_extension_for_class(x509.KeyUsage)
    except x509.ExtensionNotFound:
        return ValidationError("证书缺少密钥用途（数字签名、不可否认），不能用于签章", field="cert")
    return ValidationError("证书的密钥用途不包括数字签名和不可否认，不能用于签章", field="cert")


def _validity_problem(cert: x509.Certificate, root: x509.Certificate, at: datetime) -> ValidationError | None:
    for c, label in ((root, "根证书"), (cert, "签章证书")):
        if at < c.not_valid_before_utc:
            return ValidationError(f"{label}尚未生效（生效时间 {c.not_valid_before_utc:%Y-%m-%d %H:%M} UTC），请检查电脑时间",
                                   field="cert")
        if at > c.not_valid_after_utc:
            return ValidationError(f"{label}已于 {c.not_valid_after_utc:%Y-%m-%d} 过期，请向县纪委申请新证书", field="cert")
    return None


def check_installation(
    key_pem: bytes, passphrase: bytes, cert_pem: bytes, root_pem: bytes, *, now: datetime | None = None
) -> tuple[str, str]:
    """Check a township's key + certificate + county root; return (org name, org code)."""
    key = pki.load_private_key(key_pem, passphrase)
    cert = pki.load_certificate(cert_pem)
    root = pki.load_certificate(root_pem)
    check_certificate(cert, root, now or datetime.now(timezone.utc))
    if cert.public_key().public_numbers() != key.public_key().public_numbers():
        raise ValidationError("证书与本单位私钥不匹配：这不是为本单位私钥签发的证书", field="cert")
    return pki.org_of_certificate(cert)


__all__ = ["CertificateRevoked", "RevocationUnknown", "SIGNING_KEY_USAGE", "TIME_TOLERANCE", "check_certificate",
           "check_for_signing", "check_installation", "listed_revocation", "revoked_message", "validation_context"]
