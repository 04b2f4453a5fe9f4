"""Every table of the app from one database to another, rows and ids as they are (SQLite ⇄ PostgreSQL).

Used by ``db migrate-to`` (a township's SQLite file onto a server), by the server's ``.jjbak`` export
(the server's tables into the SQLite payload the file holds) and by restoring such a file onto a
server. Rows go through SQLAlchemy Core on both sides, so each column's type turns the stored value
into the same Python value and back: an audit event keeps the exact fields its hash was made of, and
an encrypted identity keeps the row id it is bound to.

The target must be migrated to the same revision and empty. The audit tables are append-only (their
triggers refuse UPDATE and DELETE); copying only inserts, which they allow.
"""
from __future__ import annotations

from typing import Callable, Iterable

from sqlalchemy import Integer, Table, func, select, text
from sqlalchemy.engine import Connection

from models import Base

BATCH = 1000
ProgressFn = Callable[[str, int], None]


def app_tables() -> list[Table]:
    """The app's tables, parents before children (the order inserts must follow)."""
    return list(Base.metadata.sorted_tables)


def table_counts(conn: Connection, tables: Iterable[Table] | None = None) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (app_tables() if tables is None else tables)}


def nonempty_tables(conn: Connection) -> list[str]:
    """The app tables that hold at least one row (an empty target has none)."""
    return [t.name for t in app_tables() if conn.execute(select(1).select_from(t).limit(1)).first() is not None]


def _order_key(table: Table):
    pk = list(table.primary_key.columns)
    return pk or list(table.columns)


def copy_tables(src: Connection, dst: Connection, *, progress: ProgressFn | None = None,
                batch: int = BATCH) -> dict[str, int]:
    """Insert every row of every app table of ``src`` into ``dst`` (inside the callers' transactions),
    in primary-key order; the rows copied per table. On PostgreSQL the id sequences are then moved past
    the copied ids, so the next ordinary insert does not collide."""
    copied: dict[str, int] = {}
    for table in app_tables():
        n = 0
        result = src.execution_options(yield_per=batch).execute(select(table).order_by(*_order_key(table)))
        for rows in result.mappings().partitions(batch):
            dst.execute(table.insert(), [dict(r) for r in rows])
            n += len(rows)
            if progress is not None:
                progress(table.name, n)
        copied[table.name] = n
    if dst.dialect.name == "postgresql":
        advance_sequences(dst)
    return copied


def advance_sequences(conn: Connection) -> None:
    """PostgreSQL: each table's id sequence set to the largest id (left alone on an empty table)."""
    for table in app_tables():
        col = table.c.get("id")
        if col is None or not isinstance(col.type, Integer) or not col.primary_key:
            continue
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), max(id)) "
                          f"FROM {table.name} HAVING max(id) IS NOT NULL"))
