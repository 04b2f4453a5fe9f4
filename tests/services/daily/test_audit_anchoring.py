"""Attacks on the audit chain with the database in hand (sqlite3 on the file, or the server's superuser),
not the keys.

Each test does to the real database what an attacker would, then asks ``audit verify`` or
``check --deep`` (the CLI, in-process) what a user would see; those marked ``both_db`` on either backend.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from sqlalchemy import select

from models import AuditCheckpoint, AuditEvent
from services.reporting import monthly_report
from services.security import audit, audit_checkpoints
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.outside_sql import outside, run_cli_on
from tests.services.audit_attack import attack as _attack, checkpoint_row
from tests.services.audit_attack import rewrite_without as _rewrite_without
from tests.services.submission.conftest import TOWN_PASS, certify, make_county, make_ws
from tests.helpers.verification import approve_plan

D = dt.date


def _events(ws, action):
    """(detail, row digests) of each event of ``action``."""
    with ws.reading() as s:
        return [(json.loads(e.detail_json), json.loads(e.row_digests or "{}"))
                for e in s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars()]


@pytest.fixture
def signed(ws, tmp_path):
    """The township with its county-issued key, a finalized October (unsigned checkpoint) and a
    signed checkpoint after more work."""
    county = make_county(tmp_path / "county")
    certify(ws, county)
    county.close()
    monthly_report.finalize(ws, "2026-10")
    with ws.transaction() as s:
        for i in range(5):
            audit.record(s, ws.current_user, "test.work", "thing", i, {"i": i})
    audit_checkpoints.sign_now(ws, TOWN_PASS)
    return ws


# ---------------------------------------------------------------- checkpoints

def test_every_finalize_and_package_leaves_a_checkpoint_that_verifies(signed, capsys):
    with signed.reading() as s:
        cps = list(s.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.id)).scalars())
        finalize_event = [e for e in audit.events_for(s, "monthly_report", "2026-10") if e.action == "report.finalize"][0]
        assert [(c.trigger, c.ref, c.signature is not None) for c in cps] == [("finalize", "2026-10/r1", False),
                                                                             ("manual", "", True)]
        assert cps[0].event_count == finalize_event.id and cps[0].head_hash == finalize_event.hash
        assert cps[1].prev_digest == audit_checkpoints.message_digest(cps[0])
    code, out = run_cli_on(capsys, signed, "audit", "verify")
    assert code == 0, out
    assert "审计检查点 2 个全部与审计日志一致（其中 1 个已签名）" in out


@pytest.mark.both_db
def test_deleting_the_last_events_is_caught_by_the_checkpoint(ws, capsys):
    monthly_report.finalize(ws, "2026-10")
    with ws.reading() as s:
        [count] = s.execute(select(AuditCheckpoint.event_count)).scalars().all()
    with ws.transaction() as s:
        for i in range(3):
            audit.record(s, ws.current_user, "test.work", "thing", i, {})
    # Cut the last 5 events: the three after the checkpoint and two it covers.
    _attack(ws, f"DELETE FROM audit_events WHERE id > {count - 2}")
    with ws.reading() as s:
        assert audit.verify_chain(s).ok  # the cut chain is still a valid chain
    code, out = run_cli_on(capsys, ws, "audit", "verify")
    assert code == 1
    assert (f"第 {count} 条已不存在——审计日志被截断（最后的记录被删除）") in out
    assert "月报定稿 2026-10/r1" in out


@pytest.mark.both_db
def test_limit_events_after_the_last_checkpoint_can_be_cut_unnoticed(ws, capsys):
    """Documented limit: what no checkpoint covers yet can be cut by someone holding the file."""
    monthly_report.finalize(ws, "2026-10")
    with ws.reading() as s:
        count = audit.count(s)
    with ws.transaction() as s:
        for i in range(3):
            audit.record(s, ws.current_user, "test.work", "thing", i, {})
    _attack(ws, f"DELETE FROM audit_events WHERE id > {count}")
    code, _out = run_cli_on(capsys, ws, "audit", "verify")
    assert code == 0


@pytest.mark.both_db
def test_delete_and_rehash_is_caught_by_the_checkpoints(signed, capsys):
    _rewrite_without(signed, 3, fix_checkpoints=False)
    with signed.reading() as s:
        assert audit.verify_chain(s).ok  # the hash chain alone is fooled
    code, out = run_cli_on(capsys, signed, "audit", "verify")
    assert code == 1
    assert "的哈希与检查点不符——审计日志被改写（记录被删除或改动后重新计算了哈希）" in out


@pytest.mark.both_db
def test_delete_and_rehash_with_checkpoints_rewritten_breaks_the_signature(signed, capsys):
    _rewrite_without(signed, 3, fix_checkpoints=True)
    code, out = run_cli_on(capsys, signed, "audit", "verify")
    assert code == 1
    assert "手工签名" in out and "签名与检查点内容不符（检查点被改动或签名被伪造）" in out
    assert "月报定稿" not in out  # the unsigned one was made consistent: only the signature tells


@pytest.mark.both_db
def test_checkpoint_resigned_with_another_townships_real_key_is_refused(signed, tmp_path, capsys):
    county = open_workspace(tmp_path / "county", today=lambda: dt.date(2026, 11, 20), crypto=CHEAP_CRYPTO)
    from services.security import users
    from tests.conftest import ADMIN_PASSWORD
    users.login(county, "wang", ADMIN_PASSWORD)
    other = make_ws(tmp_path / "HS002", name="红石乡纪委", code="HS002")
    certify(other, county)
    other_signer = audit_checkpoints.load_signer(other, TOWN_PASS)
    other_cert = other_signer.cert_pem.decode("ascii")
    county.close()
    other.close()
    _rewrite_without(signed, 3, fix_checkpoints=True)
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    with outside(signed) as con:
        row = con.execute("SELECT id, created_at, org_code, event_count, head_hash, trigger, ref, prev_digest "
                          "FROM audit_checkpoints WHERE signature IS NOT NULL").fetchone()
        cp = checkpoint_row(*row[1:])
        forged = other_signer.key.sign(audit_checkpoints.message(cp), ec.ECDSA(hashes.SHA256()))
        con.execute("UPDATE audit_checkpoints SET signature = ?, signer_cert_pem = ? WHERE id = ?",
                    (forged, other_cert, row[0]))
    code, out = run_cli_on(capsys, signed, "audit", "verify")
    assert code == 1
    assert "签名证书属于“红石乡纪委（HS002）”，不是本单位（QS001）的证书（签名被伪造）" in out


def test_wrong_passphrase_signs_nothing(ws, tmp_path):
    county = make_county(tmp_path / "county")
    certify(ws, county)
    county.close()
    from services.errors import DomainError
    with pytest.raises(DomainError, match="口令"):
        audit_checkpoints.sign_now(ws, "not-the-passphrase")
    with ws.reading() as s:
        assert s.execute(select(AuditCheckpoint)).first() is None


# ---------------------------------------------------------------- row digests

@pytest.mark.both_db
def test_direct_update_of_a_complaint_is_named_by_check_deep(ws, register, capsys):
    a, b = register(), register(main_problem="反映李四违规发放补贴问题")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 0, out
    _attack(ws, f"UPDATE complaints SET main_problem = '无问题' WHERE id = {b.id}")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    assert f"信访件 {b.number}（complaints #{b.id}）：内容与审计日志记录的不一致（在程序外被修改）" in out
    assert a.number not in out


@pytest.mark.both_db
def test_check_deep_names_deleted_and_inserted_rows(ws, register, capsys):
    a, b = register(), register()
    _attack(ws, f"DELETE FROM complaint_subjects WHERE complaint_id = {a.id}",
            f"DELETE FROM complaints WHERE id = {a.id}",
            f"INSERT INTO users (id, username, display_name, password_hash, is_active, failed_logins, created_at) "
            f"SELECT 99, 'ghost', '影子', password_hash, is_active, 0, created_at FROM users WHERE id = 1")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    assert f"信访件（complaints #{a.id}）：审计日志中有它，数据库中已没有（在程序外被删除）" in out
    assert "用户 ghost（users #99）：审计日志中没有它的记录（在程序外新增）" in out
    assert b.number not in out


@pytest.mark.both_db
def test_a_password_hash_swapped_in_the_file_is_named(ws, capsys):
    _attack(ws, "UPDATE users SET password_hash = 'x' WHERE username = 'wang'")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1 and "用户 wang（users #1）：内容与审计日志记录的不一致（在程序外被修改）" in out


def test_every_change_through_the_app_keeps_check_deep_clean(ws, register, as_role, capsys):
    from services.casework import cases, intake, leads, measures
    from services.security import users
    from tests.services.daily.conftest import complaint_input
    v = register(received_date=D(2026, 10, 8))
    intake.update_complaint(ws, v.id, complaint_input(received_date=D(2026, 10, 8), main_problem="补充：另反映收受礼金"))
    lead = intake.accept(ws, v.id, D(2026, 10, 8)).lead_id
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "王一、王二")
    approve_plan(ws, lead, D(2026, 10, 9))
    c = cases.open_case(ws, lead_id=lead, filing_date=D(2026, 10, 20))
    measures.add_measure(ws, person_id=c.persons[0].id, case_id=c.id, category="party_sanction",
                         kind="party_serious_warning", decision_date=D(2026, 11, 5))
    cases.advance_case(ws, c.id, "investigating", D(2026, 10, 25))
    as_role("clerk")
    as_role("secretary")
    users.set_active(ws, "u_clerk", False)
    monthly_report.finalize(ws, "2026-10")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 0, out
    assert "逐行核对：" in out and "条记录与审计日志中的摘要一致" in out


def test_digests_ride_on_the_transactions_last_event(ws, register):
    c = register()
    [(_detail, digests)] = _events(ws, "complaint.create")
    assert set(digests) >= {"complaints", "complaint_subjects"}
    assert list(digests["complaints"]) == [str(c.id)]


# ---------------------------------------------------------------- triggers

def test_dropped_triggers_are_recreated_on_open_and_the_event_recorded(ws):
    # SQLite only: it drops the SQLite file's own trigger pair (the server's are covered in test_db_roles)
    ws.close()
    _attack(ws)
    con = sqlite3.connect(ws.db_path)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'audit_%_no_%'").fetchone()[0] == 0
    con.close()
    again = open_workspace(ws.data_dir, crypto=CHEAP_CRYPTO)
    try:
        [(detail, _rows)] = _events(again, "audit.triggers_restored")
        assert detail["triggers"] == ["audit_events_no_update", "audit_events_no_delete",
                                                           "audit_checkpoints_no_update", "audit_checkpoints_no_delete"]
        with pytest.raises(Exception, match="append-only"):
            with again.transaction() as s:
                s.connection().exec_driver_sql("DELETE FROM audit_events WHERE id = 1")
        with again.reading() as s:
            assert audit.verify_chain(s).ok
    finally:
        again.close()
    ws2 = open_workspace(ws.data_dir, crypto=CHEAP_CRYPTO)  # a second open finds them and records nothing more
    try:
        assert len(_events(ws2, "audit.triggers_restored")) == 1
    finally:
        ws2.close()


@pytest.mark.both_db
def test_bulk_core_writes_are_digested_too(ws, register, capsys):
    """Bulk writers (the ledger import) bypass the ORM; their rows are digested all the same."""
    from sqlalchemy import bindparam, insert, update

    from models import Complaint
    a, b = register(), register()
    t = Complaint.__table__
    with ws.transaction() as s:
        conn = s.connection()
        conn.execute(update(t).where(t.c.id == bindparam("pid")).values(main_problem=bindparam("mp")),
                     [{"pid": a.id, "mp": "批量改写一"}, {"pid": b.id, "mp": "批量改写二"}])
        row = dict(conn.execute(select(t).where(t.c.id == a.id)).mappings().one())
        conn.execute(insert(t), [{**row, "id": 50, "number": "XF2026-0050", "seq": 50}])
        conn.execute(update(t).values(referred_to="县纪委"))  # no ids: the whole table is digested
        audit.record(s, ws.current_user, "test.bulk", "import", "x", {})
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 0, out
    _attack(ws, "UPDATE complaints SET main_problem = '再改' WHERE id = 50")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1 and "信访件 XF2026-0050（complaints #50）：内容与审计日志记录的不一致（在程序外被修改）" in out


@pytest.mark.both_db
def test_a_ledger_import_keeps_check_deep_clean_and_its_rows_are_watched(ws, tmp_path, capsys):
    from services.interchange import ledger_import
    from tests.services.report.conftest import good_sheets, write_book
    result = ledger_import.import_workbook(ws, write_book(tmp_path / "good.xlsx", good_sheets()))
    assert result.imported and not result.problems
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 0, out
    with outside(ws) as con:
        number, case_id = con.execute("SELECT number, id FROM cases ORDER BY number LIMIT 1").fetchone()
    _attack(ws, f"UPDATE cases SET title = '改' WHERE id = {case_id}")
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1 and out.count("（在程序外被修改）") == 1
    assert f"案件 {number}（cases #{case_id}）：内容与审计日志记录的不一致（在程序外被修改）" in out


@pytest.mark.both_db
def test_an_archived_report_rewritten_outside_the_app_is_named(ws, register, capsys):
    """The attacker changes a finalized month's frozen figures in the report archive."""
    register(received_date=D(2026, 10, 8))
    monthly_report.finalize(ws, "2026-10")
    assert run_cli_on(capsys, ws, "check", "--deep")[0] == 0
    with outside(ws) as con:
        (rev_id, doc), = con.execute("SELECT id, document_json FROM report_revisions").fetchall()
        con.execute("UPDATE report_revisions SET document_json = ? WHERE id = ?", (doc.replace("1", "2"), rev_id))
    code, out = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    assert out.splitlines()[-2:] == ["逐行核对发现 1 处在程序外的改动：",
                                     f"  月报修订版（report_revisions #{rev_id}）：内容与审计日志记录的不一致（在程序外被修改）"]
