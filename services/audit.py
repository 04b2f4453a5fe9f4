"""The append-only, hash-chained audit log."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import AuditEvent, utcnow

GENESIS = "0" * 64


def _canonical(event_id: int, at: dt.datetime, user_id, username: str, action: str, entity: str,
               entity_id: str, detail_json: str, prev_hash: str) -> bytes:
    body = {
        "id": event_id, "at": at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"),
        "user_id": user_id, "username": username, "action": action, "entity": entity,
        "entity_id": entity_id, "detail": detail_json, "prev": prev_hash,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _json_default(value: Any):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def record(session: Session, actor, action: str, entity: str = "", entity_id: Any = "",
           detail: dict | None = None, *, at: dt.datetime | None = None) -> AuditEvent:
    """Append an event in the caller's transaction. ``actor`` has ``id`` and ``username``, or is None."""
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_id, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    at = at or utcnow()
    user_id = getattr(actor, "id", None)
    username = getattr(actor, "username", "") or ""
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=_json_default)
    event_id = prev_id + 1
    digest = hashlib.sha256(_canonical(event_id, at, user_id, username, action, entity, str(entity_id),
                                       detail_json, prev_hash)).hexdigest()
    ev = AuditEvent(id=event_id, at=at, user_id=user_id, username=username, action=action, entity=entity,
                    entity_id=str(entity_id), detail_json=detail_json, prev_hash=prev_hash, hash=digest)
    session.add(ev)
    session.flush()
    return ev


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
            digest = hashlib.sha256(_canonical(ev.id, ev.at, ev.user_id, ev.username, ev.action, ev.entity,
                                               ev.entity_id, ev.detail_json, ev.prev_hash)).hexdigest()
            if digest != ev.hash:
                return ChainReport(False, count, prev_hash, ev.id, "内容已被篡改（哈希不符）")
            prev_hash, expected_id, count = ev.hash, ev.id + 1, count + 1
        last_id = rows[-1].id
        session.expunge_all()
    return ChainReport(True, count, prev_hash)


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def events_for(session: Session, entity: str, entity_id: Any) -> list[AuditEvent]:
    return list(session.execute(
        select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.id)).scalars())
