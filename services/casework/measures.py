"""Measures on a person (处分与处理): who may receive what, the effect period, the 四种形态 form."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import Case, Lead, Measure, Person
from models.enums import MeasureCategory

from services.casework import sanction_rules
from services.errors import NotFoundError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage.workspace import Workspace
from services.validation import action_date, validate_text

FORM_LABELS = {1: "第一种形态", 2: "第二种形态", 3: "第三种形态", 4: "第四种形态"}


@dataclass
class MeasureView:
    id: int
    person_id: int
    person_name: str
    case_id: int | None
    lead_id: int | None
    category: str
    category_label: str
    kind: str
    kind_label: str
    decision_date: dt.date
    document_number: str
    effect_end: dt.date | None
    form: int | None
    form_label: str
    note: str


def measure_view(m: Measure, person_name: str | None = None) -> MeasureView:
    cat = MeasureCategory.from_text(m.category)
    return MeasureView(m.id, m.person_id, person_name if person_name is not None else m.person.name, m.case_id,
                       m.lead_id, m.category, sanction_rules.heading_of(m.kind) if cat else m.category, m.kind,
                       sanction_rules.label_of(m.kind),
                       m.decision_date, m.document_number, m.effect_end, m.form, FORM_LABELS.get(m.form or 0, ""),
                       m.note)


def add_measure(ws: Workspace, *, person_id: int, case_id: int | None = None, lead_id: int | None = None,
                category: str, kind: str, decision_date: Any, document_number: str = "", note: str = "",
                probation_years: float | None = None) -> MeasureView:
    """Record a sanction or handling; refuses what the person cannot receive (e.g. 党纪处分 for a non-member)."""
    require(ws.current_user, "measure.manage")
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError("人员不存在或已被删除")
        if case_id is None and lead_id is None:
            case_id, lead_id = person.case_id, (None if person.case_id else person.lead_id)
        if case_id is not None and person.case_id != case_id:
            raise ValidationError(f"{person.name}不是该案件的被调查人", field="person_id")
        if case_id is None and lead_id is not None and person.lead_id != lead_id:
            raise ValidationError(f"{person.name}不是该线索涉及的人员", field="person_id")
        owner = s.get(Case, case_id) if case_id else s.get(Lead, lead_id)
        if owner is None:
            raise NotFoundError("所属案件或线索不存在")
        if kind not in sanction_rules.LABELS or kind in sanction_rules.PSEUDO_KINDS:
            raise ValidationError(f"“{kind}”不是可选的处分或处理方式", field="kind")
        actual = sanction_rules.category_of(kind)
        cat = MeasureCategory.from_text(category)
        if cat is None or cat.value != actual:
            raise ValidationError(f"“{sanction_rules.label_of(kind)}”属于{MeasureCategory(actual).label}，"
                                  f"与所选类别“{cat.label if cat else category}”不符", field="category")
        sanction_rules.check_measure_allowed(kind, person.is_party_member if person.party_membership_known else None,
                                             person.is_supervised_object)
        if actual != "handling" and case_id is None:
            raise ValidationError("党纪处分、政务处分须在立案审查调查后作出，请先立案", field="kind")
        start = ("立案日期", owner.filing_date) if case_id else ("线索收到日期", owner.received_date)
        d = action_date(decision_date, ws.today(), "决定日期", "decision_date", start)
        if case_id:
            sanction_rules.check_decision_by_closing(d, owner.closing_date)
        sanction_rules.check_after_expulsion(kind, d, _earlier_measures(s, person), person.name)
        doc = validate_text(document_number, label="文号", field="document_number", max_length=80) or ""
        text = validate_text(note, label="备注", field="note", max_length=2000) or ""
        if probation_years is not None and kind != "party_probation":
            raise ValidationError("只有留党察看需要填写察看期限", field="probation_years")
        m = Measure(person_id=person.id, case_id=case_id, lead_id=lead_id if case_id is None else person.lead_id,
                    category=actual, kind=kind, decision_date=d, document_number=doc, note=text,
                    effect_end=sanction_rules.effect_end(kind, d, probation_years),
                    form=sanction_rules.form_of(kind))
        s.add(m)
        s.flush()
        entity, eid = ("case", case_id) if case_id else ("lead", lead_id)
        audit.record(s, ws.current_user, "measure.add", entity, eid,
                     {"measure_id": m.id, "person_id": person.id, "person": person.name, "kind": kind,
                      "date": d, "document_number": doc})
        return measure_view(m, person.name)


def _earlier_measures(s: Session, person: Person) -> list[tuple[str, dt.date]]:
    """(kind, decision date) of the measures on this person: the same row, or the same ID number elsewhere."""
    same = Person.id == person.id
    if person.id_number_index:
        same = or_(same, Person.id_number_index == person.id_number_index)
    return [(k, d) for k, d in s.execute(select(Measure.kind, Measure.decision_date)
                                         .join(Person, Person.id == Measure.person_id).where(same))]


def measures_of(ws: Workspace, *, case_id: int | None = None, lead_id: int | None = None,
                person_id: int | None = None) -> list[MeasureView]:
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        q = select(Measure, Person.name).join(Person, Person.id == Measure.person_id)
        if case_id is not None:
            q = q.where(Measure.case_id == case_id)
        if lead_id is not None:
            q = q.where(Measure.lead_id == lead_id)
        if person_id is not None:
            q = q.where(Measure.person_id == person_id)
        return [measure_view(m, name) for m, name in s.execute(q.order_by(Measure.id))]
