"""Verification of a submission package (folder or .zip), county side and self-check.

Every check runs and is reported on its own; the package is accepted only when all pass.
The package is first copied (or extracted) into a private temp folder by ``safezip`` and
every check reads that copy, so links are never followed and files cannot change mid-way.
"""
from __future__ import annotations

import asyncio
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import bagit
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import (
    KeyUsageConstraints,
    SignatureCoverageLevel,
    async_validate_detached_cms,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)

from services import pki
from services.errors import DomainError, ValidationError
from services.package import bag as bagmod
from services.package.safezip import Limits, UnsafePackage, copy_folder, extract_zip

CHECKS: tuple[tuple[str, str], ...] = (
    ("structure", "文件结构"),
    ("bag_valid", "BagIt 完整性校验"),
    ("cms_signature", "清单签名（signature.p7s）"),
    ("pdf_signature", "报表 PDF 电子签章"),
    ("same_signer", "两处签名为同一证书"),
    ("cert_chain", "证书链与密钥用途"),
    ("not_revoked", "证书吊销状态"),
    ("signing_time", "签名时间"),
    ("organization", "填报单位一致"),
    ("period_revision", "报告期与修订号一致"),
)
TITLES = dict(CHECKS)
# pyHanko's default_usage_constraints() rebuilds the constraints without
# match_all_key_usages, so a set of two would mean "either". Require nonRepudiation here;
# cert_chain checks digitalSignature as well.
REQUIRED_KEY_USAGE = KeyUsageConstraints(key_usage={"non_repudiation"})
# Our certificates carry no CRL distribution point, so pyHanko's default ("check if
# declared") would never consult a CRL we are given; require it instead.
_CRL_REQUIRED = CertRevTrustPolicy(
    RevocationCheckingPolicy(
        ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
        intermediate_ca_cert_rule=RevocationCheckingRule.CRL_REQUIRED,
    )
)
FUTURE_SKEW = timedelta(minutes=10)


@dataclass(frozen=True)
class Check:
    code: str
    title_zh: str
    passed: bool
    reason_zh: str


@dataclass
class VerifyReport:
    path: str
    checks: list[Check]
    org_code: str | None = None
    org_name: str | None = None
    period: str | None = None
    revision: int | None = None
    signer_fingerprint: str | None = None
    signing_time: str | None = None

    @property
    def accepted(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def failed_codes(self) -> set[str]:
        return {c.code for c in self.checks if not c.passed}

    def check(self, code: str) -> Check:
        return next(c for c in self.checks if c.code == code)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["accepted"] = self.accepted
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


class _Fail(Exception):
    """A check failed with a Chinese reason."""


@dataclass
class _Ctx:
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
            raise _Fail(f"缺少文件 {rel}")
        return path.read_bytes()

    def vc(self) -> ValidationContext:
        return ValidationContext(
            trust_roots=[self.root_asn1],
            crls=[self.crl_der] if self.crl_der else None,
            revinfo_policy=_CRL_REQUIRED if self.crl_der else None,
            allow_fetching=False,
            moment=self.now,
        )

    def signer_cert(self) -> x509.Certificate:
        cert = self.cms_cert or self.pdf_cert
        if cert is None:
            raise _Fail("无法从签名中读取签名证书")
        return pki.load_certificate(cert.dump())

    def bag_info(self) -> dict[str, str]:
        if "bag_info" not in self.extra:
            self.extra["bag_info"] = _read_bag_info(self.read("bag-info.txt"))
        return self.extra["bag_info"]

    def report(self) -> dict:
        if "report" not in self.extra:
            try:
                data = json.loads(self.read("data/report.json").decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise _Fail(f"report.json 不是有效的 JSON：{exc}") from exc
            if not isinstance(data, dict):
                raise _Fail("report.json 的内容格式不正确")
            self.extra["report"] = data
        return self.extra["report"]

    def folder_parts(self) -> tuple[str, str, int]:
        m = bagmod.NAME_RE.match(self.root_dir.name)
        if not m:
            raise _Fail(f"文件夹名 “{self.root_dir.name}” 不符合 “单位代码_YYYY-MM_月报_r修订号” 的命名规则")
        return m["org"], m["period"], int(m["rev"])


def _read_bag_info(raw: bytes) -> dict[str, str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Fail("bag-info.txt 不是 UTF-8 文本") from exc
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
            raise _Fail(f"bag-info.txt 中有无法识别的行：{line[:40]}")
    dupes = [k for k, v in info.items() if len(v) > 1]
    if dupes:
        raise _Fail(f"bag-info.txt 中 {', '.join(dupes)} 出现了多次")
    return {k: v[0] for k, v in info.items()}


def _fmt(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def _trust_reason(status) -> str:
    rev = getattr(status, "revocation_details", None)
    if rev is not None:
        return f"签名证书已于 {_fmt(rev.revocation_date)} 被吊销"
    indic = status.trust_problem_indic
    name = getattr(indic, "name", str(indic))
    if name in ("REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"):
        return "签名证书已被吊销"
    if name in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"):
        return "签名证书已过期"
    if name == "NOT_YET_VALID":
        return "签名证书尚未生效"
    if name in ("NO_CERTIFICATE_CHAIN_FOUND", "CERTIFICATE_CHAIN_GENERAL_FAILURE"):
        return "签名证书不是由所配置的县纪委根证书签发"
    if name in ("SIG_CONSTRAINTS_FAILURE", "CHAIN_CONSTRAINTS_FAILURE"):
        return "签名证书的密钥用途不符合要求（需要数字签名和不可否认）"
    if name in ("TRY_LATER", "REVOCATION_OUT_OF_BOUNDS_NO_POE"):
        return "缺少有效的吊销信息（吊销列表可能已过期）"
    return f"签名证书不受信任（{name}）"


# ---- the checks ---------------------------------------------------------------------------

def _check_structure(ctx: _Ctx) -> str:
    problems = list(ctx.problems)
    present = set(ctx.files)
    missing = sorted(bagmod.EXPECTED_FILES - present)
    extra = sorted(present - bagmod.EXPECTED_FILES)
    if missing:
        problems.append("缺少文件：" + "、".join(missing))
    if extra:
        problems.append("多出不应有的文件：" + "、".join(extra))
    for dirpath, dirnames, _files in os.walk(ctx.root_dir):
        for d in dirnames:
            rel = os.path.relpath(os.path.join(dirpath, d), ctx.root_dir).replace(os.sep, "/")
            if rel != "data":
                problems.append(f"多出不应有的文件夹：{rel}")
    if problems:
        raise _Fail("；".join(problems))
    return "只含规定的 8 个文件，没有链接或多余文件"


_BAG_DETAIL = {
    bagit.ChecksumMismatch: "文件 {path} 的内容与清单中的校验值不符（文件被改动）",
    bagit.FileMissing: "清单中列出的文件 {path} 不存在",
    bagit.UnexpectedFile: "文件 {path} 不在清单中",
}


def _check_bag(ctx: _Ctx) -> str:
    try:
        bag = bagit.Bag(str(ctx.root_dir))
        bag.validate(processes=1, fast=False)
    except bagit.BagValidationError as exc:
        details = [
            _BAG_DETAIL.get(type(d), "{path}：" + str(d)).format(path=getattr(d, "path", "").replace(os.sep, "/"))
            for d in exc.details
        ]
        if not details:
            if "Payload-Oxum" in exc.message:
                details = ["Payload-Oxum 记录的文件数量或大小与实际不符（文件被增删或改动）"]
            else:
                details = [f"BagIt 校验失败：{exc.message}"]
        raise _Fail("；".join(details)) from exc
    except bagit.BagError as exc:
        raise _Fail(f"不是有效的 BagIt 文件包：{exc}") from exc
    if bag.algorithms != ["sha256"]:
        raise _Fail("清单只能使用 SHA-256")
    entries = {k.replace(os.sep, "/") for k in bag.entries}
    want = set(bagmod.PAYLOAD) | {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}
    if entries != want:
        raise _Fail("清单未完整列出规定的文件：" + "、".join(sorted(want ^ entries)))
    return "全部文件的 SHA-256 与清单一致（完整校验）"


def _check_cms(ctx: _Ctx) -> str:
    raw = ctx.read(bagmod.SIGNATURE_FILE)
    tagmanifest = ctx.read("tagmanifest-sha256.txt")
    try:
        info = cms.ContentInfo.load(raw)
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        signed_data = info["content"]
        if signed_data["encap_content_info"]["content"].native is not None:
            raise _Fail("signature.p7s 应为分离式签名（不含被签内容）")
        status = asyncio.run(
            async_validate_detached_cms(
                tagmanifest, signed_data, signer_validation_context=ctx.vc(),
                key_usage_settings=REQUIRED_KEY_USAGE,
            )
        )
    except _Fail:
        raise
    except Exception as exc:  # asn1crypto/pyHanko raise many kinds on garbage input
        raise _Fail(f"签名文件 signature.p7s 已损坏，无法解析（{type(exc).__name__}）") from exc
    ctx.cms_cert = status.signing_cert
    ctx.cms_time = status.signer_reported_dt
    if not (status.intact and status.valid):
        raise _Fail("签名与 tagmanifest-sha256.txt 的内容不符（清单被改动或签名损坏）")
    if not status.trusted:
        raise _Fail(_trust_reason(status))
    return "签名有效，签名证书受县纪委根证书信任"


def _check_pdf(ctx: _Ctx) -> str:
    raw = ctx.read("data/report.pdf")
    try:
        reader = PdfFileReader(BytesIO(raw))
        sigs = reader.embedded_signatures
    except Exception as exc:
        raise _Fail(f"报表 PDF 无法读取（{type(exc).__name__}）") from exc
    if len(sigs) != 1:
        raise _Fail(f"报表 PDF 应含有一个签名，实际为 {len(sigs)} 个")
    sig = sigs[0]
    try:
        ctx.pdf_cert = sig.signer_cert
        status = validate_pdf_signature(sig, ctx.vc(), key_usage_settings=REQUIRED_KEY_USAGE)
    except Exception as exc:
        raise _Fail(f"报表 PDF 的签名无法解析（{type(exc).__name__}）") from exc
    ctx.pdf_time = status.signer_reported_dt
    if not (status.intact and status.valid):
        raise _Fail("报表 PDF 的内容与签名不符（签章后被改动）")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise _Fail("签章后 PDF 被追加修改（增量更新），签名不再覆盖整个文件")
    if not status.trusted:
        raise _Fail(_trust_reason(status))
    if not status.bottom_line:
        raise _Fail("报表 PDF 签名未通过校验")
    return "签名有效、受信任，且覆盖整个文件"


def _check_same_signer(ctx: _Ctx) -> str:
    if ctx.cms_cert is None or ctx.pdf_cert is None:
        raise _Fail("无法读取两处签名的证书，不能比较")
    if ctx.cms_cert.dump() != ctx.pdf_cert.dump():
        raise _Fail("清单签名与 PDF 签章使用了不同的证书")
    return "清单签名与 PDF 签章为同一证书"


def _check_chain(ctx: _Ctx) -> str:
    cert = ctx.signer_cert()
    try:
        pki.check_signing_certificate(cert, ctx.root, ctx.now)
    except DomainError as exc:
        raise _Fail(exc.message) from exc
    return f"证书由县纪委根证书签发，有效期至 {cert.not_valid_after_utc.astimezone():%Y-%m-%d}"


def _check_revocation(ctx: _Ctx) -> str:
    if ctx.crl is None:
        return "未提供吊销列表（CRL），未核对吊销状态"
    cert = ctx.signer_cert()
    if cert.issuer != ctx.root.subject:
        raise _Fail("签名证书不是该根证书签发，无法用吊销列表核对")
    entry = ctx.crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is not None and entry.revocation_date_utc <= ctx.now:
        raise _Fail(f"签名证书（序列号 {cert.serial_number:X}）已于 {_fmt(entry.revocation_date_utc)} 被县纪委吊销")
    next_update = ctx.crl.next_update_utc
    if next_update is not None and next_update < ctx.now:
        raise _Fail(f"吊销列表已于 {_fmt(next_update)} 过期，请向县纪委获取最新的吊销列表")
    return f"证书未被吊销（吊销列表更新于 {_fmt(ctx.crl.last_update_utc)}）"


def _check_signing_time(ctx: _Ctx) -> str:
    cert = ctx.signer_cert()
    times = {"清单签名": ctx.cms_time, "PDF 签章": ctx.pdf_time}
    problems = []
    for label, t in times.items():
        if t is None:
            problems.append(f"{label}没有签名时间")
        elif not cert.not_valid_before_utc <= t <= cert.not_valid_after_utc:
            problems.append(
                f"{label}时间 {_fmt(t)} 不在证书有效期（{_fmt(cert.not_valid_before_utc)} 至 "
                f"{_fmt(cert.not_valid_after_utc)}）内"
            )
        elif t > ctx.now + FUTURE_SKEW:
            problems.append(f"{label}时间 {_fmt(t)} 晚于当前时间，请检查电脑时间")
    if problems:
        raise _Fail("；".join(problems))
    return f"签名时间 {_fmt(ctx.cms_time)} 在证书有效期内"


def _check_org(ctx: _Ctx) -> str:
    cert_name, cert_code = pki.org_of_certificate(ctx.signer_cert())
    report, info = ctx.report(), ctx.bag_info()
    folder_code = ctx.folder_parts()[0]
    problems = []
    pairs = (
        ("report.json 的单位代码", report.get("org_code"), cert_code),
        ("report.json 的单位名称", report.get("org_name"), cert_name),
        ("bag-info 的 External-Identifier", info.get("External-Identifier"), cert_code),
        ("bag-info 的 Source-Organization", info.get("Source-Organization"), cert_name),
        ("文件夹名中的单位代码", folder_code, cert_code),
    )
    for label, value, want in pairs:
        if value != want:
            problems.append(f"{label}为“{value}”，签名证书为“{want}”")
    if ctx.expected_org_code is not None and cert_code != ctx.expected_org_code:
        problems.append(f"文件包来自“{cert_name}（{cert_code}）”，不是预期的单位 {ctx.expected_org_code}")
    if problems:
        raise _Fail("；".join(problems))
    return f"{cert_name}（{cert_code}）"


def _check_period(ctx: _Ctx) -> str:
    report, info = ctx.report(), ctx.bag_info()
    _org, f_period, f_rev = ctx.folder_parts()
    if not bagmod.PERIOD_RE.match(f_period):
        raise _Fail(f"文件夹名中的报告期 {f_period} 无效")
    problems = []
    if report.get("period") != f_period:
        problems.append(f"report.json 的报告期为“{report.get('period')}”，文件夹名为“{f_period}”")
    if info.get("Report-Period") != f_period:
        problems.append(f"bag-info 的 Report-Period 为“{info.get('Report-Period')}”，文件夹名为“{f_period}”")
    if report.get("revision") != f_rev or isinstance(report.get("revision"), bool):
        problems.append(f"report.json 的修订号为“{report.get('revision')}”，文件夹名为“{f_rev}”")
    if info.get("Report-Revision") != str(f_rev):
        problems.append(f"bag-info 的 Report-Revision 为“{info.get('Report-Revision')}”，文件夹名为“{f_rev}”")
    if problems:
        raise _Fail("；".join(problems))
    return f"报告期 {f_period}，第 {f_rev} 版"


_RUNNERS = {
    "structure": _check_structure,
    "bag_valid": _check_bag,
    "cms_signature": _check_cms,
    "pdf_signature": _check_pdf,
    "same_signer": _check_same_signer,
    "cert_chain": _check_chain,
    "not_revoked": _check_revocation,
    "signing_time": _check_signing_time,
    "organization": _check_org,
    "period_revision": _check_period,
}


def _load_trust(root_pem: bytes, crl_pem: bytes | None):
    root = pki.load_certificate(root_pem)
    if not pki.is_ca_root(root):
        raise ValidationError("所配置的根证书不是有效的县纪委根证书", field="root_pem")
    crl = crl_der = None
    if crl_pem:
        crl = pki.load_crl(crl_pem)
        if crl.issuer != root.subject or not crl.is_signature_valid(root.public_key()):
            raise ValidationError("吊销列表（CRL）不是由所配置的县纪委根证书签发的", field="crl_pem")
        crl_der = crl.public_bytes(serialization.Encoding.DER)
    root_asn1 = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    return root, root_asn1, crl, crl_der


def verify_package(
    path: Path,
    *,
    root_pem: bytes,
    crl_pem: bytes | None = None,
    expected_org_code: str | None = None,
    now: datetime | None = None,
    limits: Limits = Limits(),
) -> VerifyReport:
    """Run every check on a package folder or .zip; bad trust settings raise ValidationError."""
    path = Path(path)
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    root, root_asn1, crl, crl_der = _load_trust(root_pem, crl_pem)
    if not path.exists() and not path.is_symlink():
        raise ValidationError(f"找不到文件包：{path}", field="path")
    with tempfile.TemporaryDirectory(prefix="jijian-verify-") as tmp:
        try:
            if path.is_file() and path.suffix.lower() == ".zip":
                snap = extract_zip(path, Path(tmp), limits, allowed=bagmod.EXPECTED_FILES)
            else:
                snap = copy_folder(path, Path(tmp), limits)
        except UnsafePackage as exc:
            checks = [Check("structure", TITLES["structure"], False, exc.message)]
            checks += [
                Check(code, title, False, "未检查：文件包无法安全打开")
                for code, title in CHECKS[1:]
            ]
            return VerifyReport(path=str(path), checks=checks)
        ctx = _Ctx(
            root_dir=snap.root, files=snap.files, problems=snap.problems, root=root,
            root_asn1=root_asn1, crl=crl, crl_der=crl_der, now=now,
            expected_org_code=expected_org_code,
        )
        checks = []
        for code, title in CHECKS:
            try:
                checks.append(Check(code, title, True, _RUNNERS[code](ctx)))
            except _Fail as exc:
                checks.append(Check(code, title, False, str(exc)))
            except Exception as exc:  # a check must never hide the others
                checks.append(Check(code, title, False, f"检查时出错：{type(exc).__name__}: {exc}"))
        report = VerifyReport(path=str(path), checks=checks)
        try:
            r = ctx.report()
            report.org_code, report.org_name = r.get("org_code"), r.get("org_name")
            report.period, report.revision = r.get("period"), r.get("revision")
        except _Fail:
            pass
        if ctx.cms_cert is not None or ctx.pdf_cert is not None:
            report.signer_fingerprint = pki.fingerprint(ctx.signer_cert())
        if ctx.cms_time is not None:
            report.signing_time = ctx.cms_time.astimezone(timezone.utc).isoformat()
        return report
