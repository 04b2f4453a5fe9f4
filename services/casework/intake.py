"""Complaint intake (信访举报): registration, repeat detection, reading, identity views.

The form, its check and the view live in ``intake_form``; the actions by state in ``intake_actions``,
转办 in ``referrals`` and 受理告知/反馈 in ``contacts``. They are re-exported here, so ``intake`` stays the
one interface importers use for the complaint's actions.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Complaint
from models.enums import ComplaintState

from services.casework import numbering
from services.casework.complaint_columns import new_columns
from services.casework.contacts import record_acceptance_notice, record_feedback
from services.casework.intake_actions import accept, conclude, not_accept, report_up
from services.casework.intake_form import (ComplaintInput, ComplaintView, RepeatCandidate, SubjectInput,
                                           actions_for, apply_form, build_view, label_of, load, seal_identity,
                                           subject_rows, validate_form)
from services.casework.referrals import transfer
from services.casework.repeat_match import REPEAT_WINDOW_MONTHS, repeat_candidates
from services.errors import NotFoundError, StateError, ValidationError
from services.security import audit, identity
from services.security.permissions import require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace

__all__ = ["ComplaintInput", "ComplaintView", "REPEAT_WINDOW_MONTHS", "RepeatCandidate", "SubjectInput", "accept",
           "actions_for", "check_new_complaint", "complaint_id_for_number", "conclude", "create_in", "find_repeat_candidates", "get_complaint",
           "link_repeat", "not_accept", "record_acceptance_notice", "record_feedback", "register_complaint",
           "report_up", "reveal_identity", "transfer", "update_complaint"]

S = ComplaintState


# ------------------------------------------------------------------ registration
def create_in(ws: Workspace, session: Session, data: ComplaintInput) -> Complaint:
    """The one writer of a complaint, inside the caller's transaction: check the whole form, take the
    year's next number, store the columns of ``complaint_columns.new_columns`` (the ledger importer's
    bulk insert writes the same), seal the identity, audit."""
    v = validate_form(ws, session, data)
    number, seq = numbering.next_complaint_number(session, v["received_date"].year)
    c = Complaint(number=number, seq=seq, **new_columns(v, ws.current_user, original_id=data.original_id,
                                                        belongs_upper=data.belongs_upper,
                                                        referred_down=data.referred_down))
    c.subjects = subject_rows(v)
    session.add(c)
    session.flush()
    seal_identity(ws, session, c, v)
    audit.record(session, ws.current_user, "complaint.create", "complaint", c.id,
                 {"number": number, "kind": c.kind, "channel": c.channel, "subjects": len(c.subjects),
                  "is_repeat": c.is_repeat})
    return c


def register_complaint(ws: Workspace, data: ComplaintInput) -> ComplaintView:
    """Register one complaint (``create_in``) and name the earlier ones about the same subjects."""
    require(ws.current_user, "complaint.register")
    with ws.transaction() as s:
        c = create_in(ws, s, data)
        view = build_view(ws, s, c)
        if not c.is_repeat:
            view.repeat_candidates = repeat_candidates(s, [(x.name, x.unit) for x in c.subjects], c.received_date,
                                                       phone_index=c.complainant_phone_index,
                                                       id_index=c.complainant_id_number_index, exclude_id=c.id)
    return view


_AUDITED_FIELDS = ("received_date", "channel", "kind", "signature", "main_problem", "discipline",
                   "eight_rules_type", "receiver_name", "belongs_upper", "referred_down", "is_repeat", "original_id")


def update_complaint(ws: Workspace, complaint_id: int, data: ComplaintInput, *,
                     expected_version: int | None = None) -> ComplaintView:
    """Edit a complaint still registered or accepted; ``data.keep_identity`` keeps the stored identity.
    ``expected_version``: the version the form loaded (a newer save refused with ``ConcurrentEditError``)."""
    require(ws.current_user, "complaint.register")
    with ws.transaction() as s:
        c = load(s, complaint_id)
        check_version(s, c, expected_version, f"信访件 {c.number} ")
        if c.state not in (S.registered.value, S.accepted.value):
            raise StateError(f"信访件 {c.number} 已{label_of(ComplaintState, c.state).lstrip('已')}，不能再修改登记信息")
        v = validate_form(ws, s, data, existing=c)
        if v["received_date"].year != c.year:
            raise ValidationError("收件日期不能改到其他年份（编号按年度分配），如确需更改请重新登记",
                                  field="received_date", problems=[])
        before = {f: getattr(c, f) for f in _AUDITED_FIELDS}
        old_subjects = [(x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object) for x in c.subjects]
        apply_form(c, v, data)
        new_subjects = subject_rows(v)
        changed = {f: [before[f], getattr(c, f)] for f in _AUDITED_FIELDS if before[f] != getattr(c, f)}
        if [(x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object)
                for x in new_subjects] != old_subjects:
            c.subjects.clear()
            s.flush()
            c.subjects.extend(new_subjects)
            changed["subjects"] = [len(old_subjects), len(new_subjects)]
        if not v["keep_identity"]:
            seal_identity(ws, s, c, v)
            changed["identity"] = "已更新"  # never the values
        s.flush()
        audit.record(s, ws.current_user, "complaint.update", "complaint", c.id, {"number": c.number, "changed": changed})
        return build_view(ws, s, c)


def check_new_complaint(ws: Workspace, data: ComplaintInput) -> list[RepeatCandidate]:
    """What ``register_complaint`` would refuse, without writing: the same check (``validate_form``, every
    problem at once as a ValidationError). When the form is valid, the earlier complaints it may repeat
    (``find_repeat_candidates``, on the checked subjects), for the 重复件 question asked before saving."""
    require(ws.current_user, "complaint.register")
    with ws.reading() as s:
        v = validate_form(ws, s, data)
    if data.is_repeat or data.received_date is None:
        return []
    subjects = [SubjectInput(name=x["name"], unit=x.get("unit") or "") for x in v["subjects"]]
    return find_repeat_candidates(ws, subjects, v["received_date"], phone=data.complainant_phone,
                                  id_number=data.complainant_id_number)


def find_repeat_candidates(ws: Workspace, subjects: list[SubjectInput], received_date: dt.date,
                           exclude_id: int | None = None, *, phone: str | None = None,
                           id_number: str | None = None) -> list[RepeatCandidate]:
    """Complaints of the two years before ``received_date`` about the same subject (name + normalized unit)
    or from a complainant with the same phone / ID number (``repeat_match``); a proposal, nothing is linked.

    The phone and ID number are compared by their blind index, so only when the identity key is unlocked."""
    require(ws.current_user, "complaint.view")
    pairs = [((s.name or "").strip(), (s.unit or "").strip()) for s in subjects]
    with ws.reading() as s:
        return repeat_candidates(s, pairs, received_date, exclude_id=exclude_id,
                                 phone_index=_index_or_none(ws, "phone", phone),
                                 id_index=_index_or_none(ws, "id_number", id_number))


def _index_or_none(ws: Workspace, kind: str, value: str | None) -> str | None:
    try:
        return identity.index_for(ws, kind, value or "")
    except ValidationError:  # a value that normalizes to nothing matches nothing
        return None


def link_repeat(ws: Workspace, complaint_id: int, original_id: int) -> ComplaintView:
    """Mark a registered complaint as a 重复件 of an earlier one."""
    require(ws.current_user, "complaint.register")
    with ws.transaction() as s:
        c = load(s, complaint_id)
        original = s.get(Complaint, original_id)
        if original is None or original.id == c.id:
            raise ValidationError("所关联的原件不存在，请重新选择", field="original_id")
        if original.received_date > c.received_date:
            raise ValidationError(f"原件 {original.number} 的收件日期晚于本件，不能作为原件", field="original_id")
        c.is_repeat, c.original_id = True, original.id
        audit.record(s, ws.current_user, "complaint.link_repeat", "complaint", c.id,
                     {"number": c.number, "original": original.number})
        return build_view(ws, s, c)


# ------------------------------------------------------------------ reading
def get_complaint(ws: Workspace, complaint_id: int) -> ComplaintView:
    """The complaint with its identity masked (``can_reveal`` says whether 查看 is possible)."""
    require(ws.current_user, "complaint.view")
    with ws.reading() as s:
        return build_view(ws, s, load(s, complaint_id))


def reveal_identity(ws: Workspace, complaint_id: int, purpose: str = "view") -> dict:
    """查看: the complainant's identity in clear, for a permitted user; writes an audit event."""
    require(ws.current_user, "identity.view")
    with ws.transaction() as s:
        load(s, complaint_id)
        return identity.reveal(ws, s, complaint_id, purpose=purpose)


def complaint_id_for_number(ws: Workspace, number: str) -> int:
    require(ws.current_user, "complaint.view")
    with ws.reading() as s:
        cid = s.execute(select(Complaint.id).where(Complaint.number == (number or "").strip().upper())).scalar()
    if cid is None:
        raise NotFoundError(f"没有编号为 {number} 的信访件")
    return cid
