"""SQLAlchemy entities of the whole domain, the vocabularies, and database setup. No Qt, no rules."""
from .base import Base, utcnow
from .casework import Case, Lead, Measure, Person
from .checkpoints import AuditCheckpoint
from .intake import Complaint, ComplaintSubject
from .ledger import LedgerEntry, LedgerLeader
from .organization import HolidayOverride, Organization, Setting, User, UserRole
from .records import (Attachment, AuditEvent, IssuedCertificate, MonthlyReport, ReceivedPackage, ReportRevision,
                      Submission, Township)

__all__ = [
    "Attachment", "AuditCheckpoint", "AuditEvent", "Base", "Case", "Complaint", "ComplaintSubject", "HolidayOverride",
    "IssuedCertificate", "Lead", "LedgerEntry", "LedgerLeader", "Measure", "MonthlyReport", "Organization",
    "Person", "ReceivedPackage", "ReportRevision", "Setting", "Submission", "Township", "User", "UserRole", "utcnow",
]
