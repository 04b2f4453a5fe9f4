"""The monthly report as a document: draft text, 定稿 (finalize) into frozen revisions, 更正 (correct).

States of a period's report:
- *draft*: no revision yet (or a correction is open); the document shows live figures and
  ``revision`` is the number the next finalize will give it.
- *finalized*: the latest ``ReportRevision`` is the current report; nothing can change it.
- *correcting*: the secretary opened revision n+1 with a reason; the draft text can be edited
  again and finalizing it makes n+1 current and marks n superseded. Every revision stays stored.

While a correction is open its number and reason are kept in ``MonthlyReport.footer_json`` under
``"_correction"`` (there is no column for it; the audit log has the event too).

Snapshot hash (``ReportRevision.sha256``): SHA-256 of the UTF-8 text
``"jijian.monthly-report/1\\ndocument:<sha256 of document_json>\\npdf:<sha256 of pdf>\\nxlsx:<sha256 of xlsx>\\n"``
where ``document_json`` is the stored canonical JSON (sorted keys, no spaces, UTF-8).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import MonthlyReport, Organization, ReportRevision, User
from models.enums import ReportStatus

from services.errors import IntegrityFailure, NotFoundError, StateError, ValidationError
from services.reporting import excel_form, pdf_form
from services.reporting.form_foot import DRAFT_KEYS, default_footer
from services.reporting.figures import compute_figures, parse_period
from services.reporting.fonts import find_cjk_font
from services.reporting.layout import SCHEMA, period_text
from services.security import audit, audit_checkpoints
from services.security.permissions import require
from services.storage import settings
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import validate_date, validate_phone, validate_text

OPEN = "open"
STATUS_LABELS = {ReportStatus.finalized.value: ReportStatus.finalized.label,
                 ReportStatus.superseded.value: ReportStatus.superseded.label, OPEN: "更正中"}
FOOTER_KEYS = DRAFT_KEYS   # the foot items a draft sets (表号 and 制表机关 come from the settings)
NARRATIVE_MAX = 5000


@dataclass(frozen=True)
class RevisionView:
    """One line of a period's revision history."""

    period: str
    revision: int
    status: str                 # finalized | superseded | open (a correction not yet finalized)
    status_label: str
    sha256: str | None
    note: str
    correction_reason: str
    finalized_at: dt.datetime | None
    finalized_by: str

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period, "revision": self.revision, "status": self.status,
                "status_label": self.status_label, "sha256": self.sha256, "note": self.note,
                "correction_reason": self.correction_reason,
                "finalized_at": self.finalized_at.isoformat() if self.finalized_at else None,
                "finalized_by": self.finalized_by}


@dataclass(frozen=True)
class FrozenRevision:
    """A finalized revision exactly as stored."""

    view: RevisionView
    document: dict[str, Any]
    document_json: str
    pdf: bytes
    xlsx: bytes


def canonical_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot_digest(document_json: str, pdf: bytes, xlsx: bytes) -> str:
    """The revision's SHA-256 (see the module docstring for the exact bytes hashed)."""
    parts = (f"{SCHEMA}\ndocument:{hashlib.sha256(document_json.encode('utf-8')).hexdigest()}\n"
             f"pdf:{hashlib.sha256(pdf).hexdigest()}\nxlsx:{hashlib.sha256(xlsx).hexdigest()}\n")
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- internals
def _check_period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year:04d}-{month:02d}"


def _report(session: Session, period: str) -> MonthlyReport | None:
    return session.execute(select(MonthlyReport).where(MonthlyReport.period == period)).scalar_one_or_none()


def _report_to_write(session: Session, period: str, fill=None) -> tuple[MonthlyReport, bool]:
    """The period's row to write and whether it was stored before (False: made now, the period's first,
    with ``fill(row)`` done before its INSERT, so a first save is the row's version 1).

    Another desk may store the first row between this read and the INSERT (on PostgreSQL; on SQLite a
    writing transaction holds the one write lock from its first read): the unique period refuses the
    INSERT, which is undone alone (a savepoint), and that desk's committed row is returned as stored, so
    the caller's checks (the version, 已定稿) speak of it instead of a raw constraint error."""
    report = _report(session, period)
    if report is not None:
        return report, True
    report = MonthlyReport(period=period, narrative="", footer_json="{}")
    if fill is not None:
        fill(report)
    try:
        with session.begin_nested():
            session.add(report)
    except IntegrityError:
        theirs = _report(session, period)
        if theirs is None:   # another constraint: not the race
            raise
        return theirs, True
    return report, False


def _state(report: MonthlyReport | None) -> dict[str, Any]:
    if report is None:
        return {}
    try:
        data = json.loads(report.footer_json or "{}")
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def _correction(report: MonthlyReport | None) -> dict[str, Any] | None:
    value = _state(report).get("_correction")
    return value if isinstance(value, dict) else None


def _latest(report: MonthlyReport | None) -> ReportRevision | None:
    return report.revisions[-1] if report is not None and report.revisions else None


def _org(session: Session) -> dict[str, str]:
    org = session.execute(select(Organization)).scalars().first()
    if org is None:
        raise StateError("尚未初始化单位信息，不能生成月报")
    return {"name": org.name, "code": org.code, "county": org.county_name, "mode": org.mode}


def _footer(session: Session, ws: Workspace, report: MonthlyReport | None) -> dict[str, str]:
    saved = _state(report)
    out = default_footer(session, ws.today().isoformat())
    out.update({k: str(saved[k]) for k in FOOTER_KEYS if saved.get(k)})
    return out


def _live_document(session: Session, ws: Workspace, period: str, report: MonthlyReport | None,
                   *, finalized: bool) -> dict[str, Any]:
    latest = _latest(report)
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "org": _org(session),
        "period": period,
        "revision": latest.revision + 1 if latest else 1,
        "finalized": finalized,
        "figures": compute_figures(session, period),
        "narrative": report.narrative if report else "",
        "footer": _footer(session, ws, report),
    }
    correction = _correction(report)
    if correction and latest:
        doc["correction"] = {"supersedes": latest.revision, "reason": correction.get("reason", "")}
    return doc


def _user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def _view(period: str, rev: ReportRevision, names: dict[int, str]) -> RevisionView:
    return RevisionView(period, rev.revision, rev.status, STATUS_LABELS.get(rev.status, rev.status), rev.sha256,
                        rev.note or "", rev.correction_reason or "", rev.finalized_at,
                        names.get(rev.finalized_by_id or -1, ""))


def _locked_message(period: str, revision: int) -> str:
    return (f"{period_text(period)}月报第 {revision} 版已定稿，不能再修改；"
            "如需修改，请由纪委书记办理“更正”，生成新的修订版")


# --------------------------------------------------------------------------- public API
def build_document(ws: Workspace, period: str) -> dict[str, Any]:
    """The report as it stands: the current finalized revision, or the draft with live figures."""
    require(ws.current_user, "report.view")
    period = _check_period(period)
    with ws.reading() as s:
        report = _report(s, period)
        latest = _latest(report)
        if latest is not None and _correction(report) is None:
            return json.loads(latest.document_json)
        return _live_document(s, ws, period, report, finalized=False)


def draft_version(ws: Workspace, period: str) -> int:
    """The version of the period's stored draft (0 while none is stored): read it before the document
    the form shows and hand it back to :func:`save_draft` as ``expected_version``."""
    require(ws.current_user, "report.view")
    period = _check_period(period)
    with ws.reading() as s:
        report = _report(s, period)
        return report.version if report is not None else 0


def save_draft(ws: Workspace, period: str, narrative: str, footer: dict[str, Any] | None = None, *,
               expected_version: int | None = None) -> int:
    """Store the 情况说明 and the form's foot (负责人, 审核人, 填表人, 联系电话, 填报日期) of the draft;
    returns the draft's new version. ``expected_version``: the :func:`draft_version` the form loaded; a
    save over another desk's newer one is refused with ``ConcurrentEditError``.

    ``footer`` keys: leader, reviewer, preparer, phone, date; only those given change. An empty value
    falls back to the setting (REPORT_LEADER/REVIEWER/PREPARER/PHONE) or, for the date, to the day it
    is finalized.
    """
    require(ws.current_user, "report.edit")
    period = _check_period(period)
    problems: list[ValidationError] = []

    def run(check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            problems.append(exc)
            return None

    text = run(validate_text, narrative, label="情况说明", field="narrative", max_length=NARRATIVE_MAX) or ""
    footer = dict(footer or {})
    unknown = set(footer) - set(FOOTER_KEYS)
    if unknown:
        problems.append(ValidationError(f"月报表尾没有这些项目：{'、'.join(sorted(unknown))}", field="footer"))
    clean: dict[str, str] = {}  # only the items given change; "" clears one back to its default
    for key, label in (("leader", "负责人"), ("reviewer", "审核人"), ("preparer", "填表人")):
        if key in footer:
            clean[key] = run(validate_text, footer[key], label=label, field=f"footer.{key}", max_length=40) or ""
    if footer.get("phone") not in (None, ""):
        clean["phone"] = run(validate_phone, footer["phone"], field="footer.phone") or ""
    elif "phone" in footer:
        clean["phone"] = ""
    if "date" in footer:
        day = run(validate_date, footer["date"], ws.today(), label="填报日期", field="footer.date", required=False)
        clean["date"] = day.isoformat() if day else ""
    if problems:
        raise ValidationError("；".join(p.message for p in problems), field=problems[0].field, problems=problems)

    def fill(report: MonthlyReport) -> None:
        state = _state(report)
        state.update(clean)
        report.narrative = text
        report.footer_json = json.dumps(state, ensure_ascii=False, sort_keys=True)

    with ws.transaction() as s:
        report, stored = _report_to_write(s, period, fill)
        if stored:
            check_version(s, report, expected_version, f"{period_text(period)}月报的情况说明和表尾")
            latest = _latest(report)
            if latest is not None and _correction(report) is None:
                raise StateError(_locked_message(period, latest.revision))
            fill(report)
        s.flush()
        audit.record(s, ws.current_user, "report.edit", "monthly_report", period,
                     {"narrative_chars": len(text), "footer": clean})
        return report.version


def finalize(ws: Workspace, period: str, note: str = "") -> RevisionView:
    """定稿: freeze figures, text, PDF and Excel as the next revision (secretary only)."""
    require(ws.current_user, "report.finalize")
    period = _check_period(period)
    note = validate_text(note, label="定稿备注", field="note", max_length=500) or ""
    year, month = parse_period(period)
    if dt.date(year, month, 1) > ws.today():
        raise StateError(f"{period_text(period)}尚未开始，不能定稿")
    with ws.transaction() as s:
        report, _stored = _report_to_write(s, period)
        latest = _latest(report)
        correction = _correction(report)
        if latest is not None and correction is None:
            raise StateError(f"{period_text(period)}月报第 {latest.revision} 版已经定稿，不能重复定稿；"
                             "如需修改，请先办理“更正”")
        doc = _live_document(s, ws, period, report, finalized=True)
        font = find_cjk_font(settings.get(s, settings.FONT_PATH) or None)
        pdf = pdf_form.render_report_pdf(doc, font=font)
        xlsx = excel_form.render_report_xlsx(doc)
        document_json = canonical_json(doc)
        digest = snapshot_digest(document_json, pdf, xlsx)
        rev = ReportRevision(revision=doc["revision"], status=ReportStatus.finalized.value,
                             document_json=document_json, pdf=pdf, xlsx=xlsx, sha256=digest, note=note,
                             correction_reason=(correction or {}).get("reason", ""), finalized_at=ws.now(),
                             finalized_by_id=ws.current_user.id)
        if latest is not None:
            latest.status = ReportStatus.superseded.value
        report.revisions.append(rev)
        state = _state(report)
        state.pop("_correction", None)
        state["date"] = doc["footer"]["date"]  # the printed 填报日期 stays the frozen one
        report.footer_json = json.dumps(state, ensure_ascii=False, sort_keys=True)
        s.flush()
        audit.record(s, ws.current_user, "report.finalize", "monthly_report", period,
                     {"revision": rev.revision, "sha256": digest, "note": note,
                      "correction_reason": rev.correction_reason,
                      "supersedes": latest.revision if latest is not None else None,
                      "font_embedded": font.embedded})
        # Unsigned (no passphrase here); the next package's signed checkpoint covers it.
        audit_checkpoints.create(s, trigger="finalize", ref=f"{period}/r{rev.revision}", at=ws.now())
        return _view(period, rev, {ws.current_user.id: ws.current_user.display_name})


def correct(ws: Workspace, period: str, reason: str) -> RevisionView:
    """更正: open revision n+1 of a finalized report, with the reason; n stays current until n+1 is finalized."""
    require(ws.current_user, "report.finalize")
    period = _check_period(period)
    reason = validate_text(reason, label="更正原因", field="reason", max_length=500, required=True) or ""
    with ws.transaction() as s:
        report = _report(s, period)
        latest = _latest(report)
        if latest is None:
            raise StateError(f"{period_text(period)}月报尚未定稿，直接修改草稿即可，无需更正")
        if _correction(report) is not None:
            raise StateError(f"{period_text(period)}月报已在更正中（第 {latest.revision + 1} 版），请修改后定稿")
        state = _state(report)
        opened_at = ws.now()
        state["_correction"] = {"revision": latest.revision + 1, "reason": reason,
                                "opened_by": ws.current_user.username,
                                "opened_by_name": ws.current_user.display_name, "opened_at": opened_at.isoformat()}
        report.footer_json = json.dumps(state, ensure_ascii=False, sort_keys=True)
        audit.record(s, ws.current_user, "report.correct", "monthly_report", period,
                     {"revision": latest.revision + 1, "supersedes": latest.revision, "reason": reason})
        return RevisionView(period, latest.revision + 1, OPEN, STATUS_LABELS[OPEN], None, "", reason, None,
                            ws.current_user.display_name)


def revisions(ws: Workspace, period: str) -> list[RevisionView]:
    """Every revision of the period, oldest first; an open correction is last, status ``open``."""
    require(ws.current_user, "report.view")
    period = _check_period(period)
    with ws.reading() as s:
        report = _report(s, period)
        if report is None:
            return []
        names = _user_names(s, {r.finalized_by_id for r in report.revisions if r.finalized_by_id})
        out = [_view(period, r, names) for r in report.revisions]
        correction = _correction(report)
        if correction:
            out.append(RevisionView(period, int(correction.get("revision") or len(out) + 1), OPEN,
                                    STATUS_LABELS[OPEN], None, "", str(correction.get("reason", "")), None,
                                    str(correction.get("opened_by_name") or correction.get("opened_by", ""))))
        return out


def get_revision(ws: Workspace, period: str, revision: int | None = None) -> FrozenRevision:
    """A stored revision (the latest when ``revision`` is None), its hash checked."""
    require(ws.current_user, "report.view")
    period = _check_period(period)
    with ws.reading() as s:
        report = _report(s, period)
        revs = report.revisions if report else []
        if not revs:
            raise NotFoundError(f"{period_text(period)}月报尚未定稿")
        rev = revs[-1] if revision is None else next((r for r in revs if r.revision == revision), None)
        if rev is None:
            raise NotFoundError(f"{period_text(period)}月报没有第 {revision} 版")
        if snapshot_digest(rev.document_json, rev.pdf, rev.xlsx) != rev.sha256:
            raise IntegrityFailure(f"{period_text(period)}月报第 {rev.revision} 版的存档与定稿时的校验码不符，可能已被改动")
        names = _user_names(s, {rev.finalized_by_id} if rev.finalized_by_id else set())
        return FrozenRevision(_view(period, rev, names), json.loads(rev.document_json), rev.document_json,
                              bytes(rev.pdf), bytes(rev.xlsx))


@dataclass(frozen=True)
class OutputSource:
    """What a report's PDF and workbook are made of, read from the database once.

    Finalized: the frozen bytes. A draft: the document and the font to render it with. Rendering
    (``render_output``) needs no database, so the GUI runs it on its export pool.
    """

    frozen_pdf: bytes | None = None
    frozen_xlsx: bytes | None = None
    document: dict[str, Any] | None = None
    font: Any = None


def output_source(ws: Workspace, period: str) -> OutputSource:
    """Read what the current report's output is made of (frozen bytes when finalized)."""
    doc = build_document(ws, period)
    if doc.get("finalized"):
        frozen = get_revision(ws, period, doc["revision"])
        return OutputSource(frozen_pdf=frozen.pdf, frozen_xlsx=frozen.xlsx)
    with ws.reading() as s:
        font = find_cjk_font(settings.get(s, settings.FONT_PATH) or None)
    return OutputSource(document=doc, font=font)


def render_output(source: OutputSource, kind: str) -> bytes:
    """The PDF (``kind="pdf"``) or workbook (``"xlsx"``) of ``source``; renders only a draft."""
    if kind == "pdf":
        return source.frozen_pdf if source.frozen_pdf is not None else pdf_form.render_report_pdf(
            source.document, font=source.font)
    if kind == "xlsx":
        return source.frozen_xlsx if source.frozen_xlsx is not None else excel_form.render_report_xlsx(source.document)
    raise ValueError(kind)


def export_pdf(ws: Workspace, period: str) -> bytes:
    """The current report's PDF: the frozen bytes when finalized, else the draft rendered now."""
    return render_output(output_source(ws, period), "pdf")


def export_xlsx(ws: Workspace, period: str) -> bytes:
    """The current report's workbook: the frozen bytes when finalized, else the draft rendered now."""
    return render_output(output_source(ws, period), "xlsx")
