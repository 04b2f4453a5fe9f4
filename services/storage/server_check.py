"""Trying a server database before a desk uses it: can it be reached, and whose is it.

The setup wizard's 测试连接 and the start-up's reconnect ask ``probe(url)``: it connects once (a short
timeout), and says in Chinese why not when it cannot (``ServerUnreachable``: no server at that address,
wrong password, no such database, no permission), refuses a database that holds another program's
tables (``ForeignDatabase``), and otherwise tells whether the database is still empty or which office
already works in it. The fields of the form make the URL (``compose_url``, never with the password);
the password is added only to the URL handed to the engine (``connect_url``), unless libpq's
password file (``PGPASSFILE``, or ``~/.pgpass``) is there to answer for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from models import Base
from services.errors import DomainError, ValidationError
from services.storage import db_url

CONNECT_TIMEOUT_S = 8
SCHEMA_TABLE = "alembic_version"


class ServerUnreachable(DomainError):
    """The server database could not be used: the message says why and what to check."""


class ForeignDatabase(DomainError):
    """The database holds tables that are not this program's: it is not used."""


@dataclass(frozen=True)
class ServerFields:
    host: str
    port: int
    database: str
    user: str


@dataclass(frozen=True)
class ServerState:
    """What ``probe`` found: ``org_name``/``org_code`` of the office already in it (None: empty)."""

    shown: str
    org_name: str | None = None
    org_code: str | None = None

    @property
    def empty(self) -> bool:
        return self.org_name is None


def compose_url(host: str, port: str | int, database: str, user: str) -> str:
    """The server's URL from the form's fields (no password); bad fields refused by name."""
    host, database, user = host.strip(), database.strip(), user.strip()
    problems = []
    if not host:
        problems.append(ValidationError("请填写服务器地址（计算机名或 IP 地址）", field="host"))
    try:
        port_no = int(str(port).strip())
        if not 0 < port_no < 65536:
            raise ValueError
    except ValueError:
        problems.append(ValidationError("端口应为 1 到 65535 之间的数字（PostgreSQL 默认 5432）", field="port"))
        port_no = 0
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}", database):
        problems.append(ValidationError("数据库名应为字母、数字或 _（例如 jijian）", field="database"))
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.$-]{0,62}", user):
        problems.append(ValidationError("数据库用户名应为字母、数字或 _（例如 jijian_app）", field="user"))
    if problems:
        raise ValidationError(problems[0].message, field=problems[0].field, problems=problems)
    if host.startswith("/"):  # a Unix socket directory (a server on this machine)
        url = URL.create(db_url.SERVER_DRIVER, username=user, database=database,
                         query={"host": host, "port": str(port_no)})
    else:
        url = URL.create(db_url.SERVER_DRIVER, username=user, host=host, port=port_no, database=database)
    return url.render_as_string(hide_password=False)


def split_url(url_text: str) -> ServerFields:
    """The form's fields of a saved URL (``compose_url``'s inverse)."""
    url = db_url.parse_server_url(url_text)
    host = url.host or str(url.query.get("host") or "")
    port = url.port or int(url.query.get("port") or 5432)
    return ServerFields(host=host, port=port, database=url.database or "", user=url.username or "")


def connect_url(url_text: str, password: str) -> str:
    """The URL for the engine: with ``password``, or without when libpq's password file answers for it."""
    url = db_url.parse_server_url(url_text)
    if password:
        return url.set(password=password).render_as_string(hide_password=False)
    if db_url.password_file() is None:
        raise ValidationError("请输入数据库口令（或由服务器管理员设置 PGPASSFILE 口令文件）", field="password")
    return url.render_as_string(hide_password=False)


def without_password(url: str) -> str:
    """The engine's URL with its password taken out (for messages and settings)."""
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def shown_url(url_text: str) -> str:
    """user@host:port/database, as the messages name it."""
    f = split_url(url_text)
    return f"{f.user}@{f.host}:{f.port}/{f.database}"


def connection_error(exc: BaseException, url_text: str) -> DomainError:
    """A failed connection in the words a clerk can act on."""
    f = split_url(url_text)
    where = f"{f.host}:{f.port}"
    raw = str(getattr(exc, "orig", None) or exc)
    low = raw.lower()
    if "password authentication failed" in low:
        return ServerUnreachable(f"数据库用户 {f.user} 的口令不正确（或服务器上没有这个用户）：请检查后重新输入")
    if "no password supplied" in low:
        return ServerUnreachable(f"服务器要求数据库用户 {f.user} 的口令：请输入口令")
    if "does not exist" in low and "database" in low:
        return ServerUnreachable(f"服务器 {where} 上没有名为 {f.database} 的数据库：请检查数据库名，"
                                 "或请服务器管理员先建好（见使用说明“服务器数据库”）")
    if "permission denied" in low:
        return ServerUnreachable(f"数据库用户 {f.user} 没有连接数据库 {f.database} 的权限：请联系服务器管理员")
    if "failed to resolve host" in low or "could not translate host name" in low:
        return ServerUnreachable(f"找不到服务器 {f.host}：请检查服务器地址（计算机名或 IP 地址）是否填写正确")
    if ("connection refused" in low or "no such file" in low or "timeout" in low or "timed out" in low
            or "could not connect" in low or "is the server running" in low or "no route" in low):
        return ServerUnreachable(f"无法连接数据库服务器 {where}：请检查服务器地址和端口、服务器是否已开机、"
                                 "网络是否连通")
    return ServerUnreachable(f"无法使用服务器数据库 {shown_url(url_text)}（{raw.strip()[:160]}）")


def probe(url: str, url_text: str | None = None) -> ServerState:
    """Connect once to the server at ``url`` (with its password) and look at what the database holds.

    ``url_text``: the same URL without the password, for the messages (derived from ``url`` when None)."""
    shown_text = url_text or without_password(url)
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        try:
            conn = engine.connect()
        except OperationalError as exc:
            raise connection_error(exc, shown_text) from exc
        with conn:
            return _look(conn, shown_text)
    finally:
        engine.dispose()


def _look(conn, url_text: str) -> ServerState:
    shown = shown_url(url_text)
    tables = set(inspect(conn).get_table_names())
    ours = set(Base.metadata.tables) | {SCHEMA_TABLE}
    foreign = sorted(tables - ours)
    if foreign:
        raise ForeignDatabase(f"数据库 {shown} 中已有其他程序的数据表（如 {'、'.join(foreign[:3])}），"
                              "不能用于本系统：请使用为本系统新建的空数据库")
    if not tables:
        may_create = conn.execute(text("SELECT has_schema_privilege(current_schema(), 'CREATE')")).scalar()
        if not may_create:
            user = split_url(url_text).user
            raise ServerUnreachable(f"数据库用户 {user} 不能在数据库 {shown} 中建表：请服务器管理员把该数据库的"
                                    "所有者设为这个用户（见使用说明“服务器数据库”）")
        return ServerState(shown=shown)
    from models import Organization
    if Organization.__tablename__ not in tables:
        return ServerState(shown=shown)
    row = conn.execute(text(f"SELECT name, code FROM {Organization.__tablename__} ORDER BY id LIMIT 1")).first()
    return ServerState(shown=shown, org_name=row[0], org_code=row[1]) if row else ServerState(shown=shown)
