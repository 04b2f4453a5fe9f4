"""Cases (立案审查调查): opening from a lead's 初核 or directly, stages in date order, the persons."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Case, Lead, Measure, Person
from models.enums import CaseStage, Disposition, EightRulesType, LeadResult

from services.casework import carry_forward, numbering, sanction_rules
from services.casework.complaint_closure import conclude_with_case
from services.casework.measures import measure_view
from services.casework.persons import PersonInput, PersonView, new_person, person_view, validate_person
from services.casework.record_columns import case_columns, case_created
from services.casework.stage_rules import (OPINION_MAX, REQUIREMENTS, STAGE_INDEX as _STAGE_INDEX, STAGES, check_advance,
                                           check_expected, check_requirements, check_undo, stage_label)
from services.casework.work_plan import require_approved_plan
from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit
from services.security.permissions import allowed, require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_date, validate_text

__all__ = ["STAGES", "CaseView", "add_person", "advance_case", "approve_filing", "get_case", "open_case", "open_case_in",
           "stage_label", "undo_last_stage", "update_person"]


@dataclass
class CaseView:
    id: int
    number: str
    lead_id: int | None
    lead_number: str
    title: str
    stage: str
    stage_label: str
    filing_date: dt.date
    filing_approver: str
    investigation_date: dt.date | None
    trial_referral_date: dt.date | None
    trial_concluded_date: dt.date | None
    closing_date: dt.date | None
    eight_rules: bool
    eight_rules_type: str | None
    eight_rules_label: str
    summary: str
    persons: list[PersonView]
    measures: list[dict] = field(default_factory=list)
    next_stages: list[str] = field(default_factory=list)
    filing_approved: bool = False  # the secretary approved the 立案 (Case.filing_approver_id)
    imported: bool = False  # brought in by import-ledger
    trial_opinion: str = ""  # 审理意见 (entered with 审结)
    no_sanction_reason: str = ""  # 免予处分或不予处分的理由 (a 结案 without measures)
    next_requirements: list[tuple[str, str]] = field(default_factory=list)  # what the next stage asks for
    version: int = 0  # hand it back as expected_version on the next change (record_versions)

    def as_dict(self) -> dict:
        return asdict(self)


def _get(session: Session, case_id: int) -> Case:
    c = session.get(Case, case_id)
    if c is None:
        raise NotFoundError("案件不存在或已被删除")
    return c


def _view(session: Session, c: Case) -> CaseView:
    session.flush()  # the version after this transaction's change
    lead = session.get(Lead, c.lead_id) if c.lead_id else None
    persons = list(session.execute(select(Person).where(Person.case_id == c.id).order_by(Person.id)).scalars())
    measures = session.execute(select(Measure).where(Measure.case_id == c.id).order_by(Measure.id)).scalars()
    idx = _STAGE_INDEX[c.stage]
    er = EightRulesType.from_text(c.eight_rules_type) if c.eight_rules_type else None
    return CaseView(
        id=c.id, number=c.number, lead_id=c.lead_id, lead_number=lead.number if lead else "", title=c.title,
        stage=c.stage, stage_label=stage_label(c.stage), filing_date=c.filing_date, filing_approver=c.filing_approver,
        investigation_date=c.investigation_date, trial_referral_date=c.trial_referral_date,
        trial_concluded_date=c.trial_concluded_date, closing_date=c.closing_date, eight_rules=c.eight_rules,
        eight_rules_type=c.eight_rules_type, eight_rules_label=er.label if er else "", summary=c.summary,
        persons=[person_view(p) for p in persons], measures=[asdict(measure_view(m)) for m in measures],
        next_stages=[code for code, _ in STAGES[idx + 1:idx + 2]], filing_approved=c.filing_approver_id is not None,
        trial_opinion=c.trial_opinion or "", no_sanction_reason=c.no_sanction_reason or "",
        next_requirements=list(REQUIREMENTS.get(STAGES[idx + 1][0], [])) if idx + 1 < len(STAGES) else [],
        imported=bool(c.imported), version=c.version,
    )


def open_case(ws: Workspace, *, lead_id: int | None = None, filing_date: Any, title: str = "",
              persons: list[PersonInput] | None = None, eight_rules: bool | None = None,
              eight_rules_type: str | None = None, filing_approver: str = "", summary: str = "") -> CaseView:
    """立案: from a lead disposed as 初步核实 (its persons, the same rows; its 工作方案 approved) or directly
    with ``persons``. Either way the secretary approves the 立案: at once when the secretary opens it, else
    by :func:`approve_filing`; until then the case stays at 立案 (``stage_rules.check_advance``).
    ``eight_rules`` None: the lead's 八项规定 flag and sub-type (carry_forward); a given flag is kept."""
    require(ws.current_user, "case.manage")
    today = ws.today()
    with ws.transaction() as s:
        problems: list[ValidationError] = []
        lead = None
        if lead_id is not None:
            lead = s.get(Lead, lead_id)
            if lead is None:
                raise NotFoundError("问题线索不存在或已被删除")
            if lead.disposition != Disposition.preliminary_verification.value:
                raise StateError(f"线索 {lead.number} 的处置方式不是初步核实，不能直接立案")
            if lead.approver_id is None:
                raise StateError(f"线索 {lead.number} 的处置尚未经纪委书记审批，审批后才能立案")
            if lead.result is not None:
                raise StateError(f"线索 {lead.number} 已有办理结果（{LeadResult.from_text(lead.result).label}），不能再立案")
            require_approved_plan(lead, "立案")
        try:
            d = action_date(filing_date, today, "立案日期", "filing_date",
                            ("处置日期", lead.disposition_date) if lead else None)
        except ValidationError as exc:
            problems.append(exc)
            d = None
        title_text = None
        try:
            title_text = validate_text(title, label="案件名称", field="title", max_length=200) or ""
        except ValidationError as exc:
            problems.append(exc)
        flag, sub_type = carry_forward.eight_rules_values(eight_rules, eight_rules_type, carry_forward.of_lead(lead),
                                                          problems)
        person_values = []
        if persons is not None:
            for i, p in enumerate(persons):
                values, errs = validate_person(p, today, f"persons[{i}].")
                person_values.append(values)
                problems += errs
        if lead is None and not persons:
            problems.append(ValidationError("直接立案须至少填写一名被调查人", field="persons"))
        raise_all(problems, "登记表")
        c = open_case_in(ws, s, lead=lead, filing_date=d, title=title_text or "", classification=(flag, sub_type),
                         persons=person_values if persons is not None else None, filing_approver=filing_approver,
                         summary=summary)
        return _view(s, c)


def open_case_in(ws: Workspace, s: Session, *, lead: Lead | None, filing_date: dt.date, classification: carry_forward.Classification,
                 persons: list[dict] | None = None, title: str = "", summary: str = "",
                 filing_approver: str = "") -> Case:
    """The one writer of a case, inside the caller's transaction, from checked values: the year's next
    number, the columns of ``record_columns.case_columns`` (the ledger importer writes the same), the
    lead's persons (the same rows) unless ``persons`` (checked person values) are given, the lead concluded
    as 立案, audit. A secretary's 立案 is approved at once."""
    approver = ws.current_user if allowed(ws.current_user.roles, "case.approve") else None
    columns = case_columns(ws.current_user, number=numbering.next_number(s, "case", filing_date.year),
                           lead_id=lead.id if lead else None, lead_summary=lead.summary if lead else "",
                           filing_date=filing_date, classification=classification, title=title, summary=summary,
                           approver=approver, filing_approver=filing_approver)
    c = Case(**columns)
    s.add(c)
    s.flush()
    if persons is None and lead is not None:
        for p in lead.persons:
            p.case_id = c.id  # the same person rows: one person, counted once
    else:
        for values in persons or []:
            s.add(new_person(values, lead_id=lead.id if lead else None, case_id=c.id))
    if lead is not None:
        conclude_as_filed(ws, s, lead, c.number, filing_date)
    s.flush()
    audit.record(s, ws.current_user, "case.create", "case", c.id, case_created(columns, lead.number if lead else None))
    return c


def conclude_as_filed(ws: Workspace, s: Session, lead: Lead, case_number: str, filing_date: dt.date) -> None:
    """The lead's result 立案 on the case's filing date, audited (``open_case_in``; the ledger importer for a
    lead already in the app that a ledger's case names)."""
    lead.result, lead.result_date = LeadResult.case_filed.value, filing_date
    audit.record(s, ws.current_user, "lead.conclude", "lead", lead.id,
                 {"number": lead.number, "result": LeadResult.case_filed.value, "date": filing_date,
                  "case": case_number})


def _locked(s: Session, case_id: int, expected_version: int | None) -> Case:
    c = _get(s, case_id)
    check_version(s, c, expected_version, f"案件 {c.number} ")
    return c


def approve_filing(ws: Workspace, case_id: int, *, expected_version: int | None = None) -> CaseView:
    """The secretary approves a 立案 an officer registered (from a lead or directly alike).
    ``expected_version``: the version the form loaded (refused with ``ConcurrentEditError`` if newer)."""
    require(ws.current_user, "case.approve")
    with ws.transaction() as s:
        c = _locked(s, case_id, expected_version)
        if c.filing_approver_id is not None:
            raise StateError(f"案件 {c.number} 的立案已经审批")
        c.filing_approver_id = ws.current_user.id
        c.filing_approver = c.filing_approver or (ws.current_user.display_name or "")[:40]
        audit.record(s, ws.current_user, "case.approve", "case", c.id, {"number": c.number})
        return _view(s, c)


def _at_stage(s: Session, case_id: int, expected_stage: str | None, expected_version: int | None) -> Case:
    """The case, refused unless still at ``expected_stage`` and ``expected_version`` (the row locked first on
    PostgreSQL, so a second click or another desk cannot pass the check at the same time)."""
    c = _get(s, case_id)
    if expected_stage is not None and s.get_bind().dialect.name == "postgresql":
        s.refresh(c, with_for_update=True)
    check_expected(c, expected_stage)
    check_version(s, c, expected_version, f"案件 {c.number} ")
    return c


def advance_case(ws: Workspace, case_id: int, stage: str, date: Any, *, expected_stage: str | None = None,
                 expected_version: int | None = None, trial_opinion: str = "",
                 no_sanction_reason: str = "") -> CaseView:
    """Move a case to its next stage (``stage_rules.check_advance``); the date may not precede the previous
    stage's date; 审结 takes the 审理意见, 结案 the case's measures or the 免予/不予处分 reason
    (``stage_rules.check_requirements``). ``expected_stage``: the stage the user saw (a double click moves the
    case once); ``expected_version``: as for :func:`approve_filing`."""
    require(ws.current_user, "case.manage")
    with ws.transaction() as s:
        c = _at_stage(s, case_id, expected_stage, expected_version)
        target = CaseStage.from_text(stage)
        if target is None:
            raise ValidationError(f"案件阶段“{stage}”不是可选的值", field="stage")
        check_advance(c, target)
        cur, new = _STAGE_INDEX[c.stage], _STAGE_INDEX[target.value]
        d = validate_date(date, ws.today(), label=f"{target.label}日期", field="date")
        prev_code, prev_col = STAGES[cur]
        prev = getattr(c, prev_col)
        if prev is not None and d < prev:
            raise ValidationError(f"{target.label}日期（{d.isoformat()}）不能早于{stage_label(prev_code)}日期"
                                  f"（{prev.isoformat()}）", field="date")
        opinion = validate_text(trial_opinion, label="审理意见", field="trial_opinion", max_length=OPINION_MAX) or ""
        reason = validate_text(no_sanction_reason, label="免予处分或不予处分的理由", field="no_sanction_reason",
                               max_length=OPINION_MAX) or ""
        check_requirements(c, target, trial_opinion=opinion, no_sanction_reason=reason,
                           measure_count=s.scalar(select(func.count(Measure.id)).where(Measure.case_id == c.id)))
        if target is CaseStage.closed:
            sanction_rules.check_decision_by_closing(s.scalar(select(func.max(Measure.decision_date))
                                                              .where(Measure.case_id == c.id)), d, field="date")
        setattr(c, STAGES[new][1], d)
        c.stage = target.value
        detail: dict[str, Any] = {"number": c.number, "stage": target.value, "date": d}
        if target is CaseStage.trial_concluded:
            c.trial_opinion = detail["trial_opinion"] = opinion
        if target is CaseStage.closed and reason:
            c.no_sanction_reason = detail["no_sanction_reason"] = reason
        audit.record(s, ws.current_user, "case.advance", "case", c.id, detail)
        conclude_with_case(s, ws.current_user, c)  # 结案 concludes the complaint it came from (DOMAIN §9)
        return _view(s, c)


def undo_last_stage(ws: Workspace, case_id: int, expected_stage: str, reason: str, *,
                    expected_version: int | None = None) -> CaseView:
    """The secretary takes back the case's last stage change (``stage_rules.check_undo``: not 结案, not 立案):
    its date is cleared (and the 审理意见 with 审结), the case is back at the stage before, with the reason
    in the audit chain."""
    require(ws.current_user, "case.stage_undo")
    text = validate_text(reason, label="撤销理由", field="reason", max_length=500)
    with ws.transaction() as s:
        c = _at_stage(s, case_id, expected_stage, expected_version)
        code, column = check_undo(c)
        if not text:
            raise ValidationError("请填写撤销理由", field="reason")
        detail: dict[str, Any] = {"number": c.number, "stage": code, "date": getattr(c, column),
                                  "back_to": STAGES[_STAGE_INDEX[code] - 1][0], "reason": text}
        if code == CaseStage.trial_concluded.value and c.trial_opinion:
            detail["trial_opinion"] = c.trial_opinion
            c.trial_opinion = None
        setattr(c, column, None)
        c.stage = detail["back_to"]
        audit.record(s, ws.current_user, "case.stage_undo", "case", c.id, detail)
        return _view(s, c)


def update_person(ws: Workspace, person_id: int, data: PersonInput, *,
                  expected_version: int | None = None) -> PersonView:
    """Edit a person in a lead or case (被调查人 fields of DOMAIN §3). ``expected_version``: the
    version the form loaded (``PersonView.version``; refused with ``ConcurrentEditError`` if newer)."""
    with ws.transaction() as s:
        p = s.get(Person, person_id)
        if p is None:
            raise NotFoundError("人员不存在或已被删除")
        require(ws.current_user, "case.manage" if p.case_id else "lead.manage")
        check_version(s, p, expected_version, f"{'被调查人' if p.case_id else '被反映人'} {p.name} ")
        values, problems = validate_person(data, ws.today())
        raise_all(problems, "登记表")
        if not (values["is_party_member"] and values["party_membership_known"]) and s.execute(select(Measure.id).where(
                Measure.person_id == p.id, Measure.category == "party_sanction").limit(1)).first():
            raise ValidationError(f"{p.name}已受党纪处分，不能改为非中共党员或“不详”", field="is_party_member")
        changed = {k: [getattr(p, k), v] for k, v in values.items() if getattr(p, k) != v}
        for k, v in values.items():
            setattr(p, k, v)
        entity, eid = ("case", p.case_id) if p.case_id else ("lead", p.lead_id)
        audit.record(s, ws.current_user, "person.update", entity, eid,
                     {"person_id": p.id, "name": p.name, "changed": sorted(changed)})
        s.flush()  # the version after this change
        return person_view(p)


def add_person(ws: Workspace, case_id: int, data: PersonInput) -> PersonView:
    """Add a 被调查人 to a case."""
    require(ws.current_user, "case.manage")
    with ws.transaction() as s:
        c = _get(s, case_id)
        values, problems = validate_person(data, ws.today())
        raise_all(problems, "登记表")
        p = new_person(values, lead_id=c.lead_id, case_id=c.id)
        s.add(p)
        s.flush()
        audit.record(s, ws.current_user, "person.add", "case", c.id, {"person_id": p.id, "name": p.name})
        return person_view(p)


def get_case(ws: Workspace, case_id: int) -> CaseView:
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        return _view(s, _get(s, case_id))
