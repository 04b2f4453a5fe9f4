"""Attachments, monthly reports and their frozen revisions, submissions, and county-side records."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Integer, LargeBinary, String, Text, false,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, one_of, utcnow
from .enums import PackageStatus, ReportStatus
from .versioning import Versioned


class Attachment(Base):
    """A scan, photo or PDF; the bytes live in attachments/<sha256> under the data dir (or the shared
    附件文件夹), named by the SHA-256 of the stored bytes. A complaint's are ``sealed``: the stored bytes are
    encrypted under the identity key (services.security.file_seal), the real file name is in
    ``filename_enc`` and ``filename`` only says what kind of file it is."""

    __tablename__ = "attachments"
    __table_args__ = (
        # CAST: PostgreSQL does not add booleans (SQLite's 0/1 are the same either way).
        CheckConstraint("CAST(complaint_id IS NOT NULL AS INTEGER) + CAST(lead_id IS NOT NULL AS INTEGER)"
                        " + CAST(case_id IS NOT NULL AS INTEGER) = 1", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sealed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    filename_enc: Mapped[bytes | None] = mapped_column(LargeBinary)


class MonthlyReport(Versioned, Base):
    """A month's report: the draft text fields, and its finalized revisions."""

    __tablename__ = "monthly_reports"
    __table_args__ = (CheckConstraint("length(period) = 7", name="period_format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7), unique=True)  # YYYY-MM
    narrative: Mapped[str] = mapped_column(Text, default="")
    footer_json: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    revisions: Mapped[list["ReportRevision"]] = relationship(
        back_populates="report", order_by="ReportRevision.revision", cascade="all, delete-orphan"
    )


class ReportRevision(Base):
    """A finalized, frozen snapshot: figures, text and the PDF, with the snapshot's SHA-256."""

    __tablename__ = "report_revisions"
    __table_args__ = (
        UniqueConstraint("report_id", "revision"),
        one_of("status", ReportStatus.codes(), "status"),
        CheckConstraint("revision >= 1", name="revision_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("monthly_reports.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=ReportStatus.finalized.value)
    document_json: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    xlsx: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    finalized_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finalized_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    report: Mapped[MonthlyReport] = relationship(back_populates="revisions")


class Submission(Base):
    """A package written for the county (file name, hash, who and when)."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("report_revisions.id", ondelete="RESTRICT"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    target: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Township(Base):
    """County mode: a township that reports to this county."""

    __tablename__ = "townships"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class IssuedCertificate(Base):
    """County mode: a signing certificate issued to a township, and its revocation."""

    __tablename__ = "issued_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(64), unique=True)  # hex; too large for INTEGER
    township_code: Mapped[str] = mapped_column(String(40), index=True)
    township_name: Mapped[str] = mapped_column(String(100))
    not_before: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    cert_pem: Mapped[str] = mapped_column(Text)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revocation_reason: Mapped[str] = mapped_column(String(200), default="")


class ReceivedPackage(Base):
    """County mode: a verified package imported from a township."""

    __tablename__ = "received_packages"
    __table_args__ = (
        UniqueConstraint("township_code", "period", "revision"),
        one_of("status", PackageStatus.codes(), "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    township_code: Mapped[str] = mapped_column(String(40), index=True)
    township_name: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=PackageStatus.accepted.value)
    document_json: Mapped[str] = mapped_column(Text)
    stored_path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    verification_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    period_date: Mapped[dt.date | None] = mapped_column(Date)
    # The township's audit checkpoint this package carried (data/audit-chain.json), if any.
    audit_count: Mapped[int | None] = mapped_column(Integer)
    audit_head: Mapped[str | None] = mapped_column(String(64))


class AuditEvent(Base):
    """Append-only, hash-chained log of every change and every view of an identity.

    ``hash`` = SHA-256 over the canonical JSON of this event together with ``prev_hash`` (and
    ``row_digests`` when not empty); the database refuses UPDATE and DELETE on this table
    (triggers in the migrations, recreated on open when missing).
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: the log outlives users
    username: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    detail_json: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Digests of the audited rows the event's transaction wrote (services/security/row_digest.py); "" for none.
    row_digests: Mapped[str] = mapped_column(Text, server_default="")
