"""The ``.jjbak`` of a server database: its tables read into the same SQLite payload a desk's file export
holds (services.storage.table_copy), so the one format restores into either backend."""
from __future__ import annotations

from pathlib import Path

from models.db import make_engine, sqlite_url, upgrade_database

from services.storage import table_copy
from services.storage.workspace import Workspace


def sqlite_payload(ws: Workspace, dest: Path) -> Path:
    """Every app table of ``ws``'s server database, one REPEATABLE READ snapshot, into a new SQLite
    file at ``dest`` migrated to the same head revision."""
    engine = make_engine(sqlite_url(dest))
    try:
        upgrade_database(engine)
        with ws.reading() as s, engine.begin() as out:
            table_copy.copy_tables(s.connection(), out)
    finally:
        engine.dispose()
    return dest


__all__ = ["sqlite_payload"]
