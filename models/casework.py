"""Problem leads (问题线索), cases (案件), the persons in them and the measures taken."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, LargeBinary, Numeric, String,
                        Text, false)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, one_of, utcnow
from .enums import (CaseStage, Disposition, EightRulesType, LeadResult, LeadSource, MeasureCategory, Rank,
                    all_measure_kind_codes)
from .versioning import Versioned


class Lead(Versioned, Base):
    __tablename__ = "leads"
    __table_args__ = (
        one_of("source", LeadSource.codes(), "source"),
        one_of("disposition", Disposition.codes(), "disposition", nullable=True),
        one_of("result", LeadResult.codes(), "result", nullable=True),
        one_of("eight_rules_type", EightRulesType.codes(), "eight_rules_type", nullable=True),
        CheckConstraint("disposition IS NULL OR disposition_date IS NOT NULL", name="disposition_dated"),
        CheckConstraint("result_date IS NULL OR disposition_date IS NULL OR result_date >= disposition_date",
                        name="result_after_disposition"),
        # The monthly report reads these from the index alone: leads disposed by way, and 谈话函询 results.
        Index("ix_leads_report", "disposition_date", "disposition"),
        Index("ix_leads_report_result", "result_date", "disposition", "result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    source: Mapped[str] = mapped_column(String(30), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id", ondelete="RESTRICT"), index=True)
    received_date: Mapped[dt.date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[str | None] = mapped_column(String(30), index=True)
    disposition_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    collective_note: Mapped[str] = mapped_column(Text, default="")
    verifiers: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[str | None] = mapped_column(String(30), index=True)
    result_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    result_note: Mapped[str] = mapped_column(Text, default="")
    # 初核's 工作方案 (text or an attachment of the lead), approved by the secretary
    work_plan: Mapped[str] = mapped_column(Text, default="")
    work_plan_attachment_id: Mapped[int | None] = mapped_column(Integer)  # an attachment of this lead (no FK: a cycle)
    # user ids without a FOREIGN KEY: added by ALTER TABLE ADD COLUMN (migration 0006), where SQLite
    # would rebuild a referenced table to add one
    work_plan_approver_id: Mapped[int | None] = mapped_column(Integer)
    work_plan_approved_date: Mapped[dt.date | None] = mapped_column(Date)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)   # brought in by import-ledger
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # 违反中央八项规定精神 and its sub-type, carried from the complaint and on into the case (migration 0010)
    eight_rules: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    eight_rules_type: Mapped[str | None] = mapped_column(String(30))

    persons: Mapped[list["Person"]] = relationship(back_populates="lead", foreign_keys="Person.lead_id",
                                                   order_by="Person.id")


class Case(Versioned, Base):
    __tablename__ = "cases"
    __table_args__ = (
        one_of("stage", CaseStage.codes(), "stage"),
        one_of("eight_rules_type", EightRulesType.codes(), "eight_rules_type", nullable=True),
        CheckConstraint("closing_date IS NULL OR closing_date >= filing_date", name="closed_after_filed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    stage: Mapped[str] = mapped_column(String(30), default=CaseStage.filed.value, index=True)
    filing_date: Mapped[dt.date] = mapped_column(Date, index=True)
    filing_approver: Mapped[str] = mapped_column(String(40), default="")
    investigation_date: Mapped[dt.date | None] = mapped_column(Date)
    trial_referral_date: Mapped[dt.date | None] = mapped_column(Date)
    trial_concluded_date: Mapped[dt.date | None] = mapped_column(Date)
    closing_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    eight_rules: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    eight_rules_type: Mapped[str | None] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text, default="")
    filing_approver_id: Mapped[int | None] = mapped_column(Integer)   # a user id (see Lead.work_plan_approver_id)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)   # brought in by import-ledger
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # 审理意见, entered with 审结; 免予/不予处分 reason of a 结案 without any measure (services.casework.stage_rules)
    trial_opinion: Mapped[str | None] = mapped_column(Text)
    no_sanction_reason: Mapped[str | None] = mapped_column(Text)

    persons: Mapped[list["Person"]] = relationship(back_populates="case", foreign_keys="Person.case_id",
                                                   order_by="Person.id")


class Person(Versioned, Base):
    """A person complained about in a lead, or investigated in a case (被调查人).

    A case opened from a lead carries the same row (``case_id`` set beside ``lead_id``), so the
    person counts once in "distinct persons" figures.
    """

    __tablename__ = "persons"
    __table_args__ = (
        one_of("rank", Rank.codes(), "rank", nullable=True),
        CheckConstraint("lead_id IS NOT NULL OR case_id IS NOT NULL", name="in_lead_or_case"),
        Index("ix_persons_name_unit", "name", "unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    gender: Mapped[str] = mapped_column(String(4), default="")
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    birth_month: Mapped[dt.date | None] = mapped_column(Date)
    party_join_date: Mapped[dt.date | None] = mapped_column(Date)
    unit: Mapped[str] = mapped_column(String(100), default="")
    post: Mapped[str] = mapped_column(String(100), default="")
    rank: Mapped[str | None] = mapped_column(String(30), index=True)
    is_party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    # False: membership not yet confirmed (unknown at intake); is_party_member then means nothing
    party_membership_known: Mapped[bool] = mapped_column(Boolean, default=True)
    # optional ID number, encrypted like a complainant's; the blind index makes one person of two cases
    id_number_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_number_index: Mapped[str | None] = mapped_column(String(64), index=True)
    is_supervised_object: Mapped[bool] = mapped_column(Boolean, default=True)
    self_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    amount_confiscated: Mapped[Decimal] = mapped_column(Numeric(14, 4), default=Decimal(0))  # 收缴, 万元
    amount_seized: Mapped[Decimal] = mapped_column(Numeric(14, 4), default=Decimal(0))  # 没收, 万元
    amount_restitution: Mapped[Decimal] = mapped_column(Numeric(14, 4), default=Decimal(0))  # 责令退赔, 万元

    lead: Mapped[Lead | None] = relationship(back_populates="persons", foreign_keys=[lead_id])
    case: Mapped[Case | None] = relationship(back_populates="persons", foreign_keys=[case_id])
    measures: Mapped[list["Measure"]] = relationship(back_populates="person", order_by="Measure.id")


class Measure(Versioned, Base):
    """A party sanction, a government sanction or an organizational handling of one person."""

    __tablename__ = "measures"
    __table_args__ = (
        one_of("category", MeasureCategory.codes(), "category"),
        one_of("kind", all_measure_kind_codes(), "kind"),
        CheckConstraint("form IS NULL OR form BETWEEN 1 AND 4", name="form_range"),
        CheckConstraint("lead_id IS NOT NULL OR case_id IS NOT NULL", name="in_lead_or_case"),
        Index("ix_measures_kind_date", "kind", "decision_date"),
        Index("ix_measures_report", "decision_date", "person_id", "category", "kind"),  # the monthly report
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    category: Mapped[str] = mapped_column(String(30), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    decision_date: Mapped[dt.date] = mapped_column(Date, index=True)
    document_number: Mapped[str] = mapped_column(String(80), default="")
    effect_end: Mapped[dt.date | None] = mapped_column(Date, index=True)
    form: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    # True for a measure recorded since 处分执行 is kept (migration 0006 sets False on older rows): an
    # older sanction's 宣布 is not owed on the due list once its case is closed, the rule of before
    execution_tracked: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship(back_populates="measures")
