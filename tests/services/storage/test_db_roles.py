"""Issue 13: an owner role migrates, the app's role only reads and writes rows (services.storage.db_roles).

The attack: a clerk's PC holds the app role's password (PGPASSFILE). When that role owns the tables it can
disable the audit log's append-only triggers and rewrite it, or drop the tables. Split from the owner, the
server itself refuses each of those, while the whole normal flow still works.
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
from urllib.parse import quote

import psycopg
import pytest

from models.db import current_revision, head_revision, make_engine
from services.casework.intake import register_complaint
from services.errors import DomainError, ValidationError
from services.security import audit, setup, users
from services.storage import db_roles
from services.storage.workspace import open_workspace
from tests.helpers import pg_cluster
from tests.helpers.cli import run
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.postgresql_only

OWNER, DESK = "jj_owner", "jj_desk"
PASSWORDS = {OWNER: "owner-secret-1", DESK: "desk-secret-1"}
_NAMES = itertools.count(1)


def _url(server, role: str, database: str, *, password: bool = True) -> str:
    secret = f":{quote(PASSWORDS[role], safe='')}" if password else ""
    return (f"postgresql+psycopg://{role}{secret}@/{database}"
            f"?host={quote(str(server.socket_dir), safe='')}&port={pg_cluster.PORT}")


def _connect(server, role: str, database: str):
    return psycopg.connect(host=str(server.socket_dir), port=pg_cluster.PORT, dbname=database, user=role,
                           password=PASSWORDS[role], autocommit=True)


@pytest.fixture
def roles(pg_server):
    """The two roles (cluster-wide, made once) and an empty database owned by the owner."""
    have = {r[0] for r in pg_server.superuser_sql("SELECT rolname FROM pg_roles")}
    for role in (OWNER, DESK):
        if role not in have:
            pg_server.superuser_sql(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORDS[role]}' "
                                    "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION")
    name = f"jj_roles_{os.getpid()}_{next(_NAMES)}"
    pg_server.superuser_sql(f"CREATE DATABASE {name} OWNER {OWNER} TEMPLATE template0 ENCODING 'UTF8'")
    yield name
    pg_server.drop_database(name)


def _migrate_as_owner(server, database: str, revision: str = "head") -> None:
    """What ``db migrate --grant-to jj_desk`` does, at a chosen revision."""
    from models.db import upgrade_database
    engine = make_engine(_url(server, OWNER, database))
    try:
        upgrade_database(engine, revision=revision)
        db_roles.grant_app_role(engine, DESK)
    finally:
        engine.dispose()


@pytest.fixture
def desk_ws(pg_server, roles, tmp_path, today):
    """A township workspace on the split database, opened as the app's role, signed in."""
    _migrate_as_owner(pg_server, roles)
    ws = open_workspace(tmp_path / "desk", url=_url(pg_server, DESK, roles), today=lambda: today, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password="admin-pass-1")
    users.login(ws, "wang", "admin-pass-1")
    yield ws
    ws.close()


def test_the_app_role_runs_the_whole_normal_flow(desk_ws):
    view = register_complaint(desk_ws, complaint_input())
    with desk_ws.transaction() as s:
        audit.record(s, desk_ws.current_user, "test.action", "complaint", view.id, {"备注": "甲"})
    with desk_ws.reading() as s:
        report = audit.verify_chain(s)
    assert view.number == "XF2026-0001"
    assert report.ok is True
    with desk_ws.reading() as s:
        actions = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT action FROM audit_events ORDER BY id DESC LIMIT 2")]
    assert actions == ["test.action", "complaint.create"]


ATTACKS = [
    "UPDATE audit_events SET action = 'x' WHERE id = 1",
    "DELETE FROM audit_events",
    "TRUNCATE audit_events",
    "ALTER TABLE audit_events DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_events_no_change ON audit_events",
    "DROP TABLE audit_events",
    "UPDATE audit_checkpoints SET ref = 'x'",
    "DELETE FROM audit_checkpoints",
    "DROP TABLE complaints",
    "ALTER TABLE complaints ADD COLUMN note text",
    "UPDATE alembic_version SET version_num = '0001'",
    "CREATE TABLE stash (x int)",
]


@pytest.mark.parametrize("sql", ATTACKS)
def test_the_app_role_cannot_change_the_audit_log_or_the_schema(desk_ws, pg_server, roles, sql):
    with _connect(pg_server, DESK, roles) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(sql)
    with desk_ws.reading() as s:
        assert audit.verify_chain(s).ok is True


def test_a_desk_behind_the_schema_is_told_to_have_the_owner_migrate(pg_server, roles, tmp_path, today):
    _migrate_as_owner(pg_server, roles, revision="0009")
    with pytest.raises(db_roles.SchemaBehind) as err:
        open_workspace(tmp_path / "desk", url=_url(pg_server, DESK, roles), today=lambda: today)
    assert str(err.value) == (
        f"服务器数据库 {roles} 的表结构是旧版本（0009，本程序需要 {head_revision()}），数据库用户 jj_desk 无权修改表结构。"
        f"请服务器管理员用数据库所有者账号运行：jijian --db-url postgresql+psycopg://所有者@服务器/{roles} "
        "db migrate --grant-to jj_desk，然后再打开本程序。")
    engine = make_engine(_url(pg_server, OWNER, roles))
    assert current_revision(engine) == "0009"
    engine.dispose()

    pgpass = tmp_path / "pgpass"
    pgpass.write_text("".join(f"{pg_server.socket_dir}:{pg_cluster.PORT}:*:{r}:{p}\n" for r, p in PASSWORDS.items()))
    pgpass.chmod(0o600)
    res = run("--db-url", _url(pg_server, OWNER, roles, password=False), "db", "migrate", "--grant-to", DESK,
              env={"PGPASSFILE": str(pgpass)}, data_dir=tmp_path / "owner")
    assert (res.returncode, res.stdout.strip()) == (
        0, f"表结构已是最新版本（{head_revision()}）；已给应用账号 jj_desk 授权（8 条语句）")
    ws = open_workspace(tmp_path / "desk", url=_url(pg_server, DESK, roles), today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        assert ws.is_initialized() is False
    finally:
        ws.close()


def test_an_empty_database_the_app_role_may_not_build(pg_server, roles, tmp_path, today):
    pg_server.superuser_sql(f"GRANT CONNECT ON DATABASE {roles} TO {DESK}")
    with pytest.raises(db_roles.SchemaBehind, match="尚未建立表结构，数据库用户 jj_desk 无权修改表结构"):
        open_workspace(tmp_path / "desk", url=_url(pg_server, DESK, roles), today=lambda: today)


def test_dropped_triggers_the_app_role_cannot_restore_are_reported(desk_ws, pg_server, roles, tmp_path, today):
    with _connect(pg_server, OWNER, roles) as conn:
        conn.execute("DROP TRIGGER audit_events_no_change ON audit_events")
    with pytest.raises(DomainError) as err:
        open_workspace(tmp_path / "again", url=_url(pg_server, DESK, roles), today=lambda: today)
    assert str(err.value) == ("审计日志的防篡改触发器缺失（audit_events_no_change），当前数据库用户无权恢复："
                              "请服务器管理员用数据库所有者账号运行 db migrate 恢复后再打开本程序")
    owner_ws = open_workspace(tmp_path / "owner", url=_url(pg_server, OWNER, roles), today=lambda: today)
    owner_ws.close()
    again = open_workspace(tmp_path / "again", url=_url(pg_server, DESK, roles), today=lambda: today)
    with again.reading() as s:
        assert s.connection().exec_driver_sql(
            "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1").scalar() == "audit.triggers_restored"
    again.close()


def test_granting_refuses_a_missing_role_and_the_owner_itself(pg_server, roles):
    _migrate_as_owner(pg_server, roles)
    engine = make_engine(_url(pg_server, OWNER, roles))
    try:
        with pytest.raises(ValidationError) as missing:
            db_roles.grant_app_role(engine, "jj_nobody")
        with pytest.raises(ValidationError) as itself:
            db_roles.grant_app_role(engine, OWNER)
    finally:
        engine.dispose()
    assert str(missing.value) == "数据库角色 jj_nobody 不存在：请服务器管理员先建立（db roles-sql 显示语句）"
    assert str(itself.value) == "应用账号 jj_owner 不能是数据库所有者本身：请另建一个应用账号"


def test_triggers_the_owner_disabled_are_enabled_again_by_the_owners_migration(desk_ws, pg_server, roles, tmp_path,
                                                                                today):
    with _connect(pg_server, OWNER, roles) as conn:
        conn.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
    with pytest.raises(DomainError, match="防篡改触发器缺失（audit_events_no_change）"):
        open_workspace(tmp_path / "again", url=_url(pg_server, DESK, roles), today=lambda: today)
    owner_ws = open_workspace(tmp_path / "owner", url=_url(pg_server, OWNER, roles), today=lambda: today)
    owner_ws.close()
    with _connect(pg_server, OWNER, roles) as conn:
        enabled = conn.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_events_no_change'").fetchall()
        with pytest.raises(psycopg.errors.RaiseException, match="audit_events is append-only"):
            conn.execute("DELETE FROM audit_events WHERE id = 1")
    assert enabled == [("O",)]


def test_the_app_role_generates_the_demo_and_passes_the_deep_check(pg_server, roles, tmp_path):
    """The demo writes its own ids, so the id sequences are moved on (setval) by the app's role."""
    from services import demo
    from services.security import integrity
    end = dt.date(2026, 11, 20)
    _migrate_as_owner(pg_server, roles)
    ws = open_workspace(tmp_path / "desk", url=_url(pg_server, DESK, roles), today=lambda: end, crypto=CHEAP_CRYPTO)
    try:
        demo.initialize_demo(ws)
        demo.login_demo(ws)
        demo.generate_demo(ws, complaints=60, seed=3, end=end)
        register_complaint(ws, complaint_input())  # after the demo's own ids: no collision
        report = integrity.verify(ws, deep=True)
        with ws.reading() as s:
            count = s.connection().exec_driver_sql("SELECT count(*) FROM complaints").scalar()
    finally:
        ws.close()
    assert (count, report.ok, report.chain.ok) == (61, True, True)


def test_a_township_moves_up_onto_the_split_server_as_the_app_role(pg_server, roles, tmp_path, today):
    """The owner prepares the empty database; ``db migrate-to`` then copies as the desks' role."""
    from services.reporting.figures import compute_figures
    from services.storage import migrate_to
    town = open_workspace(tmp_path / "town", today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        setup.initialize(town, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                         username="wang", display_name="王书记", password="admin-pass-1")
        users.login(town, "wang", "admin-pass-1")
        register_complaint(town, complaint_input())
        _migrate_as_owner(pg_server, roles)
        rep = migrate_to.migrate_to(town, _url(pg_server, DESK, roles), figures=compute_figures)
    finally:
        town.close()
    assert (rep.ok, rep.audit_ok, rep.count_mismatches, rep.figure_mismatches) == (True, True, {}, [])


def test_a_desk_not_granted_a_table_is_told_to_have_the_owner_grant(pg_server, roles, tmp_path, today):
    _migrate_as_owner(pg_server, roles)
    with _connect(pg_server, OWNER, roles) as conn:
        conn.execute(f"REVOKE ALL ON complaints, leads FROM {DESK}")
    with pytest.raises(db_roles.SchemaBehind) as err:
        open_workspace(tmp_path / "desk", url=_url(pg_server, DESK, roles), today=lambda: today)
    assert str(err.value) == (
        f"数据库用户 jj_desk 对服务器数据库 {roles} 的表 complaints、leads 没有读写权限。请服务器管理员用数据库所有者账号运行："
        f"jijian --db-url postgresql+psycopg://所有者@服务器/{roles} db migrate --grant-to jj_desk，然后再打开本程序。")
