"""Backups' shared ground: errors, file helpers (fsync, atomic placement, content addresses) and
SQLite checks and snapshots. Used by local backups (services.storage.backup) and the encrypted export
(services.storage.backup_export)."""
from __future__ import annotations

import errno
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Literal


from services.errors import DomainError, IntegrityFailure, NotFoundError
from services.storage.files import atomic_path, keep_os_error, os_reason, sha256_file

BackupKind = Literal["daily", "exit", "manual", "upgrade"]
KINDS: tuple[str, ...] = ("daily", "exit", "manual", "upgrade")
ATTACHMENT_STORE = "attachments"
DB_MEMBER = "jijian.sqlite3"
# Said to whoever ran the backup (a clerk too, at the daily backup): who restores, and where.
RESTORE_EARLIER = "由纪委书记或系统管理员在“设置 → 备份与恢复”中从较早的备份恢复。"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BackupError(DomainError):
    """A backup, export or restore could not be completed (disk full, unreadable target, …)."""


class BackupCancelled(BackupError):
    """The user cancelled; nothing was written."""



# --------------------------------------------------------------------------- small helpers

def local_wall_clock(now: datetime) -> datetime:
    """Naive local wall-clock time (aware values are converted to the machine's zone)."""
    return now.astimezone().replace(tzinfo=None) if now.tzinfo else now


def manifest_path_for(db_file: Path) -> Path:
    return db_file.with_name(db_file.name.removesuffix(".sqlite3") + ".manifest.json")


def remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # absent, or a read-only stick (which reports EROFS even for a file that is not there)


def place_file(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` atomically (temp file in the target folder, fsync, rename)."""
    with atomic_path(dst, make_parents=True, error=keep_os_error) as tmp:
        shutil.copyfile(src, tmp)


def verify_content_address(path: Path) -> bool:
    """True unless the file is named by a SHA-256 (stem of 64 hex digits) that its bytes don't match."""
    stem = path.name.split(".", 1)[0].lower()
    return not _HEX64.match(stem) or sha256_file(path) == stem


def iter_attachments(attachments_dir: Path | None) -> list[tuple[str, Path]]:
    """(relative POSIX path, absolute path) of every regular file under the attachments folder."""
    if attachments_dir is None or not attachments_dir.is_dir():
        return []
    out = []
    for path in sorted(attachments_dir.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
            out.append((path.relative_to(attachments_dir).as_posix(), path))
    return out


def safe_relpath(rel: str) -> bool:
    """A relative path that stays inside its folder (no absolute, drive, '..' or backslash)."""
    if not rel or rel.startswith("/") or "\\" in rel or ":" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def disk_error(exc: OSError, where: str, action: str = "备份") -> BackupError:
    done = "当前数据库未被改动" if action == "恢复" else "已删除未完成的文件"
    if exc.errno == errno.ENOSPC:
        return BackupError(f"{where}磁盘空间不足，{action}未完成（{done}）：请清理空间或换一个空间更大的磁盘后重试。")
    return BackupError(f"{where}读写失败（{os_reason(exc)}），{action}未完成（{done}）：请检查磁盘是否可用后重试。")


# --------------------------------------------------------------------------- SQLite checks

def connect_ro(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def _run_check(db_path: Path, pragma: str) -> tuple[bool, str]:
    if not db_path.is_file():
        return False, f"数据库文件不存在：{db_path}"
    try:
        con = connect_ro(db_path)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return False, f"数据库无法读取，文件可能已损坏（{exc}）"
    if rows == ["ok"]:
        return True, "数据库检查通过"
    return False, "数据库已损坏：" + "；".join(str(r) for r in rows[:5])


def quick_check(db_path: Path) -> tuple[bool, str]:
    """``PRAGMA quick_check`` on the file: (ok, Chinese message)."""
    return _run_check(Path(db_path), "quick_check")


def integrity_check(db_path: Path) -> tuple[bool, str]:
    """The full ``PRAGMA integrity_check``: (ok, Chinese message)."""
    return _run_check(Path(db_path), "integrity_check")


def snapshot_database(db_path: Path, target: Path) -> None:
    """A consistent standalone copy of a live (WAL) database via SQLite's online backup API.

    The copy is switched to rollback-journal mode so it is one self-contained file. Raises
    ``NotFoundError`` if there is no database, ``IntegrityFailure`` if it cannot be read or the
    copy fails ``integrity_check`` (the copy is removed).
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise NotFoundError(f"找不到数据库文件：{db_path}")
    try:
        src = connect_ro(db_path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)  # pages=-1: one step under one read snapshot → consistent
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        remove_quietly(target)
        text = str(exc).lower()
        if isinstance(exc, sqlite3.OperationalError) and "full" in text:
            raise BackupError("磁盘空间不足，无法生成数据库副本：请清理空间后重试。") from exc
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            raise BackupError("数据库正忙，暂时无法备份：请稍后重试。") from exc
        raise IntegrityFailure(f"无法读取数据库生成备份（{exc}）：数据库可能已损坏，请勿继续录入，"
                               f"{RESTORE_EARLIER}") from exc
    ok, message = integrity_check(target)
    if not ok:
        remove_quietly(target)
        raise IntegrityFailure(f"备份副本未通过完整性检查，已删除该副本。{message}。原数据库可能已损坏，"
                               f"请勿继续录入，{RESTORE_EARLIER}")


