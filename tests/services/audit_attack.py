"""The attacker's tools for the audit-chain tests: plain sqlite3 on the database file, no app code
except ``audit._canonical`` (the hash rule is no secret) and the checkpoint message layout."""
from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

from models import AuditCheckpoint
from services.security import audit, audit_checkpoints

UTC = dt.timezone.utc


def attack(db, *sql, params=()) -> None:
    """Drop the append-only triggers, then run ``sql``."""
    con = sqlite3.connect(db)
    for table in ("audit_events", "audit_checkpoints"):
        con.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        con.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    for statement in sql:
        con.execute(statement, params)
    con.commit()
    con.close()


def rewrite_without(db, victim: int, *, fix_checkpoints: bool = False) -> None:
    """Delete event ``victim``, renumber and rehash every later one (and, optionally, the checkpoints)."""
    attack(db, "DELETE FROM audit_events WHERE id = ?", params=(victim,))
    con = sqlite3.connect(db)
    prev = con.execute("SELECT hash FROM audit_events WHERE id = ?", (victim - 1,)).fetchone()[0]
    rows = con.execute("SELECT id, at, user_id, username, action, entity, entity_id, detail_json, row_digests "
                       "FROM audit_events WHERE id > ? ORDER BY id", (victim,)).fetchall()
    new_hash = {}
    for old_id, at, uid, uname, action, entity, eid, detail, rows_json in rows:
        when = dt.datetime.fromisoformat(at).replace(tzinfo=UTC)
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
    con.commit()
    con.close()


def checkpoint_row(at: str, org: str, count: int, head: str, trigger: str, ref: str, prev: str) -> AuditCheckpoint:
    """A checkpoint as its stored columns say (to rebuild the signed message)."""
    return AuditCheckpoint(created_at=dt.datetime.fromisoformat(at).replace(tzinfo=UTC), org_code=org,
                           event_count=count, head_hash=head, trigger=trigger, ref=ref, prev_digest=prev)
