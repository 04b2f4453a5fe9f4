"""The attacker's tools for the audit-chain tests: SQL outside the app (sqlite3 on the file, or the server's
superuser: tests.helpers.outside_sql), no app code except ``audit._canonical`` (the hash rule is no secret)
and the checkpoint message layout."""
from __future__ import annotations

import datetime as dt
import hashlib
from models import AuditCheckpoint
from services.security import audit, audit_checkpoints
from tests.helpers.outside_sql import outside

UTC = dt.timezone.utc


def attack(ws, *sql, params=()) -> None:
    """Run ``sql`` on ``ws``'s database outside the app, the append-only triggers out of the way."""
    with outside(ws) as con:
        for statement in sql:
            con.execute(statement, params)


def _when(at) -> dt.datetime:
    """A stored timestamp (text on SQLite, a timestamp on the server) as an aware UTC datetime."""
    return (dt.datetime.fromisoformat(at) if isinstance(at, str) else at).replace(tzinfo=UTC)


def rewrite_without(ws, victim: int, *, fix_checkpoints: bool = False) -> None:
    """Delete event ``victim``, renumber and rehash every later one (and, optionally, the checkpoints)."""
    with outside(ws) as con:
        _rewrite(con, victim, fix_checkpoints)


def _rewrite(con, victim: int, fix_checkpoints: bool) -> None:
    con.execute("DELETE FROM audit_events WHERE id = ?", (victim,))
    prev = con.execute("SELECT hash FROM audit_events WHERE id = ?", (victim - 1,)).fetchone()[0]
    rows = con.execute("SELECT id, at, user_id, username, action, entity, entity_id, detail_json, row_digests "
                       "FROM audit_events WHERE id > ? ORDER BY id", (victim,)).fetchall()
    new_hash = {}
    for old_id, at, uid, uname, action, entity, eid, detail, rows_json in rows:
        when = _when(at)
        h = hashlib.sha256(audit._canonical(old_id - 1, when, uid, uname, action, entity, eid, detail, prev,
                                            rows_json)).hexdigest()
        con.execute("UPDATE audit_events SET id = ?, prev_hash = ?, hash = ? WHERE id = ?", (old_id - 1, prev, h, old_id))
        new_hash[old_id - 1], prev = h, h
    if fix_checkpoints:  # make every checkpoint agree with the new chain, links included
        prev_digest = audit.GENESIS
        for cid, at, org, count, trigger, ref in con.execute(
                "SELECT id, created_at, org_code, event_count, trigger, ref FROM audit_checkpoints ORDER BY id").fetchall():
            count = count - 1 if count >= victim else count
            head = new_hash.get(count) or con.execute("SELECT hash FROM audit_events WHERE id = ?", (count,)).fetchone()[0]
            cp = checkpoint_row(at, org, count, head, trigger, ref, prev_digest)
            con.execute("UPDATE audit_checkpoints SET event_count = ?, head_hash = ?, prev_digest = ? WHERE id = ?",
                        (count, head, prev_digest, cid))
            prev_digest = audit_checkpoints.message_digest(cp)


def checkpoint_row(at, org: str, count: int, head: str, trigger: str, ref: str, prev: str) -> AuditCheckpoint:
    """A checkpoint as its stored columns say (to rebuild the signed message)."""
    return AuditCheckpoint(created_at=_when(at), org_code=org,
                           event_count=count, head_hash=head, trigger=trigger, ref=ref, prev_digest=prev)
