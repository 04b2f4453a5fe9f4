import pytest
from sqlalchemy.exc import DatabaseError

from services.security import audit
from tests.helpers.outside_sql import run_outside

pytestmark = pytest.mark.both_db


def test_chain_verifies_and_grows(ws):
    with ws.reading() as s:
        before = audit.verify_chain(s)
    assert before.ok and before.count >= 2
    with ws.transaction() as s:
        audit.record(s, ws.current_user, "test.action", "thing", 1, {"a": "甲"})
    with ws.reading() as s:
        after = audit.verify_chain(s)
        assert after.ok and after.count == before.count + 1
        assert audit.head(s) == after.head != before.head


def test_audit_rows_cannot_be_updated_or_deleted(ws):
    for sql in ("UPDATE audit_events SET action='x' WHERE id=1", "DELETE FROM audit_events WHERE id=1"):
        with pytest.raises(DatabaseError, match="append-only"):
            with ws.transaction() as s:
                s.connection().exec_driver_sql(sql)


def test_verify_names_first_tampered_event(ws):
    with ws.transaction() as s:
        for i in range(5):
            audit.record(s, ws.current_user, "test.action", "thing", i, {"i": i})
    run_outside(ws, "UPDATE audit_events SET detail_json='{\"i\": 99}' WHERE id=4")
    with ws.reading() as s:
        rep = audit.verify_chain(s)
    assert not rep.ok and rep.first_broken_id == 4
    assert "篡改" in rep.message()


def test_verify_names_deleted_event(ws):
    with ws.transaction() as s:
        for i in range(4):
            audit.record(s, ws.current_user, "test.action", "thing", i, {})
    run_outside(ws, "DELETE FROM audit_events WHERE id=3")
    with ws.reading() as s:
        rep = audit.verify_chain(s)
    assert not rep.ok and rep.first_broken_id == 3 and "删除" in rep.reason
