"""Signed checkpoints of the audit chain (see services/security/audit_checkpoints.py for the rules)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class AuditCheckpoint(Base):
    """The chain's length and head at a moment (定稿, 报送包, or by hand), signed when the key was at hand.

    ``prev_digest`` is the SHA-256 of the previous checkpoint's signed message, so a signature
    covers every earlier checkpoint too. Append-only like the audit log (triggers in 0005).
    """

    __tablename__ = "audit_checkpoints"
    __table_args__ = (CheckConstraint("event_count >= 0", name="count_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    org_code: Mapped[str] = mapped_column(String(40))
    event_count: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    trigger: Mapped[str] = mapped_column(String(20), index=True)  # finalize | package | manual
    ref: Mapped[str] = mapped_column(String(100), default="")
    prev_digest: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    signer_cert_pem: Mapped[str | None] = mapped_column(Text)
