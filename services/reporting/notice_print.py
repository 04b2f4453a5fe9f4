"""The documents handed out: 受理告知书 and 反馈告知书 to a 实名 complainant, 转办函 to the 受理单位, 函询通知书 to
the person a lead concerns — each filled from its record and drawn by services.reporting.letter_sheet.

``*_doc`` reads the record and writes the "printed" audit event (``complaint.printed`` / ``lead.printed``,
shown in the item's timeline) in one transaction and returns the ``LetterDoc`` snapshot; ``*_pdf`` renders it.
The complainant's name is on a 告知书 only for a role that may see identities, and that reveal is audited like
any identity view (purpose ``print_notice``); for others the addressee line is left blank for handwriting.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ComplainantContact, Complaint, ComplaintSubject, InquiryLetter, Lead, Organization, Referral
from models.enums import Channel, ComplaintState, ContactKind, LeadResult

from services.casework.contacts import refusal
from services.errors import AuthenticationError, NotFoundError, PermissionDenied, StateError, ValidationError
from services.reporting.fonts import find_cjk_font
from services.reporting.letter_sheet import LetterDoc, chinese_date, render_letter
from services.security import audit, identity
from services.security.permissions import allowed, require
from services.storage import settings
from services.storage.workspace import Workspace
from services.validation import validate_date

__all__ = ["LetterDoc", "render_letter", "chinese_date", "acceptance_notice_doc", "feedback_notice_doc",
           "referral_letter_doc", "inquiry_notice_doc", "acceptance_notice_pdf", "feedback_notice_pdf",
           "referral_letter_pdf", "inquiry_notice_pdf", "reprint_doc"]

S = ComplaintState
BLANK_ADDRESSEE = "\u3000" * 6
CONFIDENTIAL = "本文书含反映人身份信息，属保密材料，严禁泄露（《纪检监察机关处理检举控告工作规则》）。"
MASKED_NOTE = "反映人姓名已按保密规定隐去，请由有权查看身份信息的人员填写或打印。"


def _office(s: Session) -> tuple[str, Any]:
    org = s.query(Organization).first()
    return (org.name if org else ""), find_cjk_font(settings.get(s, settings.FONT_PATH) or None)


def _label(enum_cls, code) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _subjects(s: Session, complaint_id: int) -> str:
    names = s.execute(select(ComplaintSubject.name).where(ComplaintSubject.complaint_id == complaint_id)
                      .order_by(ComplaintSubject.id)).scalars()
    return "、".join(n for n in names if n) or "有关人员"


def _printed(ws: Workspace, s: Session, entity: str, entity_id: int, number: str, document: str,
             record: int | None = None) -> None:
    """The "printed" event; ``record``: the 转办 or 函询 row the letter is of (so the timeline can print it again)."""
    audit.record(s, ws.current_user, f"{entity}.printed", entity, entity_id,
                 {"number": number, "document": document, **({"record": record} if record else {})})


def _addressee(ws: Workspace, s: Session, c: Complaint) -> tuple[str, str]:
    """(the complainant's name + 同志, the footer note), revealed (and audited) for a permitted user only."""
    if identity.has_identity(c) and allowed(ws.current_user.roles, "identity.view"):
        try:
            name = identity.reveal(ws, s, c.id, purpose="print_notice").get("name", "")
        except (PermissionDenied, AuthenticationError):
            name = ""
        if name:
            return f"{name}同志", CONFIDENTIAL
    return BLANK_ADDRESSEE, MASKED_NOTE


def _contact(s: Session, complaint_id: int, kind: ContactKind) -> ComplainantContact | None:
    return s.execute(select(ComplainantContact).where(ComplainantContact.complaint_id == complaint_id,
                                                      ComplainantContact.kind == kind.value)
                     .order_by(ComplainantContact.id.desc())).scalars().first()


def _get(s: Session, model, item_id: int, what: str):
    row = s.get(model, item_id)
    if row is None:
        raise NotFoundError(f"{what}不存在或已被删除")
    return row


def _complaint(s: Session, complaint_id: int, label: str) -> Complaint:
    c = _get(s, Complaint, complaint_id, "信访件")
    reason = refusal(c, label)
    if reason:
        raise StateError(reason)
    return c


def _letter_date(ws: Workspace, contact: ComplainantContact | None, when: Any) -> dt.date:
    if contact is not None:
        return contact.contact_date
    return validate_date(when, dt.date.max, label="落款日期", field="date", required=False) or ws.today()


def _opening(c: Complaint, subjects: str) -> str:
    how = _label(Channel, c.channel)
    return (f"您于{chinese_date(c.received_date)}" + (f"通过{how}" if how else "")
            + f"反映{subjects}有关问题的检举控告（编号：{c.number}）")


def acceptance_notice_doc(ws: Workspace, complaint_id: int, date: Any = None) -> LetterDoc:
    """受理告知书, dated as the recorded 受理告知 (else ``date``, else today)."""
    require(ws.current_user, "complaint.view")
    with ws.transaction() as s:
        c = _complaint(s, complaint_id, "受理告知")
        if c.state == S.registered.value:
            raise StateError(f"信访件 {c.number} 尚未受理，受理（或作出其他处理）后再打印受理告知书")
        contact = _contact(s, c.id, ContactKind.acceptance_notice)
        office, font = _office(s)
        to, note = _addressee(ws, s, c)
        state = (f"我委已于{chinese_date(c.accepted_date)}依规受理" if c.accepted_date and c.state != S.transferred.value
                 else f"经研究，{_label(ComplaintState, c.state)}" + (f"至{c.referred_to}" if c.referred_to else "")
                 + (f"（{chinese_date(c.state_date)}）" if c.state_date else ""))
        body = [f"{_opening(c, _subjects(s, c.id))}收悉。{state}。",
                "我们将依规依纪依法办理，办理结果将及时向您反馈。请您如实反映问题，不得捏造事实、诬告陷害；"
                "对您反映的问题和您的个人信息，我们将严格保密。",
                "特此告知。"]
        _printed(ws, s, "complaint", c.id, c.number, "受理告知书")
        return LetterDoc("受理告知书", f"编号：{c.number}", to, body, office, _letter_date(ws, contact, date),
                         footer_note=note, font=font)


def _result(s: Session, c: Complaint) -> str:
    """The result told to the complainant: not accepted and why, or the lead's result."""
    if c.state == S.not_accepted.value:
        return "经审查，您反映的问题不予受理" + (f"，理由是：{c.state_reason}" if c.state_reason else "")
    lead = s.execute(select(Lead).where(Lead.complaint_id == c.id, Lead.result.is_not(None))
                     .order_by(Lead.id.desc())).scalars().first()   # a 转初核 lead's follow-up is the last
    if lead is not None:
        text = f"经办理，该问题线索已{_label(LeadResult, lead.result)}" + (
            f"（{chinese_date(lead.result_date)}）" if lead.result_date else "")
        return text + (f"。{lead.result_note.strip().rstrip('。')}" if (lead.result_note or "").strip() else "")
    return "经办理，您反映的问题已办结" + (f"（{chinese_date(c.concluded_date)}）" if c.concluded_date else "")


def feedback_notice_doc(ws: Workspace, complaint_id: int, date: Any = None) -> LetterDoc:
    """反馈告知书 with the result, dated as the recorded 反馈 (else ``date``, else today)."""
    require(ws.current_user, "complaint.view")
    with ws.transaction() as s:
        c = _complaint(s, complaint_id, "反馈")
        if c.state not in (S.concluded.value, S.not_accepted.value):
            raise StateError(f"信访件 {c.number} 尚未办结，办结后再打印反馈告知书")
        contact = _contact(s, c.id, ContactKind.feedback)
        office, font = _office(s)
        to, note = _addressee(ws, s, c)
        body = [f"{_opening(c, _subjects(s, c.id))}，现将办理结果告知如下：", _result(s, c).rstrip("。") + "。"]
        if contact is not None and (contact.note or "").strip():
            body.append(contact.note.strip().rstrip("。") + "。")   # a sentence of the letter, however it was typed
        body += ["如对处理结果有异议，可依规向我委或上级纪检监察机关提出。", "特此告知。"]
        _printed(ws, s, "complaint", c.id, c.number, "反馈告知书")
        return LetterDoc("反馈告知书", f"编号：{c.number}", to, body, office, _letter_date(ws, contact, date),
                         footer_note=note, font=font)


def referral_letter_doc(ws: Workspace, referral_id: int) -> LetterDoc:
    """转办函 of one 转办 record: to the 受理单位, with its 文号 and 回复期限; never the complainant's identity."""
    require(ws.current_user, "complaint.view")
    with ws.transaction() as s:
        r = _get(s, Referral, referral_id, "转办记录")
        c = s.get(Complaint, r.complaint_id)
        office, font = _office(s)
        problem = (c.main_problem or "").strip().rstrip("。")
        body = [f"现将{chinese_date(c.received_date)}收到的反映{_subjects(s, c.id)}有关问题的信访举报件"
                f"（编号：{c.number}）转你单位，请依规依纪依法办理。" + (f"反映的主要问题：{problem}。" if problem else ""),
                (f"请于{chinese_date(r.due_date)}前" if r.due_date else "请在办结后") + f"将办理结果书面报送{office or '我委'}。"
                "办理中请注意为反映人保密，不得将检举控告材料转给被反映人或者被反映单位。",
                "特此函告。"]
        _printed(ws, s, "complaint", c.id, c.number, "转办函", r.id)
        return LetterDoc("转办函", r.document_number or f"编号：{c.number}", r.to_body, body, office, r.sent_date,
                         attachments=[f"信访举报件（编号：{c.number}）"], font=font)


def inquiry_notice_doc(ws: Workspace, letter_id: int) -> LetterDoc:
    """函询通知书 of one round: to the recipient, with the 函询事项 and the reply date."""
    require(ws.current_user, "lead.view")
    with ws.transaction() as s:
        r = _get(s, InquiryLetter, letter_id, "函询记录")
        lead = s.get(Lead, r.lead_id)
        office, font = _office(s)
        matter = (r.note or "").strip().splitlines()[0].strip().rstrip("。") if (r.note or "").strip() else ""
        body = ["根据《中国共产党纪律检查机关监督执纪工作规则》有关规定，现就反映你的有关问题向你函询。"
                + (f"函询事项：{matter}。" if matter else ""),
                f"请你本着对党忠诚老实的态度，于{chinese_date(r.reply_due)}前就有关问题作出书面说明，"
                f"由所在单位党组织主要负责人签署意见后，报送{office or '我委'}。",
                "特此通知。"]
        _printed(ws, s, "lead", lead.id, lead.number, "函询通知书", r.id)
        return LetterDoc("函询通知书", f"线索编号：{lead.number}　第{r.round}轮函询", f"{r.recipient}同志", body,
                         office, r.sent_date, font=font)


REPRINTS = {"acceptance_notice": acceptance_notice_doc, "feedback_notice": feedback_notice_doc,
            "referral_letter": referral_letter_doc, "inquiry_notice": inquiry_notice_doc}


def reprint_doc(ws: Workspace, code: str, record_id: int) -> LetterDoc:
    """The letter ``code`` of a timeline entry (``TimelineEvent.document``) printed again, filled from the stored
    record: a 告知书 dated as its recorded 告知/反馈, a 转办函 or 函询通知书 of its 转办 or 函询 row."""
    make = REPRINTS.get(code)
    if make is None:
        raise ValidationError(f"未知的文书：{code}", field="document")
    return make(ws, record_id)


def acceptance_notice_pdf(ws: Workspace, complaint_id: int, date: Any = None) -> bytes:
    return render_letter(acceptance_notice_doc(ws, complaint_id, date))


def feedback_notice_pdf(ws: Workspace, complaint_id: int, date: Any = None) -> bytes:
    return render_letter(feedback_notice_doc(ws, complaint_id, date))


def referral_letter_pdf(ws: Workspace, referral_id: int) -> bytes:
    return render_letter(referral_letter_doc(ws, referral_id))


def inquiry_notice_pdf(ws: Workspace, letter_id: int) -> bytes:
    return render_letter(inquiry_notice_doc(ws, letter_id))
