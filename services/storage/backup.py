"""Local backups of the live database, rotation, and restore.

Local backups live in ``backups_dir`` as ``jijian-YYYYMMDD-HHMMSS-<kind>.sqlite3`` (a standalone,
non-WAL SQLite file) plus a ``.manifest.json`` sidecar listing the attachments it needs. The
attachments themselves go to one shared content-addressed store, ``backups_dir/attachments/``.
Times in file names are the local wall clock the caller passes in.

``export_encrypted`` (services.storage.backup_export, re-exported here) writes one passphrase-protected ``.jjbak``
file for a USB stick;
``restore`` takes either kind, verifies everything in a staging folder first and only then swaps the
database. The caller must close every connection to the database (``engine.dispose()``) before
``restore``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from services.errors import IntegrityFailure, NotFoundError
from services.storage.files import atomic_path, fsync_dir, fsync_file, keep_os_error

from services.storage.backup_origin import RestoreTarget, read_organization

# The encrypted export and the shared helpers are re-exported: callers use ``services.storage.backup`` for all of it.
from services.storage.backup_export import (DEFAULT_CHUNK, EXPORT_SUFFIX, MAGIC, MIN_PASSPHRASE, stage_encrypted,
                                            export_encrypted, inspect_encrypted)
from services.storage.backup_store import (ATTACHMENT_STORE, DB_MEMBER, KINDS, BackupCancelled, BackupError, BackupKind,
                                           disk_error, integrity_check, iter_attachments, local_wall_clock,
                                           manifest_path_for, place_file, quick_check, remove_quietly, safe_relpath,
                                           sha256_file, snapshot_database, verify_content_address)

# Kinds rotation may delete; manual and pre-upgrade backups stay until someone deletes them.
ROTATED_KINDS = ("daily", "exit")
KEEP_DAYS = 7
KEEP_WEEKS = 4

_NAME_RE = re.compile(r"^jijian-(\d{8})-(\d{6})-([a-z]+)(?:-(\d+))?\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # local wall-clock time from the file name
    kind: str
    size: int
    seq: int = 0
    attachments: tuple[str, ...] = field(default=(), compare=False)

    @property
    def manifest_path(self) -> Path:
        return manifest_path_for(self.path)


# --------------------------------------------------------------------------- local backups

def _backup_name(created: datetime, kind: str, seq: int) -> str:
    suffix = f"-{seq}" if seq else ""
    return f"jijian-{created:%Y%m%d-%H%M%S}-{kind}{suffix}.sqlite3"


def _parse(path: Path) -> BackupInfo | None:
    m = _NAME_RE.match(path.name)
    if not m or m.group(3) not in KINDS:
        return None
    try:
        created = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    attachments: tuple[str, ...] = ()
    manifest = read_manifest(path)
    if manifest is not None:
        attachments = tuple(manifest.get("attachments", {}))
    return BackupInfo(path=path, created=created, kind=m.group(3), size=size,
                      seq=int(m.group(4) or 0), attachments=attachments)


def read_manifest(db_file: Path) -> dict | None:
    try:
        data = json.loads(manifest_path_for(db_file).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Local backups in ``backups_dir``, newest first."""
    backups_dir = Path(backups_dir)
    if not backups_dir.is_dir():
        return []
    found = [info for p in backups_dir.iterdir() if p.is_file() and (info := _parse(p))]
    return sorted(found, key=lambda b: (b.created, b.seq), reverse=True)


def make_backup(db_path: Path, attachments_dir: Path | None, backups_dir: Path, *,
                now: datetime, kind: BackupKind) -> BackupInfo:
    """Copy the live database (and any new attachments) into ``backups_dir``."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    backups_dir = Path(backups_dir)
    created = local_wall_clock(now).replace(microsecond=0)
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        seq = 0
        while (backups_dir / _backup_name(created, kind, seq)).exists():
            seq += 1
        final = backups_dir / _backup_name(created, kind, seq)
        try:
            # The manifest lands just before its copy; a copy never lands without it.
            with atomic_path(final, error=keep_os_error) as tmp:
                snapshot_database(Path(db_path), tmp)
                attachments = _store_attachments(attachments_dir, backups_dir / ATTACHMENT_STORE)
                manifest = {"format": 1, "created": created.isoformat(), "kind": kind,
                            "db_sha256": sha256_file(tmp), "attachments": attachments}
                org = read_organization(tmp)
                if org is not None:
                    manifest["organization"] = org.to_manifest()
                with atomic_path(manifest_path_for(final), error=keep_os_error) as mtmp:
                    mtmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        except BaseException:
            if not final.exists():
                remove_quietly(manifest_path_for(final))
            raise
    except OSError as exc:
        raise disk_error(exc, "备份文件夹所在") from exc
    info = _parse(final)
    assert info is not None
    return info


def _store_attachments(attachments_dir: Path | None, store: Path) -> dict[str, int]:
    """Copy attachments missing from the shared store; returns {relative path: size}."""
    listed: dict[str, int] = {}
    for rel, src in iter_attachments(attachments_dir):
        size = src.stat().st_size
        dst = store / rel
        if not (dst.is_file() and dst.stat().st_size == size):
            place_file(src, dst)
        listed[rel] = size
    return listed


def should_run_daily(backups_dir: Path, today: date) -> bool:
    """True until today's daily backup exists (call at start-up)."""
    return not any(b.kind == "daily" and b.created.date() == today for b in list_backups(backups_dir))


def rotate(backups_dir: Path, today: date) -> list[Path]:
    """Delete old automatic backups; returns the deleted backup files.

    Keeps the newest automatic backup of each of the 7 most recent days that have one, and of
    each of the 4 most recent ISO weeks that have one. Counting days *with backups* rather than
    calendar days means a PC left off for a month still keeps its history. Never deletes the
    newest backup, manual or pre-upgrade backups, or anything dated after ``today``. Attachments
    in the shared store that no remaining backup lists are removed.
    """
    backups = list_backups(backups_dir)
    if not backups:
        return []
    keep: set[Path] = {backups[0].path}
    candidates = [b for b in backups if b.kind in ROTATED_KINDS and b.created.date() <= today]
    newest_per_day: dict[date, BackupInfo] = {}
    newest_per_week: dict[tuple[int, int], BackupInfo] = {}
    for b in candidates:  # newest first, so setdefault keeps the newest of each group
        newest_per_day.setdefault(b.created.date(), b)
        newest_per_week.setdefault(tuple(b.created.date().isocalendar())[:2], b)
    keep.update(newest_per_day[d].path for d in sorted(newest_per_day, reverse=True)[:KEEP_DAYS])
    keep.update(newest_per_week[w].path for w in sorted(newest_per_week, reverse=True)[:KEEP_WEEKS])
    deleted = []
    for b in candidates:
        if b.path not in keep:
            remove_quietly(manifest_path_for(b.path))
            remove_quietly(b.path)
            deleted.append(b.path)
    if deleted:
        _prune_store(Path(backups_dir), list_backups(backups_dir))
    return deleted


def _prune_store(backups_dir: Path, remaining: Iterable[BackupInfo]) -> None:
    referenced: set[str] = set()
    for b in remaining:
        manifest = read_manifest(b.path)
        if manifest is None:  # cannot tell what this backup needs: keep every attachment
            return
        referenced.update(manifest.get("attachments", {}))
    for rel, path in iter_attachments(backups_dir / ATTACHMENT_STORE):
        if rel not in referenced:
            remove_quietly(path)


def newest_good_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest local backup that passes ``quick_check``, or None."""
    for b in list_backups(backups_dir):
        if quick_check(b.path)[0]:
            return b
    return None


@dataclass(frozen=True)
class RestoreResult:
    db_path: Path
    moved_aside: Path | None  # the previous database, kept for safety
    attachments_added: int
    metadata: dict | None  # the export's metadata (None for a local backup)



# --------------------------------------------------------------------------- restore

def is_encrypted(path: Path) -> bool:
    """An encrypted export: by its magic bytes, or by its ``.jjbak`` name (then a wrong header is refused)."""
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC or Path(path).suffix.lower() == EXPORT_SUFFIX


def restore(backup_path: Path, passphrase: str | None, db_path: Path, attachments_dir: Path, *,
            now: datetime | None = None, target: RestoreTarget | None = None) -> RestoreResult:
    """Replace the database with a backup (local ``.sqlite3`` or encrypted ``.jjbak``).

    Everything is decrypted and checked in a staging folder next to the database first; a wrong
    passphrase (``AuthenticationError``) or a damaged file (``IntegrityFailure``) leaves the current
    database untouched. Then missing attachments are added, the current database (with its -wal and
    -shm) is renamed to ``<db>.before-restore-<timestamp>``, and the restored one takes its place.
    ``target`` (this data dir's office, see services.storage.backup_origin) refuses another office's backup
    and a file without the app's manifest (``ForeignBackup``) before anything is replaced;
    ``services.storage.maintenance.restore_backup`` always passes it.
    """
    backup_path, db_path, attachments_dir = Path(backup_path), Path(db_path), Path(attachments_dir)
    if not backup_path.is_file():
        raise NotFoundError(f"找不到备份文件：{backup_path}")
    encrypted = is_encrypted(backup_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=".jijian-restore-", dir=db_path.parent) as work:
            staging = Path(work)
            if encrypted:
                staged_db, staged_files, meta = stage_encrypted(backup_path, passphrase, staging)
                manifest = meta
            else:
                staged_db, staged_files = _stage_local(backup_path, staging)
                meta, manifest = None, read_manifest(backup_path)
            ok, message = integrity_check(staged_db)
            if not ok:
                raise IntegrityFailure(f"备份中的数据库未通过完整性检查（{message}），不能用它恢复：请换一份备份。")
            if target is not None:
                target.check(staged_db, manifest, backup_path)
            return _install(staged_db, staged_files, db_path, attachments_dir, now, meta)
    except OSError as exc:
        raise disk_error(exc, "数据文件夹所在", "恢复") from exc


def _stage_local(backup_file: Path, staging: Path) -> tuple[Path, dict[str, Path]]:
    staged_db = staging / DB_MEMBER
    shutil.copyfile(backup_file, staged_db)
    manifest = read_manifest(backup_file)
    store = backup_file.parent / ATTACHMENT_STORE
    if manifest is None:  # no list: offer every attachment in the store (extra ones are harmless)
        return staged_db, dict(iter_attachments(store))
    expected = manifest.get("db_sha256")
    if expected and sha256_file(staged_db) != expected:
        raise IntegrityFailure(f"备份文件 {backup_file.name} 与其清单不符（已被改动或损坏），不能用它恢复：请换一份备份。")
    files: dict[str, Path] = {}
    for rel in manifest.get("attachments", {}):
        src = store / rel
        if not safe_relpath(rel) or not src.is_file() or not verify_content_address(src):
            raise IntegrityFailure(f"备份所需的附件缺失或已损坏：{rel}。请换一份备份，或从加密导出文件恢复。")
        files[rel] = src
    return staged_db, files


def _sidecars(path: Path) -> list[tuple[Path, str]]:
    return [(Path(f"{path}{s}"), s) for s in ("-wal", "-shm", "-journal")]


def _install(staged_db: Path, files: dict[str, Path], db_path: Path, attachments_dir: Path,
             now: datetime | None, meta: dict | None) -> RestoreResult:
    added = 0
    for rel, src in sorted(files.items()):
        dst = attachments_dir / rel
        if not dst.exists():
            place_file(src, dst)
            added += 1
    fsync_file(staged_db)
    aside: Path | None = None
    if db_path.exists():
        stamp = local_wall_clock(now or datetime.now())
        aside = db_path.with_suffix(f".before-restore-{stamp:%Y%m%d-%H%M%S}")
        n = 1
        while aside.exists():
            aside, n = db_path.with_suffix(f".before-restore-{stamp:%Y%m%d-%H%M%S}-{n}"), n + 1
        try:
            os.replace(db_path, aside)
            for side, suffix in _sidecars(db_path):
                if side.exists():
                    os.replace(side, Path(f"{aside}{suffix}"))
        except OSError as exc:
            _undo_aside(db_path, aside)
            raise BackupError("数据库正在被使用，无法替换：请关闭所有窗口后再恢复。") from exc
    try:
        os.replace(staged_db, db_path)
    except OSError:
        if aside is not None:
            _undo_aside(db_path, aside)
        raise
    fsync_dir(db_path.parent)
    return RestoreResult(db_path=db_path, moved_aside=aside, attachments_added=added, metadata=meta)


def _undo_aside(db_path: Path, aside: Path) -> None:
    if aside.exists() and not db_path.exists():
        os.replace(aside, db_path)
    for side, suffix in _sidecars(db_path):
        moved = Path(f"{aside}{suffix}")
        if moved.exists() and not side.exists():
            os.replace(moved, side)

