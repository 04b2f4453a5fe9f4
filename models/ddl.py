"""Database objects that the ORM does not describe: triggers that make the audit tables append-only.

Called from migrations (``create_audit_triggers``) and on every open (``missing_append_only_triggers``
and ``create_append_only_triggers``, which restore triggers someone dropped); each emits the
dialect's own SQL.
"""
from __future__ import annotations

from alembic import op
from sqlalchemy import text
from sqlalchemy.engine import Connection

# Tables whose rows may only ever be added: the audit log (0002) and its checkpoints (0005).
APPEND_ONLY_TABLES = ("audit_events", "audit_checkpoints")


def _sqlite_triggers(table: str) -> dict[str, str]:
    return {
        f"{table}_no_update": f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
        f"{table}_no_delete": f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
    }


_POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"""


def _postgres_trigger(table: str) -> str:
    return (f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()")


def _statements(dialect: str, tables: tuple[str, ...]) -> list[str]:
    if dialect == "sqlite":
        return [sql for t in tables for sql in _sqlite_triggers(t).values()]
    return [_POSTGRES_FUNCTION] + [_postgres_trigger(t) for t in tables]


def create_audit_triggers(tables: tuple[str, ...] = ("audit_events",)) -> None:
    for sql in _statements(op.get_bind().dialect.name, tables):
        op.execute(sql)


def drop_audit_triggers(tables: tuple[str, ...] = ("audit_events",)) -> None:
    dialect = op.get_bind().dialect.name
    for table in tables:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
    if dialect != "sqlite" and "audit_events" in tables:
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")


def missing_append_only_triggers(conn: Connection) -> list[str]:
    """Names of the append-only triggers that should exist (for the tables present) but do not, or (on a
    server) exist disabled (``ALTER TABLE … DISABLE TRIGGER``)."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')").all()
        tables = {n for t, n in rows if t == "table"}
        triggers = {n for t, n in rows if t == "trigger"}
        want = [name for t in APPEND_ONLY_TABLES if t in tables for name in _sqlite_triggers(t)]
    else:
        triggers = {r[0] for r in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'")}
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        want = [f"{t}_no_change" for t in APPEND_ONLY_TABLES if t in tables]
    return [name for name in want if name not in triggers]


def create_append_only_triggers(conn: Connection, names: list[str]) -> None:
    """Create the named append-only triggers (names from ``missing_append_only_triggers``)."""
    if conn.dialect.name == "sqlite":
        every = {k: v for t in APPEND_ONLY_TABLES for k, v in _sqlite_triggers(t).items()}
        for name in names:
            conn.exec_driver_sql(every[name])
    else:
        conn.execute(text(_POSTGRES_FUNCTION))  # text(): the driver would read its '%' as a placeholder
        for name in names:
            table = name[: -len("_no_change")]
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")  # a disabled one is made anew
            conn.exec_driver_sql(_postgres_trigger(table))
