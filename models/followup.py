"""The work around the decisions (DOMAIN §9): referrals, 告知/反馈, 函询 letters, talks, sanction execution, 回访.

Each is a dated record of its own, kept beside the complaint, lead, case or measure it belongs to,
so that the due list, the timeline and the print sheets read one place.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, one_of, utcnow
from .enums import (ContactKind, ContactMethod, ExecutionItem, FeedbackResponse, FollowUpForm, InquiryAssessment,
                    InquiryOutcome, TalkKind)
from .versioning import Versioned


class Referral(Versioned, Base):
    """转办/交办 of a complaint to another body (受理单位), chased until its reply is in."""

    __tablename__ = "referrals"
    __table_args__ = (CheckConstraint("reply_date IS NULL OR reply_date >= sent_date", name="reply_after_sending"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="RESTRICT"), index=True)
    to_body: Mapped[str] = mapped_column(String(100))
    sent_date: Mapped[dt.date] = mapped_column(Date, index=True)
    document_number: Mapped[str] = mapped_column(String(80), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    reminders: Mapped[str] = mapped_column(Text, default="")   # one ISO date per line: 催办 sent
    reply_date: Mapped[dt.date | None] = mapped_column(Date)
    reply_result: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ComplainantContact(Base):
    """受理告知 or 结果反馈 given to a 实名 complainant: how, when, by whom, and (反馈) the response."""

    __tablename__ = "complainant_contacts"
    __table_args__ = (
        one_of("kind", ContactKind.codes(), "kind"),
        one_of("method", ContactMethod.codes(), "method"),
        one_of("response", FeedbackResponse.codes(), "response", nullable=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    contact_date: Mapped[dt.date] = mapped_column(Date, index=True)
    method: Mapped[str] = mapped_column(String(20))
    by_whom: Mapped[str] = mapped_column(String(100), default="")
    response: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class InquiryLetter(Versioned, Base):
    """One round of 函询 on a lead disposed by 谈话函询: the letter, the written explanation, the assessment."""

    __tablename__ = "inquiry_letters"
    __table_args__ = (
        one_of("assessment", InquiryAssessment.codes(), "assessment", nullable=True),
        one_of("outcome", InquiryOutcome.codes(), "outcome", nullable=True),
        CheckConstraint("reply_date IS NULL OR reply_date >= sent_date", name="reply_after_sending"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    recipient: Mapped[str] = mapped_column(String(40), default="")
    sent_date: Mapped[dt.date] = mapped_column(Date, index=True)
    reply_due: Mapped[dt.date] = mapped_column(Date, index=True)
    reply_date: Mapped[dt.date | None] = mapped_column(Date)
    reply_attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    assessment: Mapped[str | None] = mapped_column(String(30))
    assessment_date: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(30))
    closing_letter_date: Mapped[dt.date | None] = mapped_column(Date)   # 了结 letter, for 采信了结
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class TalkRecord(Base):
    """A talk held and recorded (谈话提醒, 廉政谈话, 诫勉, 函询谈话): at least two distinct interviewers."""

    __tablename__ = "talk_records"
    __table_args__ = (
        one_of("kind", TalkKind.codes(), "kind"),
        # CAST: PostgreSQL does not add booleans (SQLite's 0/1 are the same either way).
        CheckConstraint("CAST(lead_id IS NOT NULL AS INTEGER) + CAST(case_id IS NOT NULL AS INTEGER) <= 1",
                        name="at_most_one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    talk_date: Mapped[dt.date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    interviewers: Mapped[str] = mapped_column(String(200))          # names, "、"-separated, ≥ 2 distinct
    person_name: Mapped[str] = mapped_column(String(40))
    person_unit: Mapped[str] = mapped_column(String(100), default="")
    person_post: Mapped[str] = mapped_column(String(100), default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    record_attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SanctionExecution(Versioned, Base):
    """处分执行 of one measure: 宣布, delivery to the person, 档案 filing (one row per measure)."""

    __tablename__ = "sanction_executions"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="RESTRICT"), unique=True)
    announced_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    delivered_date: Mapped[dt.date | None] = mapped_column(Date)
    filed_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ExecutionStep(Base):
    """An execution item of a sanction (post, pay …) carried out on a date."""

    __tablename__ = "execution_steps"
    __table_args__ = (one_of("item", ExecutionItem.codes(), "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="RESTRICT"), index=True)
    item: Mapped[str] = mapped_column(String(20))
    done_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class FollowUpVisit(Base):
    """回访教育 of a sanctioned person during the effect period."""

    __tablename__ = "follow_up_visits"
    __table_args__ = (one_of("form", FollowUpForm.codes(), "form"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="RESTRICT"), index=True)
    visit_date: Mapped[dt.date] = mapped_column(Date, index=True)
    form: Mapped[str] = mapped_column(String(20))
    by_whom: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
