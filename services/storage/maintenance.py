"""Keeping the data safe day to day: start-up checks, automatic backups, USB export, restore."""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from models.db import current_revision

from services.errors import StateError
from services.security import audit
from services.security.permissions import require
from services.storage import backup, instance_lock, server_backup
from services.storage.backup_origin import OrgRef, read_organization, restore_target
from services.storage.workspace import Workspace

@dataclass(frozen=True)
class StartupReport:
    ok: bool
    message: str
    newest_good_backup: Path | None = None


def startup_check(data_dir: Path) -> StartupReport:
    """``PRAGMA quick_check`` on the data dir's database before it is opened (and upgraded);
    on failure, name the newest good backup."""
    from services.storage.workspace import DB_FILE
    db_path = Path(data_dir) / DB_FILE
    if not db_path.exists():
        return StartupReport(True, "")
    ok, detail = backup.quick_check(db_path)
    if ok:
        return StartupReport(True, "")
    good = backup.newest_good_backup(Path(data_dir) / "backups")
    msg = f"数据库检查发现损坏（{detail}）。"
    msg += (f"可以从最近的完好备份恢复：{good.path.name}（{good.created:%Y-%m-%d %H:%M}）" if good
            else "没有找到可用的备份，请联系技术人员，切勿继续录入。")
    return StartupReport(False, msg, good.path if good else None)


def daily_backup_if_due(ws: Workspace) -> Path | None:
    """On the first start of each day: a checked backup, then rotation (7 daily, 4 weekly)."""
    if ws.engine.dialect.name != "sqlite":
        return None
    today = ws.today()
    if not backup.should_run_daily(ws.backups_dir, today):
        return None
    info = backup.make_backup(ws.db_path, ws.attachments_dir, ws.backups_dir, now=ws.now(), kind="daily")
    backup.rotate(ws.backups_dir, today)
    return info.path


def backup_on_exit(ws: Workspace) -> Path | None:
    if ws.engine.dialect.name != "sqlite" or not ws.db_path.exists():
        return None
    info = backup.make_backup(ws.db_path, ws.attachments_dir, ws.backups_dir, now=ws.now(), kind="exit")
    backup.rotate(ws.backups_dir, ws.today())
    return info.path


def _file_backups_only(ws: Workspace) -> None:
    """Backups copy the SQLite file; a server database has none (issue 13: its export is still to come)."""
    if ws.engine.dialect.name != "sqlite":
        raise StateError("当前使用服务器数据库（PostgreSQL）：本机文件备份不适用，请由服务器管理员用 pg_dump 备份；"
                         "未写出任何备份文件")


def backup_now(ws: Workspace) -> backup.BackupInfo:
    """立即备份: a checked local backup of kind "manual" (kept until deleted), audited."""
    require(ws.current_user, "backup.run")
    _file_backups_only(ws)
    info = backup.make_backup(ws.db_path, ws.attachments_dir, ws.backups_dir, now=ws.now(), kind="manual")
    with ws.transaction() as s:
        audit.record(s, ws.current_user, "backup.local", "backup", info.path.name, {"size": info.size})
    return info


def list_local_backups(ws: Workspace) -> list[backup.BackupInfo]:
    return backup.list_backups(ws.backups_dir)


def export_backup(ws: Workspace, dest_dir: Path, passphrase: str, *,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Path:
    """备份到…: one encrypted file on a chosen folder (a USB stick)."""
    require(ws.current_user, "backup.run")
    from services.storage.attachments import folder
    with tempfile.TemporaryDirectory(prefix="jijian-server-export-") as work:
        # a server database: its tables into the SQLite payload a desk's export holds (services.storage.server_backup)
        db = ws.db_path if ws.engine.dialect.name == "sqlite" else server_backup.sqlite_payload(ws, Path(work) / "db")
        path = backup.export_encrypted(db, folder(ws), Path(dest_dir), passphrase, progress=progress,
                                       cancelled=cancelled, now=ws.now(), schema_revision=current_revision(ws.engine),
                                       kdf_params=ws.crypto.export_kdf)
    with ws.transaction() as s:
        audit.record(s, ws.current_user, "backup.export", "backup", path.name, {"target": str(dest_dir)})
    return path


def restore_backup(data_dir: Path, backup_file: Path, passphrase: str | None, *,
                   allow_foreign: bool = False) -> backup.RestoreResult:
    """恢复: check the backup, keep the current database aside, put the backup in place.

    Runs with the workspace closed (the database file is renamed); the next open upgrades an older
    schema and records the restore in the audit log. Runs under the data dir's instance lock (taken
    here, re-entrantly if the caller holds it): refused, naming the holder, while another program
    has the data dir open. Only this office's backups are taken; another office's backup or a file
    without the app's manifest only into a fresh data dir with ``allow_foreign`` (services.storage.backup_origin).
    """
    from services.storage.workspace import DB_FILE
    data_dir = Path(data_dir)
    with instance_lock.acquire(data_dir):
        target = restore_target(data_dir / DB_FILE, data_dir / "backups", allow_foreign=allow_foreign)
        return backup.restore(Path(backup_file), passphrase, data_dir / DB_FILE, data_dir / "attachments",
                              now=dt.datetime.now(dt.timezone.utc), target=target)


def backup_organization(backup_file: Path, passphrase: str | None) -> OrgRef | None:
    """The office a backup names (from a ``.jjbak``'s metadata or a local backup's database), to show before restoring."""
    from services.storage.backup_origin import manifest_organization
    backup_file = Path(backup_file)
    if backup.is_encrypted(backup_file):
        return manifest_organization(backup.inspect_encrypted(backup_file, passphrase or ""))
    return read_organization(backup_file)


def data_dir_is_fresh(data_dir: Path) -> bool:
    """True for a data dir that belongs to no office yet (restoring into it needs ``allow_foreign``)."""
    from services.storage.workspace import DB_FILE
    return restore_target(Path(data_dir) / DB_FILE, Path(data_dir) / "backups").fresh


def note_restore(ws: Workspace, result: backup.RestoreResult, source: Path) -> None:
    with ws.transaction() as s:
        audit.record(s, ws.current_user, "backup.restore", "backup", Path(source).name,
                     {"moved_aside": str(result.moved_aside) if result.moved_aside else "",
                      "attachments_added": result.attachments_added})


__all__ = ["StartupReport", "startup_check", "daily_backup_if_due", "backup_on_exit", "export_backup", "backup_now",
           "restore_backup", "backup_organization", "data_dir_is_fresh", "note_restore", "list_local_backups"]
