"""Cases (立案审查调查): opening from a lead's 初核 or directly, stages in date order, the persons."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Lead, Measure, Person
from models.enums import CaseStage, Disposition, EightRulesType, LeadResult, Rank

from . import audit, numbering
from .errors import NotFoundError, StateError, ValidationError
from .intake import _raise, action_date
from .permissions import require
from .validation import validate_date, validate_name, validate_text
from .workspace import Workspace

STAGES: list[tuple[str, str]] = [  # (stage code, date column), in order
    (CaseStage.filed.value, "filing_date"),
    (CaseStage.investigating.value, "investigation_date"),
    (CaseStage.referred_for_trial.value, "trial_referral_date"),
    (CaseStage.trial_concluded.value, "trial_concluded_date"),
    (CaseStage.closed.value, "closing_date"),
]
_STAGE_INDEX = {code: i for i, (code, _) in enumerate(STAGES)}


@dataclass
class PersonInput:
    name: str = ""
    gender: str = ""
    ethnicity: str = ""
    birth_month: dt.date | str | None = None
    party_join_date: dt.date | str | None = None
    unit: str = ""
    post: str = ""
    rank: str | None = None
    is_party_member: bool = False
    is_supervised_object: bool = True
    self_reported: bool = False
    amount_confiscated: Decimal | float | str = 0
    amount_seized: Decimal | float | str = 0
    amount_restitution: Decimal | float | str = 0


@dataclass
class PersonView:
    id: int
    lead_id: int | None
    case_id: int | None
    name: str
    gender: str
    ethnicity: str
    birth_month: dt.date | None
    party_join_date: dt.date | None
    unit: str
    post: str
    rank: str | None
    rank_label: str
    is_party_member: bool
    is_supervised_object: bool
    self_reported: bool
    amount_confiscated: Decimal
    amount_seized: Decimal
    amount_restitution: Decimal


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

    def as_dict(self) -> dict:
        return asdict(self)


def stage_label(code: str) -> str:
    m = CaseStage.from_text(code)
    return m.label if m else code


def _amount(value: Any, label: str, field_code: str) -> Decimal:
    try:
        d = Decimal(str(value if value not in (None, "") else 0)).quantize(Decimal("0.0001"))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}应为数字（单位：万元）", field=field_code) from None
    if d < 0 or d >= Decimal("1e10"):
        raise ValidationError(f"{label}应在0到99亿万元之间", field=field_code)
    return d


def _past_date(value: Any, today: dt.date, label: str, field_code: str) -> dt.date | None:
    """A past date of a life event (birth, joining the party): 1900 to today; "1975-03" means the 1st."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip().replace("/", "-").replace(".", "-")
        try:
            value = dt.date.fromisoformat(text if text.count("-") == 2 else f"{text}-01")
        except ValueError:
            raise ValidationError(f"{label}格式不正确，应为“1975-03”或“1975-03-01”", field=field_code) from None
    if not isinstance(value, dt.date):
        raise ValidationError(f"{label}格式不正确", field=field_code)
    if value > today:
        raise ValidationError(f"{label}不能晚于今天", field=field_code)
    if value.year < 1900:
        raise ValidationError(f"{label}不能早于1900年", field=field_code)
    return value


def validate_person(p: PersonInput, today: dt.date, prefix: str = "") -> tuple[dict, list[ValidationError]]:
    """Normalized person fields and the list of problems (fields prefixed, e.g. ``persons[0].name``)."""
    problems: list[ValidationError] = []
    out: dict[str, Any] = {}

    def run(key, fn, *a, **kw):
        try:
            out[key] = fn(*a, **kw)
        except ValidationError as exc:
            problems.append(exc)
            out[key] = None

    f = (lambda k: f"{prefix}{k}")
    run("name", validate_name, p.name, label="姓名", field=f("name"))
    for key, label, n in (("gender", "性别", 4), ("ethnicity", "民族", 20), ("unit", "单位", 100), ("post", "职务", 100)):
        run(key, validate_text, getattr(p, key), label=label, field=f(key), max_length=n)
        out[key] = out[key] or ""
    run("birth_month", _past_date, p.birth_month, today, "出生年月", f("birth_month"))
    run("party_join_date", _past_date, p.party_join_date, today, "入党时间", f("party_join_date"))
    if out["gender"] and out["gender"] not in ("男", "女"):
        problems.append(ValidationError("性别应为“男”或“女”", field=f("gender")))
    if p.rank and Rank.from_text(p.rank) is None:
        problems.append(ValidationError(f"职级“{p.rank}”不是可选的值", field=f("rank")))
    out["rank"] = Rank.from_text(p.rank).value if p.rank and Rank.from_text(p.rank) else None
    if out.get("party_join_date") and not p.is_party_member:
        problems.append(ValidationError("填写了入党时间的人员应为中共党员，请核对“是否中共党员”", field=f("is_party_member")))
    if out.get("party_join_date") and out.get("birth_month") and out["party_join_date"] < out["birth_month"]:
        problems.append(ValidationError("入党时间不能早于出生年月", field=f("party_join_date")))
    for key, label in (("amount_confiscated", "收缴金额"), ("amount_seized", "没收金额"),
                       ("amount_restitution", "责令退赔金额")):
        run(key, _amount, getattr(p, key), label, f(key))
    out["is_party_member"] = bool(p.is_party_member)
    out["is_supervised_object"] = bool(p.is_supervised_object)
    out["self_reported"] = bool(p.self_reported)
    return out, problems


def person_view(p: Person) -> PersonView:
    rank = Rank.from_text(p.rank) if p.rank else None
    return PersonView(p.id, p.lead_id, p.case_id, p.name, p.gender, p.ethnicity, p.birth_month, p.party_join_date,
                      p.unit, p.post, p.rank, rank.label if rank else "", p.is_party_member, p.is_supervised_object,
                      p.self_reported, p.amount_confiscated, p.amount_seized, p.amount_restitution)


def new_person(values: dict, *, lead_id: int | None = None, case_id: int | None = None) -> Person:
    return Person(lead_id=lead_id, case_id=case_id, **values)


def _get(session: Session, case_id: int) -> Case:
    c = session.get(Case, case_id)
    if c is None:
        raise NotFoundError("案件不存在或已被删除")
    return c


def _view(session: Session, c: Case) -> CaseView:
    from .measures import measure_view
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
        next_stages=[code for code, _ in STAGES[idx + 1:]],
    )


def open_case(ws: Workspace, *, lead_id: int | None = None, filing_date: Any, title: str = "",
              persons: list[PersonInput] | None = None, eight_rules: bool = False,
              eight_rules_type: str | None = None, filing_approver: str = "", summary: str = "") -> CaseView:
    """立案: from a lead disposed as 初步核实 (its persons, the same rows) or directly with ``persons``."""
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
        if eight_rules_type and EightRulesType.from_text(eight_rules_type) is None:
            problems.append(ValidationError(f"八项规定问题类型“{eight_rules_type}”不是可选的值", field="eight_rules_type"))
        if eight_rules_type and not eight_rules:
            problems.append(ValidationError("选择了八项规定问题类型，请同时勾选“违反中央八项规定精神”", field="eight_rules"))
        person_values = []
        if persons is not None:
            for i, p in enumerate(persons):
                values, errs = validate_person(p, today, f"persons[{i}].")
                person_values.append(values)
                problems += errs
        if lead is None and not persons:
            problems.append(ValidationError("直接立案须至少填写一名被调查人", field="persons"))
        _raise(problems)
        c = Case(number=numbering.next_number(s, "case", d.year), lead_id=lead.id if lead else None,
                 title=title_text or "", stage=CaseStage.filed.value, filing_date=d,
                 filing_approver=(filing_approver or "").strip()[:40], eight_rules=bool(eight_rules),
                 eight_rules_type=EightRulesType.from_text(eight_rules_type).value if eight_rules_type else None,
                 summary=(summary or "").strip() or (lead.summary if lead else ""))
        s.add(c)
        s.flush()
        if persons is None and lead is not None:
            for p in lead.persons:
                p.case_id = c.id  # the same person rows: one person, counted once
        else:
            for values in person_values:
                s.add(new_person(values, lead_id=lead.id if lead else None, case_id=c.id))
        if lead is not None:
            lead.result, lead.result_date = LeadResult.case_filed.value, d
            audit.record(s, ws.current_user, "lead.conclude", "lead", lead.id,
                         {"number": lead.number, "result": LeadResult.case_filed.value, "date": d, "case": c.number})
        s.flush()
        audit.record(s, ws.current_user, "case.create", "case", c.id,
                     {"number": c.number, "date": d, "lead": lead.number if lead else None,
                      "eight_rules": c.eight_rules})
        return _view(s, c)


def advance_case(ws: Workspace, case_id: int, stage: str, date: Any) -> CaseView:
    """Move a case to a later stage; its date may not precede the previous stage's date."""
    require(ws.current_user, "case.manage")
    with ws.transaction() as s:
        c = _get(s, case_id)
        target = CaseStage.from_text(stage)
        if target is None:
            raise ValidationError(f"案件阶段“{stage}”不是可选的值", field="stage")
        cur, new = _STAGE_INDEX[c.stage], _STAGE_INDEX[target.value]
        if new <= cur:
            raise StateError(f"案件 {c.number} 已处于“{stage_label(c.stage)}”阶段，不能再进入“{target.label}”阶段")
        d = validate_date(date, ws.today(), label=f"{target.label}日期", field="date")
        prev_code, prev_col = STAGES[cur]
        prev = getattr(c, prev_col)
        if prev is not None and d < prev:
            raise ValidationError(f"{target.label}日期（{d.isoformat()}）不能早于{stage_label(prev_code)}日期"
                                  f"（{prev.isoformat()}）", field="date")
        setattr(c, STAGES[new][1], d)
        c.stage = target.value
        audit.record(s, ws.current_user, "case.advance", "case", c.id,
                     {"number": c.number, "stage": target.value, "date": d})
        return _view(s, c)


def update_person(ws: Workspace, person_id: int, data: PersonInput) -> PersonView:
    """Edit a person in a lead or case (被调查人 fields of DOMAIN §3)."""
    with ws.transaction() as s:
        p = s.get(Person, person_id)
        if p is None:
            raise NotFoundError("人员不存在或已被删除")
        require(ws.current_user, "case.manage" if p.case_id else "lead.manage")
        values, problems = validate_person(data, ws.today())
        _raise(problems)
        if not values["is_party_member"] and s.execute(select(Measure.id).where(
                Measure.person_id == p.id, Measure.category == "party_sanction").limit(1)).first():
            raise ValidationError(f"{p.name}已受党纪处分，不能改为非中共党员", field="is_party_member")
        changed = {k: [getattr(p, k), v] for k, v in values.items() if getattr(p, k) != v}
        for k, v in values.items():
            setattr(p, k, v)
        entity, eid = ("case", p.case_id) if p.case_id else ("lead", p.lead_id)
        audit.record(s, ws.current_user, "person.update", entity, eid,
                     {"person_id": p.id, "name": p.name, "changed": sorted(changed)})
        return person_view(p)


def add_person(ws: Workspace, case_id: int, data: PersonInput) -> PersonView:
    """Add a 被调查人 to a case."""
    require(ws.current_user, "case.manage")
    with ws.transaction() as s:
        c = _get(s, case_id)
        values, problems = validate_person(data, ws.today())
        _raise(problems)
        p = new_person(values, lead_id=c.lead_id, case_id=c.id)
        s.add(p)
        s.flush()
        audit.record(s, ws.current_user, "person.add", "case", c.id, {"person_id": p.id, "name": p.name})
        return person_view(p)


def get_case(ws: Workspace, case_id: int) -> CaseView:
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        return _view(s, _get(s, case_id))
