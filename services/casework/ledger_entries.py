"""The 一案双查 ledger: one entry per case and unit, each leader checked with responsibility and outcome."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select

from models import Case, LedgerEntry, LedgerLeader
from models.base import utcnow
from models.enums import AccountabilityMethod, LeaderPosition, LeadSource, LedgerOutcome, Responsibility

from services.casework import carry_forward, numbering
from services.errors import NotFoundError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_name, validate_text


@dataclass
class LedgerLeaderInput:
    name: str = ""
    post: str = ""
    position_type: str | None = None
    responsibility: str = ""
    outcome: str | None = None
    outcome_date: dt.date | str | None = None
    accountability_method: str | None = None
    basis: str = ""


@dataclass
class LedgerView:
    id: int
    number: str
    case_id: int
    case_number: str
    unit: str
    entry_date: dt.date
    lead_source: str | None
    lead_source_label: str
    problem_nature: str
    evidence: str
    leaders: list[dict] = field(default_factory=list)   # each with its own "version"
    version: int = 0  # the entry's: hand it back as expected_version to add_leader (record_versions)

    def as_dict(self) -> dict:
        return asdict(self)


def _label(enum_cls, code):
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _leader_dict(x: LedgerLeader) -> dict:
    return {"id": x.id, "name": x.name, "post": x.post, "position_type": x.position_type,
            "position_label": _label(LeaderPosition, x.position_type), "responsibility": x.responsibility,
            "responsibility_label": _label(Responsibility, x.responsibility), "outcome": x.outcome,
            "outcome_label": _label(LedgerOutcome, x.outcome), "outcome_date": x.outcome_date,
            "accountability_method": x.accountability_method,
            "method_label": _label(AccountabilityMethod, x.accountability_method), "basis": x.basis,
            "version": x.version or 0}


def _view(e: LedgerEntry, case_number: str) -> LedgerView:
    return LedgerView(e.id, e.number, e.case_id, case_number, e.unit, e.entry_date, e.lead_source,
                      _label(LeadSource, e.lead_source), e.problem_nature, e.evidence,
                      [_leader_dict(x) for x in e.leaders], e.version or 0)


def _outcome(outcome, when, method, basis, today: dt.date, not_before: dt.date, prefix: str) -> tuple[dict, list]:
    """Check an outcome with its date, method (追责 only, then required) and basis (required for 追责)."""
    problems: list[ValidationError] = []
    out: dict[str, Any] = {"outcome": None, "outcome_date": None, "accountability_method": None, "basis": ""}
    if outcome in (None, ""):
        if method:
            problems.append(ValidationError("未填写处理结果时不能选择追责方式", field=f"{prefix}accountability_method"))
        return out, problems
    oc = LedgerOutcome.from_text(outcome)
    if oc is None:
        problems.append(ValidationError(f"处理结果“{outcome}”不是可选的值", field=f"{prefix}outcome"))
        return out, problems
    out["outcome"] = oc.value
    try:
        out["outcome_date"] = action_date(when, today, "处理结果日期", f"{prefix}outcome_date", ("台账日期", not_before))
    except ValidationError as exc:
        problems.append(exc)
    try:
        out["basis"] = validate_text(basis, label="追责依据", field=f"{prefix}basis", max_length=2000,
                                     required=oc is LedgerOutcome.held_accountable) or ""
    except ValidationError as exc:
        problems.append(exc)
    if oc is LedgerOutcome.held_accountable:
        m = AccountabilityMethod.from_text(method or "")
        if m is None:
            problems.append(ValidationError("处理结果为“追责”时须选择追责方式（通报、诫勉、组织调整、纪律处分）",
                                            field=f"{prefix}accountability_method"))
        else:
            out["accountability_method"] = m.value
    elif method:
        problems.append(ValidationError("只有处理结果为“追责”时才选择追责方式", field=f"{prefix}accountability_method"))
    return out, problems


def _leader(x: LedgerLeaderInput, today: dt.date, entry_date: dt.date, i: int) -> tuple[dict, list]:
    prefix = f"leaders[{i}]."
    who = f"第{i + 1}名领导干部的"
    problems: list[ValidationError] = []
    out: dict[str, Any] = {}
    try:
        out["name"] = validate_name(x.name, label=f"{who}姓名", field=f"{prefix}name")
    except ValidationError as exc:
        problems.append(exc)
    try:
        out["post"] = validate_text(x.post, label=f"{who}职务", field=f"{prefix}post", max_length=100) or ""
    except ValidationError as exc:
        problems.append(exc)
    pos = LeaderPosition.from_text(x.position_type or "")
    if x.position_type and pos is None:
        problems.append(ValidationError(f"{who}岗位类别不是可选的值", field=f"{prefix}position_type"))
    out["position_type"] = pos.value if pos else None
    resp = Responsibility.from_text(x.responsibility or "")
    if resp is None:
        problems.append(ValidationError(f"请选择{who}责任类型（主体责任、第一责任、领导责任、监督责任）",
                                        field=f"{prefix}responsibility"))
    out["responsibility"] = resp.value if resp else None
    oc, more = _outcome(x.outcome, x.outcome_date, x.accountability_method, x.basis, today, entry_date, prefix)
    out.update(oc)
    return out, problems + more


def create_ledger_entry(ws: Workspace, *, case_id: int, unit: str, entry_date: Any, lead_source: str | None = None,
                        problem_nature: str = "", evidence: str = "",
                        leaders: list[LedgerLeaderInput] | None = None) -> LedgerView:
    """A 台账 entry for one case and one unit, with the leaders checked. ``lead_source`` None: the case's
    source (its lead's 线索来源, carry_forward); "" : none; a given source is kept."""
    require(ws.current_user, "ledger.manage")
    today = ws.today()
    with ws.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFoundError("案件不存在或已被删除")
        problems: list[ValidationError] = []
        unit_text = None
        try:
            unit_text = validate_text(unit, label="被检查单位", field="unit", max_length=100, required=True)
        except ValidationError as exc:
            problems.append(exc)
        d = None
        try:
            d = action_date(entry_date, today, "台账日期", "entry_date", ("立案日期", case.filing_date))
        except ValidationError as exc:
            problems.append(exc)
        if lead_source is None:
            lead_source = carry_forward.source_of_case(s, case)
        src = LeadSource.from_text(lead_source or "")
        if lead_source and src is None:
            problems.append(ValidationError(f"线索来源“{lead_source}”不是可选的值", field="lead_source"))
        texts = {}
        for key, label, value in (("problem_nature", "问题性质", problem_nature), ("evidence", "证据情况", evidence)):
            try:
                texts[key] = validate_text(value, label=label, field=key, max_length=5000) or ""
            except ValidationError as exc:
                problems.append(exc)
        if unit_text and s.execute(select(LedgerEntry.id).where(LedgerEntry.case_id == case.id,
                                                                LedgerEntry.unit == unit_text)).first():
            problems.append(ValidationError(f"案件 {case.number} 已有“{unit_text}”的一案双查台账，请在原台账中补充",
                                            field="unit"))
        leaders = leaders or []
        if not leaders:
            problems.append(ValidationError("请至少填写一名被检查的领导干部", field="leaders"))
        leader_values = []
        for i, x in enumerate(leaders):
            v, errs = _leader(x, today, d or case.filing_date, i)
            leader_values.append(v)
            problems += errs
        raise_all(problems, "登记表")
        e = LedgerEntry(number=numbering.next_number(s, "ledger", d.year), case_id=case.id, unit=unit_text,
                        entry_date=d, lead_source=src.value if src else None, **texts)
        e.leaders = [LedgerLeader(**v) for v in leader_values]
        s.add(e)
        s.flush()
        audit.record(s, ws.current_user, "ledger.create", "ledger", e.id,
                     {"number": e.number, "case": case.number, "unit": unit_text, "leaders": len(e.leaders)})
        return _view(e, case.number)


def set_leader_outcome(ws: Workspace, leader_id: int, outcome: str, date: Any, method: str | None = None,
                       basis: str = "", *, expected_version: int | None = None) -> LedgerView:
    """Record (or correct) a checked leader's outcome: 了结 / 函询 / 廉政谈话 / 追责 with method and basis.
    ``expected_version``: the leader row's version the form loaded (its ``leaders[i]["version"]``)."""
    require(ws.current_user, "ledger.manage")
    with ws.transaction() as s:
        x = s.get(LedgerLeader, leader_id)
        if x is None:
            raise NotFoundError("台账中的领导干部记录不存在")
        e = x.entry
        check_version(s, x, expected_version, f"台账 {e.number} 中{x.name}的处理结果")
        values, problems = _outcome(outcome, date, method, basis, ws.today(), e.entry_date, "")
        if values["outcome"] is None and not problems:
            problems.append(ValidationError("请选择处理结果", field="outcome"))
        raise_all(problems, "登记表")
        for k, v in values.items():
            setattr(x, k, v)
        s.flush()  # the version after this change
        audit.record(s, ws.current_user, "ledger.outcome", "ledger", e.id,
                     {"leader_id": x.id, "leader": x.name, "outcome": values["outcome"], "date": values["outcome_date"],
                      "method": values["accountability_method"]})
        return _view(e, s.get(Case, e.case_id).number)


def add_leader(ws: Workspace, entry_id: int, leader: LedgerLeaderInput, *,
               expected_version: int | None = None) -> LedgerView:
    """Add a leader checked later to a saved entry (audited); the fields of a refusal are the leader's own
    (``name``, ``responsibility`` …), the message numbers the leader as the entry's next one.
    ``expected_version``: the entry's version the form loaded; adding a leader is a change of the entry
    (its version goes up), so two desks adding to one loaded entry cannot both succeed."""
    require(ws.current_user, "ledger.manage")
    with ws.transaction() as s:
        e = s.get(LedgerEntry, entry_id)
        if e is None:
            raise NotFoundError("一案双查台账不存在")
        check_version(s, e, expected_version, f"一案双查台账 {e.number} ")
        i = len(e.leaders)
        values, problems = _leader(leader, ws.today(), e.entry_date, i)
        prefix = f"leaders[{i}]."
        problems = [ValidationError(p.message, field=p.field.removeprefix(prefix) if p.field else p.field)
                    for p in problems]
        if values.get("name") and any(x.name == values["name"] and x.post == values.get("post", "")
                                      for x in e.leaders):
            problems.append(ValidationError(f"{values['name']}已在本台账中，请在原行中修改处理结果", field="name"))
        raise_all(problems, "登记表")
        x = LedgerLeader(**values)
        e.leaders.append(x)
        e.updated_at = utcnow()   # the entry changed: its version goes up (models.versioning)
        s.flush()
        audit.record(s, ws.current_user, "ledger.leader_add", "ledger", e.id,
                     {"leader_id": x.id, "leader": x.name, "post": x.post, "responsibility": x.responsibility,
                      "leaders": len(e.leaders)})
        return _view(e, s.get(Case, e.case_id).number)


def case_source(ws: Workspace, case_id: int) -> str | None:
    """The 线索来源 a new entry for this case starts with (its form shows it): the case's lead's, else none."""
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFoundError("案件不存在或已被删除")
        return carry_forward.source_of_case(s, case)


def get_ledger_entry(ws: Workspace, entry_id: int) -> LedgerView:
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        e = s.get(LedgerEntry, entry_id)
        if e is None:
            raise NotFoundError("一案双查台账不存在")
        return _view(e, s.get(Case, e.case_id).number)
