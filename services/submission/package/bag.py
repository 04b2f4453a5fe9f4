"""Building the signed submission package: a BagIt bag (RFC 8493) written atomically, then re-verified.

What the bag holds (names and files) is ``services.submission.package.layout``; ``signature.p7s`` is a detached CMS
signature over the bytes of ``tagmanifest-sha256.txt``; it is written after the tag manifest and is not
listed in it (bagit checks the tag files a tag manifest lists and allows others, so the bag stays valid).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import bagit
from cryptography.hazmat.primitives import serialization

from services.errors import IntegrityFailure, StateError, ValidationError
from services.storage.files import FileWriteError, atomic_path, keep_os_error, os_reason, sha256_file
from services.submission import cert_trust, pki
from services.submission.package import report_schema, sign_pdf
from services.submission.package.layout import (ALLOWED_FILES, AUDIT_CHAIN_FILE, SIGNATURE_FILE, package_name,
                                                validate_period)
from services.submission.package.verify import verify_package

SOFTWARE_AGENT = "jijian-desk (bagit.py %s)" % bagit.VERSION
# Report metadata keys that build_package writes into report.json and verification reads.
META_KEYS = ("org_code", "org_name", "period", "revision")

# bagit.make_bag changes the process working directory while it runs; serialize our calls.
_BAGIT_LOCK = threading.Lock()


@dataclass(frozen=True)
class PackageResult:
    folder: Path
    zip_path: Path | None
    tagmanifest_sha256: str
    zip_sha256: str | None
    file_name: str  # the folder name, or the zip's when one was made

    @property
    def sha256(self) -> str:
        """The zip's SHA-256 when a zip was made, else the tag manifest's."""
        return self.zip_sha256 or self.tagmanifest_sha256


def _validate_revision(revision: int) -> int:
    if not isinstance(revision, int) or isinstance(revision, bool) or not 0 <= revision <= 9999:
        raise ValidationError("修订号应为 0 至 9999 的整数", field="revision")
    return revision


def _report_with_meta(report_json: dict, meta: dict) -> bytes:
    """report.json bytes: the caller's dict with the package metadata, which must agree."""
    if not isinstance(report_json, dict):
        raise ValidationError("报表数据格式错误", field="report_json")
    merged = dict(report_json)
    for key, value in meta.items():
        if key in merged and merged[key] != value:
            raise ValidationError(
                f"报表数据中的 {key}（{merged[key]}）与文件包信息（{value}）不一致", field="report_json"
            )
        merged[key] = value
    try:
        return json.dumps(merged, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"报表数据无法保存为 JSON：{exc}", field="report_json") from exc


def stage_bag(
    bag_dir: Path,
    *,
    signer,
    org_code: str,
    org_name: str,
    period: str,
    revision: int,
    report_bytes: bytes,
    signed_pdf: bytes,
    xlsx_bytes: bytes,
    audit_head: str,
    signing_time: datetime,
    audit_chain: bytes | None = None,
) -> None:
    """Write a complete bag into the existing empty folder ``bag_dir`` (no checks, no fsync)."""
    (bag_dir / "report.pdf").write_bytes(signed_pdf)
    (bag_dir / "report.xlsx").write_bytes(xlsx_bytes)
    (bag_dir / "report.json").write_bytes(report_bytes)
    if audit_chain is not None:
        (bag_dir / AUDIT_CHAIN_FILE.removeprefix("data/")).write_bytes(audit_chain)
    info = {
        "Source-Organization": org_name,
        "External-Identifier": org_code,
        "Report-Period": period,
        "Report-Revision": str(revision),
        "Bagging-Date": signing_time.astimezone().strftime("%Y-%m-%d"),
        "Audit-Chain-Head": audit_head,
        "Bag-Software-Agent": SOFTWARE_AGENT,
    }
    with _BAGIT_LOCK:
        bagit.make_bag(str(bag_dir), bag_info=info, checksums=["sha256"])
    tagmanifest = (bag_dir / "tagmanifest-sha256.txt").read_bytes()
    (bag_dir / SIGNATURE_FILE).write_bytes(sign_pdf.sign_detached(tagmanifest, signer, signing_time))


def write_zip(folder: Path, zip_path: Path, when: datetime) -> None:
    """Zip ``folder`` as ``<name>/...`` entries (deterministic order) into ``zip_path``."""
    stamp = when.astimezone().timetuple()[:6]
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo(folder.name + "/", date_time=stamp), b"")
        zf.writestr(zipfile.ZipInfo(folder.name + "/data/", date_time=stamp), b"")
        for rel in sorted(r for r in ALLOWED_FILES if (folder / r).is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            zf.writestr(info, (folder / rel).read_bytes())


def _root_from_chain(chain_pems: list[bytes]):
    roots = []
    for pem in chain_pems:
        cert = pki.load_certificate(pem)
        if pki.is_ca_root(cert):
            roots.append(cert)
    if len(roots) != 1:
        raise ValidationError("证书链中应包含且只包含一份县纪委根证书", field="chain")
    return roots[0]


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    except OSError:
        pass


def build_package(
    out_dir: Path,
    *,
    org_code: str,
    org_name: str,
    period: str,
    revision: int,
    report_json: dict,
    pdf_bytes: bytes,
    xlsx_bytes: bytes,
    audit_head: str,
    key_pem: bytes,
    passphrase: bytes,
    cert_pem: bytes,
    chain_pems: list[bytes],
    stamp_font_path: Path | None,
    signature_box: tuple[int, tuple[float, float, float, float]] | None,
    make_zip: bool = False,
    now: datetime | None = None,
    audit_chain: bytes | None = None,
) -> PackageResult:
    """Sign the report, bag it, sign the tag manifest, write atomically, re-verify.

    On any failure nothing is left in ``out_dir`` and a DomainError is raised.
    """
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    pki.validate_org_code(org_code)
    validate_period(period)
    _validate_revision(revision)
    if not audit_head or not re.fullmatch(r"[0-9A-Za-z:_-]{1,128}", audit_head):
        raise ValidationError("审计链头格式错误", field="audit_head")
    if not pdf_bytes.startswith(b"%PDF-"):
        raise ValidationError("报表 PDF 文件格式错误", field="pdf")
    if not xlsx_bytes.startswith(b"PK"):
        raise ValidationError("报表 Excel 文件格式错误", field="xlsx")
    report_bytes = _report_with_meta(
        report_json, {"org_code": org_code, "org_name": org_name, "period": period, "revision": revision,
                      "audit_head": audit_head}
    )
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ValidationError(f"输出文件夹不存在：{out_dir}", field="out_dir")
    name = package_name(org_code, period, revision)
    final = out_dir / name
    final_zip = out_dir / (name + ".zip")
    for target in (final, final_zip):
        if target.exists() or target.is_symlink():
            raise StateError(f"文件包 {target.name} 已存在；如需更正，请生成新的修订版本")

    # Key, certificate and chain are checked before anything touches the disk.
    signer = sign_pdf.load_signer(key_pem, passphrase, cert_pem, chain_pems)
    cert = pki.load_certificate(cert_pem)
    root = _root_from_chain(chain_pems)
    cert_trust.check_certificate(cert, root, now)
    cert_org = pki.org_of_certificate(cert)
    if cert_org != (org_name, org_code):
        raise ValidationError(
            f"签章证书属于“{cert_org[0]}（{cert_org[1]}）”，与填报单位“{org_name}（{org_code}）”不一致",
            field="cert",
        )
    report = json.loads(report_bytes)
    problems = report_schema.schema_problems(report, cert_name=org_name, cert_code=org_code, bag_audit_head=audit_head)
    if problems:
        raise ValidationError("报表数据不符合月报数据格式，未生成文件包：" + "；".join(problems[:report_schema.MAX_SHOWN]),
                              field="report_json")
    signed_pdf = sign_pdf.sign_report_pdf(
        pdf_bytes, signer, org_name=org_name, signing_time=now,
        stamp_font_path=stamp_font_path, signature_box=signature_box, report=report,
    )

    written: list[Path] = []  # what landed in out_dir, removed again if the self-check fails
    staged = False  # an OSError before staging began: the output folder takes no file at all
    try:
        with atomic_path(final, directory=True, error=keep_os_error) as staging:
            staged = True
            stage_bag(
                staging, signer=signer, org_code=org_code, org_name=org_name, period=period,
                revision=revision, report_bytes=report_bytes, signed_pdf=signed_pdf,
                xlsx_bytes=xlsx_bytes, audit_head=audit_head, signing_time=now, audit_chain=audit_chain,
            )
            for d in (staging, staging / "data"):
                os.chmod(d, 0o755)
            if final.exists():
                raise StateError(f"文件包 {name} 已存在；如需更正，请生成新的修订版本")
        written.append(final)
        zip_path = zip_sha = None
        if make_zip:
            with atomic_path(final_zip, error=keep_os_error) as tmp_zip:
                write_zip(final, tmp_zip, now)
                os.chmod(tmp_zip, 0o644)
                if final_zip.exists():
                    raise StateError(f"文件包 {final_zip.name} 已存在")
            written.append(final_zip)
            zip_path, zip_sha = final_zip, sha256_file(final_zip)
        root_pem = root.public_bytes(serialization.Encoding.PEM)
        for target in [final] + ([final_zip] if make_zip else []):
            report = verify_package(target, root_pem=root_pem, expected_org_code=org_code, now=now)
            if not report.accepted:
                reasons = "；".join(f"{c.title_zh}：{c.reason_zh}" for c in report.checks if not c.passed)
                raise IntegrityFailure(f"文件包写入后自检未通过，已删除：{reasons}")
        return PackageResult(
            folder=final,
            zip_path=zip_path,
            tagmanifest_sha256=sha256_file(final / "tagmanifest-sha256.txt"),
            zip_sha256=zip_sha,
            file_name=final_zip.name if make_zip else name,
        )
    except BaseException as exc:
        for p in written:
            _remove(p)
        if isinstance(exc, OSError) and not staged:
            raise FileWriteError(f"无法写入输出文件夹 {out_dir}：{os_reason(exc)}") from exc
        if isinstance(exc, OSError):
            raise IntegrityFailure(f"写入文件包失败（{os_reason(exc)}），已清理未完成的文件：{out_dir}") from exc
        if isinstance(exc, bagit.BagError):
            raise IntegrityFailure(f"写入文件包失败（已清理未完成的文件）：{exc}") from exc
        raise
