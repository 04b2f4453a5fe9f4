"""Writing the demo's rows: the tables in insert order, the batch writer thread, what is there already."""
from __future__ import annotations

import datetime as dt
import queue
import threading
from collections import deque

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models import (Case, ComplainantContact, Complaint, ComplaintSubject, ExecutionStep, FollowUpVisit, InquiryLetter,
                    Lead, LedgerEntry, LedgerLeader, Measure, Person, Referral, SanctionExecution, TalkRecord, User,
                    UserRole)
from models import search

from services.security import audit
from services.storage.workspace import Workspace


TABLES = (("complaints", Complaint), ("complaint_subjects", ComplaintSubject), ("referrals", Referral),
          ("complainant_contacts", ComplainantContact), ("leads", Lead), ("cases", Case), ("persons", Person),
          ("measures", Measure), ("ledger_entries", LedgerEntry), ("ledger_leaders", LedgerLeader),
          ("inquiry_letters", InquiryLetter), ("talk_records", TalkRecord), ("sanction_executions", SanctionExecution),
          ("execution_steps", ExecutionStep), ("follow_up_visits", FollowUpVisit))


class BatchWriter:
    """Writes batches from a worker thread, one transaction (and one audit event) per batch.

    SQLite's own work (index upkeep, the full-text triggers) runs without the GIL, so it overlaps with
    generating the next batch. The queue holds one batch: memory stays bounded and there is one writer.
    """

    def __init__(self, ws: Workspace, seed: int, end: dt.date):
        self.ws, self.seed, self.end = ws, seed, end
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.discard = False
        self.done: deque[int] = deque()  # complaints written so far, one entry per finished batch
        self.written = 0
        self.thread = threading.Thread(target=self._loop, name="demo-writer", daemon=True)
        self.thread.start()

    def put(self, batch: int, rows: dict[str, list[dict]], counts: dict[str, int]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((batch, rows, counts))

    def close(self, discard: bool = False) -> None:
        self.discard = discard
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and not discard:
            raise self.error

    def _loop(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is not None or self.discard:
                continue
            try:
                self._write(*item)
            except BaseException as exc:  # re-raised in the generating thread
                self.error = exc

    def _write(self, batch: int, rows: dict[str, list[dict]], counts: dict[str, int]) -> None:
        with self.ws.transaction() as s:
            conn = s.connection()
            complaints = rows["complaints"]
            span = (complaints[0]["id"], complaints[-1]["id"]) if complaints else None
            with search.bulk_indexing(conn, lambda: span):
                for name, model in TABLES:
                    if rows[name]:
                        conn.execute(insert(model.__table__), rows[name])
            audit.record(s, self.ws.current_user, "demo.generate", "demo", str(batch),
                         {"seed": self.seed, "end": self.end, "batch": batch, "counts": counts,
                          "first": complaints[0]["number"] if complaints else "",
                          "last": complaints[-1]["number"] if complaints else ""})
        if counts["complaints"]:
            self.written += counts["complaints"]
            self.done.append(self.written)


def max_seq(s: Session, model, prefix: str) -> int:
    if model is Complaint:
        return s.execute(select(func.max(Complaint.seq)).where(Complaint.year == int(prefix[-5:-1]))).scalar() or 0
    number = s.execute(select(model.number).where(model.number.like(prefix + "%"))
                       .order_by(func.length(model.number).desc(), model.number.desc()).limit(1)).scalar()
    if not number:
        return 0
    tail = number[len(prefix):]
    return int(tail) if tail.isdigit() else 0


def staff(s: Session) -> dict[str, list[tuple[int, str]]]:
    """Active users by role as (id, display name), in id order."""
    out: dict[str, list[tuple[int, str]]] = {"admin": [], "secretary": [], "officer": [], "clerk": []}
    rows = s.execute(select(User.id, User.display_name, UserRole.role).join(UserRole)
                     .where(User.is_active.is_(True)).order_by(User.id, UserRole.role)).all()
    for uid, name, role in rows:
        out.setdefault(role, []).append((uid, name))
    return out
