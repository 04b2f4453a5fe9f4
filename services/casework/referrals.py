"""转办/交办 of a complaint (DOMAIN §9): sent to a 受理单位 with its date, 文号 and due date, chased by
催办 reminders until the reply (date, result) is in.

``transfer`` is the 转办 action of the complaint (``intake`` re-exports it): the state change and the
``Referral`` row are written together, so there is one way to refer a complaint. The due date, while
no reply is in, is on the due list (services.deadlines.due_list), except for a repeat.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Complaint, Referral
from models.enums import ComplaintState

from services.casework.intake_actions import required_text, transition
from services.casework.intake_form import ComplaintView, load
from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, validate_date, validate_text

S = ComplaintState


@dataclass
class ReferralView:
    id: int
    complaint_id: int
    to_body: str
    sent_date: dt.date
    document_number: str
    due_date: dt.date | None
    reminders: list[dt.date]
    reply_date: dt.date | None
    reply_result: str
    version: int = 0  # hand it back as expected_version on the next change (record_versions)

    @property
    def replied(self) -> bool:
        return self.reply_date is not None

    def as_dict(self) -> dict:
        return asdict(self)


def reminder_dates(r: Referral) -> list[dt.date]:
    """The 催办 dates stored on a referral (one ISO date per line), in order."""
    return [dt.date.fromisoformat(line) for line in (r.reminders or "").splitlines() if line.strip()]


def _view(r: Referral) -> ReferralView:
    return ReferralView(r.id, r.complaint_id, r.to_body, r.sent_date, r.document_number or "", r.due_date,
                        reminder_dates(r), r.reply_date, r.reply_result or "", r.version or 0)


def transfer(ws: Workspace, complaint_id: int, date: Any, to_body: str, document_number: str = "",
             due_date: Any = None, *, expected_version: int | None = None) -> ComplaintView:
    """转办 to another body (required), with the 文号 and the date its reply is due (both optional).
    ``expected_version``: the complaint's version the form loaded (see ``transition``)."""
    body = required_text(to_body, "转办单位", "to_body", 100)
    number = validate_text(document_number, label="转办文号", field="document_number", max_length=80) or ""
    due = validate_date(due_date, dt.date.max, label="回复期限", field="due_date", required=False)

    def apply(s: Session, c: Complaint, d: dt.date) -> None:
        if due is not None and due < d:
            raise ValidationError(f"回复期限（{due.isoformat()}）不能早于转办日期（{d.isoformat()}）", field="due_date")
        c.state, c.referred_to = S.transferred.value, body
        s.add(Referral(complaint_id=c.id, to_body=body, sent_date=d, document_number=number, due_date=due,
                       created_by_id=getattr(ws.current_user, "id", None)))
    detail = {"to": body, **({"document_number": number} if number else {}), **({"due": due} if due else {})}
    return transition(ws, complaint_id, "transfer", (S.registered.value, S.accepted.value), date, "转办", apply,
                      detail, expected_version)


def _referral(session: Session, referral_id: int, expected_version: int | None = None) -> tuple[Referral, Complaint]:
    r = session.get(Referral, referral_id)
    if r is None:
        raise NotFoundError("转办记录不存在或已被删除")
    check_version(session, r, expected_version, f"转办{r.to_body}的记录")
    return r, load(session, r.complaint_id)


def record_reminder(ws: Workspace, referral_id: int, date: Any, *,
                    expected_version: int | None = None) -> ReferralView:
    """催办: a reminder sent to the 受理单位 on ``date`` (after the sending and any earlier reminder).
    ``expected_version``: the version the form loaded (refused with ``ConcurrentEditError`` if newer)."""
    require(ws.current_user, "complaint.decide")
    with ws.transaction() as s:
        r, c = _referral(s, referral_id, expected_version)
        if r.reply_date is not None:
            raise StateError(f"{r.to_body}已于 {r.reply_date.isoformat()} 回复，无需再催办")
        earlier = reminder_dates(r)
        last = ("上次催办日期", earlier[-1]) if earlier else ("转办日期", r.sent_date)
        d = action_date(date, ws.today(), "催办日期", not_before=last)
        if d in earlier:
            raise ValidationError(f"{d.isoformat()} 已登记过催办", field="date")
        r.reminders = "\n".join(x.isoformat() for x in [*earlier, d])
        audit.record(s, ws.current_user, "complaint.referral_reminder", "complaint", c.id,
                     {"number": c.number, "to": r.to_body, "date": d, "count": len(earlier) + 1})
        s.flush()  # the version after this change
        return _view(r)


def record_reply(ws: Workspace, referral_id: int, date: Any, result: str, *,
                 expected_version: int | None = None) -> ReferralView:
    """The 受理单位's reply: its date (not before the sending) and the result it reports (required).
    ``expected_version``: as for :func:`record_reminder`."""
    require(ws.current_user, "complaint.decide")
    text = required_text(result, "回复结果", "result")
    with ws.transaction() as s:
        r, c = _referral(s, referral_id, expected_version)
        if r.reply_date is not None:
            raise StateError(f"{r.to_body}的回复已于 {r.reply_date.isoformat()} 登记，不能重复登记")
        d = action_date(date, ws.today(), "回复日期", not_before=("转办日期", r.sent_date))
        r.reply_date, r.reply_result = d, text
        audit.record(s, ws.current_user, "complaint.referral_reply", "complaint", c.id,
                     {"number": c.number, "to": r.to_body, "date": d, "result": text})
        s.flush()  # the version after this change
        return _view(r)


def list_referrals(ws: Workspace, complaint_id: int) -> list[ReferralView]:
    """The complaint's referrals, oldest first."""
    require(ws.current_user, "complaint.view")
    with ws.reading() as s:
        load(s, complaint_id)
        rows = s.execute(select(Referral).where(Referral.complaint_id == complaint_id)
                         .order_by(Referral.sent_date, Referral.id)).scalars()
        return [_view(r) for r in rows]
