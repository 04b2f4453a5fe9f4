"""Verification of a submission package (folder or .zip), county side and self-check.

Every check runs and is reported on its own; the package is accepted only when all pass. A check
that could not be made (no CRL given: revocation 未核对) passes with the status ``warning``, so it is
never shown as a ✓; ``status_mark`` words each status once for the CLI and the GUI.
The package is first copied (or extracted) into a private temp folder by ``safezip`` and
every check reads that copy, so links are never followed and files cannot change mid-way.
A zip must be named after the one folder it holds (``<folder>.zip``), else ``structure`` fails.
The content checks live beside this module: ``report_schema`` (report.json's form) and
``pdf_binding`` (the signed PDF belongs to this report.json); trust settings are in ``trust``.
"""
from __future__ import annotations

import asyncio
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import bagit
from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import (
    SignatureCoverageLevel,
    async_validate_detached_cms,
    validate_pdf_signature,
)

from services.errors import DomainError, ValidationError
from services.submission import pki
from services.submission.cert_trust import check_certificate
from services.submission.package import layout, pdf_binding, report_schema
from services.submission.package.check_context import CheckContext as _Ctx, CheckFailed as _Fail
from services.submission.package.safezip import Limits, UnsafePackage, copy_folder, extract_zip
from services.submission.package.trust import (REQUIRED_KEY_USAGE, fmt as _fmt, load_trust, revocation_reason,
                                               trust_reason)

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
    ("report_schema", "报表数据格式（report.json）"),
    ("pdf_binding", "报表 PDF 与 report.json 对应"),
)
TITLES = dict(CHECKS)
FUTURE_SKEW = timedelta(minutes=10)
NOT_CHECKED = "未检查"  # the reason's start when a check could not run at all
PASSED, WARNING, FAILED = "passed", "warning", "failed"
STATUS_MARKS = {PASSED: "✓ 通过", WARNING: "! 未核对", FAILED: "✗ 未通过"}


class Unchecked(Exception):
    """Raised by a check that could not be made for want of an input (it does not block acceptance)."""


@dataclass(frozen=True)
class Check:
    code: str
    title_zh: str
    passed: bool
    reason_zh: str
    status: str = ""  # PASSED, WARNING (passed, but not checked) or FAILED; empty: from ``passed``

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", PASSED if self.passed else FAILED)


def status_of(check: Check | dict) -> str:
    """The status of a ``Check`` or of its stored dict form (older ones have no status)."""
    if isinstance(check, dict):
        return str(check.get("status") or (PASSED if check.get("passed") else FAILED))
    return check.status


def status_mark(check: Check | dict) -> str:
    """"✓ 通过", "! 未核对" or "✗ 未通过"."""
    return STATUS_MARKS[status_of(check)]


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

    @property
    def unchecked(self) -> list[Check]:
        return [c for c in self.checks if c.status == WARNING]

    def check(self, code: str) -> Check:
        return next(c for c in self.checks if c.code == code)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["accepted"] = self.accepted
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


# ---- the checks ---------------------------------------------------------------------------

def _check_structure(ctx: _Ctx) -> str:
    problems = list(ctx.problems)
    present = set(ctx.files)
    missing = sorted(layout.EXPECTED_FILES - present)
    extra = sorted(present - layout.ALLOWED_FILES)
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
    return f"只含规定的 {len(present)} 个文件，没有链接或多余文件"


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
    want = set(layout.PAYLOAD) | {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}
    if layout.AUDIT_CHAIN_FILE in ctx.files:
        want.add(layout.AUDIT_CHAIN_FILE)
    if entries != want:
        raise _Fail("清单未完整列出规定的文件：" + "、".join(sorted(want ^ entries)))
    return "全部文件的校验码与清单一致（完整校验）"


def _check_cms(ctx: _Ctx) -> str:
    raw = ctx.read(layout.SIGNATURE_FILE)
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
        raise _Fail(trust_reason(status, ctx.crl, ctx.now))
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
        raise _Fail(trust_reason(status, ctx.crl, ctx.now))
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
        check_certificate(cert, ctx.root, ctx.now)
    except DomainError as exc:
        raise _Fail(exc.message) from exc
    return f"证书由县纪委根证书签发，有效期至 {cert.not_valid_after_utc.astimezone():%Y-%m-%d}"


def _check_revocation(ctx: _Ctx) -> str:
    if ctx.crl is None:
        raise Unchecked("未提供吊销列表（CRL），未核对吊销状态")
    passed, reason = revocation_reason(ctx.crl, ctx.root, ctx.signer_cert(), ctx.now)
    if not passed:
        raise _Fail(reason)
    return reason


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
    if not layout.PERIOD_RE.match(f_period):
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


def _check_schema(ctx: _Ctx) -> str:
    try:
        cert_name, cert_code = pki.org_of_certificate(ctx.signer_cert())
    except (_Fail, DomainError):
        cert_name = cert_code = None
    try:
        bag_head = ctx.bag_info().get("Audit-Chain-Head")
    except _Fail:
        bag_head = None  # reported by bag_valid
    problems = report_schema.schema_problems(ctx.report(), cert_name=cert_name, cert_code=cert_code,
                                             bag_audit_head=bag_head)
    if problems:
        shown = problems[:report_schema.MAX_SHOWN]
        more = f"（另有 {len(problems) - len(shown)} 处问题）" if len(problems) > len(shown) else ""
        raise _Fail("report.json 不符合月报数据格式：" + "；".join(shown) + more)
    return f"符合 {report_schema.SCHEMA}：月报表全部 {len(report_schema.ROWS)} 项均为有效的非负整数"


def _check_binding(ctx: _Ctx) -> str:
    try:
        found = pdf_binding.read_binding(ctx.read("data/report.pdf"))
    except pdf_binding.BindingError as exc:
        raise _Fail(str(exc)) from exc
    problems = pdf_binding.binding_problems(found, ctx.report())
    if problems:
        raise _Fail("；".join(problems))
    return f"签章时记录的单位、报告期 {found['JJPeriod']}、第 {found['JJRevision']} 版和数据摘要与 report.json 一致"


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
    "report_schema": _check_schema,
    "pdf_binding": _check_binding,
}


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
    root, root_asn1, crl, crl_der = load_trust(root_pem, crl_pem)
    if not path.exists() and not path.is_symlink():
        raise ValidationError(f"找不到文件包：{path}", field="path")
    with tempfile.TemporaryDirectory(prefix="jijian-verify-") as tmp:
        try:
            if path.is_file() and path.suffix.lower() == ".zip":
                snap = extract_zip(path, Path(tmp), limits, allowed=layout.ALLOWED_FILES)
                if snap.root.name != path.stem:  # the name is how people tell packages apart
                    snap.problems.append(f"压缩包文件名“{path.name}”与包内文件夹名“{snap.root.name}”不一致"
                                         f"（应为“{snap.root.name}.zip”），请使用原文件名")
            else:
                snap = copy_folder(path, Path(tmp), limits)
        except UnsafePackage as exc:
            checks = [Check("structure", TITLES["structure"], False, exc.message)]
            checks += [
                Check(code, title, False, f"{NOT_CHECKED}：文件包无法安全打开")
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
            except Unchecked as exc:
                checks.append(Check(code, title, True, str(exc), WARNING))
            except _Fail as exc:
                checks.append(Check(code, title, False, str(exc)))
            except Exception as exc:  # a check must never hide the others
                checks.append(Check(code, title, False, f"检查时出错：{type(exc).__name__}: {exc}"))
        report = VerifyReport(path=str(path), checks=checks)
        try:
            r = ctx.report()
            report.org_code, report.org_name, report.period = (
                v if isinstance(v, str) else None for v in (r.get("org_code"), r.get("org_name"), r.get("period")))
            rev = r.get("revision")
            report.revision = rev if isinstance(rev, int) and not isinstance(rev, bool) else None
        except _Fail:
            pass
        if ctx.cms_cert is not None or ctx.pdf_cert is not None:
            report.signer_fingerprint = pki.fingerprint(ctx.signer_cert())
        if ctx.cms_time is not None:
            report.signing_time = ctx.cms_time.astimezone(timezone.utc).isoformat()
        return report
