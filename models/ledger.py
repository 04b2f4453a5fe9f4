"""The 一案双查 accountability ledger: one entry per case and unit, with the leaders checked."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, one_of, utcnow
from .enums import AccountabilityMethod, LeaderPosition, LeadSource, LedgerOutcome, Responsibility
from .versioning import Versioned


class LedgerEntry(Versioned, Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (one_of("lead_source", LeadSource.codes(), "lead_source", nullable=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    unit: Mapped[str] = mapped_column(String(100), index=True)
    entry_date: Mapped[dt.date] = mapped_column(Date, index=True)
    lead_source: Mapped[str | None] = mapped_column(String(30))
    problem_nature: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    leaders: Mapped[list["LedgerLeader"]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="LedgerLeader.id"
    )


class LedgerLeader(Versioned, Base):
    """A leader checked in a ledger entry: the responsibility, the outcome and its basis."""

    __tablename__ = "ledger_leaders"
    __table_args__ = (
        one_of("position_type", LeaderPosition.codes(), "position_type", nullable=True),
        one_of("responsibility", Responsibility.codes(), "responsibility"),
        one_of("outcome", LedgerOutcome.codes(), "outcome", nullable=True),
        one_of("accountability_method", AccountabilityMethod.codes(), "accountability_method", nullable=True),
        CheckConstraint("outcome IS NULL OR outcome_date IS NOT NULL", name="outcome_dated"),
        CheckConstraint("outcome = 'held_accountable' OR accountability_method IS NULL",
                        name="method_only_when_accountable"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    post: Mapped[str] = mapped_column(String(100), default="")
    position_type: Mapped[str | None] = mapped_column(String(30))
    responsibility: Mapped[str] = mapped_column(String(30))
    outcome: Mapped[str | None] = mapped_column(String(30), index=True)
    outcome_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    accountability_method: Mapped[str | None] = mapped_column(String(40))
    basis: Mapped[str] = mapped_column(Text, default="")

    entry: Mapped[LedgerEntry] = relationship(back_populates="leaders")
