"""The complaint form and its view (信访举报): inputs, the whole-form check, the view with its actions.

Shared by ``intake`` (registration, repeats, reading) and ``intake_actions`` (the actions by state).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment, Complaint, ComplaintSubject, Lead
from models.enums import Channel, ComplaintKind, ComplaintState, Discipline, EightRulesType, Rank, Signature

from services.casework.complaint_columns import form_columns, subject_columns
from services.casework import upper_level
from services.casework.complaint_fields import validate_complaint_fields
from services.deadlines.rules import owes_notice_and_feedback
from services.errors import NotFoundError, ValidationError
from services.security import identity
from services.security.permissions import allowed
from services.storage.workspace import Workspace
from services.validation import raise_all

S = ComplaintState
# Field codes of services.casework.complaint_fields → the ComplaintInput attribute the form shows.
FIELD_MAP = {"receiver": "receiver_name", "repeat_of": "original_id", "disciplines": "discipline"}


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
    #: Editing: keep the stored (sealed) identity as it is; the four complainant fields must then be empty.
    keep_identity: bool = False


@dataclass
class RepeatCandidate:
    id: int
    number: str
    received_date: dt.date
    subject: str
    problem_excerpt: str
    match: str = ""   # what is the same: 被反映人相同、反映人电话相同、反映人身份证号相同 (repeat_match)


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
    version: int = 0  # hand it back as expected_version on the next save (record_versions)

    def as_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ helpers
def label_of(enum_cls, code: str | None) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def load(session: Session, complaint_id: int) -> Complaint:
    c = session.get(Complaint, complaint_id)
    if c is None:
        raise NotFoundError(f"信访件（编号 {complaint_id}）不存在或已被删除")
    return c


def existing_identity(c: Complaint | None) -> dict:
    return identity.masked(c) if c is not None else {}


def validate_form(ws: Workspace, session: Session, data: ComplaintInput, existing: Complaint | None = None) -> dict:
    """Every problem of the form at once (ValidationError.problems, each at its field)."""
    keep_identity = bool(data.keep_identity)
    typed_identity = any((data.complainant_name, data.complainant_phone, data.complainant_id_number,
                          data.complainant_address))
    if keep_identity and (existing is None or typed_identity):
        raise ValidationError("保留原登记的反映人信息时不能再填写反映人信息" if existing is not None
                              else "新登记的信访件没有可保留的反映人信息", field="complainant_name")
    values: dict[str, Any] = {
        "received_date": data.received_date, "channel": data.channel, "kind": data.kind,
        "signature": data.signature, "complainant_name": data.complainant_name,
        "complainant_phone": data.complainant_phone, "complainant_id_number": data.complainant_id_number,
        "complainant_address": data.complainant_address,
        "subjects": [asdict(s) if not isinstance(s, dict) else s for s in data.subjects],
        "main_problem": data.main_problem, "disciplines": [data.discipline] if data.discipline else [],
        "is_repeat": data.is_repeat, "repeat_of": data.original_id, "receiver": data.receiver_name,
    }
    stored = None
    if keep_identity:
        # The stored identity stays; the form's rules see only whether it is there (never its value).
        known = existing_identity(existing)
        stored = (bool(known.get("name")), bool(known.get("phone") or known.get("address")))
    problems: list[ValidationError] = []
    out: dict[str, Any] = {}
    try:
        out = validate_complaint_fields(values, ws.today(), stored_identity=stored,
                                        content_withheld=bool(data.belongs_upper))
    except ValidationError as exc:
        problems.extend(exc.problems or [exc])
    if data.belongs_upper:  # 第十五条: registered without its content (upper_level)
        problems += upper_level.problems(data, stored_identity=bool(stored and stored[0]), has_attachments=bool(
            existing is not None and session.scalar(select(Attachment.id).where(Attachment.complaint_id == existing.id)
                                                    .limit(1))))
    for p in problems:
        if p.field in FIELD_MAP:
            p.field = FIELD_MAP[p.field]
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


def apply_form(c: Complaint, v: dict, data: ComplaintInput) -> None:
    """An edit: the form's columns (``complaint_columns.form_columns``) onto the stored complaint."""
    for key, value in form_columns(v, original_id=data.original_id, belongs_upper=data.belongs_upper,
                                   referred_down=data.referred_down).items():
        setattr(c, key, value)


def subject_rows(v: dict) -> list[ComplaintSubject]:
    return [ComplaintSubject(**row) for row in subject_columns(v)]


def seal_identity(ws: Workspace, session: Session, c: Complaint, v: dict) -> None:
    identity.seal(ws, session, c, name=v["complainant_name"], phone=v["complainant_phone"],
                  id_number=v["complainant_id_number"], address=v["complainant_address"])


def actions_for(c: Complaint, has_lead: bool = False) -> list[str]:
    """The action codes the complaint's state allows (the GUI shows these buttons); one that became a lead
    is 办结 with its lead or case (services.casework.complaint_closure), not by hand."""
    state = c.state
    out: list[str] = []
    if state == S.registered.value:
        if c.kind not in ComplaintKind.not_acceptable():
            out.append("accept")
        out += ["not_accept", "transfer", "report_up"]
    elif state == S.accepted.value:
        out += ["transfer", "report_up"] + ([] if has_lead else ["conclude"])
    if state == S.transferred.value:
        out.append("referral")  # 催办 and the reply of the 转办 record
    if owes_notice_and_feedback(c.signature, c.kind, c.is_repeat):
        if c.acceptance_notice_date is None and state != S.registered.value:
            out.append("acceptance_notice")
        if state in (S.concluded.value, S.not_accepted.value) and c.feedback_date is None:
            out.append("feedback")
    if state in (S.registered.value, S.accepted.value):
        out.append("edit")
    return out


def build_view(ws: Workspace, session: Session, c: Complaint) -> ComplaintView:
    session.flush()  # the version after this transaction's change
    lead = session.execute(select(Lead.id, Lead.number).where(Lead.complaint_id == c.id)
                           .order_by(Lead.id).limit(1)).first()
    original = session.get(Complaint, c.original_id) if c.original_id else None
    roles = ws.current_user.roles if ws.current_user else frozenset()
    has_id = identity.has_identity(c)
    return ComplaintView(
        id=c.id, number=c.number, received_date=c.received_date,
        channel=c.channel, channel_label=label_of(Channel, c.channel), kind=c.kind, kind_label=label_of(ComplaintKind, c.kind),
        signature=c.signature, signature_label=label_of(Signature, c.signature),
        subjects=[{"id": s.id, "name": s.name, "unit": s.unit, "post": s.post, "rank": s.rank,
                   "rank_label": label_of(Rank, s.rank), "is_party_member": s.is_party_member,
                   "is_supervised_object": s.is_supervised_object} for s in c.subjects],
        main_problem=c.main_problem, discipline=c.discipline, discipline_label=label_of(Discipline, c.discipline),
        eight_rules_type=c.eight_rules_type, eight_rules_label=label_of(EightRulesType, c.eight_rules_type),
        receiver_name=c.receiver_name, state=c.state, state_label=label_of(ComplaintState, c.state),
        state_date=c.state_date, state_reason=c.state_reason, referred_to=c.referred_to,
        belongs_upper=c.belongs_upper, referred_down=c.referred_down, is_repeat=c.is_repeat,
        original_id=c.original_id, original_number=original.number if original else "",
        accepted_date=c.accepted_date, acceptance_notice_date=c.acceptance_notice_date,
        concluded_date=c.concluded_date, feedback_date=c.feedback_date, feedback_note=c.feedback_note,
        lead_id=lead[0] if lead else None, lead_number=lead[1] if lead else "",
        identity_masked=identity.masked(c), has_identity=has_id,
        can_reveal=has_id and allowed(roles, "identity.view") and identity.has_key(ws),
        actions=actions_for(c, has_lead=lead is not None),
        version=c.version,
    )
