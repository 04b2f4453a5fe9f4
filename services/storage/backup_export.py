"""The encrypted backup file for a USB stick (``.jjbak``): write, inspect, and unpack for restore.

The container itself (header, keys, chunk stream) is ``backup_format``; its constants are re-exported here.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import struct
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from services.errors import IntegrityFailure, NotFoundError, ValidationError
from services.security.identity_crypto import KdfParams
from services.storage.files import atomic_path, keep_os_error

from services.storage.backup_format import (DAMAGED, DEFAULT_CHUNK, EXPORT_FORMAT, EXPORT_SUFFIX, MAGIC, MIN_PASSPHRASE,
                                            TRUNCATED, WRONG_PASSPHRASE, CancelFn, ChunkReader, ChunkWriter, Keys,
                                            Progress, ProgressFn, build_header, derive_keys, open_keys, read_header,
                                            read_metadata, write_all)
from services.storage.backup_origin import read_organization
from services.storage.backup_store import (ATTACHMENT_STORE, DB_MEMBER, disk_error, iter_attachments, local_wall_clock,
                                           safe_relpath, snapshot_database, verify_content_address)

__all__ = ["DAMAGED", "DEFAULT_CHUNK", "EXPORT_FORMAT", "EXPORT_SUFFIX", "MAGIC", "MIN_PASSPHRASE", "TRUNCATED",
           "WRONG_PASSPHRASE", "CancelFn", "ProgressFn", "export_encrypted", "inspect_encrypted", "stage_encrypted"]


class _CountingReader:
    def __init__(self, f: BinaryIO, progress: Progress):
        self._f, self._p = f, progress

    def read(self, n: int = -1) -> bytes:
        self._p.check()
        data = self._f.read(n)
        self._p.advance(len(data))
        return data


def _table_counts(db_file: Path) -> dict[str, int]:
    con = sqlite3.connect(db_file)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: con.execute(f'SELECT count(*) FROM "{n.replace(chr(34), chr(34) * 2)}"').fetchone()[0]
                for n in names}
    finally:
        con.close()


def _alembic_revision(db_file: Path) -> str | None:
    con = sqlite3.connect(db_file)
    try:
        row = con.execute("SELECT version_num FROM alembic_version LIMIT 1").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()


def _unique_path(folder: Path, stem: str, suffix: str) -> Path:
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        path, n = folder / f"{stem}-{n}{suffix}", n + 1
    return path


def export_encrypted(db_path: Path, attachments_dir: Path | None, dest_dir: Path, passphrase: str, *,
                     progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
                     now: datetime | None = None, schema_revision: str | None = None,
                     kdf_params: KdfParams | None = None, chunk_size: int = DEFAULT_CHUNK) -> Path:
    """Write ``jijian-backup-YYYYMMDD-HHMMSS.jjbak`` into ``dest_dir`` and return its path.

    The file is written under a temporary name, fsynced, read back and verified, then renamed;
    on any failure (full disk, cancel, …) the temporary file is removed and ``BackupError`` raised,
    leaving earlier exports as they were. ``progress(done, total)`` counts bytes over the write
    and the read-back; ``schema_revision`` defaults to the database's ``alembic_version``.
    """
    dest_dir = Path(dest_dir)
    if not dest_dir.is_dir():
        raise ValidationError(f"目标文件夹不存在或不可用：{dest_dir}。请插入U盘并重新选择文件夹。", field="dest_dir")
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError(f"备份口令至少需要 {MIN_PASSPHRASE} 个字符。", field="passphrase")
    if not 1024 <= chunk_size <= 64 << 20:
        raise ValueError("chunk_size out of range")
    params = kdf_params or KdfParams()
    stamp = datetime.now(timezone.utc) if now is None else now
    created = stamp if stamp.tzinfo else stamp.astimezone()

    with tempfile.TemporaryDirectory(prefix="jijian-export-") as work:
        snapshot = Path(work) / DB_MEMBER
        try:
            snapshot_database(Path(db_path), snapshot)
        except OSError as exc:
            raise disk_error(exc, "临时文件夹所在") from exc
        attachments = iter_attachments(attachments_dir)
        files = [(DB_MEMBER, snapshot)] + [(f"{ATTACHMENT_STORE}/{rel}", p) for rel, p in attachments]
        sizes = [p.stat().st_size for _, p in files]
        meta = {
            "format": EXPORT_FORMAT, "app": "jijian-desk", "created": created.isoformat(),
            "schema_revision": schema_revision or _alembic_revision(snapshot),
            "counts": {"tables": _table_counts(snapshot), "attachments": len(attachments),
                       "attachment_bytes": sum(sizes[1:]), "db_bytes": sizes[0]},
        }
        org = read_organization(snapshot)
        if org is not None:
            meta["organization"] = org.to_manifest()
        salt = os.urandom(16)
        keys = derive_keys(passphrase, salt, params)
        header, header_hash = build_header(salt, params, chunk_size, keys.check)
        meta_ct = AESGCM(keys.meta).encrypt(bytes(12), json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                                            header_hash)
        meter = Progress(2 * sum(sizes), progress, cancelled)
        final = _unique_path(dest_dir, f"jijian-backup-{local_wall_clock(created):%Y%m%d-%H%M%S}", EXPORT_SUFFIX)
        try:
            with atomic_path(final, error=keep_os_error) as tmp:
                fd = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))
                try:
                    write_all(fd, header + struct.pack(">I", len(meta_ct)) + meta_ct)
                    writer = ChunkWriter(fd, keys.body, header_hash, chunk_size)
                    with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
                        for (name, path), size in zip(files, sizes):
                            info = tarfile.TarInfo(name)
                            info.size, info.mode, info.mtime = size, 0o600, int(created.timestamp())
                            with open(path, "rb") as f:
                                tar.addfile(info, _CountingReader(f, meter))
                    writer.finish()
                finally:
                    os.close(fd)
                _verify_body(tmp, keys, meter)
        except OSError as exc:
            raise disk_error(exc, "目标") from exc
    return final


def _verify_body(path: Path, keys: Keys, meter: Progress) -> None:
    with open(path, "rb") as f:
        header = read_header(f)
        read_metadata(f, header, keys)
        reader = ChunkReader(f, keys.body, header.header_hash, header.chunk_size, meter)
        reader.drain()


def inspect_encrypted(path: Path, passphrase: str, *, verify: bool = False) -> dict:
    """The export's metadata (created, schema_revision, counts); ``verify`` also checks every chunk."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            header = read_header(f)
            keys = open_keys(header, passphrase)
            meta = read_metadata(f, header, keys)
            if verify:
                ChunkReader(f, keys.body, header.header_hash, header.chunk_size).drain()
    except FileNotFoundError:
        raise NotFoundError(f"找不到备份文件：{path}") from None
    return meta


def stage_encrypted(path: Path, passphrase: str | None, staging: Path) -> tuple[Path, dict[str, Path], dict]:
    staged_db: Path | None = None
    staged: dict[str, Path] = {}
    with open(path, "rb") as f:
        header = read_header(f)
        keys = open_keys(header, passphrase)
        meta = read_metadata(f, header, keys)
        reader = ChunkReader(f, keys.body, header.header_hash, header.chunk_size)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
                for member in tar:
                    name = member.name
                    inside = name == DB_MEMBER or (
                        name.startswith(ATTACHMENT_STORE + "/") and safe_relpath(name[len(ATTACHMENT_STORE) + 1:]))
                    rel = name[len(ATTACHMENT_STORE) + 1:]
                    if not member.isfile() or not inside or rel in staged or (name == DB_MEMBER and staged_db):
                        raise IntegrityFailure(DAMAGED.format(where=f"内容清单（{name}）"))
                    target = staging / ("db" if name == DB_MEMBER else "files") / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    src = tar.extractfile(member)
                    assert src is not None
                    with open(target, "wb") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
                    if name == DB_MEMBER:
                        staged_db = target
                    else:
                        staged[rel] = target
            reader.drain()
        except tarfile.TarError as exc:
            raise IntegrityFailure(DAMAGED.format(where="归档结构")) from exc
    counts = meta.get("counts", {})
    if staged_db is None or len(staged) != counts.get("attachments") \
            or staged_db.stat().st_size != counts.get("db_bytes"):
        raise IntegrityFailure(DAMAGED.format(where="内容清单"))
    for rel, p in staged.items():
        if not verify_content_address(p):
            raise IntegrityFailure(DAMAGED.format(where=f"附件 {rel}"))
    return staged_db, staged, meta
