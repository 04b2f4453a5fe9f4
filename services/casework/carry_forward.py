"""Classifications carried forward (issue 14): the complaint's 违反中央八项规定精神 sub-type into the lead
made from it, the lead's flag and sub-type into its case, and the case's 线索来源 into its 一案双查 entry.

One rule for every step: a create function copies the earlier record's value when its caller gives none
(``None``); a value the caller gives (also ``False`` or an explicitly empty source) is kept. The forms
show the copied value before saving (``leads.complaint_classification``, ``ledger_entries.case_source``),
so what the user saw is what the service stores.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Complaint, Lead
from models.enums import EightRulesType

from services.errors import ValidationError

#: (flag, sub-type code)
Classification = tuple[bool, str | None]
NONE: Classification = (False, None)


def of_complaint(session: Session, complaint_id: int | None) -> Classification:
    """A complaint is flagged when it names a sub-type (its form has no separate flag)."""
    if complaint_id is None:
        return NONE
    return of_complaint_type(session.scalar(select(Complaint.eight_rules_type).where(Complaint.id == complaint_id)))


def of_complaint_type(sub_type: str | None) -> Classification:
    """The classification of a complaint with this 八项规定 sub-type (the ledger importer's, in bulk)."""
    return (sub_type is not None, sub_type)


def of_lead(lead: Lead | None) -> Classification:
    if lead is None:
        return NONE
    return (bool(lead.eight_rules), lead.eight_rules_type)


def eight_rules_values(flag: bool | None, sub_type: str | None, inherited: Classification,
                       problems: list[ValidationError]) -> Classification:
    """The flag and sub-type to store: ``inherited`` when ``flag`` is None, else the given pair checked
    (a known sub-type, and only with the flag); a problem is appended to ``problems``."""
    if flag is None:
        return inherited
    if sub_type and EightRulesType.from_text(sub_type) is None:
        problems.append(ValidationError(f"八项规定问题类型“{sub_type}”不是可选的值", field="eight_rules_type"))
        return (bool(flag), None)
    if sub_type and not flag:
        problems.append(ValidationError("选择了八项规定问题类型，请同时勾选“违反中央八项规定精神”", field="eight_rules"))
    member = EightRulesType.from_text(sub_type) if sub_type else None
    return (bool(flag), member.value if member else None)


def source_of_case(session: Session, case: Case) -> str | None:
    """A case's source (案件来源) is its lead's 线索来源; a case filed directly has none."""
    if case.lead_id is None:
        return None
    return session.scalar(select(Lead.source).where(Lead.id == case.lead_id))
