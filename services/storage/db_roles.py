"""Two database roles on a server: the owner runs the migrations, the app's role only reads and writes rows.

The owner (``jijian_owner``) owns the database, its tables and the audit log's append-only triggers; it
runs ``db migrate`` (Alembic) and then grants the app's runtime role (``jijian_app``) what the desks need
(``grant_sql``): SELECT/INSERT/UPDATE/DELETE on the office's tables, SELECT/INSERT only on the audit
tables (no UPDATE, DELETE or TRUNCATE), SELECT only on ``alembic_version``, and the id sequences
(USAGE/SELECT for ``nextval``, UPDATE for the ``setval`` after inserts that bring their own ids: the demo,
the ledger import, a copy onto an empty server). Everything else needs ownership, which the app's role
lacks: ALTER/DROP TABLE, creating, dropping or disabling triggers, TRUNCATE.

A desk that connects as the app's role and finds the schema behind the program, or tables it was not
granted (``check_can_migrate``), is told, in Chinese, to have the administrator migrate as the owner; it
never tries to migrate itself.
"""
from __future__ import annotations

import re

from sqlalchemy import Engine

from services.errors import DomainError, ValidationError

#: the audit log's tables: rows may only be added (models.ddl.APPEND_ONLY_TABLES)
APPEND_ONLY = ("audit_events", "audit_checkpoints")
SCHEMA_TABLE = "alembic_version"
_ROLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class SchemaBehind(DomainError):
    """The server's schema needs a migration this connection's role has no right to run."""


def _role(name: str) -> str:
    name = (name or "").strip()
    if not _ROLE.fullmatch(name):
        raise ValidationError(f"数据库角色名应为字母、数字或 _（例如 jijian_app）：{name}", field="role")
    return name


def grant_sql(app_role: str, schema: str = "public") -> list[str]:
    """The statements the owner runs (after each migration) to give ``app_role`` the desks' rights."""
    role, sch = f'"{_role(app_role)}"', f'"{_role(schema)}"'
    audit = ", ".join(f"{sch}.{t}" for t in APPEND_ONLY)
    return [
        f"REVOKE CREATE ON SCHEMA {sch} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {sch} TO {role}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {sch} FROM {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {role}",
        f"REVOKE INSERT, UPDATE, DELETE ON {sch}.{SCHEMA_TABLE} FROM {role}",
        f"REVOKE UPDATE, DELETE ON {audit} FROM {role}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {sch} FROM {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {sch} TO {role}",
    ]


def roles_sql(app_role: str, owner_role: str = "jijian_owner", database: str = "jijian") -> str:
    """The whole setup for the server's administrator, as a commented SQL script (``db roles-sql``)."""
    app, owner, db = _role(app_role), _role(owner_role), _role(database)
    lines = [
        "-- 纪检工作台：服务器数据库的两个角色（由服务器管理员执行）",
        f"-- 1. 以超级用户（postgres）执行：建立所有者 {owner}（运行迁移）和应用账号 {app}（各办公电脑连接用）",
        f"CREATE ROLE {owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;",
        f"CREATE ROLE {app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;",
        f"-- 用 \\password {owner} 和 \\password {app} 设置口令（不要写进脚本）",
        f"CREATE DATABASE {db} OWNER {owner} ENCODING 'UTF8' TEMPLATE template0;",
        f"\\connect {db}",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        f"-- 2. 以所有者 {owner} 建立或升级表结构并授权（每次升级程序后都要执行）：",
        f"--    jijian --db-url postgresql+psycopg://{owner}@服务器:5432/{db} db migrate --grant-to {app}",
        "--    它执行的授权语句如下（审计日志只能查询和追加，不能修改、删除、清空）：",
        *(f"{sql};" for sql in grant_sql(app)),
        f"-- 3. 各办公电脑用 postgresql+psycopg://{app}@服务器:5432/{db} 连接。",
    ]
    return "\n".join(lines) + "\n"


def grant_app_role(engine: Engine, app_role: str) -> list[str]:
    """Run ``grant_sql`` as the connected owner; the statements run. Refuses a role that does not exist
    or that is the owner itself (one role for both would keep every right)."""
    role = _role(app_role)
    if engine.dialect.name != "postgresql":
        raise ValidationError("本机 SQLite 数据库没有数据库角色：只有服务器数据库（PostgreSQL）需要授权", field="role")
    with engine.begin() as conn:
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}).first()
        if exists is None:
            raise ValidationError(f"数据库角色 {role} 不存在：请服务器管理员先建立（db roles-sql 显示语句）", field="role")
        me = conn.exec_driver_sql("SELECT current_user").scalar_one()
        if role == me:
            raise ValidationError(f"应用账号 {role} 不能是数据库所有者本身：请另建一个应用账号", field="role")
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        statements = grant_sql(role, schema)
        for sql in statements:
            conn.exec_driver_sql(sql)
    return statements


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None: no schema yet)."""
    from models.db import current_revision
    return current_revision(engine)


def can_change_schema(conn) -> bool:
    """Whether the connected role may migrate: it owns (or is a member of the owner of) the schema
    table, or, on an empty database, may create tables in the schema."""
    owner = conn.exec_driver_sql(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = %(t)s",
        {"t": SCHEMA_TABLE}).scalar()
    if owner is None:
        return bool(conn.exec_driver_sql("SELECT has_schema_privilege(current_schema(), 'CREATE')").scalar())
    return bool(conn.exec_driver_sql("SELECT pg_has_role(current_user, %(o)s, 'MEMBER')", {"o": owner}).scalar())


def _ungranted_tables(conn) -> list[str]:
    """The schema's tables (the schema table aside) the connected role may not read and add rows to."""
    return list(conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> %(t)s "
        "AND NOT (has_table_privilege(quote_ident(schemaname) || '.' || quote_ident(tablename), 'SELECT') "
        "AND has_table_privilege(quote_ident(schemaname) || '.' || quote_ident(tablename), 'INSERT')) "
        "ORDER BY tablename", {"t": SCHEMA_TABLE}).scalars())


def check_can_migrate(engine: Engine, current: str | None, head: str) -> None:
    """On a server, for a role that may not migrate: a schema behind ``head``, or tables it was not granted
    (the owner migrated without ``--grant-to``), are ``SchemaBehind``, said in Chinese."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        if can_change_schema(conn):
            return
        user = conn.exec_driver_sql("SELECT current_user").scalar_one()
        ungranted = _ungranted_tables(conn) if current == head else []
    command = (f"jijian --db-url postgresql+psycopg://所有者@服务器/{engine.url.database} db migrate --grant-to {user}")
    if current == head:
        if ungranted:
            raise SchemaBehind(f"数据库用户 {user} 对服务器数据库 {engine.url.database} 的表 {'、'.join(ungranted[:5])}"
                               f"{' 等' if len(ungranted) > 5 else ''} 没有读写权限。请服务器管理员用数据库所有者账号运行："
                               f"{command}，然后再打开本程序。")
        return
    state = "尚未建立表结构" if current is None else f"的表结构是旧版本（{current}，本程序需要 {head}）"
    raise SchemaBehind(f"服务器数据库 {engine.url.database} {state}，数据库用户 {user} 无权修改表结构。"
                       f"请服务器管理员用数据库所有者账号运行：{command}，然后再打开本程序。")
