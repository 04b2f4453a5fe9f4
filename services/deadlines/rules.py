"""Deadline engine: the time limits of DOMAIN §1–3, their due dates and their status.

The limits are a declared table of defaults (:data:`DEFAULT_LIMITS`); a settings dict
``{limit_code: amount}`` overrides the amounts. Which limits apply to an item in which state is
decided by the plain-value rule functions :func:`complaint_deadlines`, :func:`lead_deadlines` and
:func:`case_deadlines`; they return :class:`Obligation` values that :func:`deadlines_for` and
:func:`collect_due` turn into dated, classified :class:`Deadline` rows.

Counting:
- ``workdays``: the start day is day 0; due on the n-th working day after it (see services.deadlines.workdays).
- ``days`` / ``months``: calendar arithmetic (a month end is clamped: 01-31 + 1 month = 02-28/29).
  As in 《民法典》第二百零三条, when such a period ends on a day off (holiday or weekend) the due date
  moves to the next working day; pass ``roll_forward=False`` to :func:`compute_due` to disable that.
"""
from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from models.enums import ComplaintKind
from services.deadlines.workdays import WorkCalendar
from services.errors import ValidationError

__all__ = [
    "Unit", "LimitSpec", "DEFAULT_LIMITS", "resolve_limits", "add_months", "compute_due",
    "DueStatus", "status_of", "Obligation", "DeadlineInput", "Deadline", "deadlines_for",
    "dated_deadline", "collect_due", "complaint_deadlines", "lead_deadlines", "case_deadlines",
    "sanction_deadlines", "follow_up_due", "owes_notice_and_feedback",
]


class Unit(StrEnum):
    WORKDAYS = "workdays"
    DAYS = "days"
    MONTHS = "months"

    @property
    def label(self) -> str:
        return {"workdays": "个工作日", "days": "日", "months": "个月"}[self.value]


@dataclass(frozen=True, slots=True)
class LimitSpec:
    code: str
    label: str  # Chinese, shown in lists
    amount: int
    unit: Unit
    applies_to: str  # "complaint" | "lead" | "case"
    starts: str  # Chinese: the event the period counts from

    @property
    def description(self) -> str:
        return f"{self.label}：{self.starts}{self.amount}{self.unit.label}内"


_LIMITS: tuple[LimitSpec, ...] = (
    LimitSpec("upper_forward", "上级管辖件报送上级", 5, Unit.WORKDAYS, "complaint", "自收件之日起"),
    LimitSpec("referral_accept", "转办件受理或转送", 5, Unit.WORKDAYS, "complaint", "自收件之日起"),
    LimitSpec("acceptance_notice", "实名举报受理告知", 15, Unit.WORKDAYS, "complaint", "自收件之日起"),
    LimitSpec("result_feedback", "实名举报处理结果反馈", 15, Unit.WORKDAYS, "complaint", "自办结之日起"),
    LimitSpec("talk_inquiry", "谈话函询办理", 30, Unit.DAYS, "lead", "自处置决定之日起"),
    LimitSpec("preliminary_verification", "初步核实", 2, Unit.MONTHS, "lead", "自处置决定之日起"),
    LimitSpec("filing_approval", "立案审批", 1, Unit.MONTHS, "case", "自初核结束之日起"),
    LimitSpec("investigation", "审查调查", 3, Unit.MONTHS, "case", "自立案之日起"),
    LimitSpec("execution", "处分决定宣布执行", 1, Unit.MONTHS, "case", "自处分决定作出之日起"),
)

#: The defaults, by code. Amounts are local practice except the complaint limits (national rules).
DEFAULT_LIMITS: Mapping[str, LimitSpec] = {spec.code: spec for spec in _LIMITS}

_MAX_AMOUNT = {Unit.WORKDAYS: 250, Unit.DAYS: 366, Unit.MONTHS: 24}


def resolve_limits(overrides: Mapping[str, int] | None = None) -> dict[str, LimitSpec]:
    """The limit table with the amounts from settings applied; bad settings raise ValidationError."""
    limits = dict(DEFAULT_LIMITS)
    for code, amount in (overrides or {}).items():
        spec = limits.get(code)
        if spec is None:
            raise ValidationError(f"期限设置中有未知的期限项目“{code}”", field=str(code))
        amount = _as_int(amount)
        if amount is None:
            raise ValidationError(f"“{spec.label}”的期限应为整数", field=code)
        if not 1 <= amount <= _MAX_AMOUNT[spec.unit]:
            raise ValidationError(
                f"“{spec.label}”的期限应在1至{_MAX_AMOUNT[spec.unit]}{spec.unit.label}之间", field=code
            )
        limits[code] = replace(spec, amount=amount)
    return limits


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(str(value).strip())
        return int(number) if number.is_integer() else None
    except (TypeError, ValueError, OverflowError):
        return None


def add_months(start: date, months: int) -> date:
    """Calendar-month arithmetic; a day missing in the target month is clamped to its last day."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def compute_due(
    limit_code: str,
    start: date,
    calendar: WorkCalendar,
    overrides: Mapping[str, int] | None = None,
    *,
    roll_forward: bool = True,
) -> date:
    """The due date of ``limit_code`` counted from ``start`` (see the module docstring)."""
    limits = resolve_limits(overrides)
    spec = limits.get(limit_code)
    if spec is None:
        raise ValueError(f"unknown limit code {limit_code!r}")
    return _due(spec, start, calendar, roll_forward)


def _due(spec: LimitSpec, start: date, calendar: WorkCalendar, roll_forward: bool = True) -> date:
    if spec.unit is Unit.WORKDAYS:
        return calendar.add_workdays(start, spec.amount)
    if spec.unit is Unit.DAYS:
        due = start + timedelta(days=spec.amount)
    else:
        due = add_months(start, spec.amount)
    return calendar.roll_forward(due) if roll_forward else due


class DueStatus(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"ok": "未到期", "due_soon": "即将到期", "overdue": "已超期", "done": "已办结"}[self.value]


def status_of(
    due: date, today: date, calendar: WorkCalendar, *, done: bool = False, warn_workdays: int = 3
) -> DueStatus:
    """``due_soon`` when ``due`` falls within the next ``warn_workdays`` working days, today included."""
    if done:
        return DueStatus.DONE
    if due < today:
        return DueStatus.OVERDUE
    # The warn_workdays-th working day counted from today inclusive = that many after yesterday.
    window_end = calendar.add_workdays(today - timedelta(days=1), warn_workdays) if warn_workdays > 0 else None
    if window_end is not None and due <= window_end:
        return DueStatus.DUE_SOON
    return DueStatus.OK


@dataclass(frozen=True, slots=True)
class Obligation:
    """One limit that applies to an item: counted from ``start``; ``done`` when it was met."""

    limit_code: str
    start: date
    done: bool = False
    completed_on: date | None = None


@dataclass(frozen=True, slots=True)
class DeadlineInput:
    item_type: str  # "complaint" | "lead" | "case"
    item_id: int
    item_number: str  # the 编号 shown to the user
    limit_code: str
    start: date
    done: bool = False
    completed_on: date | None = None

    @classmethod
    def from_obligations(
        cls, item_type: str, item_id: int, item_number: str, obligations: Iterable[Obligation]
    ) -> list["DeadlineInput"]:
        return [
            cls(item_type, item_id, item_number, o.limit_code, o.start, o.done, o.completed_on)
            for o in obligations
        ]


@dataclass(frozen=True, slots=True)
class Deadline:
    item_type: str
    item_id: int
    item_number: str
    limit_code: str
    label: str
    due: date
    status: DueStatus
    start: date | None = None
    workdays_left: int = 0  # working days from today to due; negative when overdue
    completed_on: date | None = None

    @property
    def late(self) -> bool:
        """Met, but after the due date."""
        return self.completed_on is not None and self.completed_on > self.due

    @property
    def message(self) -> str:
        """A short Chinese status text for lists, e.g. "已超期3个工作日"."""
        if self.status is DueStatus.DONE:
            return "已办结（超期办结）" if self.late else "已办结"
        if self.status is DueStatus.OVERDUE:
            return f"已超期{-self.workdays_left}个工作日" if self.workdays_left < 0 else "已超期"
        if self.workdays_left <= 0:
            return "今日到期"
        return f"剩余{self.workdays_left}个工作日"


def deadlines_for(
    items: Iterable[DeadlineInput],
    today: date,
    calendar: WorkCalendar,
    *,
    limits: Mapping[str, int] | None = None,
    warn_workdays: int = 3,
) -> list[Deadline]:
    """Every deadline of ``items`` (done ones included), in input order."""
    table = resolve_limits(limits)
    result = []
    for item in items:
        spec = table.get(item.limit_code)
        if spec is None:
            raise ValueError(f"unknown limit code {item.limit_code!r}")
        due = _due(spec, item.start, calendar)
        result.append(Deadline(
            item_type=item.item_type,
            item_id=item.item_id,
            item_number=item.item_number,
            limit_code=spec.code,
            label=spec.label,
            due=due,
            status=status_of(due, today, calendar, done=item.done, warn_workdays=warn_workdays),
            start=item.start,
            workdays_left=calendar.workdays_between(today, due),
            completed_on=item.completed_on,
        ))
    return result


def dated_deadline(item_type: str, item_id: int, item_number: str, code: str, label: str, due: date, today: date,
                   calendar: WorkCalendar, *, warn_workdays: int = 3, include_ok: bool = True) -> Deadline | None:
    """An open deadline set on its own date rather than by a limit (an effect period's end, a 回访, a reply
    asked for by a given day); None when it is 正常 and ``include_ok`` is off."""
    status = status_of(due, today, calendar, warn_workdays=warn_workdays)
    if status is DueStatus.OK and not include_ok:
        return None
    return Deadline(item_type=item_type, item_id=item_id, item_number=item_number, limit_code=code, label=label,
                    due=due, status=status, workdays_left=calendar.workdays_between(today, due))


def collect_due(
    items: Iterable[DeadlineInput],
    today: date,
    calendar: WorkCalendar,
    *,
    limits: Mapping[str, int] | None = None,
    warn_workdays: int = 3,
    include_done: bool = False,
    include_ok: bool = True,
) -> list[Deadline]:
    """Open deadlines, overdue first, then by due date (then item number)."""
    rows = deadlines_for(items, today, calendar, limits=limits, warn_workdays=warn_workdays)
    rows = [
        r for r in rows
        if (include_done or r.status is not DueStatus.DONE) and (include_ok or r.status is not DueStatus.OK)
    ]
    order = {DueStatus.OVERDUE: 0, DueStatus.DUE_SOON: 1, DueStatus.OK: 1, DueStatus.DONE: 2}
    rows.sort(key=lambda r: (order[r.status], r.due, r.item_number, r.limit_code))
    return rows


# --------------------------------------------------------------------------- rules
def owes_notice_and_feedback(signature: str | None, kind: str | None, is_repeat: bool) -> bool:
    """告知 and 反馈 are owed to the complainant of a 实名检举控告 that is not a repeat (DOMAIN §1, §9)."""
    return signature == "real_name" and kind == ComplaintKind.accusation.value and not is_repeat


def complaint_deadlines(
    received: date,
    signature: str,
    is_repeat: bool,
    state: str | None = None,
    concluded_date: date | None = None,
    feedback_date: date | None = None,
    belongs_upper: bool = False,
    referred_down: bool = False,
    *,
    forwarded_date: date | None = None,
    accepted_date: date | None = None,
    notice_date: date | None = None,
    kind: str | None = ComplaintKind.accusation.value,
) -> list[Obligation]:
    """The limits of one complaint (DOMAIN §1).

    - belongs to the upper level → ``upper_forward`` from receipt, met by ``forwarded_date``;
    - referred down to us (上级转办交办) → ``referral_accept`` from receipt, met by ``accepted_date``
      (accepted here or referred on) or by any ``state`` other than ``"registered"``;
    - 实名 检举控告, not a repeat (:func:`owes_notice_and_feedback`) → ``acceptance_notice`` from receipt,
      met by ``notice_date``; and, once concluded here (not forwarded up), ``result_feedback`` from
      ``concluded_date`` (the lead's or case's conclusion), met by ``feedback_date``.
    A repeat is registered for reference only and carries no notice or feedback limit; nor does a 署名 or
    anonymous one, a 批评建议, 申诉 or a 不予受理 kind.
    """
    out: list[Obligation] = []
    if belongs_upper:
        out.append(Obligation("upper_forward", received, forwarded_date is not None, forwarded_date))
    if referred_down:
        handled = accepted_date is not None or forwarded_date is not None or (
            state is not None and state != "registered"
        )
        out.append(Obligation("referral_accept", received, handled, accepted_date or forwarded_date))
    if owes_notice_and_feedback(signature, kind, is_repeat):
        out.append(Obligation("acceptance_notice", received, notice_date is not None, notice_date))
        if concluded_date is not None and not belongs_upper:
            out.append(
                Obligation("result_feedback", concluded_date, feedback_date is not None, feedback_date)
            )
    return out


def lead_deadlines(
    disposition: str | None, disposition_date: date | None, concluded_date: date | None = None
) -> list[Obligation]:
    """谈话函询 and 初步核实 run from the disposition date until the lead is concluded."""
    if disposition_date is None or disposition not in ("talk_inquiry", "preliminary_verification"):
        return []
    return [Obligation(disposition, disposition_date, concluded_date is not None, concluded_date)]


def case_deadlines(
    filing_date: date | None,
    *,
    verification_concluded: date | None = None,
    trial_transfer_date: date | None = None,
    closed_date: date | None = None,
) -> list[Obligation]:
    """The limits of one case (DOMAIN §2–3); a sanction's own are :func:`sanction_deadlines`.

    - ``filing_approval``: from the end of 初核 (``verification_concluded``) until ``filing_date``;
    - ``investigation``: from ``filing_date`` until 移送审理 (``trial_transfer_date``) or closure.
    """
    out: list[Obligation] = []
    if verification_concluded is not None:
        out.append(Obligation("filing_approval", verification_concluded, filing_date is not None, filing_date))
    if filing_date is not None:
        ended = trial_transfer_date or closed_date
        out.append(Obligation("investigation", filing_date, ended is not None, ended))
    return out


def sanction_deadlines(decision_date: date, announced_date: date | None) -> list[Obligation]:
    """``execution``: a sanction is announced (宣布) within the limit from its decision (DOMAIN §3, §9) —
    met by the 宣布 date, not by the case's 结案."""
    return [Obligation("execution", decision_date, announced_date is not None, announced_date)]


def follow_up_due(effect_end: date, lead_days: int) -> date:
    """回访教育 is due ``lead_days`` calendar days before the effect period ends (DOMAIN §9)."""
    return effect_end - timedelta(days=lead_days)
