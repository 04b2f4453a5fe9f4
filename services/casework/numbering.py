"""Per-year sequence numbers: XF2026-0001 for complaints, XS… leads, LA… cases, TZ… ledger entries.

The number is taken inside the caller's write transaction; SQLite's single writer (BEGIN IMMEDIATE)
makes "read the highest, add one" safe, and the unique constraints catch anything else. On PostgreSQL
several desks write at once: a transaction-level advisory lock per kind and year is taken first, so
the next registrant reads the highest number only after the holder committed (or rolled back, which
frees its number: the year's numbers stay gapless).
The prefix comes from settings and may change; complaints count per year whatever the prefix.
"""
from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Case, Complaint, Lead, LedgerEntry
from models.db import LOCK_NUMBERING, advisory_xact_lock

from services.storage import settings

_PREFIX = {"complaint": settings.COMPLAINT_PREFIX, "lead": settings.LEAD_PREFIX,
           "case": settings.CASE_PREFIX, "ledger": settings.LEDGER_PREFIX}
_MODEL = {"lead": Lead, "case": Case, "ledger": LedgerEntry}


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}{year}-{seq:04d}"


def prefix_for(session: Session, kind: str) -> str:
    return (settings.get(session, _PREFIX[kind]) or "").strip()


def next_complaint_number(session: Session, year: int) -> tuple[str, int]:
    """(number, seq) for the next complaint received in ``year``."""
    advisory_xact_lock(session, LOCK_NUMBERING, year * 10)
    last = session.execute(select(func.max(Complaint.seq)).where(Complaint.year == year)).scalar()
    seq = (last or 0) + 1
    return format_number(prefix_for(session, "complaint"), year, seq), seq


def seq_of_imported(number: str, taken: set[int]) -> int:
    """The sequence of a complaint imported under its own number: the number's trailing digits, or the
    year's next free one when those are missing or taken; ``taken`` (the year's sequences) gains it."""
    m = re.search(r"[^0-9]([0-9]{1,6})$", number)
    seq = int(m[1]) if m else 0
    if seq <= 0 or seq in taken:
        seq = max(taken, default=0) + 1
    taken.add(seq)
    return seq


def next_number(session: Session, kind: str, year: int) -> str:
    """The next number for a lead, case or ledger entry of ``year`` under the current prefix."""
    model = _MODEL[kind]
    advisory_xact_lock(session, LOCK_NUMBERING, year * 10 + 1 + list(_MODEL).index(kind))
    head = f"{prefix_for(session, kind)}{year}-"
    # A range on the unique index instead of LIKE (which SQLite would not index).
    numbers = session.execute(
        select(model.number).where(model.number >= head, model.number < head[:-1] + ".")
        .order_by(func.length(model.number).desc(), model.number.desc()).limit(20)).scalars()
    pattern = re.compile(re.escape(head) + r"(\d+)$")
    seq = max((int(m.group(1)) for m in map(pattern.match, numbers) if m), default=0)
    return format_number(head[:-len(f"{year}-")], year, seq + 1)
