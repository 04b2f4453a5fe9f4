"""Which database a workspace opens: the SQLite file in the data dir (the default), or a server.

A server database is named by a ``postgresql+psycopg://user@host:port/dbname`` URL, given as
``--db-url`` or ``JIJIAN_DB_URL``. Its password never rides on the command line or in that variable
(where ``ps`` and the shell history would show it): it comes from libpq's password file
(``PGPASSFILE``, or ``~/.pgpass``) or is asked for at a prompt.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from services.errors import ValidationError

ENV_URL = "JIJIAN_DB_URL"
SERVER_DRIVER = "postgresql+psycopg"


def requested_url(arg: str | None, env: dict | None = None) -> str | None:
    """The ``--db-url`` argument, else ``JIJIAN_DB_URL``, else None (SQLite in the data dir)."""
    env = os.environ if env is None else env
    value = (arg or env.get(ENV_URL) or "").strip()
    return value or None


def parse_server_url(text: str) -> URL:
    """The URL of a server database, checked: the psycopg 3 driver, a database name, no password."""
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise ValidationError(f"数据库地址格式不正确：{text}（应为 {SERVER_DRIVER}://用户名@服务器:端口/数据库名）",
                              field="db_url") from exc
    if url.drivername != SERVER_DRIVER:
        raise ValidationError(f"只支持 PostgreSQL 服务器数据库（{SERVER_DRIVER}://…），不支持 {url.drivername}",
                              field="db_url")
    if url.password:
        raise ValidationError("数据库口令不能写在数据库地址里（命令行和环境变量会被他人看到）："
                              "请使用 PGPASSFILE 口令文件，或在提示时输入", field="db_url")
    if not url.database:
        raise ValidationError("数据库地址缺少数据库名", field="db_url")
    return url


def password_file(env: dict | None = None) -> Path | None:
    """libpq's password file when it exists: ``PGPASSFILE``, else ``~/.pgpass``."""
    env = os.environ if env is None else env
    path = Path(env["PGPASSFILE"]).expanduser() if env.get("PGPASSFILE") else Path.home() / ".pgpass"
    return path if path.is_file() else None


def server_url(text: str, ask_password: Callable[[str], str], env: dict | None = None) -> str:
    """The URL to connect with: as given when a password file exists (libpq reads it), else with the
    password asked for through ``ask_password(prompt)``. The result is for the engine only, never shown."""
    url = parse_server_url(text)
    if password_file(env) is not None:
        return url.render_as_string(hide_password=False)
    secret = ask_password(f"数据库用户 {url.username or ''} 的口令：")
    return url.set(password=secret).render_as_string(hide_password=False)
