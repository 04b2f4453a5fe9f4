"""What a package's signatures are checked against: the county root, its revocation list (CRL), the
required key usage, and the Chinese reasons when pyHanko does not trust a signer. The context and the
certificate check itself are ``services.submission.cert_trust``'s, shared with packaging."""
from __future__ import annotations

from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.validation import KeyUsageConstraints

from services.errors import DomainError, ValidationError
from services.submission import pki
from services.submission.cert_trust import (CertificateRevoked, RevocationUnknown, check_certificate, check_crl_issuer,
                                            fmt, listed_revocation, revoked_message)

# pyHanko's default_usage_constraints() rebuilds the constraints without
# match_all_key_usages, so a set of two would mean "either". Require nonRepudiation here;
# cert_chain checks digitalSignature as well.
REQUIRED_KEY_USAGE = KeyUsageConstraints(key_usage={"non_repudiation"})
def load_trust(root_pem: bytes, crl_pem: bytes | None):
    """(root, root as asn1crypto, CRL or None, CRL DER or None); bad settings raise ValidationError."""
    root = pki.load_certificate(root_pem)
    if not pki.is_ca_root(root):
        raise ValidationError("所配置的根证书不是有效的县纪委根证书", field="root_pem")
    crl = crl_der = None
    if crl_pem:
        crl = pki.load_crl(crl_pem)
        check_crl_issuer(crl, root, "吊销列表（CRL）不是由所配置的县纪委根证书签发的")
        crl_der = crl.public_bytes(serialization.Encoding.DER)
    root_asn1 = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    return root, root_asn1, crl, crl_der


def trust_reason(status, crl: x509.CertificateRevocationList | None, now: datetime) -> str:
    """Why pyHanko does not trust a signer, in Chinese."""
    rev = getattr(status, "revocation_details", None)
    if rev is not None:
        return f"签名证书已于 {fmt(rev.revocation_date)} 被吊销"
    indic = status.trust_problem_indic
    name = getattr(indic, "name", str(indic))
    if name in ("REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"):
        return "签名证书已被吊销"
    if name in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"):
        return "签名证书已过期"
    if name == "NOT_YET_VALID":
        return "签名证书尚未生效"
    # pyHanko calls a CRL not yet valid a general chain failure and a stale one TRY_LATER.
    problem = pki.crl_time_problem(crl, now) if crl is not None else None
    if problem and name in ("TRY_LATER", "REVOCATION_OUT_OF_BOUNDS_NO_POE", "CERTIFICATE_CHAIN_GENERAL_FAILURE"):
        return problem
    if name in ("NO_CERTIFICATE_CHAIN_FOUND", "CERTIFICATE_CHAIN_GENERAL_FAILURE"):
        return "签名证书不是由所配置的县纪委根证书签发"
    if name in ("SIG_CONSTRAINTS_FAILURE", "CHAIN_CONSTRAINTS_FAILURE"):
        return "签名证书的密钥用途不符合要求（需要数字签名和不可否认）"
    if name in ("TRY_LATER", "REVOCATION_OUT_OF_BOUNDS_NO_POE"):
        return "缺少有效的吊销信息（吊销列表不能用于核对本签名）"
    return f"签名证书不受信任（{name}）"


def revocation_reason(crl: x509.CertificateRevocationList, root: x509.Certificate,
                      cert: x509.Certificate, now: datetime) -> tuple[bool, str]:
    """(passed, Chinese reason) of checking ``cert`` against ``crl`` at ``now``: the CRL's answer of
    ``cert_trust.check_certificate``. A certificate that fails for another reason (expired, key usage;
    the certificate line says so) stops that check early, so its CRL entry is looked up directly."""
    if cert.issuer != root.subject:
        return False, "签名证书不是该根证书签发，无法用吊销列表核对"
    try:
        check_certificate(cert, root, now, crl=crl)
    except (CertificateRevoked, RevocationUnknown) as exc:
        return False, exc.message
    except DomainError:
        when = listed_revocation(crl, cert, now)
        if when is not None:
            return False, revoked_message(cert, when)
    problem = pki.crl_time_problem(crl, now)
    if problem:
        return False, problem
    return True, f"证书未被吊销（吊销列表更新于 {fmt(crl.last_update_utc)}）"
