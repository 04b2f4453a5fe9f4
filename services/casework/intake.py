"""Complaint intake (信访举报): registration, repeat detection, the actions by state, identity views."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Complaint, ComplaintSubject, Lead
from models.enums import (Channel, ComplaintKind, ComplaintState, Discipline, EightRulesType, LeadSource, Rank,
                          Signature)

from services.casework import numbering
from services.casework.complaint_fields import validate_complaint_fields
from services.casework.leads import create_lead_in
from services.casework.persons import PersonInput
from services.deadlines.rules import add_months
from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit, identity
from services.security.permissions import allowed, require
from services.storage.workspace import Workspace
from services.validation import action_date, raise_all, validate_text

S = ComplaintState
# Field codes of services.casework.complaint_fields → the ComplaintInput attribute the form shows.
_FIELD_MAP = {"receiver": "receiver_name", "repeat_of": "original_id", "disciplines": "discipline"}
REPEAT_WINDOW_MONTHS = 24
_NOT_ACCEPTABLE_KINDS = {ComplaintKind.out_of_scope.value, ComplaintKind.no_substance.value}


@dataclass
class SubjectInput:
    name: str = ""
    unit: str = ""
    post: str = ""
    rank: str | None = None
    is_party_member: bool | None = None
    is_supervised_object: bool | None = None


@dataclass
class ComplaintInput:
    received_date: dt.date | str | None = None
    channel: str = ""
    kind: str = ""
    signature: str = ""
    complainant_name: str | None = None
    complainant_phone: str | None = None
    complainant_id_number: str | None = None
    complainant_address: str | None = None
    subjects: list[SubjectInput] = field(default_factory=list)
    main_problem: str = ""
    discipline: str | None = None
    eight_rules_type: str | None = None
    receiver_name: str = ""
    belongs_upper: bool = False
    referred_down: bool = False
    is_repeat: bool = False
    original_id: int | None = None


@dataclass
class RepeatCandidate:
    id: int
    number: str
    received_date: dt.date
    subject: str
    problem_excerpt: str


@dataclass
class ComplaintView:
    id: int
    number: str
    received_date: dt.date
    channel: str
    channel_label: str
    kind: str
    kind_label: str
    signature: str
    signature_label: str
    subjects: list[dict]
    main_problem: str
    discipline: str | None
    discipline_label: str
    eight_rules_type: str | None
    eight_rules_label: str
    receiver_name: str
    state: str
    state_label: str
    state_date: dt.date | None
    state_reason: str
    referred_to: str
    belongs_upper: bool
    referred_down: bool
    is_repeat: bool
    original_id: int | None
    original_number: str
    accepted_date: dt.date | None
    acceptance_notice_date: dt.date | None
    concluded_date: dt.date | None
    feedback_date: dt.date | None
    feedback_note: str
    lead_id: int | None
    lead_number: str
    identity_masked: dict
    has_identity: bool
    can_reveal: bool
    actions: list[str]
    repeat_candidates: list[RepeatCandidate] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ helpers
def _label(enum_cls, code: str | None) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _get(session: Session, complaint_id: int) -> Complaint:
    c = session.get(Complaint, complaint_id)
    if c is None:
        raise NotFoundError(f"信访件（编号 {complaint_id}）不存在或已被删除")
    return c


def _existing_identity(c: Complaint | None) -> dict:
    return identity.masked(c) if c is not None else {}


def _validate(ws: Workspace, session: Session, data: ComplaintInput, existing: Complaint | None = None) -> dict:
    """Every problem of the form at once (ValidationError.problems, each at its field)."""
    keep_identity = existing is not None and not any(
        (data.complainant_name, data.complainant_phone, data.complainant_id_number, data.complainant_address))
    values: dict[str, Any] = {
        "received_date": data.received_date, "channel": data.channel, "kind": data.kind,
        "signature": data.signature, "complainant_name": data.complainant_name,
        "complainant_phone": data.complainant_phone, "complainant_id_number": data.complainant_id_number,
        "complainant_address": data.complainant_address,
        "subjects": [asdict(s) if not isinstance(s, dict) else s for s in data.subjects],
        "main_problem": data.main_problem, "disciplines": [data.discipline] if data.discipline else [],
        "is_repeat": data.is_repeat, "repeat_of": data.original_id, "receiver": data.receiver_name,
    }
    if keep_identity:
        # The stored identity stays; the form's rules see only whether it is there (never its value).
        known = _existing_identity(existing)
        values["complainant_name"] = "某某" if known.get("name") else None
        values["complainant_address"] = "原登记" if (known.get("phone") or known.get("address")) else None
    problems: list[ValidationError] = []
    out: dict[str, Any] = {}
    try:
        out = validate_complaint_fields(values, ws.today())
    except ValidationError as exc:
        problems.extend(exc.problems or [exc])
    for p in problems:
        if p.field in _FIELD_MAP:
            p.field = _FIELD_MAP[p.field]
    for i, raw in enumerate(values["subjects"]):
        if not (raw.get("name") or "").strip() and any((raw.get(k) or "") for k in ("unit", "post", "rank")):
            problems.append(ValidationError(f"请填写第{i + 1}个被反映人的姓名（或删除该行）", field=f"subjects[{i}].name"))
    if data.eight_rules_type and EightRulesType.from_text(data.eight_rules_type) is None:
        problems.append(ValidationError(f"八项规定问题类型“{data.eight_rules_type}”不是可选的值",
                                        field="eight_rules_type"))
    if data.original_id is not None:
        original = session.get(Complaint, data.original_id) if isinstance(data.original_id, int) else None
        if original is None or (existing is not None and original.id == existing.id):
            problems.append(ValidationError("所关联的原件不存在，请重新选择", field="original_id"))
    raise_all(problems, "登记表")
    out["keep_identity"] = keep_identity
    out["eight_rules_type"] = EightRulesType.from_text(data.eight_rules_type).value if data.eight_rules_type else None
    out["discipline"] = out["disciplines"][0] if out.get("disciplines") else None
    out["subjects"] = [s for s in out["subjects"] if s.get("name")]
    return out


def _apply(c: Complaint, v: dict, data: ComplaintInput) -> None:
    c.received_date = v["received_date"]
    c.channel, c.kind, c.signature = v["channel"], v["kind"], v["signature"]
    c.is_repeat = bool(v["is_repeat"])
    c.original_id = data.original_id if c.is_repeat or data.original_id else None
    c.main_problem = v["main_problem"] or ""
    c.discipline, c.eight_rules_type = v["discipline"], v["eight_rules_type"]
    c.receiver_name = v["receiver"] or ""
    c.belongs_upper, c.referred_down = bool(data.belongs_upper), bool(data.referred_down)


def _subjects(v: dict) -> list[ComplaintSubject]:
    return [ComplaintSubject(name=s["name"], unit=s.get("unit") or "", post=s.get("post") or "", rank=s.get("rank"),
                             is_party_member=s.get("is_party_member"),
                             is_supervised_object=s.get("is_supervised_object")) for s in v["subjects"]]


def _seal(ws: Workspace, session: Session, c: Complaint, v: dict) -> None:
    identity.seal(ws, session, c, name=v["complainant_name"], phone=v["complainant_phone"],
                  id_number=v["complainant_id_number"], address=v["complainant_address"])


def actions_for(c: Complaint) -> list[str]:
    """The action codes the complaint's state allows (the GUI shows these buttons)."""
    state = c.state
    out: list[str] = []
    if state == S.registered.value:
        if c.kind not in _NOT_ACCEPTABLE_KINDS:
            out.append("accept")
        out += ["not_accept", "transfer", "report_up"]
    elif state == S.accepted.value:
        out += ["transfer", "report_up", "conclude"]
    if c.signature == Signature.real_name.value and not c.is_repeat:
        if c.acceptance_notice_date is None and state != S.registered.value:
            out.append("acceptance_notice")
        if state in (S.concluded.value, S.not_accepted.value) and c.feedback_date is None:
            out.append("feedback")
    if state in (S.registered.value, S.accepted.value):
        out.append("edit")
    return out


def _view(ws: Workspace, session: Session, c: Complaint) -> ComplaintView:
    lead = session.execute(select(Lead.id, Lead.number).where(Lead.complaint_id == c.id)
                           .order_by(Lead.id).limit(1)).first()
    original = session.get(Complaint, c.original_id) if c.original_id else None
    roles = ws.current_user.roles if ws.current_user else frozenset()
    has_id = identity.has_identity(c)
    return ComplaintView(
        id=c.id, number=c.number, received_date=c.received_date,
        channel=c.channel, channel_label=_label(Channel, c.channel), kind=c.kind, kind_label=_label(ComplaintKind, c.kind),
        signature=c.signature, signature_label=_label(Signature, c.signature),
        subjects=[{"id": s.id, "name": s.name, "unit": s.unit, "post": s.post, "rank": s.rank,
                   "rank_label": _label(Rank, s.rank), "is_party_member": s.is_party_member,
                   "is_supervised_object": s.is_supervised_object} for s in c.subjects],
        main_problem=c.main_problem, discipline=c.discipline, discipline_label=_label(Discipline, c.discipline),
        eight_rules_type=c.eight_rules_type, eight_rules_label=_label(EightRulesType, c.eight_rules_type),
        receiver_name=c.receiver_name, state=c.state, state_label=_label(ComplaintState, c.state),
        state_date=c.state_date, state_reason=c.state_reason, referred_to=c.referred_to,
        belongs_upper=c.belongs_upper, referred_down=c.referred_down, is_repeat=c.is_repeat,
        original_id=c.original_id, original_number=original.number if original else "",
        accepted_date=c.accepted_date, acceptance_notice_date=c.acceptance_notice_date,
        concluded_date=c.concluded_date, feedback_date=c.feedback_date, feedback_note=c.feedback_note,
        lead_id=lead[0] if lead else None, lead_number=lead[1] if lead else "",
        identity_masked=identity.masked(c), has_identity=has_id,
        can_reveal=has_id and allowed(roles, "identity.view") and identity.has_key(ws),
        actions=actions_for(c),
    )


# ------------------------------------------------------------------ registration
def register_complaint(ws: Workspace, data: ComplaintInput) -> ComplaintView:
    """Validate the whole form, assign the year's next number, seal the identity, audit."""
    require(ws.current_user, "complaint.register")
    with ws.transaction() as s:
        v = _validate(ws, s, data)
        number, seq = numbering.next_complaint_number(s, v["received_date"].year)
        c = Complaint(number=number, year=v["received_date"].year, seq=seq, registered_by_id=ws.current_user.id,
                      state=S.registered.value)
        _apply(c, v, data)
        c.subjects = _subjects(v)
        s.add(c)
        s.flush()
        _seal(ws, s, c, v)
        audit.record(s, ws.current_user, "complaint.create", "complaint", c.id,
                     {"number": number, "kind": c.kind, "channel": c.channel, "subjects": len(c.subjects),
                      "is_repeat": c.is_repeat})
        view = _view(ws, s, c)
        if not c.is_repeat:
            view.repeat_candidates = _repeat_candidates(s, [(x.name, x.unit) for x in c.subjects],
                                                        c.received_date, exclude_id=c.id)
    return view


_AUDITED_FIELDS = ("received_date", "channel", "kind", "signature", "main_problem", "discipline",
                   "eight_rules_type", "receiver_name", "belongs_upper", "referred_down", "is_repeat", "original_id")


def update_complaint(ws: Workspace, complaint_id: int, data: ComplaintInput) -> ComplaintView:
    """Edit a complaint still registered or accepted; identity fields left empty keep the stored ones."""
    require(ws.current_user, "complaint.register")
    with ws.transaction() as s:
        c = _get(s, complaint_id)
        if c.state not in (S.registered.value, S.accepted.value):
            raise StateError(f"信访件 {c.number} 已{_label(ComplaintState, c.state).lstrip('已')}，不能再修改登记信息")
        v = _validate(ws, s, data, existing=c)
        if v["received_date"].year != c.year:
            raise ValidationError("收件日期不能改到其他年份（编号按年度分配），如确需更改请重新登记",
                                  field="received_date", problems=[])
        before = {f: getattr(c, f) for f in _AUDITED_FIELDS}
        old_subjects = [(x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object) for x in c.subjects]
        _apply(c, v, data)
        new_subjects = _subjects(v)
        changed = {f: [before[f], getattr(c, f)] for f in _AUDITED_FIELDS if before[f] != getattr(c, f)}
        if [(x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object)
                for x in new_subjects] != old_subjects:
            c.subjects.clear()
            s.flush()
            c.subjects.extend(new_subjects)
            changed["subjects"] = [len(old_subjects), len(new_subjects)]
        if not v["keep_identity"]:
            _seal(ws, s, c, v)
            changed["identity"] = "已更新"  # never the values
        s.flush()
        audit.record(s, ws.current_user, "complaint.update", "complaint", c.id, {"number": c.number, "changed": changed})
        return _view(ws, s, c)


def _repeat_candidates(session: Session, subjects: list[tuple[str, str]], received: dt.date,
                       exclude_id: int | None = None) -> list[RepeatCandidate]:
    since = add_months(received, -REPEAT_WINDOW_MONTHS)
    found: dict[int, RepeatCandidate] = {}
    for name, unit in subjects:
        if not name:
            continue
        rows = session.execute(
            select(Complaint.id, Complaint.number, Complaint.received_date, Complaint.main_problem,
                   ComplaintSubject.name, ComplaintSubject.unit)
            .join(ComplaintSubject, ComplaintSubject.complaint_id == Complaint.id)
            .where(ComplaintSubject.name == name.strip(), ComplaintSubject.unit == (unit or "").strip(),
                   Complaint.received_date >= since, Complaint.received_date <= received)
            .order_by(Complaint.received_date.desc(), Complaint.id.desc()).limit(50)).all()
        for cid, number, rd, problem, sname, sunit in rows:
            if cid == exclude_id or cid in found:
                continue
            excerpt = (problem or "")[:40] + ("…" if len(problem or "") > 40 else "")
            found[cid] = RepeatCandidate(cid, number, rd, f"{sname}（{sunit}）" if sunit else sname, excerpt)
    return sorted(found.values(), key=lambda r: (r.received_date, r.id), reverse=True)


def find_repeat_candidates(ws: Workspace, subjects: list[SubjectInput], received_date: dt.date,
                           exclude_id: int | None = None) -> list[RepeatCandidate]:
    """Complaints about the same subject (name + unit) received in the two years before ``received_date``."""
    require(ws.current_user, "complaint.view")
    pairs = [((s.name or "").strip(), (s.unit or "").strip()) for s in subjects]
    with ws.reading() as s:
        return _repeat_candidates(s, pairs, received_date, exclude_id)


def link_repeat(ws: Workspace, complaint_id: int, original_id: int) -> ComplaintView:
    """Mark a registered complaint as a 重复件 of an earlier one."""
    require(ws.current_user, "complaint.register")
    with ws.transaction() as s:
        c = _get(s, complaint_id)
        original = s.get(Complaint, original_id)
        if original is None or original.id == c.id:
            raise ValidationError("所关联的原件不存在，请重新选择", field="original_id")
        if original.received_date > c.received_date:
            raise ValidationError(f"原件 {original.number} 的收件日期晚于本件，不能作为原件", field="original_id")
        c.is_repeat, c.original_id = True, original.id
        audit.record(s, ws.current_user, "complaint.link_repeat", "complaint", c.id,
                     {"number": c.number, "original": original.number})
        return _view(ws, s, c)


# ------------------------------------------------------------------ actions by state
def _transition(ws: Workspace, complaint_id: int, action: str, from_states: tuple[str, ...], when: Any,
                label: str, apply, detail: dict | None = None) -> ComplaintView:
    require(ws.current_user, "complaint.decide")
    with ws.transaction() as s:
        c = _get(s, complaint_id)
        if c.state not in from_states:
            raise StateError(f"信访件 {c.number} 当前状态为“{_label(ComplaintState, c.state)}”，不能{label}")
        d = action_date(when, ws.today(), f"{label}日期", not_before=("收件日期", c.received_date))
        apply(s, c, d)
        c.state_date = d
        audit.record(s, ws.current_user, f"complaint.{action}", "complaint", c.id,
                     {"number": c.number, "date": d, **(detail or {})})
        return _view(ws, s, c)


def _required_text(value: Any, label: str, field_code: str, max_length: int = 2000) -> str:
    text = validate_text(value, label=label, field=field_code, max_length=max_length, required=True)
    assert text is not None
    return text


def accept(ws: Workspace, complaint_id: int, date: Any) -> ComplaintView:
    """受理. A 检举控告 becomes a problem lead (信访举报) with its subjects as the lead's persons."""
    def apply(s: Session, c: Complaint, d: dt.date) -> None:
        if c.kind in _NOT_ACCEPTABLE_KINDS:
            raise StateError(f"“{_label(ComplaintKind, c.kind)}”的信访件应作不予受理处理（说明理由后转送或告知）")
        c.state, c.accepted_date = S.accepted.value, d
        if c.kind == ComplaintKind.accusation.value:
            persons = [PersonInput(name=x.name, unit=x.unit, post=x.post, rank=x.rank,
                                   is_party_member=bool(x.is_party_member),
                                   is_supervised_object=x.is_supervised_object is not False) for x in c.subjects]
            create_lead_in(ws, s, source=LeadSource.complaint.value, received_date=d, summary=c.main_problem,
                           complaint_id=c.id, persons=persons)
    return _transition(ws, complaint_id, "accept", (S.registered.value,), date, "受理", apply)


def not_accept(ws: Workspace, complaint_id: int, date: Any, reason: str) -> ComplaintView:
    """不予受理, with the reason (required)."""
    text = _required_text(reason, "不予受理理由", "reason")

    def apply(s, c, d):
        c.state, c.state_reason = S.not_accepted.value, text
    return _transition(ws, complaint_id, "not_accept", (S.registered.value,), date, "不予受理", apply,
                       {"reason": text})


def transfer(ws: Workspace, complaint_id: int, date: Any, to_body: str) -> ComplaintView:
    """转办 to another body (required)."""
    body = _required_text(to_body, "转办单位", "to_body", 100)

    def apply(s, c, d):
        c.state, c.referred_to = S.transferred.value, body
    return _transition(ws, complaint_id, "transfer", (S.registered.value, S.accepted.value), date, "转办", apply,
                       {"to": body})


def report_up(ws: Workspace, complaint_id: int, date: Any, note: str = "") -> ComplaintView:
    """上报 to the upper level (an item that belongs there)."""
    text = validate_text(note, label="上报说明", field="note", max_length=2000) or ""

    def apply(s, c, d):
        c.state, c.state_reason = S.reported_up.value, text
    return _transition(ws, complaint_id, "report_up", (S.registered.value, S.accepted.value), date, "上报", apply)


def conclude(ws: Workspace, complaint_id: int, date: Any, note: str = "") -> ComplaintView:
    """办结 an accepted complaint (once)."""
    text = validate_text(note, label="办结情况", field="note", max_length=2000) or ""

    def apply(s, c, d):
        if c.accepted_date and d < c.accepted_date:
            raise ValidationError(f"办结日期（{d.isoformat()}）不能早于受理日期（{c.accepted_date.isoformat()}）",
                                  field="date")
        c.state, c.concluded_date, c.state_reason = S.concluded.value, d, text
    return _transition(ws, complaint_id, "conclude", (S.accepted.value,), date, "办结", apply)


def _real_name_record(ws: Workspace, complaint_id: int, action: str, label: str, when: Any, check, apply,
                      detail: dict | None = None) -> ComplaintView:
    require(ws.current_user, "complaint.decide")
    with ws.transaction() as s:
        c = _get(s, complaint_id)
        if c.signature != Signature.real_name.value:
            raise StateError(f"信访件 {c.number} 不是实名举报，无需{label}")
        start_label, start = check(c)
        d = action_date(when, ws.today(), f"{label}日期", not_before=(start_label, start))
        apply(c, d)
        audit.record(s, ws.current_user, f"complaint.{action}", "complaint", c.id,
                     {"number": c.number, "date": d, **(detail or {})})
        return _view(ws, s, c)


def record_acceptance_notice(ws: Workspace, complaint_id: int, date: Any) -> ComplaintView:
    """The 受理告知 to a 实名 complainant (due within 15 working days of receipt)."""
    def check(c):
        if c.acceptance_notice_date is not None:
            raise StateError(f"信访件 {c.number} 已于 {c.acceptance_notice_date.isoformat()} 告知受理情况")
        return "收件日期", c.received_date

    def apply(c, d):
        c.acceptance_notice_date = d
    return _real_name_record(ws, complaint_id, "notice", "受理告知", date, check, apply)


def record_feedback(ws: Workspace, complaint_id: int, date: Any, note: str) -> ComplaintView:
    """反馈: the result told to the 实名 complainant (after 办结 or 不予受理)."""
    text = _required_text(note, "反馈情况", "note")

    def check(c):
        if c.state not in (S.concluded.value, S.not_accepted.value):
            raise StateError(f"信访件 {c.number} 尚未办结，办结后再反馈处理结果")
        if c.feedback_date is not None:
            raise StateError(f"信访件 {c.number} 已于 {c.feedback_date.isoformat()} 反馈，不能重复反馈")
        return ("办结日期", c.concluded_date) if c.concluded_date else ("不予受理日期", c.state_date)

    def apply(c, d):
        c.feedback_date, c.feedback_note = d, text
    return _real_name_record(ws, complaint_id, "feedback", "反馈", date, check, apply)


# ------------------------------------------------------------------ reading
def get_complaint(ws: Workspace, complaint_id: int) -> ComplaintView:
    """The complaint with its identity masked (``can_reveal`` says whether 查看 is possible)."""
    require(ws.current_user, "complaint.view")
    with ws.reading() as s:
        return _view(ws, s, _get(s, complaint_id))


def reveal_identity(ws: Workspace, complaint_id: int, purpose: str = "view") -> dict:
    """查看: the complainant's identity in clear, for a permitted user; writes an audit event."""
    require(ws.current_user, "identity.view")
    with ws.transaction() as s:
        _get(s, complaint_id)
        return identity.reveal(ws, s, complaint_id, purpose=purpose)


def complaint_id_for_number(ws: Workspace, number: str) -> int:
    require(ws.current_user, "complaint.view")
    with ws.reading() as s:
        cid = s.execute(select(Complaint.id).where(Complaint.number == (number or "").strip().upper())).scalar()
    if cid is None:
        raise NotFoundError(f"没有编号为 {number} 的信访件")
    return cid
