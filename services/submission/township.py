"""Township mode: the signed submission package of a finalized monthly report (报送包).

The package is built by ``services.submission.package.build_package`` from the frozen revision exactly
as stored (its PDF is the one that was finalized; only the signature is added), written
atomically into the chosen folder (a USB stick), re-read and verified, then recorded.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select

from models import MonthlyReport, ReportRevision, Submission, User
from models.enums import OrgMode, ReportStatus

from services.errors import DomainError, NotFoundError, StateError
from services.reporting import monthly_report, pdf_form
from services.reporting.figures import parse_period
from services.reporting.fonts import extract_ttf_face, find_cjk_font
from services.reporting.layout import period_text
from services.security import audit, audit_checkpoints
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import Workspace
from services.submission import cert_trust, keys, pki
from services.submission.package import build_package

FONT_CACHE = Path("cache") / "fonts"


@dataclass(frozen=True)
class SubmissionResult:
    period: str
    revision: int
    file_name: str
    folder: str
    zip_path: str | None
    sha256: str
    tagmanifest_sha256: str
    signer_fingerprint: str
    created_at: str
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year:04d}-{month:02d}"


def _frozen(ws: Workspace, period: str) -> monthly_report.FrozenRevision:
    label = period_text(period)
    history = monthly_report.revisions(ws, period)
    if history and history[-1].status == monthly_report.OPEN:
        raise StateError(f"{label}月报正在更正（第 {history[-1].revision} 版），请先定稿更正后的版本再生成报送包")
    try:
        frozen = monthly_report.get_revision(ws, period)
    except NotFoundError:
        raise StateError(f"{label}月报尚未定稿，不能生成报送包") from None
    if frozen.view.status != ReportStatus.finalized.value:
        raise StateError(f"{label}月报尚未定稿，不能生成报送包")
    return frozen


def _stamp(ws: Workspace, doc: dict) -> tuple[Path | None, tuple | None, list[str]]:
    """The stamp font (one TrueType face) and the stamp box of the frozen PDF's layout.

    The box is computed with the same font lookup as ``monthly_report.finalize`` used, so it
    lands on the empty 电子签章处 of the stored PDF.
    """
    with ws.reading() as s:
        font = find_cjk_font(settings.get(s, settings.FONT_PATH) or None)
    warnings = [font.warning] if font.warning else []
    if not font.embedded or not font.path:
        warnings.append("未找到可嵌入的中文字体，报表 PDF 只加不可见的电子签名（无可见签章）")
        return None, None, warnings
    face = extract_ttf_face(font.path, font.subfont_index, cache_dir=ws.data_dir / FONT_CACHE)
    return face, pdf_form.signature_box(doc, font=font), warnings


def build_submission(ws: Workspace, period: str, out_dir: Path | str, passphrase: str | bytes, *,
                     make_zip: bool = False) -> SubmissionResult:
    """Sign and write the package of the period's finalized report into ``out_dir``; record it."""
    require(ws.current_user, "package.create")
    secret = keys.as_passphrase(passphrase)
    with ws.reading() as s:
        org = keys.require_mode(s, OrgMode.township.value)
        org_name, org_code = org.name, org.code
    frozen = _frozen(ws, _period(period))
    period, revision = frozen.view.period, frozen.view.revision
    material = keys.signing_material(ws)
    now = ws.now()
    cert = pki.load_certificate(material.cert_pem)
    crl = pki.load_crl(material.crl_pem) if material.crl_pem else None
    try:
        crl_warning = cert_trust.check_for_signing(cert, pki.load_certificate(material.root_pem), now, crl)
    except DomainError as exc:
        raise StateError(f"不能生成报送包：{exc.message}") from exc
    # A wrong passphrase is refused here, before anything is written.
    signer = audit_checkpoints.Signer(pki.load_private_key(material.key_pem, secret), material.cert_pem)
    font_path, box, warnings = _stamp(ws, frozen.document)
    if crl_warning:
        warnings.append(crl_warning)
    # The signed checkpoint this package carries (kept even if writing the package fails: it only
    # states what the chain was); its extract goes into data/audit-chain.json.
    with ws.transaction() as s:
        checkpoint = audit_checkpoints.create(s, trigger="package", ref=f"{period}/r{revision}", at=now,
                                              signer=signer)
        chain_doc = audit_checkpoints.package_chain(s, checkpoint)
    head = checkpoint.head_hash
    report_json = dict(frozen.document)
    report_json.update(audit_head=head, snapshot_sha256=frozen.view.sha256,
                       finalized_at=frozen.view.finalized_at.isoformat() if frozen.view.finalized_at else None)
    result = build_package(
        Path(out_dir), org_code=org_code, org_name=org_name, period=period, revision=revision,
        report_json=report_json, pdf_bytes=frozen.pdf, xlsx_bytes=frozen.xlsx, audit_head=head,
        key_pem=material.key_pem, passphrase=secret, cert_pem=material.cert_pem,
        chain_pems=[material.root_pem], stamp_font_path=font_path, signature_box=box,
        make_zip=make_zip, now=now,
        audit_chain=json.dumps(chain_doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    try:
        with ws.transaction() as s:
            rev_id = s.execute(select(ReportRevision.id).join(MonthlyReport)
                               .where(MonthlyReport.period == period, ReportRevision.revision == revision)
                               ).scalar_one()
            s.add(Submission(revision_id=rev_id, file_name=result.file_name, target=str(Path(out_dir).resolve()),
                             sha256=result.sha256, created_at=now, created_by_id=ws.current_user.id))
            s.flush()
            audit.record(s, ws.current_user, "package.create", "monthly_report", period,
                         {"revision": revision, "file_name": result.file_name, "sha256": result.sha256,
                          "tagmanifest_sha256": result.tagmanifest_sha256, "target": str(out_dir),
                          "zip": make_zip, "signer": pki.fingerprint(cert), "audit_head": head,
                          "checkpoint": {"id": checkpoint.id, "count": checkpoint.event_count}})
    except BaseException:
        # Not recorded → not delivered: take the package off the stick again.
        for p in (result.folder, result.zip_path):
            if p is not None:
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        raise
    return SubmissionResult(period=period, revision=revision, file_name=result.file_name,
                            folder=str(result.folder), zip_path=str(result.zip_path) if result.zip_path else None,
                            sha256=result.sha256, tagmanifest_sha256=result.tagmanifest_sha256,
                            signer_fingerprint=pki.fingerprint(cert), created_at=now.isoformat(),
                            warnings=warnings)


def list_submissions(ws: Workspace, period: str | None = None) -> list[dict]:
    """Every package written, newest first: period, revision, file, hash, where, when, who, and whether
    it is still where it was written (``present``: a stick taken away, a folder moved or deleted)."""
    require(ws.current_user, "report.view")
    with ws.reading() as s:
        q = (select(Submission, ReportRevision.revision, MonthlyReport.period, User.display_name)
             .join(ReportRevision, Submission.revision_id == ReportRevision.id)
             .join(MonthlyReport, ReportRevision.report_id == MonthlyReport.id)
             .outerjoin(User, Submission.created_by_id == User.id)
             .order_by(Submission.created_at.desc(), Submission.id.desc()))
        if period is not None:
            q = q.where(MonthlyReport.period == _period(period))
        return [{"id": sub.id, "period": per, "revision": rev, "file_name": sub.file_name, "target": sub.target,
                 "sha256": sub.sha256, "created_at": sub.created_at.isoformat(), "created_by": name or "",
                 "present": _present(Path(sub.target) / sub.file_name)}
                for sub, rev, per, name in s.execute(q).all()]


def _present(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a drive that is gone can say so by an error
        return False

