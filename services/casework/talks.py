"""谈话 records (DOMAIN §9): 谈话提醒, 廉政谈话, 诫勉 and 函询谈话, held by at least two distinct interviewers
and recorded on the lead or the case they belong to: date, place, the interviewers, the person, a
summary and the record's scan as an attachment of that lead or case. The print sheet 谈话记录 is
services.reporting.item_print.talk_sheet_pdf.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment, Case, Lead, Person, TalkRecord
from models.enums import Disposition, TalkKind

from services.errors import NotFoundError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.attachments import add_attachment_in
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_name, validate_names, validate_text

MIN_INTERVIEWERS = 2
_OWNER_PERMS = {"lead": ("lead.manage", "lead.view"), "case": ("case.manage", "case.view")}


@dataclass
class TalkInput:
    kind: str = TalkKind.reminder_talk.value
    talk_date: dt.date | str | None = None
    place: str = ""
    interviewers: str = ""          # "李四、赵六" (、 ，, ; or spaces between the names)
    person_name: str = ""
    person_unit: str = ""
    person_post: str = ""
    person_id: int | None = None    # one of the lead's or case's persons; name, unit and post default from it
    lead_id: int | None = None
    case_id: int | None = None
    summary: str = ""
    attachment: Path | str | None = None   # the signed record's scan


@dataclass
class TalkView:
    id: int
    kind: str
    kind_label: str
    talk_date: dt.date
    place: str
    interviewers: list[str]
    person_name: str
    person_unit: str
    person_post: str
    person_id: int | None
    lead_id: int | None
    case_id: int | None
    owner_number: str
    record_attachment_id: int | None
    record_attachment_name: str
    summary: str

    def as_dict(self) -> dict:
        return asdict(self)


def _view(s: Session, t: TalkRecord) -> TalkView:
    owner = s.get(Lead, t.lead_id) if t.lead_id else s.get(Case, t.case_id)
    name = s.get(Attachment, t.record_attachment_id).filename if t.record_attachment_id else ""
    kind = TalkKind.from_text(t.kind)
    return TalkView(t.id, t.kind, kind.label if kind else t.kind, t.talk_date, t.place or "",
                    [n for n in (t.interviewers or "").split("、") if n], t.person_name, t.person_unit or "",
                    t.person_post or "", t.person_id, t.lead_id, t.case_id, owner.number if owner else "",
                    t.record_attachment_id, name, t.summary or "")


def _owner(data_lead: int | None, data_case: int | None) -> tuple[str, int]:
    if (data_lead is None) == (data_case is None):
        raise ValidationError("谈话记录须关联一条问题线索或一个案件（只能选其一）", field="owner")
    return ("lead", int(data_lead)) if data_lead is not None else ("case", int(data_case))


def _owner_row(s: Session, kind: str, oid: int) -> Lead | Case:
    row = s.get(Lead if kind == "lead" else Case, oid)
    if row is None:
        raise NotFoundError("问题线索不存在或已被删除" if kind == "lead" else "案件不存在或已被删除")
    return row


def _collect(problems: list[ValidationError], fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except ValidationError as exc:
        problems.append(exc)
        return None


def record_talk(ws: Workspace, data: TalkInput) -> TalkView:
    """Record a talk held (every problem of the form reported at once; nothing is written then)."""
    kind_owner, oid = _owner(data.lead_id, data.case_id)
    require(ws.current_user, _OWNER_PERMS[kind_owner][0])
    with ws.transaction() as s:
        owner = _owner_row(s, kind_owner, oid)
        problems: list[ValidationError] = []
        kind = TalkKind.from_text(data.kind)
        if kind is None:
            problems.append(ValidationError("请选择谈话类型（谈话提醒、廉政谈话、诫勉、函询谈话之一）", field="kind"))
        elif kind is TalkKind.inquiry_talk and (kind_owner != "lead"
                                                or owner.disposition != Disposition.talk_inquiry.value):
            problems.append(ValidationError("函询谈话只能记录在处置方式为“谈话函询”的问题线索上", field="kind"))
        since = (("线索收到日期", owner.received_date) if kind_owner == "lead"
                 else ("立案日期", owner.filing_date))
        d = _collect(problems, action_date, data.talk_date, ws.today(), "谈话日期", "talk_date", since)
        place = _collect(problems, validate_text, data.place, label="谈话地点", field="place", max_length=100,
                         required=True) or ""
        names = _collect(problems, validate_names, data.interviewers, label="谈话人", field="interviewers",
                         minimum=MIN_INTERVIEWERS) or []
        if len("、".join(names)) > 200:
            problems.append(ValidationError("谈话人姓名合计不能超过200个字", field="interviewers"))
        person = None
        if data.person_id is not None:
            person = s.get(Person, data.person_id)
            if person is None or getattr(person, f"{kind_owner}_id") != oid:
                problems.append(ValidationError(f"所选谈话对象不是本{'线索' if kind_owner == 'lead' else '案件'}的涉及人员",
                                                field="person_id"))
                person = None
        refused = data.person_id is not None and person is None
        name = "" if refused and not data.person_name else _collect(
            problems, validate_name, data.person_name or (person.name if person else ""), label="谈话对象姓名",
            field="person_name") or ""
        if name and any(name == n for n in names):
            problems.append(ValidationError(f"谈话对象“{name}”不能同时是谈话人", field="interviewers"))
        unit = _collect(problems, validate_text, data.person_unit or (person.unit if person else ""),
                        label="谈话对象单位", field="person_unit", max_length=100) or ""
        post = _collect(problems, validate_text, data.person_post or (person.post if person else ""),
                        label="谈话对象职务", field="person_post", max_length=100) or ""
        summary = _collect(problems, validate_text, data.summary, label="谈话内容摘要", field="summary",
                           max_length=10000, required=True) or ""
        raise_all(problems, "谈话记录")
        t = TalkRecord(kind=kind.value, talk_date=d, place=place, interviewers="、".join(names), person_name=name,
                       person_unit=unit, person_post=post, person_id=person.id if person else None,
                       summary=summary, **{f"{kind_owner}_id": oid})
        if data.attachment is not None and str(data.attachment).strip():
            t.record_attachment_id = add_attachment_in(ws, s, (kind_owner, oid), data.attachment).id
        s.add(t)
        s.flush()
        audit.record(s, ws.current_user, "talk.record", kind_owner, oid,
                     {"number": owner.number, "talk_id": t.id, "kind": kind.value, "date": d, "place": place,
                      "interviewers": t.interviewers, "person": name})
        return _view(s, t)


def get_talk(ws: Workspace, talk_id: int) -> TalkView:
    with ws.reading() as s:
        t = s.get(TalkRecord, talk_id)
        if t is None:
            raise NotFoundError("谈话记录不存在或已被删除")
        require(ws.current_user, _OWNER_PERMS["lead" if t.lead_id else "case"][1])
        return _view(s, t)


def list_talks(ws: Workspace, *, lead_id: int | None = None, case_id: int | None = None) -> list[TalkView]:
    """The talks recorded on a lead or a case, oldest first."""
    kind_owner, oid = _owner(lead_id, case_id)
    require(ws.current_user, _OWNER_PERMS[kind_owner][1])
    with ws.reading() as s:
        _owner_row(s, kind_owner, oid)
        col = TalkRecord.lead_id if kind_owner == "lead" else TalkRecord.case_id
        rows = s.execute(select(TalkRecord).where(col == oid).order_by(TalkRecord.talk_date, TalkRecord.id)).scalars()
        return [_view(s, t) for t in rows]


def talk_kinds_for(disposition: str | None) -> list[str]:
    """The talk kinds a form offers on a lead of this disposition (函询谈话 only under 谈话函询)."""
    return [k.value for k in TalkKind if k is not TalkKind.inquiry_talk or disposition == Disposition.talk_inquiry.value]

