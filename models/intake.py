"""Complaints and reports (信访举报) with the people they are about."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, one_of, utcnow
from .enums import Channel, ComplaintKind, ComplaintState, Discipline, EightRulesType, Rank, Signature
from .versioning import Versioned


class Complaint(Versioned, Base):
    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        one_of("channel", Channel.codes(), "channel"),
        one_of("kind", ComplaintKind.codes(), "kind"),
        one_of("signature", Signature.codes(), "signature"),
        one_of("state", ComplaintState.codes(), "state"),
        one_of("discipline", Discipline.codes(), "discipline", nullable=True),
        one_of("eight_rules_type", EightRulesType.codes(), "eight_rules_type", nullable=True),
        Index("ix_complaints_state_received", "state", "received_date"),
        # The monthly report's breakdown by channel, kind and repeat, read from the index alone.
        Index("ix_complaints_report", "received_date", "channel", "kind", "is_repeat"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    received_date: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(30), index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    signature: Mapped[str] = mapped_column(String(20), index=True)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    original_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id", ondelete="SET NULL"), index=True)

    # Complainant identity (反映人): AES-GCM ciphertexts only, never plaintext (services.security.identity).
    complainant_name_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    complainant_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    complainant_id_number_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    complainant_address_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Keyed hashes (HMAC blind index) so a clerk can find by phone or ID number without plaintext.
    complainant_phone_index: Mapped[str | None] = mapped_column(String(64), index=True)
    complainant_id_number_index: Mapped[str | None] = mapped_column(String(64), index=True)
    # Masked preview (张*, 138****5678) for roles without the right to see identities: JSON text.
    complainant_masked: Mapped[str] = mapped_column(Text, default="{}")

    main_problem: Mapped[str] = mapped_column(Text, default="")
    discipline: Mapped[str | None] = mapped_column(String(30), index=True)
    eight_rules_type: Mapped[str | None] = mapped_column(String(30))
    receiver_name: Mapped[str] = mapped_column(String(40), default="")
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    state: Mapped[str] = mapped_column(String(20), default=ComplaintState.registered.value, index=True)
    state_date: Mapped[dt.date | None] = mapped_column(Date, index=True)  # a sortable list column
    state_reason: Mapped[str] = mapped_column(Text, default="")
    referred_to: Mapped[str] = mapped_column(String(100), default="")
    belongs_upper: Mapped[bool] = mapped_column(Boolean, default=False)
    referred_down: Mapped[bool] = mapped_column(Boolean, default=False)
    accepted_date: Mapped[dt.date | None] = mapped_column(Date)
    acceptance_notice_date: Mapped[dt.date | None] = mapped_column(Date)
    concluded_date: Mapped[dt.date | None] = mapped_column(Date)
    feedback_date: Mapped[dt.date | None] = mapped_column(Date)
    feedback_note: Mapped[str] = mapped_column(Text, default="")
    imported: Mapped[bool] = mapped_column(Boolean, default=False)   # brought in by import-ledger

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    subjects: Mapped[list["ComplaintSubject"]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="ComplaintSubject.id"
    )
    original: Mapped["Complaint | None"] = relationship(remote_side=[id])


class ComplaintSubject(Base):
    """被反映人: a person a complaint is about (one or more per complaint)."""

    __tablename__ = "complaint_subjects"
    __table_args__ = (
        one_of("rank", Rank.codes(), "rank", nullable=True),
        # With complaint_id, the 1–2 character search (name or unit prefix) and the rank filter
        # find their complaints from the index alone.
        Index("ix_complaint_subjects_name_unit", "name", "unit", "complaint_id"),
        Index("ix_complaint_subjects_unit", "unit", "complaint_id"),
        Index("ix_complaint_subjects_rank", "rank", "complaint_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(100), default="")
    post: Mapped[str] = mapped_column(String(100), default="")
    rank: Mapped[str | None] = mapped_column(String(30))
    is_party_member: Mapped[bool | None] = mapped_column(Boolean)
    is_supervised_object: Mapped[bool | None] = mapped_column(Boolean)

    complaint: Mapped[Complaint] = relationship(back_populates="subjects")
