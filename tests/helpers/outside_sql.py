"""Changing a workspace's database outside the app, as whoever holds the database itself would.

SQLite: plain sqlite3 on the file, with the append-only triggers dropped. PostgreSQL: the server's
superuser (a DBA, or anyone with the server's files) with ``session_replication_role = replica``,
which skips every ordinary trigger, the append-only ones included.
"""
from __future__ import annotations

import sqlite3

from tests.helpers import pg_cluster


def run_outside(ws, *statements: str) -> None:
    """Run ``statements`` (literal SQL, no parameters) in one transaction outside the app."""
    if ws.engine.dialect.name == "sqlite":
        con = sqlite3.connect(ws.db_path)
        for table in ("audit_events", "audit_checkpoints"):
            con.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            con.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        for sql in statements:
            con.execute(sql)
        con.commit()
        con.close()
        return
    import psycopg

    cluster = pg_cluster.active()
    with psycopg.connect(**cluster.conninfo(ws.engine.url.database, superuser=True)) as conn:
        conn.execute("SET session_replication_role = replica")
        for sql in statements:
            conn.execute(sql)
