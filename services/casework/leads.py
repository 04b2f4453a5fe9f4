"""Problem leads (问题线索): registration, the one disposition and its approval, the result."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Complaint, InquiryLetter, Lead, Person, User
from models.enums import Disposition, EightRulesType, LeadResult, LeadSource

from services.casework import carry_forward, numbering
from services.casework.complaint_closure import conclude_with_lead
from services.casework.persons import PersonInput, PersonView, new_person, person_view, validate_person
from services.casework.record_columns import lead_columns, lead_created
from services.casework.work_plan import check_verifiers, plan_view, require_approved_plan
from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import allowed, require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_text

D, R = Disposition, LeadResult
#: The results each disposition allows (DOMAIN §2). 暂存待查 waits for more facts: no result.
RESULTS_BY_DISPOSITION: dict[str, tuple[str, ...]] = {
    D.talk_inquiry.value: (R.concluded.value, R.clarified.value, R.to_verification.value),
    D.preliminary_verification.value: (R.case_filed.value, R.concluded.value, R.reminder_talk.value,
                                       R.transferred.value),
    D.shelved.value: (),
    D.closed.value: (R.concluded.value,),
}


@dataclass
class LeadInput:
    source: str = LeadSource.complaint.value
    received_date: dt.date | str | None = None
    summary: str = ""
    complaint_id: int | None = None
    persons: list[PersonInput] = field(default_factory=list)
    # 违反中央八项规定精神: None copies the complaint's (carry_forward); a given flag (also False) is kept
    eight_rules: bool | None = None
    eight_rules_type: str | None = None


@dataclass
class LeadView:
    id: int
    number: str
    source: str
    source_label: str
    complaint_id: int | None
    complaint_number: str
    received_date: dt.date
    summary: str
    disposition: str | None
    disposition_label: str
    disposition_date: dt.date | None
    approver_id: int | None
    approver_name: str
    approved: bool
    collective_note: str
    verifiers: str
    result: str | None
    result_label: str
    result_date: dt.date | None
    result_note: str
    persons: list[PersonView]
    case_id: int | None
    case_number: str
    allowed_results: list[str]
    work_plan: dict = field(default_factory=dict)  # work_plan.WorkPlanView as a dict
    imported: bool = False  # brought in by import-ledger
    followup_lead_id: int | None = None
    version: int = 0  # hand it back as expected_version on the next change (record_versions)
    eight_rules: bool = False
    eight_rules_type: str | None = None
    eight_rules_label: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _label(enum_cls, code):
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _get(session: Session, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFoundError("问题线索不存在或已被删除")
    return lead


def _view(session: Session, lead: Lead) -> LeadView:
    session.flush()  # the version after this transaction's change
    complaint = session.get(Complaint, lead.complaint_id) if lead.complaint_id else None
    approver = session.get(User, lead.approver_id) if lead.approver_id else None
    case = session.execute(select(Case.id, Case.number).where(Case.lead_id == lead.id).limit(1)).first()
    persons = session.execute(select(Person).where(Person.lead_id == lead.id).order_by(Person.id)).scalars()
    return LeadView(
        id=lead.id, number=lead.number, source=lead.source, source_label=_label(LeadSource, lead.source),
        complaint_id=lead.complaint_id, complaint_number=complaint.number if complaint else "",
        received_date=lead.received_date, summary=lead.summary, disposition=lead.disposition,
        disposition_label=_label(Disposition, lead.disposition), disposition_date=lead.disposition_date,
        approver_id=lead.approver_id, approver_name=approver.display_name if approver else "",
        approved=lead.approver_id is not None, collective_note=lead.collective_note, verifiers=lead.verifiers,
        result=lead.result, result_label=_label(LeadResult, lead.result), result_date=lead.result_date,
        result_note=lead.result_note, persons=[person_view(p) for p in persons],
        case_id=case[0] if case else None, case_number=case[1] if case else "",
        allowed_results=list(RESULTS_BY_DISPOSITION.get(lead.disposition or "", ())) if lead.result is None else [],
        work_plan=asdict(plan_view(session, lead)), imported=bool(lead.imported), version=lead.version,
        eight_rules=bool(lead.eight_rules), eight_rules_type=lead.eight_rules_type,
        eight_rules_label=_label(EightRulesType, lead.eight_rules_type),
    )


def create_lead_in(ws: Workspace, session: Session, *, source: str, received_date: dt.date, summary: str,
                   complaint_id: int | None, persons: list[PersonInput], note: str = "",
                   classification: carry_forward.Classification | None = None) -> Lead:
    """Create a lead inside the caller's transaction (accepting a complaint, or 转初核); its 八项规定
    ``classification`` is the complaint's unless given (转初核 gives the concluded lead's)."""
    today = ws.today()
    values = []
    for p in persons:
        v, problems = validate_person(p, today)
        if problems:  # a subject row the lead cannot hold: keep the name, drop the rest
            v, _ = validate_person(PersonInput(name=p.name, unit=p.unit, post=p.post), today)
        if v.get("name"):
            values.append(v)
    columns = lead_columns(ws.current_user, number=numbering.next_number(session, "lead", received_date.year),
                           source=source, received_date=received_date, summary=summary, complaint_id=complaint_id,
                           classification=classification or carry_forward.of_complaint(session, complaint_id))
    lead = Lead(**columns)
    session.add(lead)
    session.flush()
    for v in values:
        session.add(new_person(v, lead_id=lead.id))
    session.flush()
    audit.record(session, ws.current_user, "lead.create", "lead", lead.id, lead_created(columns, len(values), note))
    return lead


def create_lead(ws: Workspace, data: LeadInput) -> LeadView:
    """A lead entered directly (or from a complaint by id)."""
    require(ws.current_user, "lead.manage")
    today = ws.today()
    with ws.transaction() as s:
        problems: list[ValidationError] = []
        source = LeadSource.from_text(data.source)
        if source is None:
            problems.append(ValidationError("请选择线索来源", field="source"))
        d = None
        try:
            d = action_date(data.received_date, today, "收到日期", "received_date")
        except ValidationError as exc:
            problems.append(exc)
        summary = ""
        try:
            summary = validate_text(data.summary, label="线索摘要", field="summary", max_length=10000,
                                    required=True) or ""
        except ValidationError as exc:
            problems.append(exc)
        if data.complaint_id is not None and s.get(Complaint, data.complaint_id) is None:
            problems.append(ValidationError("所关联的信访件不存在", field="complaint_id"))
        eight_rules, eight_rules_type = carry_forward.eight_rules_values(
            data.eight_rules, data.eight_rules_type, carry_forward.of_complaint(s, data.complaint_id), problems)
        for i, p in enumerate(data.persons):
            problems += validate_person(p, today, f"persons[{i}].")[1]
        raise_all(problems, "登记表")
        lead = create_lead_in(ws, s, source=source.value, received_date=d, summary=summary,
                              complaint_id=data.complaint_id, persons=data.persons,
                              classification=(eight_rules, eight_rules_type))
        return _view(s, lead)


def complaint_classification(ws: Workspace, complaint_id: int) -> tuple[bool, str | None]:
    """The 八项规定 flag and sub-type a new lead from this complaint starts with (its form shows them)."""
    require(ws.current_user, "lead.view")
    with ws.reading() as s:
        return carry_forward.of_complaint(s, complaint_id)


def set_classification(ws: Workspace, lead_id: int, eight_rules: bool, eight_rules_type: str | None, *,
                       expected_version: int | None = None) -> LeadView:
    """Correct a saved lead's 八项规定 flag and sub-type (audited) until a case is opened from it (the case
    carries its own from then on). ``expected_version``: the version the form loaded."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        lead = _locked(s, lead_id, expected_version)
        case = s.scalar(select(Case.number).where(Case.lead_id == lead.id).limit(1))
        if case is not None:
            raise StateError(f"线索 {lead.number} 已立案（案件 {case}），八项规定问题类别请在案件中修改")
        problems: list[ValidationError] = []
        flag, sub_type = carry_forward.eight_rules_values(bool(eight_rules), eight_rules_type, carry_forward.NONE,
                                                          problems)
        raise_all(problems, "登记表")
        before = [bool(lead.eight_rules), lead.eight_rules_type]
        if before != [flag, sub_type]:
            lead.eight_rules, lead.eight_rules_type = flag, sub_type
            audit.record(s, ws.current_user, "lead.classify", "lead", lead.id,
                         {"number": lead.number, "eight_rules": flag, "eight_rules_type": sub_type,
                          "before": before})
        return _view(s, lead)


def _locked(s: Session, lead_id: int, expected_version: int | None) -> Lead:
    lead = _get(s, lead_id)
    check_version(s, lead, expected_version, f"线索 {lead.number} ")
    return lead


def dispose(ws: Workspace, lead_id: int, disposition: str, date: Any, collective_note: str,
            verifiers: str = "", *, expected_version: int | None = None) -> LeadView:
    """The one disposition (处置方式), collectively decided; a secretary's disposition is approved at once.
    ``expected_version``: the version the form loaded (refused with ``ConcurrentEditError`` if newer)."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        lead = _locked(s, lead_id, expected_version)
        if lead.disposition is not None:
            raise StateError(f"线索 {lead.number} 已处置为“{_label(Disposition, lead.disposition)}”，"
                             "每条线索只能有一种处置方式")
        problems: list[ValidationError] = []
        disp = Disposition.from_text(disposition)
        if disp is None:
            problems.append(ValidationError("请选择处置方式（谈话函询、初步核实、暂存待查、予以了结之一）",
                                            field="disposition"))
        d = None
        try:
            d = action_date(date, ws.today(), "处置日期", "date", ("收到日期", lead.received_date))
        except ValidationError as exc:
            problems.append(exc)
        note = None
        try:
            note = validate_text(collective_note, label="集体研究情况", field="collective_note", max_length=2000,
                                 required=True)
        except ValidationError as exc:
            problems.append(exc)
        names, verifier_problem = check_verifiers(verifiers)
        if disp is D.preliminary_verification and verifier_problem is not None:
            problems.append(verifier_problem)
        raise_all(problems, "登记表")
        lead.disposition, lead.disposition_date = disp.value, d
        lead.collective_note, lead.verifiers = note or "", "、".join(names)[:200]
        approved = allowed(ws.current_user.roles, "lead.approve")
        if approved:
            lead.approver_id = ws.current_user.id
        audit.record(s, ws.current_user, "lead.dispose", "lead", lead.id,
                     {"number": lead.number, "disposition": disp.value, "date": d, "approved": approved})
        return _view(s, lead)


def approve_disposition(ws: Workspace, lead_id: int, *, expected_version: int | None = None) -> LeadView:
    """The secretary approves a disposition decided by an officer."""
    require(ws.current_user, "lead.approve")
    with ws.transaction() as s:
        lead = _locked(s, lead_id, expected_version)
        if lead.disposition is None:
            raise StateError(f"线索 {lead.number} 尚未处置，无可审批的内容")
        if lead.approver_id is not None:
            raise StateError(f"线索 {lead.number} 的处置已经审批")
        lead.approver_id = ws.current_user.id
        audit.record(s, ws.current_user, "lead.approve", "lead", lead.id,
                     {"number": lead.number, "disposition": lead.disposition})
        return _view(s, lead)


def conclude_lead(ws: Workspace, lead_id: int, result: str, date: Any, note: str = "", *,
                  expected_version: int | None = None) -> LeadView:
    """The disposition's result; 转初核 opens a follow-up lead with the same persons for 初核. A final
    result concludes the complaint the lead came from (``complaint_closure``), in the same transaction."""
    require(ws.current_user, "lead.manage")
    with ws.transaction() as s:
        lead = _locked(s, lead_id, expected_version)
        followup = conclude_in(ws, s, lead, result, date, note)
        view = _view(s, lead)
        view.followup_lead_id = followup.id if followup else None
        return view


def conclude_in(ws: Workspace, s: Session, lead: Lead, result: str, date: Any, note: str = "") -> Lead | None:
    """``conclude_lead`` inside the caller's transaction (a 函询 assessment concludes its lead through it);
    returns the follow-up lead a 转初核 opens, else None. While a 函询 round waits for its assessment the
    lead is concluded only by that assessment (services.casework.inquiries)."""
    if lead.disposition is None:
        raise StateError(f"线索 {lead.number} 尚未处置，请先确定处置方式")
    open_round = s.execute(select(InquiryLetter.round).where(InquiryLetter.lead_id == lead.id,
                                                             InquiryLetter.outcome.is_(None))).scalar()
    if open_round is not None:
        raise StateError(f"线索 {lead.number} 的第{open_round}轮函询尚未评估，请先在“函询”中登记收到的说明和评估结果")
    if lead.approver_id is None:
        raise StateError(f"线索 {lead.number} 的处置尚未经纪委书记审批")
    if lead.result is not None:
        raise StateError(f"线索 {lead.number} 已有办理结果“{_label(LeadResult, lead.result)}”")
    require_approved_plan(lead, "登记初核结果")
    res = LeadResult.from_text(result)
    allowed_results = RESULTS_BY_DISPOSITION[lead.disposition]
    disp_label = _label(Disposition, lead.disposition)
    if res is None or res.value not in allowed_results:
        if not allowed_results:
            raise ValidationError(f"“{disp_label}”的线索暂无办理结果，待有新情况时再处置", field="result")
        options = "、".join(_label(LeadResult, r) for r in allowed_results)
        raise ValidationError(f"“{disp_label}”的线索办理结果只能是：{options}", field="result")
    if res is R.case_filed:
        raise StateError("立案请通过“立案”操作办理（将同时登记案件）")
    d = action_date(date, ws.today(), "办理结果日期", "date", ("处置日期", lead.disposition_date))
    text = validate_text(note, label="办理情况", field="note", max_length=2000) or ""
    lead.result, lead.result_date, lead.result_note = res.value, d, text
    audit.record(s, ws.current_user, "lead.conclude", "lead", lead.id,
                 {"number": lead.number, "result": res.value, "date": d})
    conclude_with_lead(s, ws.current_user, lead)  # its complaint is 办结 with it (DOMAIN §9)
    followup = None
    if res is R.to_verification:
        persons = [PersonInput(name=p.name, gender=p.gender, ethnicity=p.ethnicity, birth_month=p.birth_month,
                               party_join_date=p.party_join_date, unit=p.unit, post=p.post, rank=p.rank,
                               is_party_member=p.is_party_member if p.party_membership_known else None,
                               is_supervised_object=p.is_supervised_object,
                               self_reported=p.self_reported) for p in lead.persons]
        followup = create_lead_in(ws, s, source=lead.source, received_date=d,
                                  summary=f"（由线索{lead.number}谈话函询后转初核）{lead.summary}",
                                  complaint_id=lead.complaint_id, persons=persons, note=f"转初核自{lead.number}",
                                  classification=carry_forward.of_lead(lead))
    return followup


def get_lead(ws: Workspace, lead_id: int) -> LeadView:
    require(ws.current_user, "lead.view")
    with ws.reading() as s:
        return _view(s, _get(s, lead_id))
