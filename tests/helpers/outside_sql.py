"""Changing a workspace's database outside the app, as whoever holds the database itself would.

SQLite: plain sqlite3 on the file, with the append-only triggers dropped. PostgreSQL: the server's
superuser (a DBA, or anyone with the server's files) with ``session_replication_role = replica``,
which skips every ordinary trigger, the append-only ones included.

``outside(ws)`` gives a connection whose ``execute(sql, params)`` takes sqlite3's ``?`` placeholders on
both backends (committed at the end); ``run_outside`` runs literal statements in one transaction;
``cli_args(ws)`` is the CLI's ``--data-dir`` (and, on a server, ``--db-url`` with a PGPASSFILE) for the
same workspace, so ``check --deep`` / ``audit verify`` run as a user would on either backend.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from tests.helpers import pg_cluster


class _Qmark:
    """A psycopg connection taking ``?`` placeholders, as sqlite3 does."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql.replace("?", "%s"), tuple(params) or None)


@contextmanager
def outside(ws):
    """A connection to ``ws``'s database outside the app, triggers out of the way; committed on exit."""
    if ws.engine.dialect.name == "sqlite":
        ws.engine.dispose()
        con = sqlite3.connect(ws.db_path)
        try:
            for table in ("audit_events", "audit_checkpoints"):
                con.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                con.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            yield con
            con.commit()
        finally:
            con.close()
        return
    import psycopg

    cluster = pg_cluster.active()
    with psycopg.connect(**cluster.conninfo(ws.engine.url.database, superuser=True)) as conn:
        conn.execute("SET session_replication_role = replica")
        yield _Qmark(conn)


def run_outside(ws, *statements: str) -> None:
    """Run ``statements`` (literal SQL, no parameters) in one transaction outside the app."""
    with outside(ws) as con:
        for sql in statements:
            con.execute(sql)


def cli_args(ws) -> tuple[list[str], dict[str, str]]:
    """(the CLI's leading options, its environment) to open ``ws``'s database as a user's command would."""
    argv = ["--data-dir", str(ws.data_dir)]
    if ws.engine.dialect.name == "sqlite":
        return argv, {}
    cluster = pg_cluster.active()
    pgpass = ws.data_dir.parent / "outside.pgpass"
    pgpass.write_text(cluster.pgpass_line())
    pgpass.chmod(0o600)
    return argv + ["--db-url", cluster.url(ws.engine.url.database, password=False)], {"PGPASSFILE": str(pgpass)}


def run_cli_on(capsys, ws, *argv: str) -> tuple[int, str]:
    """``jijian [--data-dir … --db-url …] ARGV`` in-process on ``ws``'s database: (exit code, stdout+stderr)."""
    from cli.app import run_cli
    from tests.helpers.cli import environment

    lead, env = cli_args(ws)
    with environment(env):
        code = run_cli([*lead, *argv])
    out = capsys.readouterr()
    return code, out.out + out.err
