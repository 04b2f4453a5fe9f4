"""``db migrate`` and ``db roles-sql`` where no server is needed (the server side: tests/services/storage/test_db_roles)."""
from __future__ import annotations

from models.db import head_revision
from services.storage import db_roles
from tests.helpers.cli import run


def test_db_migrate_on_the_desks_own_file_migrates_and_refuses_a_grant(tmp_path):
    res = run("db", "migrate", data_dir=tmp_path)
    assert (res.returncode, res.stdout, res.stderr) == (0, f"表结构已是最新版本（{head_revision()}）\n", "")
    res = run("db", "migrate", "--grant-to", "jijian_app", data_dir=tmp_path)
    assert (res.returncode, res.stdout, res.stderr) == (
        2, "", "错误：本机 SQLite 数据库没有数据库角色：只有服务器数据库（PostgreSQL）需要授权\n")


def test_roles_sql_prints_the_administrators_script(tmp_path):
    res = run("db", "roles-sql", "jijian_app", data_dir=tmp_path)
    lines = res.stdout.splitlines()
    assert res.returncode == 0
    assert "CREATE ROLE jijian_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;" in lines
    assert "CREATE DATABASE jijian OWNER jijian_owner ENCODING 'UTF8' TEMPLATE template0;" in lines
    assert [f"{sql};" for sql in db_roles.grant_sql("jijian_app")] == [ln for ln in lines if ln.startswith(
        ("GRANT", "REVOKE"))]
    assert 'REVOKE UPDATE, DELETE ON "public".audit_events, "public".audit_checkpoints FROM "jijian_app";' in lines


def test_roles_sql_refuses_a_role_name_that_is_not_an_identifier(tmp_path):
    res = run("db", "roles-sql", "app; DROP TABLE x", data_dir=tmp_path)
    assert (res.returncode, res.stdout, res.stderr) == (
        2, "", "错误：数据库角色名应为字母、数字或 _（例如 jijian_app）：app; DROP TABLE x\n")
