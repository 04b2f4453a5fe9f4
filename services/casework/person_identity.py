"""A person's optional 身份证号 (被调查人 / 被反映人) and the 廉政档案 it makes possible.

The number is encrypted like a complainant's (``Person.id_number_enc``, AES-GCM bound to the row) with a
blind index beside it (``Person.id_number_index``): equal numbers, equal indexes, so the same person in
two cases is one person for the report's 人数 figures (``reporting.figures_sql.person_key``) and the
廉政档案 lists every lead and case, with its measures, of the rows that share the index. Only a user who
may see identities (and holds the unlocked key) enters the number or sees it, and then masked; every
view is an audit event like a complainant identity view.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Lead, Measure, Person

from services.casework import sanction_rules
from services.errors import NotFoundError, PermissionDenied
from services.security import audit, identity
from services.security.identity_masks import mask_id_number
from services.security.permissions import require
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import is_blank, validate_id_number

__all__ = ["IntegrityEntry", "IntegrityFile", "integrity_file", "masked_id_number", "set_id_number"]

_COLUMN = "id_number_enc"


@dataclass
class IntegrityEntry:
    """One lead or case of the person, with the measures recorded there."""
    kind: str              # 案件 / 问题线索
    number: str
    date: dt.date | None   # 立案日期 / 收到日期
    closed: dt.date | None  # 结案日期 / 办结日期
    person_id: int
    unit: str
    post: str
    measures: list[str] = field(default_factory=list)   # "2026-11-03 党内警告"


@dataclass
class IntegrityFile:
    name: str
    id_number_masked: str
    entries: list[IntegrityEntry]
    version: int = 0   # the person row's (record_versions): what ``set_id_number`` is handed back


def _person(s: Session, person_id: int) -> Person:
    p = s.get(Person, person_id)
    if p is None:
        raise NotFoundError("人员不存在或已被删除")
    return p


def _key_ready(ws: Workspace) -> None:
    require(ws.current_user, "identity.view")
    if not identity.has_key(ws):
        raise PermissionDenied(identity.NO_KEY)


def set_id_number(ws: Workspace, person_id: int, id_number: str | None, *, expected_version: int | None = None) -> str:
    """Enter (or with an empty value, clear) a person's 身份证号; returns it masked. Audited, never the number.
    ``expected_version``: the person's version the form shows (the number is a change of the person row:
    a save over another desk's newer one is refused with ``ConcurrentEditError``)."""
    with ws.transaction() as s:
        p = _person(s, person_id)
        require(ws.current_user, "case.manage" if p.case_id else "lead.manage")
        check_version(s, p, expected_version, f"{'被调查人' if p.case_id else '被反映人'} {p.name} ")
        _key_ready(ws)
        vault = identity.vault(ws)
        if is_blank(id_number):
            p.id_number_enc = p.id_number_index = None
            masked = ""
        else:
            number = validate_id_number(id_number, today=ws.today())
            p.id_number_enc = vault.encrypt(number, table="persons", column=_COLUMN, row_id=p.id)
            p.id_number_index = vault.index("id_number", number)
            masked = mask_id_number(number)
        entity, eid = ("case", p.case_id) if p.case_id else ("lead", p.lead_id)
        audit.record(s, ws.current_user, "person.id_number", entity, eid,
                     {"person_id": p.id, "name": p.name, "cleared": not masked})
        return masked


def _decrypt(ws: Workspace, p: Person) -> str:
    return identity.vault(ws).decrypt(p.id_number_enc, table="persons", column=_COLUMN, row_id=p.id) or ""


def masked_id_number(ws: Workspace, person_id: int) -> str:
    """The person's 身份证号 masked ("" when none is entered); a view, audited."""
    _key_ready(ws)
    with ws.transaction() as s:
        p = _person(s, person_id)
        if p.id_number_enc is None:
            return ""
        masked = mask_id_number(_decrypt(ws, p))
        audit.record(s, ws.current_user, "identity.view", "person", p.id, {"name": p.name, "purpose": "view"})
        return masked


def integrity_file(ws: Workspace, person_id: int) -> IntegrityFile:
    """廉政档案: every lead and case of the person rows sharing this one's 身份证号, with their measures
    (only this row when no number is entered); a view, audited."""
    require(ws.current_user, "case.view")
    _key_ready(ws)
    with ws.transaction() as s:
        p = _person(s, person_id)
        rows = [p] if p.id_number_index is None else list(s.execute(
            select(Person).where(Person.id_number_index == p.id_number_index).order_by(Person.id)).scalars())
        masked = mask_id_number(_decrypt(ws, p)) if p.id_number_enc is not None else ""
        entries = [_entry(s, row) for row in rows]
        audit.record(s, ws.current_user, "identity.view", "person", p.id,
                     {"name": p.name, "purpose": "integrity_file", "rows": len(rows)})
    entries.sort(key=lambda e: (e.date or dt.date.min, e.number))
    return IntegrityFile(p.name, masked, entries, p.version or 0)


def _entry(s: Session, p: Person) -> IntegrityEntry:
    measures = [f"{m.decision_date.isoformat()} {sanction_rules.label_of(m.kind)}" for m in s.execute(
        select(Measure).where(Measure.person_id == p.id).order_by(Measure.decision_date, Measure.id)).scalars()]
    if p.case_id is not None:
        c = s.get(Case, p.case_id)
        return IntegrityEntry("案件", c.number, c.filing_date, c.closing_date, p.id, p.unit, p.post, measures)
    lead = s.get(Lead, p.lead_id)
    return IntegrityEntry("问题线索", lead.number, lead.received_date, lead.result_date, p.id, p.unit, p.post,
                          measures)
