"""The ``.jjbak`` of a server database: its tables read into the same SQLite payload a desk's file export
holds (services.storage.table_copy), so the one format restores into either backend."""
from __future__ import annotations

import tempfile
from pathlib import Path

from models.db import make_engine, sqlite_url, upgrade_database

from services.errors import IntegrityFailure
from services.storage import attachments, table_copy
from services.storage.backup_export import stage_encrypted
from services.storage.backup_store import integrity_check, place_file
from services.storage.migrate_to import TargetNotEmpty
from services.storage.workspace import Workspace, open_workspace


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


def restore_to_server(backup_file: Path, passphrase: str | None, url: str, data_dir: Path, **open_kw) -> dict[str, int]:
    """A ``.jjbak`` (from a desk or a server) into the EMPTY server database at ``url`` (migrated to head
    first; refused with ``TargetNotEmpty`` otherwise); attachment files go to its 附件文件夹. The rows
    restored per table."""
    server = open_workspace(data_dir, url=url, **open_kw)
    try:
        with server.engine.connect() as conn:
            filled = table_copy.nonempty_tables(conn)
        if filled:
            raise TargetNotEmpty(f"目标数据库不是空的（{len(filled)} 张表已有数据，如 {filled[0]}）：未恢复，"
                                 "服务器上的数据没有改动。请指定一个新建的空数据库")
        with tempfile.TemporaryDirectory(prefix="jijian-server-restore-") as work:
            staged_db, files, _meta = stage_encrypted(Path(backup_file), passphrase, Path(work))
            ok, message = integrity_check(staged_db)
            if not ok:
                raise IntegrityFailure(f"备份中的数据库未通过完整性检查（{message}），不能用它恢复：请换一份备份。")
            payload = make_engine(sqlite_url(staged_db))
            try:
                upgrade_database(payload)  # an older backup is brought to this version's schema first
                with payload.connect() as src, server.engine.begin() as dst:
                    counts = table_copy.copy_tables(src, dst)
            finally:
                payload.dispose()
            store = attachments.folder(server)
            for rel, path in sorted(files.items()):
                if not (store / rel).exists():
                    place_file(path, store / rel)
        return counts
    finally:
        server.close()


__all__ = ["restore_to_server", "sqlite_payload"]
