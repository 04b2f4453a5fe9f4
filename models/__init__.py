"""SQLAlchemy entities of the whole domain, the vocabularies, and database setup. No Qt, no rules.

The package import is cheap: ``import models.enums`` (the vocabularies, all that gui/ and cli/ may
use) loads no ORM. The entities load on first use of any of them (``from models import Complaint``,
``models.Base``), and then all at once, so ``Base.metadata`` always holds every table.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Base, utcnow
    from .casework import Case, Lead, Measure, Person
    from .checkpoints import AuditCheckpoint
    from .followup import (ComplainantContact, ExecutionStep, FollowUpVisit, InquiryLetter, Referral,
                           SanctionExecution, TalkRecord)
    from .intake import Complaint, ComplaintSubject
    from .ledger import LedgerEntry, LedgerLeader
    from .organization import HolidayOverride, Organization, Setting, User, UserRole
    from .records import (Attachment, AuditEvent, IssuedCertificate, MonthlyReport, ReceivedPackage, ReportRevision,
                          Submission, Township)

#: Entity module → the names it provides here.
_ENTITY_MODULES: dict[str, tuple[str, ...]] = {
    "base": ("Base", "utcnow"),
    "casework": ("Case", "Lead", "Measure", "Person"),
    "checkpoints": ("AuditCheckpoint",),
    "followup": ("ComplainantContact", "ExecutionStep", "FollowUpVisit", "InquiryLetter", "Referral",
                 "SanctionExecution", "TalkRecord"),
    "intake": ("Complaint", "ComplaintSubject"),
    "ledger": ("LedgerEntry", "LedgerLeader"),
    "organization": ("HolidayOverride", "Organization", "Setting", "User", "UserRole"),
    "records": ("Attachment", "AuditEvent", "IssuedCertificate", "MonthlyReport", "ReceivedPackage", "ReportRevision",
                "Submission", "Township"),
}

__all__ = sorted(name for names in _ENTITY_MODULES.values() for name in names)


def load_entities() -> None:
    """Import every entity module (registering every table in ``Base.metadata``) and bind their names here."""
    for module, names in _ENTITY_MODULES.items():
        loaded = import_module(f".{module}", __name__)
        for name in names:
            globals()[name] = getattr(loaded, name)


def __getattr__(name: str):
    if name in __all__:
        load_entities()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
