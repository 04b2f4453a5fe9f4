"""重复件 candidates: earlier complaints (two years back) that may be the same matter, to propose, never to link.

A complaint matches an earlier one when it names the same subject (the name without spaces, the unit
normalized: NFKC full/half width, no spaces, 人民政府 → 政府), or when its complainant has the same
phone or ID number (the blind indexes of ``services.security.identity``: equal values, equal indexes,
the clear numbers never read). Each candidate says what matched. Linking stays the user's decision
(``intake.link_repeat``).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import Complaint, ComplaintSubject

from services.casework.intake_form import RepeatCandidate
from services.deadlines.rules import add_months

__all__ = ["MATCH_ID_NUMBER", "MATCH_PHONE", "MATCH_SUBJECT", "REPEAT_WINDOW_MONTHS", "normalize_name",
           "normalize_unit", "repeat_candidates"]

REPEAT_WINDOW_MONTHS = 24
MATCH_SUBJECT, MATCH_PHONE, MATCH_ID_NUMBER = "被反映人相同", "反映人电话相同", "反映人身份证号相同"
_SPACES = re.compile(r"\s+")
_EXCERPT = 40


def normalize_name(name: str | None) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", name or ""))


def normalize_unit(unit: str | None) -> str:
    """青山镇 人民政府 / 青山镇政府 / ＱＳ村 → one spelling: NFKC, no spaces, 人民政府 → 政府."""
    return normalize_name(unit).replace("人民政府", "政府")


def repeat_candidates(session: Session, subjects: list[tuple[str, str]], received: dt.date, *,
                      phone_index: str | None = None, id_index: str | None = None,
                      exclude_id: int | None = None) -> list[RepeatCandidate]:
    """Complaints received in the two years up to ``received`` that match (see the module), newest first."""
    since = add_months(received, -REPEAT_WINDOW_MONTHS)
    window = (Complaint.received_date >= since, Complaint.received_date <= received)
    wanted = {(normalize_name(n), normalize_unit(u)) for n, u in subjects if normalize_name(n)}
    matched: dict[int, list[str]] = {}
    subject_of: dict[int, str] = {}
    if wanted:
        names = sorted({n for n, _ in wanted})
        rows = session.execute(
            select(ComplaintSubject.complaint_id, ComplaintSubject.name, ComplaintSubject.unit)
            .join(Complaint, ComplaintSubject.complaint_id == Complaint.id)
            .where(*window, func.replace(ComplaintSubject.name, " ", "").in_(names))).all()
        for cid, name, unit in rows:
            if (normalize_name(name), normalize_unit(unit)) in wanted and cid != exclude_id:
                matched.setdefault(cid, [MATCH_SUBJECT])
                subject_of.setdefault(cid, f"{name}（{unit}）" if unit else name)
    conds = [col == value for col, value in ((Complaint.complainant_phone_index, phone_index),
                                             (Complaint.complainant_id_number_index, id_index)) if value]
    if conds:
        for cid, ph, idn in session.execute(
                select(Complaint.id, Complaint.complainant_phone_index, Complaint.complainant_id_number_index)
                .where(*window, or_(*conds))).all():
            if cid == exclude_id:
                continue
            reasons = matched.setdefault(cid, [])
            if phone_index and ph == phone_index:
                reasons.append(MATCH_PHONE)
            if id_index and idn == id_index:
                reasons.append(MATCH_ID_NUMBER)
    if not matched:
        return []
    out: list[RepeatCandidate] = []
    for cid, number, rd, problem in session.execute(
            select(Complaint.id, Complaint.number, Complaint.received_date, Complaint.main_problem)
            .where(Complaint.id.in_(matched))).all():
        if cid not in subject_of:
            first = session.execute(select(ComplaintSubject.name, ComplaintSubject.unit)
                                    .where(ComplaintSubject.complaint_id == cid)
                                    .order_by(ComplaintSubject.id).limit(1)).first()
            subject_of[cid] = "" if first is None else (f"{first[0]}（{first[1]}）" if first[1] else first[0])
        text = problem or ""
        excerpt = text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else "")
        out.append(RepeatCandidate(cid, number, rd, subject_of[cid], excerpt, "、".join(matched[cid])))
    return sorted(out, key=lambda r: (r.received_date, r.id), reverse=True)
