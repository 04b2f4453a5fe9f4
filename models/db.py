"""Engine and session setup, connection pragmas, and create-or-upgrade on open."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Insert, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
READ_ONLY = "jijian_read_only"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).as_posix()}"


def make_engine(url: str) -> Engine:
    """An engine with this product's connection rules.

    On SQLite: pragmas on every connection, and the pysqlite driver's own transaction handling
    switched off so that SQLAlchemy's BEGIN makes DDL and SAVEPOINT transactional. A writing
    transaction begins IMMEDIATE (one writer, no lock-upgrade deadlock); a reading one (execution
    option ``read_only``) begins DEFERRED, so in WAL mode it neither waits for nor blocks the writer.
    """
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "after_execute", _advance_id_sequence)
    return engine


def _advance_id_sequence(conn, clause, multiparams, params, _options, _result) -> None:
    """PostgreSQL: after an INSERT that gave its rows their ids (the demo, the ledger import write ids
    they counted themselves, as SQLite allows), move the table's id sequence past them, so the next
    ordinary insert does not collide. SQLite takes max(id)+1 by itself."""
    if not isinstance(clause, Insert) or "id" not in clause.table.c:
        return
    rows = multiparams if isinstance(multiparams, (list, tuple)) and multiparams else [params]
    first = rows[0][0] if rows and isinstance(rows[0], (list, tuple)) and rows[0] else rows[0] if rows else None
    if not isinstance(first, dict) or first.get("id") is None:
        return
    table = clause.table.name
    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT max(id) FROM {table}))")


# Transaction-level advisory locks on PostgreSQL (two int4 keys), where several desks write at once.
# On SQLite every writing transaction already holds the one write lock (BEGIN IMMEDIATE).
LOCK_AUDIT_CHAIN = 0x4A4A0001  # appending to the audit chain (services.security.audit)
LOCK_NUMBERING = 0x4A4A0002    # taking the next number of a kind and year (services.casework.numbering)


def advisory_xact_lock(session, key: int, sub: int = 0) -> None:
    """Wait for and take the lock (key, sub) until the session's transaction ends; nothing on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k, :s)"), {"k": key, "s": sub})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reading only: a deferred transaction, never holding the write lock.

    On PostgreSQL a REPEATABLE READ snapshot: a list or report reads one state of the data even while
    other desks commit (SQLite's WAL reader has that already)."""
    options: dict = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "REPEATABLE READ"
    return sessionmaker(engine.execution_options(**options), expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()  # type: ignore[arg-type]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    db = engine.url.database
    return Path(db) if db and db != ":memory:" else None


def backup_sqlite_file(src: Path, dest: Path) -> Path:
    """A consistent copy of a live SQLite file through the online backup API."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(src) as s, sqlite3.connect(dest) as d:
        s.backup(d)
    return dest


def upgrade_database(engine: Engine, backups_dir: Path | None = None, revision: str = "head") -> Path | None:
    """Create the schema on an empty database, or upgrade an older one after backing it up.

    Returns the backup's path when one was made.
    """
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    backup_path = None
    if current == target:
        return None
    path = _sqlite_path(engine)
    if current is not None and path is not None and path.exists() and backups_dir is not None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = backup_sqlite_file(path, backups_dir / f"pre-upgrade-{current}-{stamp}.sqlite")
    command.upgrade(alembic_config(engine), revision)
    return backup_path
