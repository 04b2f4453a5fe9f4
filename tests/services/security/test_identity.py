"""Whistleblower identities: sealed at rest, revealed only to permitted users, every view audited."""
import datetime as dt
import sqlite3

import pytest
from sqlalchemy import select

from models import AuditEvent, Complaint
from services.errors import IntegrityFailure, PermissionDenied
from services.security import identity, users
from tests.conftest import ADMIN_PASSWORD

NAME, PHONE, IDNO, ADDR = "李秀英", "13812345678", "11010519491231002X", "青山镇东街12号"


def _complaint(ws, s, number="XF2026-0001"):
    c = Complaint(number=number, year=2026, seq=int(number[-4:]), received_date=dt.date(2026, 11, 2),
                  channel="letter", kind="accusation", signature="real_name")
    s.add(c)
    s.flush()
    identity.seal(ws, s, c, name=NAME, phone=PHONE, id_number=IDNO, address=ADDR)
    return c.id


def test_sqlite_file_holds_no_plaintext_identity(ws):
    # SQLite only: it reads the file's pages and WAL (the server's counterpart greps a pg_dump: test_server_database)
    with ws.transaction() as s:
        _complaint(ws, s)
    ws.engine.dispose()
    con = sqlite3.connect(ws.db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = ws.db_path.read_bytes() + (ws.db_path.with_name(ws.db_path.name + "-wal").read_bytes()
                                     if ws.db_path.with_name(ws.db_path.name + "-wal").exists() else b"")
    for secret in (NAME, PHONE, IDNO, "青山镇东街12号"):
        assert secret.encode("utf-8") not in raw, secret
    assert '"phone": "138****"'.encode() in raw  # the masked preview is what lists may show


def test_reveal_is_audited_and_masked_view_for_others(ws):
    with ws.transaction() as s:
        cid = _complaint(ws, s)
    with ws.transaction() as s:
        assert identity.reveal(ws, s, cid) == {"name": NAME, "phone": PHONE, "id_number": IDNO, "address": ADDR}
    with ws.reading() as s:
        c = s.get(Complaint, cid)
        m = identity.masked(c)
        assert m["name"].startswith("李") and NAME not in m["name"] and m["phone"] == "138****"
        views = s.execute(select(AuditEvent).where(AuditEvent.action == "identity.view")).scalars().all()
        assert len(views) == 1 and views[0].entity_id == str(cid)
        assert NAME not in views[0].detail_json and PHONE not in views[0].detail_json


def test_ciphertext_moved_to_another_row_is_refused(ws):
    with ws.transaction() as s:
        a = _complaint(ws, s, "XF2026-0001")
        b = _complaint(ws, s, "XF2026-0002")
        ca, cb = s.get(Complaint, a), s.get(Complaint, b)
        cb.complainant_name_enc = ca.complainant_name_enc
    with pytest.raises(IntegrityFailure, match="不匹配"):
        with ws.transaction() as s:
            identity.reveal(ws, s, b)


def test_admin_without_right_cannot_read(ws):
    users.create_user(ws, "sysadmin", "管理员", "longenough", ["admin"])
    users.login(ws, "sysadmin", "longenough")
    assert not identity.has_key(ws)
    with pytest.raises(PermissionDenied):
        with ws.transaction() as s:
            identity.reveal(ws, s, 1)


def test_new_clerk_gets_key_from_unlocked_creator_and_keeps_it_over_password_change(ws):
    with ws.transaction() as s:
        cid = _complaint(ws, s)
    users.create_user(ws, "li", "李四", "clerk-pass-1", ["clerk"])
    users.login(ws, "li", "clerk-pass-1")
    users.change_password(ws, "clerk-pass-1", "clerk-pass-2")
    users.login(ws, "li", "clerk-pass-2")
    with ws.transaction() as s:
        assert identity.reveal(ws, s, cid)["phone"] == PHONE


def test_clerk_created_by_plain_admin_needs_a_grant(ws):
    with ws.transaction() as s:
        cid = _complaint(ws, s)
    users.create_user(ws, "sysadmin", "管理员", "longenough", ["admin"])
    users.login(ws, "sysadmin", "longenough")
    users.create_user(ws, "zhao", "赵六", "clerk-pass-1", ["clerk"])
    users.login(ws, "zhao", "clerk-pass-1")
    with pytest.raises(PermissionDenied, match="未解锁"):
        with ws.transaction() as s:
            identity.reveal(ws, s, cid)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.grant_identity(ws, "zhao")  # sealed to zhao's key pair: zhao need not be there
    users.login(ws, "zhao", "clerk-pass-1")
    with ws.transaction() as s:
        assert identity.reveal(ws, s, cid)["name"] == NAME


def test_blind_index_finds_by_phone_without_plaintext(ws):
    with ws.transaction() as s:
        cid = _complaint(ws, s)
    key = identity.index_for(ws, "phone", "+86 138-1234-5678")
    with ws.reading() as s:
        found = s.execute(select(Complaint.id).where(Complaint.complainant_phone_index == key)).scalars().all()
    assert found == [cid]
    users.logout(ws)
    assert identity.index_for(ws, "phone", PHONE) is None
