"""Deadlines of the open items, from the database: complaints, leads, cases, sanction effect periods.

The rules and the arithmetic are services.deadlines.rules and services.deadlines.workdays; this module reads the
items, the holiday override table and the settings (limits, the 即将到期 window) and combines them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from models import Case, Complaint, HolidayOverride, InquiryLetter, Lead, Measure, Person, Referral
from models.enums import ComplaintState, Disposition

from services.security import audit
from services.storage import settings
from services.deadlines.rules import (DEFAULT_LIMITS, Deadline, DeadlineInput, DueStatus, add_months, case_deadlines,
                                      collect_due, complaint_deadlines, dated_deadline, lead_deadlines,
                                      resolve_limits)
from services.deadlines import holiday_schedule, sanction_dues
from services.deadlines.filing_approval import filing_approval_inputs
from services.deadlines.workdays import WorkCalendar
from services.errors import NotFoundError, PermissionDenied, ValidationError
from services.security.permissions import allowed, require
from services.storage.workspace import Workspace
from services.validation import validate_text

EFFECT_END_CODE = "effect_end"
EFFECT_END_LABEL = "处分影响期届满"
INQUIRY_REPLY_CODE = "inquiry_reply"
INQUIRY_REPLY_LABEL = "函询回复"
REFERRAL_REPLY_CODE = "referral_reply"
REFERRAL_REPLY_LABEL = "转办件回复"
_FORWARDED = (ComplaintState.reported_up.value, ComplaintState.transferred.value)


def work_calendar(session: Session, known_years: Callable[[int], bool] | None = None) -> WorkCalendar:
    """The calendar with the user's overrides; a year counts as confirmed only when the user said its
    official schedule is entered in full (``holiday_schedule.complete_years``), not by having some days.

    ``known_years`` is the workspace's ``calendar_known_years`` (None: ask chinese_calendar).
    """
    rows = session.execute(select(HolidayOverride.day, HolidayOverride.is_workday)).all()
    overrides = {d: w for d, w in rows}
    return WorkCalendar(overrides, confirmed_years=holiday_schedule.complete_years(session), known_years=known_years)


def _complaint_inputs(s: Session, ids: list[int] | None = None) -> list[DeadlineInput]:
    C = Complaint
    only = [C.id.in_(ids)] if ids is not None else []
    rows = s.execute(select(C.id, C.number, C.received_date, C.signature, C.is_repeat, C.state, C.state_date,
                            C.concluded_date, C.feedback_date, C.belongs_upper, C.referred_down, C.accepted_date,
                            C.acceptance_notice_date, C.kind)
                     .where(*only, or_(
                         and_(C.signature == "real_name", C.is_repeat.is_(False), C.kind == "accusation",
                              or_(C.acceptance_notice_date.is_(None),
                                  and_(C.concluded_date.is_not(None), C.feedback_date.is_(None)))),
                         and_(C.belongs_upper.is_(True), C.state.not_in(_FORWARDED)),
                         and_(C.referred_down.is_(True), C.state == ComplaintState.registered.value)))).all()
    out: list[DeadlineInput] = []
    for r in rows:
        forwarded = r.state_date if r.state in _FORWARDED else None
        obligations = complaint_deadlines(
            r.received_date, r.signature, r.is_repeat, r.state, r.concluded_date, r.feedback_date,
            r.belongs_upper, r.referred_down, forwarded_date=forwarded, accepted_date=r.accepted_date,
            notice_date=r.acceptance_notice_date, kind=r.kind)
        out += DeadlineInput.from_obligations("complaint", r.id, r.number, obligations)
    return out


def _lead_inputs(s: Session) -> list[DeadlineInput]:
    rows = s.execute(select(Lead.id, Lead.number, Lead.disposition, Lead.disposition_date, Lead.result_date)
                     .where(Lead.disposition.in_([Disposition.talk_inquiry.value,
                                                  Disposition.preliminary_verification.value]),
                            Lead.result.is_(None))).all()
    out: list[DeadlineInput] = []
    for r in rows:
        out += DeadlineInput.from_obligations("lead", r.id, r.number,
                                              lead_deadlines(r.disposition, r.disposition_date, r.result_date))
    return out


def _case_inputs(s: Session) -> list[DeadlineInput]:
    rows = s.execute(select(Case.id, Case.number, Case.filing_date, Case.trial_referral_date, Case.closing_date)
                     .where(Case.closing_date.is_(None))).all()
    out: list[DeadlineInput] = []
    for r in rows:
        obligations = case_deadlines(r.filing_date, trial_transfer_date=r.trial_referral_date,
                                     closed_date=r.closing_date)
        out += DeadlineInput.from_obligations("case", r.id, r.number, obligations)
    return out


def _referral_dues(s: Session, today: dt.date, cal: WorkCalendar, warn: int, include_ok: bool,
                   ids: list[int] | None = None) -> list[Deadline]:
    """The due date set on each 转办 still waiting for its reply (a repeat's excepted)."""
    only = [Referral.complaint_id.in_(ids)] if ids is not None else []
    rows = s.execute(select(Referral.due_date, Referral.to_body, Complaint.id, Complaint.number)
                     .join(Complaint, Complaint.id == Referral.complaint_id)
                     .where(*only, Referral.due_date.is_not(None), Referral.reply_date.is_(None),
                            Complaint.is_repeat.is_(False))).all()
    rows_out = (dated_deadline("complaint", cid, f"{number} {body}", REFERRAL_REPLY_CODE, REFERRAL_REPLY_LABEL, due,
                               today, cal, warn_workdays=warn, include_ok=include_ok)
                for due, body, cid, number in rows)
    return [r for r in rows_out if r is not None]


def _inquiry_dues(s: Session, today: dt.date, cal: WorkCalendar, warn: int, include_ok: bool) -> list[Deadline]:
    """The reply date of each 函询 letter still waiting for its written explanation (the lead still open)."""
    rows = s.execute(select(InquiryLetter.reply_due, InquiryLetter.round, Lead.id, Lead.number)
                     .join(Lead, Lead.id == InquiryLetter.lead_id)
                     .where(InquiryLetter.reply_date.is_(None), Lead.result.is_(None))).all()
    rows_out = (dated_deadline("lead", lead_id, f"{number} 第{round_}轮函询", INQUIRY_REPLY_CODE, INQUIRY_REPLY_LABEL,
                               due, today, cal, warn_workdays=warn, include_ok=include_ok)
                for due, round_, lead_id, number in rows)
    return [r for r in rows_out if r is not None]


def _effect_ends(s: Session, today: dt.date, cal: WorkCalendar, warn: int, include_ok: bool) -> list[Deadline]:
    horizon = add_months(today, 1) if include_ok else cal.add_workdays(today - dt.timedelta(days=1), max(warn, 1))
    rows = s.execute(select(Measure.id, Measure.kind, Measure.effect_end, Measure.case_id, Measure.lead_id,
                            Person.name, Case.number, Lead.number)
                     .join(Person, Person.id == Measure.person_id)
                     .outerjoin(Case, Case.id == Measure.case_id).outerjoin(Lead, Lead.id == Measure.lead_id)
                     .where(Measure.effect_end >= today, Measure.effect_end <= horizon)).all()
    out = []
    for _mid, _kind, end, case_id, lead_id, name, case_no, lead_no in rows:
        item_type, item_id = ("case", case_id) if case_id else ("lead", lead_id)
        row = dated_deadline(item_type, item_id, f"{case_no or lead_no} {name}", EFFECT_END_CODE, EFFECT_END_LABEL,
                             end, today, cal, warn_workdays=warn, include_ok=include_ok)
        if row is not None:
            out.append(row)
    return out


def due_items(ws: Workspace, today: dt.date | None = None, *, include_ok: bool = False) -> list[Deadline]:
    """Open deadlines the user may see: 已超期 first, then 即将到期 (and, with ``include_ok``, the rest)."""
    user = ws.current_user
    require(user, "complaint.view" if allowed(user.roles if user else set(), "complaint.view") else "lead.view")
    today = today or ws.today()
    with ws.reading() as s:
        cal = work_calendar(s, ws.calendar_known_years)
        limits = settings.get(s, settings.DEADLINE_OVERRIDES) or {}
        warn = int(settings.get(s, settings.DUE_SOON_WORKDAYS))
        items: list[DeadlineInput] = []
        extra: list[Deadline] = []
        if allowed(user.roles, "complaint.view"):
            items += _complaint_inputs(s)
            extra += _referral_dues(s, today, cal, warn, include_ok)
        if allowed(user.roles, "lead.view"):
            items += _lead_inputs(s)
            inquiry_rows = _inquiry_dues(s, today, cal, warn, include_ok)
        if allowed(user.roles, "case.view"):
            items += _case_inputs(s) + sanction_dues.announcement_inputs(s)
        if allowed(user.roles, "case.view"):
            items += filing_approval_inputs(s, cal, limits)  # 立案审批 after 初核
        rows = collect_due(items, today, cal, limits=limits, warn_workdays=warn, include_ok=include_ok) + extra
        if allowed(user.roles, "lead.view"):
            rows += inquiry_rows
        if allowed(user.roles, "case.view"):
            rows += _effect_ends(s, today, cal, warn, include_ok)
            rows += sanction_dues.follow_up_dues(s, today, cal, warn, include_ok,
                                                 int(settings.get(s, settings.FOLLOW_UP_LEAD_DAYS)))
    order = {DueStatus.OVERDUE: 0, DueStatus.DUE_SOON: 1, DueStatus.OK: 2, DueStatus.DONE: 3}
    rows.sort(key=lambda r: (order[r.status], r.due, r.item_number))
    return rows


def due_counts(rows: list[Deadline]) -> tuple[int, int]:
    """(已超期, 即将到期) among ``rows`` (from ``due_items``): the reminder "您有 N 项已超期、M 项即将到期"."""
    return (sum(1 for r in rows if r.status is DueStatus.OVERDUE),
            sum(1 for r in rows if r.status is DueStatus.DUE_SOON))


def complaint_due(ws: Workspace, ids: list[int], today: dt.date | None = None) -> dict[int, Deadline]:
    """The worst open 即将到期 / 已超期 deadline of each of these complaints (a list screen's rows)."""
    require(ws.current_user, "complaint.view")
    if not ids:
        return {}
    today = today or ws.today()
    with ws.reading() as s:
        cal = work_calendar(s, ws.calendar_known_years)
        limits = settings.get(s, settings.DEADLINE_OVERRIDES) or {}
        warn = int(settings.get(s, settings.DUE_SOON_WORKDAYS))
        rows = collect_due(_complaint_inputs(s, list(ids)), today, cal, limits=limits, warn_workdays=warn,
                           include_ok=False) + _referral_dues(s, today, cal, warn, False, list(ids))
    order = {DueStatus.OVERDUE: 0, DueStatus.DUE_SOON: 1}
    rows.sort(key=lambda r: (order[r.status], r.due))
    worst: dict[int, Deadline] = {}
    for d in rows:  # 已超期 first, then by due date: the first seen is the worst
        worst.setdefault(d.item_id, d)
    return worst


def calendar_warnings(ws: Workspace, today: dt.date | None = None) -> list[str]:
    """Warnings for the years (this one up to three months ahead) the calendar only estimates."""
    today = today or ws.today()
    with ws.reading() as s:
        return work_calendar(s, ws.calendar_known_years).warnings_for(dt.date(today.year, 1, 1), add_months(today, 3))


def years_to_confirm(ws: Workspace, today: dt.date | None = None) -> list[int]:
    """The years of ``calendar_warnings`` (this year up to three months ahead) still only estimated."""
    today = today or ws.today()
    with ws.reading() as s:
        cal = work_calendar(s, ws.calendar_known_years)
        return [y for y in range(today.year, add_months(today, 3).year + 1) if not cal.is_year_known(y)]


def limits_table(ws: Workspace, *, defaults_only: bool = False) -> list[dict]:
    """The limits in force (defaults with the settings applied), for the settings page.

    A stored setting that no longer validates raises ValidationError; ``defaults_only`` gives the defaults.
    """
    if defaults_only:
        limits = dict(DEFAULT_LIMITS)
    else:
        with ws.reading() as s:
            limits = resolve_limits(settings.get(s, settings.DEADLINE_OVERRIDES) or {})
    return [{"code": x.code, "label": x.label, "amount": x.amount, "default": DEFAULT_LIMITS[x.code].amount,
             "unit": x.unit.value, "unit_label": x.unit.label, "applies_to": x.applies_to, "starts": x.starts,
             "description": x.description} for x in limits.values()]


def set_limits(ws: Workspace, amounts: dict[str, object]) -> dict[str, int]:
    """Store the limit amounts (code → amount; codes left out keep their default) with an audit event.

    Every bad amount is reported at once (``problems``, field = the limit code) and nothing is stored.
    Only amounts that differ from the defaults are kept; returns what is stored.
    """
    require(ws.current_user, "settings.manage")
    problems: list[ValidationError] = []
    resolved: dict[str, int] = {}
    for code, amount in amounts.items():
        try:
            resolved[code] = resolve_limits({code: amount})[code].amount
        except ValidationError as exc:
            problems.append(exc)
    if problems:
        raise ValidationError(problems[0].message if len(problems) == 1
                              else f"有{len(problems)}项办理时限填写有误，请按提示修改", problems=problems)
    stored = {code: n for code, n in resolved.items() if n != DEFAULT_LIMITS[code].amount}
    settings.update(ws, {settings.DEADLINE_OVERRIDES.key: stored})
    return stored


def list_holiday_overrides(ws: Workspace) -> list[dict]:
    """The user-entered days (放假 / 调休上班), by date."""
    if ws.current_user is None:
        raise PermissionDenied("请先登录后再查看节假日设置")
    with ws.reading() as s:
        rows = s.execute(select(HolidayOverride).order_by(HolidayOverride.day)).scalars().all()
        return [{"day": r.day, "is_workday": bool(r.is_workday), "note": r.note or ""} for r in rows]


def is_workday(ws: Workspace, day: dt.date) -> bool:
    """Whether the calendar in force (overrides included) counts ``day`` as a working day."""
    with ws.reading() as s:
        return work_calendar(s, ws.calendar_known_years).is_workday(day)


def remove_holiday_override(ws: Workspace, day: dt.date) -> None:
    """Delete one entered day; the package's calendar applies to it again."""
    require(ws.current_user, "settings.manage")
    with ws.transaction() as s:
        row = s.get(HolidayOverride, day)
        if row is None:
            raise NotFoundError(f"{day.isoformat()} 没有录入过节假日调整，无需删除")
        detail = {"is_workday": bool(row.is_workday), "note": row.note or ""}
        s.delete(row)
        audit.record(s, ws.current_user, "calendar.override_removed", "calendar", day.isoformat(), detail)


def set_holiday_override(ws: Workspace, day: dt.date, is_workday: bool, note: str = "") -> None:
    """Enter one day of an official schedule (a holiday or a 调休 working day); wins over the package."""
    require(ws.current_user, "settings.manage")
    if not isinstance(day, dt.date):
        raise ValidationError("请填写日期", field="day")
    text = validate_text(note, label="说明", field="note", max_length=100) or ""
    with ws.transaction() as s:
        row = s.get(HolidayOverride, day)
        if row is None:
            s.add(HolidayOverride(day=day, is_workday=bool(is_workday), note=text))
        else:
            row.is_workday, row.note = bool(is_workday), text
        audit.record(s, ws.current_user, "calendar.override", "calendar", day.isoformat(),
                     {"is_workday": bool(is_workday), "note": text})


def deadline_of(ws: Workspace, item_type: str, item_id: int, today: dt.date | None = None) -> list[Deadline]:
    """The open deadlines of one item, for its detail page."""
    today = today or ws.today()
    return [r for r in due_items(ws, today, include_ok=True) if r.item_type == item_type and r.item_id == item_id]
