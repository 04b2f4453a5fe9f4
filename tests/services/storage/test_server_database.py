"""Several desks on one PostgreSQL server (issue 13): numbers and the audit chain under concurrent
writers, nothing of a complainant in a dump of the server, the app's role, ``--db-url`` in the CLI.

These run on PostgreSQL only (the ``postgresql_only`` marker; tests/conftest.py starts the server).
"""
from __future__ import annotations

import io

import pytest

from cli.app import run_cli
from models import ComplaintSubject, Person
from services.casework import intake
from services.demo import generator as demo
from services.demo.office import identity_sealer, initialize_demo, login_demo
from services.security import audit
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg_cluster
from tests.helpers.identity_leaks import PIECES
from tests.helpers.outside_sql import run_outside
from tests.helpers.pg_writers import run_writers
from tests.services.daily.conftest import VALID_ID, complaint_input

pytestmark = pytest.mark.postgresql_only

NAME, PHONE, ADDRESS = "赵铁柱", "0571-87654321转808661", "红星村五组"


def _verify(ws):
    with ws.reading() as s:
        return audit.verify_chain(s)


def test_five_desks_registering_at_once_get_unique_gapless_numbers_and_one_chain(ws, tmp_path):
    writers, each = 5, 30
    with ws.reading() as s:
        events_before = audit.count(s)
    numbers, _wall = run_writers(ws.engine.url.render_as_string(hide_password=False), tmp_path / "desks",
                                 writers, each, username="wang", password=ADMIN_PASSWORD)
    assert len(numbers) == writers * each
    assert len(set(numbers)) == len(numbers)  # zero duplicates
    assert sorted(numbers) == [f"XF2026-{i:04d}" for i in range(1, writers * each + 1)]  # gapless from 1
    rep = _verify(ws)
    assert rep.ok, rep.message()
    with ws.reading() as s:
        assert audit.count(s) >= events_before + writers * each  # every registration on the one chain


def test_five_desks_appending_audit_events_at_once_keep_one_chain(ws, tmp_path):
    with ws.reading() as s:
        before = audit.count(s)
    done, _wall = run_writers(ws.engine.url.render_as_string(hide_password=False), tmp_path / "desks", 5, 40,
                              username="wang", password=ADMIN_PASSWORD, action="audit")
    assert len(done) == 200
    rep = _verify(ws)
    assert rep.ok, rep.message()
    with ws.reading() as s:
        assert audit.count(s) == before + 200 + 5  # and each desk's sign-in


def test_a_dump_of_the_server_holds_no_complainant_in_plaintext(ws):
    v = intake.register_complaint(ws, complaint_input(complainant_name=NAME, complainant_phone=PHONE,
                                                      complainant_id_number=VALID_ID, complainant_address=ADDRESS))
    assert v.identity_masked["name"] == "赵**"
    demo.generate_demo(ws, complaints=200, seed=13, identity_columns=identity_sealer(ws))
    dump = pg_cluster.active().pg_dump(ws.engine.url.database)
    assert "COPY public.complaints" in dump and v.number in dump  # the data is in it
    assert [p for p in PIECES if p in dump] == []
    assert "13812345678" not in dump  # the fixture complainants' phone


def test_the_demo_township_on_the_server_dumps_no_demo_complainant(blank_ws):
    initialize_demo(blank_ws)
    login_demo(blank_ws)
    sealed, seal = [], identity_sealer(blank_ws)

    def capture(complaint_id, plain):  # the plaintexts the generator hands to the sealer
        sealed.append(plain)
        return seal(complaint_id, plain)

    demo.generate_demo(blank_ws, complaints=150, seed=5, identity_columns=capture)
    with blank_ws.reading() as s:
        public_names = {n for (n,) in s.query(ComplaintSubject.name)} | {n for (n,) in s.query(Person.name)}
    phones = {p["phone"] for p in sealed if p.get("phone")}
    ids = {p["id_number"] for p in sealed if p.get("id_number")}
    names = {p["name"] for p in sealed if p.get("name")} - public_names  # a complainant may share a subject's name
    assert len(phones) > 20 and len(names) > 20
    dump = pg_cluster.active().pg_dump(blank_ws.engine.url.database)
    assert "COPY public.complaints" in dump
    assert sorted(x for x in phones | ids | names if x in dump) == []


def test_the_app_role_is_no_superuser_and_the_audit_log_is_append_only_on_the_server(ws):
    with ws.reading() as s:
        conn = s.connection()
        role = conn.exec_driver_sql("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                                    "WHERE rolname = current_user").one()
        triggers = {r[0] for r in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN "
            "('audit_events'::regclass, 'audit_checkpoints'::regclass)")}
        trgm = {r[0] for r in conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")}
    assert tuple(role) == (False, False, False)
    assert triggers == {"audit_events_no_change", "audit_checkpoints_no_change"}
    assert trgm == {"ix_complaints_number_trgm", "ix_complaints_main_problem_trgm",
                    "ix_complaint_subjects_name_trgm", "ix_complaint_subjects_unit_trgm"}


def _cli(argv, env, monkeypatch) -> tuple[int, str]:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(argv, stdout=out, stderr=err, stdin=io.StringIO(""))
    return code, out.getvalue() + err.getvalue()


def test_check_deep_on_the_server_through_db_url_and_pgpassfile(ws, tmp_path, monkeypatch):
    a = intake.register_complaint(ws, complaint_input())
    b = intake.register_complaint(ws, complaint_input(main_problem="反映李四违规发放补贴问题"))
    cluster = pg_cluster.active()
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(cluster.pgpass_line())
    pgpass.chmod(0o600)
    url = cluster.url(ws.engine.url.database, password=False)
    env = {"PGPASSFILE": str(pgpass), "JIJIAN_PASSWORD": ADMIN_PASSWORD}
    argv = ["--data-dir", str(tmp_path / "desk2"), "--db-url", url, "--user", "wang", "check", "--deep"]
    code, out = _cli(argv, env, monkeypatch)
    assert code == 0, out
    run_outside(ws, f"UPDATE complaints SET main_problem = '无问题' WHERE id = {b.id}")
    code, out = _cli(argv, env, monkeypatch)
    assert code == 1, out
    assert f"信访件 {b.number}（complaints #{b.id}）：内容与审计日志记录的不一致（在程序外被修改）" in out
    assert a.number not in out
    # The same through JIJIAN_DB_URL.
    code, out = _cli(argv[:2] + argv[4:], dict(env, JIJIAN_DB_URL=url), monkeypatch)
    assert code == 1 and f"complaints #{b.id}" in out


def test_a_password_in_the_db_url_is_refused(ws, tmp_path, monkeypatch):
    url = pg_cluster.active().url(ws.engine.url.database, password=True)
    code, out = _cli(["--data-dir", str(tmp_path / "d"), "--db-url", url, "audit", "verify"], {}, monkeypatch)
    assert code == 2, out
    assert "数据库口令不能写在数据库地址里" in out
    assert pg_cluster.active().app_password not in out


def test_file_backups_are_refused_on_the_server_with_a_plain_message(ws, tmp_path):
    from services.errors import StateError
    from services.storage import maintenance
    for attempt in (lambda: maintenance.backup_now(ws),):  # 备份到… works on the server (test_server_backup)
        with pytest.raises(StateError) as err:
            attempt()
        assert str(err.value) == ("当前使用服务器数据库（PostgreSQL）：本机文件备份不适用，请由服务器管理员用 pg_dump 备份；"
                                  "未写出任何备份文件")
    assert list(tmp_path.iterdir()) == [ws.data_dir] and list(ws.backups_dir.iterdir()) == []
    assert maintenance.daily_backup_if_due(ws) is None and maintenance.backup_on_exit(ws) is None


def test_a_long_read_sees_one_snapshot_while_another_desk_registers(ws):
    from sqlalchemy import func, select

    from models import Complaint
    intake.register_complaint(ws, complaint_input())
    with ws.reading() as s:
        level = s.connection().exec_driver_sql("SHOW transaction_isolation").scalar_one()
        first = s.execute(select(func.count()).select_from(Complaint)).scalar_one()
        intake.register_complaint(ws, complaint_input())  # another transaction commits meanwhile
        again = s.execute(select(func.count()).select_from(Complaint)).scalar_one()
    with ws.reading() as s:
        after = s.execute(select(func.count()).select_from(Complaint)).scalar_one()
    assert (level, first, again, after) == ("repeatable read", 1, 1, 2)


def test_the_migrations_build_on_the_server_what_the_models_describe(blank_ws):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from models import Base
    from models.db import current_revision, head_revision
    from models.search import include_name
    with blank_ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}), Base.metadata)
    assert diff == [], f"models and migrations disagree on PostgreSQL: {diff}"
    assert current_revision(blank_ws.engine) == head_revision()


def test_check_constraints_dates_and_booleans_behave_as_on_sqlite(ws):
    import datetime as dt

    from sqlalchemy.exc import IntegrityError

    from models import Attachment, Complaint
    c = intake.register_complaint(ws, complaint_input(received_date=dt.date(2024, 2, 29)))
    with ws.reading() as s:
        row = s.get(Complaint, c.id)
        assert (row.received_date, row.is_repeat, row.belongs_upper) == (dt.date(2024, 2, 29), False, False)
    with pytest.raises(IntegrityError, match="ck_attachments_one_owner"):
        with ws.transaction() as s:
            s.add(Attachment(sha256="0" * 64, size=1, filename="a.pdf", media_type="application/pdf"))
            s.flush()
    with pytest.raises(IntegrityError, match="ck_complaints_channel"):
        with ws.transaction() as s:
            s.execute(Complaint.__table__.update().where(Complaint.id == c.id).values(channel="pigeon"))


def test_a_value_longer_than_its_column_is_refused_in_chinese_and_nothing_is_saved(ws):
    from services.storage.workspace import StorageError
    with ws.reading() as s:
        before = audit.count(s)
    with pytest.raises(StorageError) as err:
        with ws.transaction() as s:
            audit.record(s, ws.current_user, "test.long", "thing", "x" * 41)
    assert str(err.value) == "有一项内容超出了数据库允许的长度，本次保存未完成，已有数据未受影响。请缩短后重试"
    with ws.reading() as s:
        assert audit.count(s) == before
