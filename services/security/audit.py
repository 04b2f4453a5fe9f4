"""The append-only, hash-chained audit log.

An event is numbered, hashed and inserted when its transaction commits (or when a checkpoint
needs the head), not when ``record`` is called: the last event of a transaction then carries
the digests of every audited row the transaction wrote (``row_digests``, see
``services/security/row_digest.py``), so the chain states what each row looked like as the app wrote it.
A transaction that writes audited rows without recording an event gets a ``row.digest`` event.

``hash`` = SHA-256 of ``_canonical(...)``: the sorted, compact JSON of id, time (UTC,
microseconds), user id, username, action, entity, entity id, detail JSON, the previous hash and,
when not empty, the row digests (so events written before digests existed keep their hashes).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from weakref import WeakSet

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session

from models import AuditEvent, utcnow
from models.db import LOCK_AUDIT_CHAIN, advisory_xact_lock

from services.security import row_digest

GENESIS = "0" * 64
_PENDING = "audit.pending_events"
_ACTOR = "audit.last_actor"
_BATCH = 200
_ROWS_BATCH = 2000
_COLUMNS = ("id", "at", "user_id", "username", "action", "entity", "entity_id", "detail_json", "prev_hash", "hash")
_DIGEST_COLUMN: WeakSet = WeakSet()  # engines whose audit_events has row_digests


def _canonical(event_id: int, at: dt.datetime, user_id, username: str, action: str, entity: str,
               entity_id: str, detail_json: str, prev_hash: str, rows: str = "") -> bytes:
    body = {
        "id": event_id, "at": at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"),
        "user_id": user_id, "username": username, "action": action, "entity": entity,
        "entity_id": entity_id, "detail": detail_json, "prev": prev_hash,
    }
    if rows:
        body["rows"] = rows
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def event_hash(ev: AuditEvent) -> str:
    return hashlib.sha256(_canonical(ev.id, ev.at, ev.user_id, ev.username, ev.action, ev.entity, ev.entity_id,
                                     ev.detail_json, ev.prev_hash, ev.row_digests or "")).hexdigest()


def _json_default(value: Any):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def record(session: Session, actor, action: str, entity: str = "", entity_id: Any = "",
           detail: dict | None = None, *, at: dt.datetime | None = None) -> AuditEvent:
    """Append an event to the caller's transaction. ``actor`` has ``id`` and ``username``, or is None.

    The caller's changes are flushed now; the event is numbered and written at commit.
    """
    session.flush()
    ev = AuditEvent(at=at or utcnow(), user_id=getattr(actor, "id", None),
                    username=getattr(actor, "username", "") or "", action=action, entity=entity,
                    entity_id=str(entity_id),
                    detail_json=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=_json_default),
                    row_digests="")
    pending = session.info.setdefault(_PENDING, [])
    pending.append(ev)
    session.info[_ACTOR] = actor
    if len(pending) >= _BATCH or row_digest.pending_rows(session) >= _ROWS_BATCH:
        write_pending(session)  # a long import: keep each event's row digests (and memory) small
    return ev


def _has_digest_column(session: Session) -> bool:
    """Whether the database is at 0005 or later (only a test fills an older schema with today's code)."""
    engine = session.get_bind().engine
    if engine in _DIGEST_COLUMN:
        return True
    names = {c["name"] for c in inspect(session.connection()).get_columns("audit_events")}
    if "row_digests" in names:
        _DIGEST_COLUMN.add(engine)
        return True
    return False


def write_pending(session: Session) -> None:
    """Number, hash and insert the transaction's events so far, the last one with the row digests."""
    session.flush()
    with_rows = _has_digest_column(session)
    rows = row_digest.take(session) if with_rows else ""
    if not with_rows:
        row_digest.forget(session)
    events = session.info.pop(_PENDING, [])
    if rows and not events:
        actor = session.info.get(_ACTOR)
        events = [AuditEvent(at=utcnow(), user_id=getattr(actor, "id", None),
                             username=getattr(actor, "username", "") or "", action="row.digest", entity="",
                             entity_id="", detail_json="{}", row_digests="")]
    if not events:
        return
    events[-1].row_digests = rows
    # Several writers on a server: one at a time reads the head and appends, until its commit.
    advisory_xact_lock(session, LOCK_AUDIT_CHAIN)
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_id, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    values = []
    for ev in events:
        prev_id += 1
        ev.id, ev.prev_hash = prev_id, prev_hash
        ev.hash = prev_hash = event_hash(ev)
        values.append({c: getattr(ev, c) for c in _COLUMNS + (("row_digests",) if with_rows else ())})
    session.execute(insert(AuditEvent.__table__), values)


@event.listens_for(Session, "before_commit")
def _write_at_commit(session: Session) -> None:
    write_pending(session)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
        session.info.pop(_ACTOR, None)
        row_digest.forget(session)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head: str
    first_broken_id: int | None = None
    reason: str = ""

    def message(self) -> str:
        if self.ok:
            return f"审计日志完整：共 {self.count} 条记录，链头 {self.head[:16]}…"
        return f"审计日志校验失败：第 {self.first_broken_id} 条记录{self.reason}"


def head(session: Session) -> str:
    h = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    return h or GENESIS


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in id order; name the first event whose link or hash is wrong."""
    prev_hash, expected_id, count = GENESIS, 1, 0
    last_id = 0
    while True:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            break
        for ev in rows:
            if ev.id != expected_id:
                return ChainReport(False, count, prev_hash, expected_id, "缺失（记录被删除）")
            if ev.prev_hash != prev_hash:
                return ChainReport(False, count, prev_hash, ev.id, "与上一条记录的链接不符")
            if event_hash(ev) != ev.hash:
                return ChainReport(False, count, prev_hash, ev.id, "内容已被篡改（哈希不符）")
            prev_hash, expected_id, count = ev.hash, ev.id + 1, count + 1
        last_id = rows[-1].id
        session.expunge_all()
    return ChainReport(True, count, prev_hash)


def hash_at(session: Session, event_id: int) -> str | None:
    """The stored hash of event ``event_id`` (GENESIS for 0), None when there is no such event."""
    if event_id == 0:
        return GENESIS
    return session.execute(select(AuditEvent.hash).where(AuditEvent.id == event_id)).scalar()


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def events_for(session: Session, entity: str, entity_id: Any) -> list[AuditEvent]:
    return list(session.execute(
        select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.id)).scalars())
