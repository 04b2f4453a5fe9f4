"""County mode: importing townships' packages (接收); the county-wide report (汇总) is ``county_summary``,
re-exported here.

An import copies the package into the data dir first and verifies that private copy (so what
is kept is exactly what was checked), against the county's own root, its current revocations
and the township's registration. Kept packages live in
``<data_dir>/received/<code>/<period>/r<revision>/`` as they arrived (bag folder or zip).

Every item on a stick is handled on its own: a package is imported or refused with its reasons,
anything else (a stray file or folder) is refused as not a package; each refusal is audited
(``county.reject``) at once, and a failure at any step leaves nothing under ``received/`` (the
staging folder goes in a ``finally``, a half-stored package and its emptied parents are removed).
A zip must keep its package's name (``<folder>.zip``): a renamed copy is refused, not guessed at.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ReceivedPackage, Township
from models.enums import OrgMode, PackageStatus

from services.errors import DomainError
from services.reporting.figures import parse_period
from services.reporting.layout import period_text
from services.security import audit
from services.security.permissions import require
from services.storage.files import os_error_message, sha256_file
from services.storage.workspace import Workspace
from services.submission import county_audit, county_ca, pki
from services.submission.county_summary import (consolidated_document, county_report_pdf, county_report_xlsx,
                                                normalized_period, sum_figures)
from services.submission.keys import require_mode
from services.submission.package import Check, Limits, VerifyReport, verify_package
from services.submission.package.layout import NAME_RE
from services.submission.package.safezip import UnsafePackage, copy_folder
from services.submission.package.verify import NOT_CHECKED

__all__ = ["EXTRA_CHECKS", "NOT_A_PACKAGE", "RECEIVED", "ImportOutcome", "consolidated_document", "county_report_pdf",
           "county_report_xlsx", "find_packages", "import_packages", "list_received", "sum_figures"]

RECEIVED = "received"
EXTRA_CHECKS = {"registered": "本县登记的乡镇"}


@dataclass
class ImportOutcome:
    path: str
    status: str                       # imported | rejected | replay
    township_code: str | None = None
    township_name: str | None = None
    period: str | None = None
    revision: int | None = None
    reasons: list[str] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    stored_path: str | None = None
    superseded_revision: int | None = None

    @property
    def imported(self) -> bool:
        return self.status == "imported"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["imported"] = self.imported
        return d


# ---------------------------------------------------------------- finding packages

NOT_A_PACKAGE = "不是报送包（报送包是“单位代码_YYYY-MM_月报_r修订号”文件夹或同名的 .zip 文件），未导入"
# What operating systems put on a stick by themselves (besides hidden "." names).
_SYSTEM_NAMES = frozenset({"system volume information", "$recycle.bin", "desktop.ini", "thumbs.db", "autorun.inf"})


def _is_package(p: Path) -> bool:
    if p.is_file():
        return p.suffix.lower() == ".zip"
    return p.is_dir() and ((p / "bagit.txt").exists() or bool(NAME_RE.match(p.name)))


def find_packages(path: Path) -> list[Path]:
    """The package itself, or every item directly inside a folder (a stick) but hidden and system
    ones: odd items too, so each is reported. A folder wins over a zip of the same name
    (``package --zip`` writes both)."""
    if path.is_file() or (path.is_dir() and (path / "bagit.txt").exists()):
        return [path]
    if not path.is_dir():
        return []
    found = sorted((c for c in path.iterdir()
                    if not c.name.startswith(".") and c.name.lower() not in _SYSTEM_NAMES), key=lambda c: c.name)
    folders = {c.name for c in found if c.is_dir()}
    return [c for c in found if not (c.is_file() and c.suffix.lower() == ".zip" and c.name[:-4] in folders)]


def _name_of(p: Path) -> str:
    return p.name[:-4] if p.is_file() and p.suffix.lower() == ".zip" else p.name


# ---------------------------------------------------------------- one package

def _stage(src: Path, staging: Path) -> Path | None:
    """Copy the package into ``staging``; None when it cannot be copied cleanly (links, extras)."""
    limits = Limits()
    try:
        if src.is_file():
            if src.stat().st_size > limits.max_total:
                return None
            target = staging / src.name
            shutil.copyfile(src, target, follow_symlinks=False)
            return target
        snap = copy_folder(src, staging, limits)
        return None if snap.problems else snap.root
    except (UnsafePackage, OSError):
        return None


def _report_json(stored: Path, name: str) -> str:
    if stored.is_file():
        with zipfile.ZipFile(stored) as zf:
            return zf.read(f"{name}/data/report.json").decode("utf-8")
    return (stored / "data" / "report.json").read_text("utf-8")


def _replace_check(report: VerifyReport, check: Check) -> None:
    report.checks = [check if c.code == check.code else c for c in report.checks]
    if all(c.code != check.code for c in report.checks):
        report.checks.append(check)


def _own_checks(s: Session, report: VerifyReport, roster: dict[str, str], now: dt.datetime) -> None:
    """The county's registry knows more than a CRL file: registration and revocations."""
    code = report.org_code
    if code in roster:
        _replace_check(report, Check("registered", EXTRA_CHECKS["registered"], True, f"{roster[code]}（{code}）"))
    elif code is None:
        _replace_check(report, Check("registered", EXTRA_CHECKS["registered"], False,
                                     f"{NOT_CHECKED}：无法从文件包读取单位代码"))
    else:
        _replace_check(report, Check("registered", EXTRA_CHECKS["registered"], False,
                                     f"单位代码“{code or '（无法读取）'}”不是本县登记的乡镇（请先登记乡镇或为其签发证书）"))
    if code and report.signer_fingerprint:
        row = county_ca.revoked_fingerprints(s, code).get(report.signer_fingerprint)
        if row is not None and row.revoked_at <= now:
            _replace_check(report, Check(
                "not_revoked", "证书吊销状态", False,
                f"签名证书（序列号 {row.serial}）已于 {row.revoked_at.astimezone():%Y-%m-%d %H:%M} 被县纪委吊销"
                f"（{row.revocation_reason}）"))


def _reasons(report: VerifyReport) -> list[str]:
    """The failed checks' reasons, without the checks that could not run because of an earlier one."""
    return [f"{c.title_zh}：{c.reason_zh}" for c in report.checks
            if not c.passed and not c.reason_zh.startswith(NOT_CHECKED)]


def _prune_empty(folder: Path, base: Path) -> None:
    """Remove ``folder`` and its parents up to (not including) ``base`` while they are empty."""
    while folder != base and base in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _import_one(ws: Workspace, src: Path, root_pem: bytes, crl_pem: bytes | None,
                roster: dict[str, str]) -> ImportOutcome:
    now = ws.now()
    name = _name_of(src)
    m = NAME_RE.match(name)
    expected = m["org"] if m and m["org"] in roster else None
    base = ws.data_dir / RECEIVED
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=base))
    try:
        staged = _stage(src, staging)
        # A package that cannot be copied cleanly is verified where it is, for the full reasons.
        report = verify_package(staged or src, root_pem=root_pem, crl_pem=crl_pem,
                                expected_org_code=expected, now=now)
        with ws.reading() as s:
            _own_checks(s, report, roster, now)
            county_audit.add_check(s, report, staged, name)
            out = ImportOutcome(str(src), "rejected", report.org_code, report.org_name, report.period,
                                report.revision, _reasons(report), [asdict(c) for c in report.checks])
            if staged is None and report.accepted:  # cannot happen: copying failed but the checks passed
                out.reasons = ["文件包无法完整复制到本机"]
            if not report.accepted or staged is None:
                return out
            prior = s.execute(select(ReceivedPackage.revision).where(
                ReceivedPackage.township_code == report.org_code, ReceivedPackage.period == report.period,
            ).order_by(ReceivedPackage.revision.desc()).limit(1)).scalar()
        if prior is not None and report.revision <= prior:
            out.status = "replay"
            out.reasons = [f"重复或过期的版本：已接收{report.org_name}{period_text(report.period)}第 {prior} 版，"
                           f"本文件包为第 {report.revision} 版，未导入"]
            return out
        final = base / report.org_code / report.period / f"r{report.revision}"
        try:
            if final.exists():  # left by an import that failed before it was recorded
                shutil.rmtree(final)
            final.mkdir(parents=True)
            os.rename(staged, final / staged.name)
            stored = final / staged.name
            sha = sha256_file(stored) if stored.is_file() else sha256_file(stored / "tagmanifest-sha256.txt")
            document_json = _report_json(stored, name)
            year, month = parse_period(report.period)
            with ws.transaction() as s:
                older = list(s.execute(select(ReceivedPackage).where(
                    ReceivedPackage.township_code == report.org_code, ReceivedPackage.period == report.period,
                    ReceivedPackage.status == PackageStatus.accepted.value)).scalars())
                for row in older:
                    row.status = PackageStatus.superseded.value
                rel = stored.relative_to(ws.data_dir).as_posix()
                s.add(ReceivedPackage(township_code=report.org_code, township_name=report.org_name,
                                      period=report.period, revision=report.revision,
                                      status=PackageStatus.accepted.value, document_json=document_json,
                                      stored_path=rel, sha256=sha, verification_json=report.to_json(),
                                      received_at=now, period_date=dt.date(year, month, 1),
                                      **county_audit.anchor_columns(stored, name)))
                s.flush()
                superseded = max((r.revision for r in older), default=None)
                audit.record(s, ws.current_user, "county.import", "received_package",
                             f"{report.org_code}/{report.period}/r{report.revision}",
                             {"source": str(src), "sha256": sha, "signer": report.signer_fingerprint,
                              "supersedes": superseded, "stored_path": rel})
        except BaseException as exc:
            shutil.rmtree(final, ignore_errors=True)
            _prune_empty(final.parent, base)
            if not isinstance(exc, Exception):
                raise
            out.reasons = [_failure_reason(exc)]
            return out
        out.status, out.reasons, out.stored_path, out.superseded_revision = "imported", [], rel, superseded
        return out
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _record_rejection(ws: Workspace, o: ImportOutcome) -> None:
    with ws.transaction() as s:
        audit.record(s, ws.current_user, "county.reject", "received_package", o.township_code or "",
                     {"source": o.path, "status": o.status, "period": o.period, "revision": o.revision,
                      "reasons": o.reasons})


def _import_item(ws: Workspace, item: Path, root_pem: bytes, crl_pem: bytes | None,
                 roster: dict[str, str]) -> ImportOutcome:
    """One item of a stick, whatever it is: imported, or refused with its reason (never raises)."""
    if not _is_package(item):
        return ImportOutcome(str(item), "rejected", reasons=[NOT_A_PACKAGE])
    try:
        return _import_one(ws, item, root_pem, crl_pem, roster)
    except Exception as exc:  # one odd item must never stop the others
        return ImportOutcome(str(item), "rejected", reasons=[_failure_reason(exc)])


def _failure_reason(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, OSError):
        return f"接收时出错，未导入：{os_error_message(exc)}"
    return f"接收时出错，未导入（{type(exc).__name__}：{exc}）"


def import_packages(ws: Workspace, paths: Iterable[Path | str]) -> list[ImportOutcome]:
    """Verify and import each item found under ``paths`` on its own; one outcome per item.

    A refused item is audited (``county.reject``) at once with its reasons and leaves nothing under
    ``received/``; the others go on.
    """
    require(ws.current_user, "county.import")
    with ws.reading() as s:
        require_mode(s, OrgMode.county.value)
        roster = {t.code: t.name for t in s.execute(select(Township)).scalars()}
    root_pem = county_ca.root_cert_pem(ws)
    crl_pem = county_ca.current_crl_pem(ws)
    if crl_pem is not None:
        next_update = pki.load_crl(crl_pem).next_update_utc
        if next_update is not None and next_update < ws.now():
            crl_pem = None  # stale file; the registry check below still sees every revocation
    outcomes: list[ImportOutcome] = []
    for raw in paths:
        path = Path(raw)
        found = find_packages(path)
        if not found:
            reason = "该文件夹中没有找到报送包" if path.is_dir() else f"找不到文件包：{path}"
            found_outcomes = [ImportOutcome(str(path), "rejected", reasons=[reason])]
        else:
            found_outcomes = (_import_item(ws, item, root_pem, crl_pem, roster) for item in found)
        for out in found_outcomes:
            outcomes.append(out)
            if not out.imported:
                _record_rejection(ws, out)
    return outcomes


def list_received(ws: Workspace, period: str | None = None) -> list[dict]:
    """Every imported package (accepted and superseded), newest first."""
    require(ws.current_user, "county.import")
    with ws.reading() as s:
        q = select(ReceivedPackage).order_by(ReceivedPackage.received_at.desc(), ReceivedPackage.id.desc())
        if period is not None:
            q = q.where(ReceivedPackage.period == normalized_period(period))
        return [{"township_code": r.township_code, "township_name": r.township_name, "period": r.period,
                 "revision": r.revision, "status": r.status, "status_label": PackageStatus(r.status).label
                 if r.status in PackageStatus.codes() else r.status, "sha256": r.sha256,
                 "stored_path": r.stored_path, "received_at": r.received_at.isoformat()}
                for r in s.execute(q).scalars()]
