"""What every check of ``verify`` reads: the private copy of the package, the trust settings, and
what earlier checks found (signer certificates and times); files are parsed once, on first use."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko_certvalidator import ValidationContext

from services.submission import pki
from services.submission.package import layout, report_schema
from services.submission.cert_trust import validation_context


class CheckFailed(Exception):
    """A check failed with a Chinese reason."""


@dataclass
class CheckContext:
    root_dir: Path
    files: list[str]
    problems: list[str]
    root: x509.Certificate
    root_asn1: asn1_x509.Certificate
    crl: x509.CertificateRevocationList | None
    crl_der: bytes | None
    now: datetime
    expected_org_code: str | None
    cms_cert: asn1_x509.Certificate | None = None
    cms_time: datetime | None = None
    pdf_cert: asn1_x509.Certificate | None = None
    pdf_time: datetime | None = None
    extra: dict = field(default_factory=dict)

    def read(self, rel: str) -> bytes:
        path = self.root_dir / rel
        if not path.is_file():
            raise CheckFailed(f"缺少文件 {rel}")
        return path.read_bytes()

    def vc(self) -> ValidationContext:
        return validation_context(self.root_asn1, self.crl_der, self.now)

    def signer_cert(self) -> x509.Certificate:
        cert = self.cms_cert or self.pdf_cert
        if cert is None:
            raise CheckFailed("无法从签名中读取签名证书")
        return pki.load_certificate(cert.dump())

    def bag_info(self) -> dict[str, str]:
        if "bag_info" not in self.extra:
            self.extra["bag_info"] = read_bag_info(self.read("bag-info.txt"))
        return self.extra["bag_info"]

    def report(self) -> dict:
        if "report" not in self.extra:
            try:
                self.extra["report"] = report_schema.load_report(self.read("data/report.json"))
            except report_schema.ReportJsonError as exc:
                raise CheckFailed(str(exc)) from exc
        return self.extra["report"]

    def folder_parts(self) -> tuple[str, str, int]:
        m = layout.NAME_RE.match(self.root_dir.name)
        if not m:
            raise CheckFailed(f"文件夹名 “{self.root_dir.name}” 不符合 “单位代码_YYYY-MM_月报_r修订号” 的命名规则")
        return m["org"], m["period"], int(m["rev"])


def read_bag_info(raw: bytes) -> dict[str, str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckFailed("bag-info.txt 不是 UTF-8 文本") from exc
    info: dict[str, list[str]] = {}
    last = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[:1] in (" ", "\t") and last:
            info[last][-1] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            last = key.strip()
            info.setdefault(last, []).append(value.strip())
        else:
            raise CheckFailed(f"bag-info.txt 中有无法识别的行：{line[:40]}")
    dupes = [k for k, v in info.items() if len(v) > 1]
    if dupes:
        raise CheckFailed(f"bag-info.txt 中 {', '.join(dupes)} 出现了多次")
    return {k: v[0] for k, v in info.items()}
