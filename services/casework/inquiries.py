"""谈话函询 by letter (DOMAIN §2, §9): on a lead disposed by 谈话函询, rounds of a 函询 letter, the written
explanation received, and the assessment, each a dated step in this order.

A round: ``send_letter`` (date, recipient; the reply is due after the setting 函询回复期限（天）) →
``record_reply`` (date not before the sending, an optional attachment stored on the lead) → ``assess``:
如实说明 → 采信了结 with the 了结 letter's date, which concludes the lead as 了结 (``leads.conclude_in``, the
one path a lead is concluded by); 不如实说明 / 发现新线索 → 转初核 (the lead concluded as 转初核, which opens
its 初核 lead) or 再次函询 (a new round may be sent). One round is open at a time. An open letter's reply
date is on the due list (services.deadlines.due_list) until the reply is in.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment, InquiryLetter, Lead, Person
from models.enums import Disposition, InquiryAssessment, InquiryOutcome, LeadResult

from services.casework.leads import conclude_in
from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage import settings
from services.storage.attachments import add_attachment_in
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_text

A, O = InquiryAssessment, InquiryOutcome
#: The outcomes each assessment allows (DOMAIN §9).
OUTCOMES_BY_ASSESSMENT: dict[str, tuple[str, ...]] = {
    A.truthful.value: (O.accepted_closed.value,),
    A.untruthful.value: (O.to_verification.value, O.inquire_again.value),
    A.new_leads.value: (O.to_verification.value, O.inquire_again.value),
}
#: The lead result each concluding outcome records.
LEAD_RESULT_OF = {O.accepted_closed.value: LeadResult.concluded.value,
                  O.to_verification.value: LeadResult.to_verification.value}


@dataclass
class InquiryView:
    id: int
    lead_id: int
    round: int
    recipient: str
    sent_date: dt.date
    reply_due: dt.date
    reply_date: dt.date | None
    reply_attachment_id: int | None
    reply_attachment_name: str
    assessment: str | None
    assessment_label: str
    assessment_date: dt.date | None
    outcome: str | None
    outcome_label: str
    closing_letter_date: dt.date | None
    note: str
    version: int = 0  # hand it back as expected_version on the next change (record_versions)

    @property
    def step(self) -> str:
        """Where the round stands: ``awaiting_reply``, ``awaiting_assessment`` or ``assessed``."""
        if self.reply_date is None:
            return "awaiting_reply"
        return "awaiting_assessment" if self.outcome is None else "assessed"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class InquiryOverview:
    """A lead's 函询: its rounds, whether a letter may be sent now and, if not, why (in Chinese)."""
    lead_id: int
    lead_number: str
    person_names: list[str]
    reply_days: int
    letters: list[InquiryView] = field(default_factory=list)
    can_send: bool = False
    blocked: str = ""

    @property
    def open_letter(self) -> InquiryView | None:
        return next((v for v in self.letters if v.outcome is None), None)


def _label(enum_cls, code) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _view(s: Session, r: InquiryLetter) -> InquiryView:
    name = s.get(Attachment, r.reply_attachment_id).filename if r.reply_attachment_id else ""
    return InquiryView(r.id, r.lead_id, r.round, r.recipient, r.sent_date, r.reply_due, r.reply_date,
                       r.reply_attachment_id, name, r.assessment, _label(A, r.assessment), r.assessment_date,
                       r.outcome, _label(O, r.outcome), r.closing_letter_date, r.note or "", r.version or 0)


def _lead(s: Session, lead_id: int) -> Lead:
    lead = s.get(Lead, lead_id)
    if lead is None:
        raise NotFoundError("问题线索不存在或已被删除")
    return lead


def _letter(s: Session, letter_id: int, expected_version: int | None = None) -> tuple[InquiryLetter, Lead]:
    r = s.get(InquiryLetter, letter_id)
    if r is None:
        raise NotFoundError("函询记录不存在或已被删除")
    lead = _lead(s, r.lead_id)
    check_version(s, r, expected_version, f"线索 {lead.number} 的第{r.round}轮函询")
    return r, lead


def _rounds(s: Session, lead_id: int) -> list[InquiryLetter]:
    return list(s.execute(select(InquiryLetter).where(InquiryLetter.lead_id == lead_id)
                          .order_by(InquiryLetter.round)).scalars())


def _why_not_send(lead: Lead, rounds: list[InquiryLetter]) -> str:
    """Why no letter may be sent on this lead now ("" when one may)."""
    if lead.disposition != Disposition.talk_inquiry.value:
        shown = _label(Disposition, lead.disposition) or "未处置"
        return f"线索 {lead.number} 的处置方式为“{shown}”，只有处置为“谈话函询”的线索才能函询"
    if lead.approver_id is None:
        return f"线索 {lead.number} 的处置尚未经纪委书记审批，审批后才能发出函询函"
    if lead.result is not None:
        return f"线索 {lead.number} 已办结（{_label(LeadResult, lead.result)}），不能再发函询函"
    if rounds and rounds[-1].outcome is None:
        return f"第{rounds[-1].round}轮函询尚未评估，评估为“再次函询”后才能发出下一轮函询函"
    if rounds and rounds[-1].outcome != O.inquire_again.value:
        return f"第{rounds[-1].round}轮函询已评估为“{_label(O, rounds[-1].outcome)}”，不能再发函询函"
    return ""


def overview(ws: Workspace, lead_id: int) -> InquiryOverview:
    """The lead's 函询 rounds, oldest first, and whether a letter may be sent now."""
    require(ws.current_user, "lead.view")
    with ws.reading() as s:
        lead = _lead(s, lead_id)
        rounds = _rounds(s, lead_id)
        names = list(s.execute(select(Person.name).where(Person.lead_id == lead_id).order_by(Person.id)).scalars())
        why = _why_not_send(lead, rounds)
        return InquiryOverview(lead.id, lead.number, names, int(settings.get(s, settings.INQUIRY_REPLY_DAYS)),
                               [_view(s, r) for r in rounds], can_send=not why, blocked=why)


def send_letter(ws: Workspace, lead_id: int, sent_date: Any, recipient: str, note: str = "") -> InquiryView:
    """发出函询函 to ``recipient`` (the person the lead concerns) on ``sent_date``; the reply is due
    函询回复期限（天） days later. The first round follows the disposition; a later one, an assessment
    of 再次函询."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        lead = _lead(s, lead_id)
        rounds = _rounds(s, lead_id)
        why = _why_not_send(lead, rounds)
        if why:
            raise StateError(why)
        earlier = (("上一轮函询评估日期", rounds[-1].assessment_date) if rounds
                   else ("处置日期", lead.disposition_date))
        problems: list[ValidationError] = []
        d = None
        try:
            d = action_date(sent_date, ws.today(), "发函日期", "sent_date", earlier)
        except ValidationError as exc:
            problems.append(exc)
        who = ""
        try:
            who = validate_text(recipient, label="函询对象", field="recipient", max_length=40, required=True) or ""
        except ValidationError as exc:
            problems.append(exc)
        text = ""
        try:
            text = validate_text(note, label="函询事项", field="note", max_length=2000) or ""
        except ValidationError as exc:
            problems.append(exc)
        raise_all(problems, "函询函")
        days = int(settings.get(s, settings.INQUIRY_REPLY_DAYS))
        number = (rounds[-1].round if rounds else 0) + 1
        r = InquiryLetter(lead_id=lead.id, round=number, recipient=who, sent_date=d,
                          reply_due=d + dt.timedelta(days=days), note=text)
        s.add(r)
        s.flush()
        audit.record(s, ws.current_user, "lead.inquiry_send", "lead", lead.id,
                     {"number": lead.number, "round": number, "recipient": who, "date": d, "due": r.reply_due})
        return _view(s, r)


def record_reply(ws: Workspace, letter_id: int, reply_date: Any, attachment: Path | str | None = None,
                 note: str = "", *, expected_version: int | None = None) -> InquiryView:
    """收到书面说明 on ``reply_date`` (not before the letter was sent), with its scan or file if given
    (stored as an attachment of the lead, in the same transaction). ``expected_version``: the letter's
    version the form loaded (refused with ``ConcurrentEditError`` if newer)."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        r, lead = _letter(s, letter_id, expected_version)
        if r.reply_date is not None:
            raise StateError(f"第{r.round}轮函询的书面说明已于 {r.reply_date.isoformat()} 登记，不能重复登记")
        if lead.result is not None:
            raise StateError(f"线索 {lead.number} 已办结，不能再登记函询说明")
        d = action_date(reply_date, ws.today(), "收到说明日期", "reply_date", ("发函日期", r.sent_date))
        text = validate_text(note, label="说明情况", field="note", max_length=2000) or ""
        filename = ""
        if attachment is not None and str(attachment).strip():
            a = add_attachment_in(ws, s, ("lead", lead.id), attachment)
            r.reply_attachment_id, filename = a.id, a.filename
        r.reply_date = d
        if text:
            r.note = f"{r.note}\n{text}".strip() if r.note else text
        audit.record(s, ws.current_user, "lead.inquiry_reply", "lead", lead.id,
                     {"number": lead.number, "round": r.round, "date": d,
                      **({"attachment": filename} if filename else {}), "late": d > r.reply_due})
        s.flush()  # the version after this change
        return _view(s, r)


def assess(ws: Workspace, letter_id: int, assessment: str, date: Any, outcome: str | None = None,
           closing_letter_date: Any = None, note: str = "", *, expected_version: int | None = None) -> InquiryView:
    """The assessment of the written explanation (dated, not before it was received) and what follows:
    如实说明 → 采信了结 (the 了结 letter's date; the lead is concluded 了结 on it); 不如实说明 / 发现新线索
    → 转初核 (the lead concluded 转初核 on the assessment date) or 再次函询. ``outcome`` may be left out
    for 如实说明 (采信了结 is its only outcome). ``expected_version``: as for :func:`record_reply`."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        r, lead = _letter(s, letter_id, expected_version)
        if r.reply_date is None:
            raise StateError(f"第{r.round}轮函询尚未收到书面说明，收到并登记后才能评估")
        if r.outcome is not None:
            raise StateError(f"第{r.round}轮函询已于 {r.assessment_date.isoformat()} 评估为"
                             f"“{_label(A, r.assessment)}，{_label(O, r.outcome)}”")
        a = A.from_text(assessment)
        if a is None:
            raise ValidationError("请选择评估意见（如实说明、不如实说明、发现新线索之一）", field="assessment")
        allowed_outcomes = OUTCOMES_BY_ASSESSMENT[a.value]
        o = O.from_text(outcome) if outcome else (O(allowed_outcomes[0]) if len(allowed_outcomes) == 1 else None)
        if o is None or o.value not in allowed_outcomes:
            options = "或".join(f"“{_label(O, x)}”" for x in allowed_outcomes)
            raise ValidationError(f"评估为“{a.label}”的，处理结果应为{options}", field="outcome")
        d = action_date(date, ws.today(), "评估日期", "assessment_date", ("收到说明日期", r.reply_date))
        closing = None
        if o is O.accepted_closed:
            if closing_letter_date in (None, ""):
                raise ValidationError("采信了结的，请填写了结函（告知函询对象了结）的日期", field="closing_letter_date")
            closing = action_date(closing_letter_date, ws.today(), "了结函日期", "closing_letter_date",
                                  ("评估日期", d))
        text = validate_text(note, label="评估情况", field="note", max_length=2000) or ""
        r.assessment, r.assessment_date, r.outcome, r.closing_letter_date = a.value, d, o.value, closing
        if text:
            r.note = f"{r.note}\n{text}".strip() if r.note else text
        s.flush()
        audit.record(s, ws.current_user, "lead.inquiry_assess", "lead", lead.id,
                     {"number": lead.number, "round": r.round, "date": d, "assessment": a.value,
                      "outcome": o.value, **({"closing_date": closing} if closing else {})})
        if o.value in LEAD_RESULT_OF:
            result_note = text or f"第{r.round}轮函询{a.label}，{o.label}"
            conclude_in(ws, s, lead, LEAD_RESULT_OF[o.value], closing or d, result_note)
            s.flush()
        return _view(s, r)

