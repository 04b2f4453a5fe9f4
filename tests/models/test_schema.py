import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models import Base, Complaint, ComplaintSubject
from models.search import include_name
from models.db import current_revision, head_revision, make_engine, sqlite_url, upgrade_database


def test_migration_head_matches_models(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite"))
    upgrade_database(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name}), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert current_revision(engine) == head_revision()


def test_pragmas_on_every_connection(blank_ws):
    with blank_ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_are_enforced(blank_ws):
    with pytest.raises(IntegrityError):
        with blank_ws.transaction() as s:
            s.add(ComplaintSubject(complaint_id=999, name="张三"))
            s.flush()


def test_check_constraint_rejects_unknown_code(blank_ws):
    import datetime as dt
    with pytest.raises(IntegrityError):
        with blank_ws.transaction() as s:
            s.add(Complaint(number="XF2026-0001", year=2026, seq=1, received_date=dt.date(2026, 1, 5),
                            channel="pigeon", kind="accusation", signature="anonymous"))
            s.flush()


def test_ddl_is_transactional(blank_ws):
    """With the driver's own transaction handling off, DDL rolls back with the transaction."""
    with pytest.raises(RuntimeError):
        with blank_ws.transaction() as s:
            s.execute(text("CREATE TABLE scratch (x INTEGER)"))
            raise RuntimeError("abort")
    with blank_ws.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "scratch" not in names


def test_upgrade_from_older_revision_makes_backup(tmp_path):
    db = tmp_path / "old.sqlite"
    engine = make_engine(sqlite_url(db))
    upgrade_database(engine, revision="0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings(key, value_json) VALUES ('x', '1')")
    backup = upgrade_database(engine, tmp_path / "backups")
    assert backup is not None and backup.exists()
    assert current_revision(engine) == head_revision()
    with sqlite3.connect(backup) as b:
        assert b.execute("SELECT value_json FROM settings WHERE key='x'").fetchone() == ("1",)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value_json FROM settings WHERE key='x'").scalar() == "1"
