"""The encrypted backup file for a USB stick (``.jjbak``): write, inspect, and unpack for restore."""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import struct
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.errors import AuthenticationError, IntegrityFailure, NotFoundError, ValidationError
from services.security.identity_crypto import KdfParams, derive_kek
from services.storage.files import fsync_dir

from services.storage.backup_origin import read_organization
from services.storage.backup_store import (ATTACHMENT_STORE, DB_MEMBER, BackupCancelled, BackupError, disk_error,
                                           iter_attachments, local_wall_clock, remove_quietly, safe_relpath,
                                           snapshot_database, verify_content_address)

# --------------------------------------------------------------------------- encrypted export
#
# .jjbak layout (all integers big-endian):
#   MAGIC(8) | u16 format | u32 n | header JSON (n bytes) | SHA-256 of everything before it (32)
#   | u32 m | metadata: AES-GCM(meta key, zero nonce, aad=header hash) (m bytes)
#   | chunks: AES-GCM(body key, nonce=counter, aad=header hash ‖ u64 index ‖ u8 final)
# The header holds the KDF (argon2id salt + costs), the chunk size and a key check value, so a
# wrong passphrase is told apart from a damaged file. Every non-final chunk encrypts exactly
# chunk_size bytes and the final one fewer (possibly zero), so a file cut at a chunk boundary
# lacks its final chunk, and a chunk moved or cut mid-way fails its tag. The keys are fresh for
# every file (random salt), so counter nonces never repeat under one key.

MAGIC = b"JJBAK\x00\r\n"
EXPORT_FORMAT = 1
EXPORT_SUFFIX = ".jjbak"
DEFAULT_CHUNK = 1 << 20
MIN_PASSPHRASE = 8
_TAG = 16
_MAX_HEADER = 64 * 1024
_MAX_META = 1 << 20

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

WRONG_PASSPHRASE = "备份口令错误，无法解开备份文件：请核对口令（区分大小写）后重试。"
DAMAGED = "备份文件已损坏或被改动（{where}校验失败），不能用它恢复：请换一份备份。"
TRUNCATED = "备份文件不完整（文件被截断，可能复制时中断），不能用它恢复：请重新复制或换一份备份。"


@dataclass(frozen=True)
class _Keys:
    body: bytes
    meta: bytes
    check: bytes


def _derive_keys(passphrase: str, salt: bytes, params: KdfParams) -> _Keys:
    master = derive_kek(passphrase, salt, params)
    def sub(info: bytes, n: int = 32) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=n, salt=None, info=b"jjbak/v1/" + info).derive(master)
    return _Keys(body=sub(b"body"), meta=sub(b"meta"), check=sub(b"check", 16))


def _chunk_nonce(index: int) -> bytes:
    return struct.pack(">IQ", 0, index)


def _chunk_aad(header_hash: bytes, index: int, final: bool) -> bytes:
    return header_hash + struct.pack(">QB", index, 1 if final else 0)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Progress:
    """Reports (done, total) at most every MiB, and raises BackupCancelled when asked to stop."""

    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelFn | None):
        self.total, self.done, self._last = max(total, 1), 0, -1
        self._progress, self._cancelled = progress, cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise BackupCancelled("已取消导出，没有写入任何备份文件。")

    def advance(self, n: int) -> None:
        self.done = min(self.done + n, self.total)
        if self._progress and (self.done - self._last >= (1 << 20) or self.done == self.total):
            self._last = self.done
            self._progress(self.done, self.total)


class _CountingReader:
    def __init__(self, f: BinaryIO, progress: _Progress):
        self._f, self._p = f, progress

    def read(self, n: int = -1) -> bytes:
        self._p.check()
        data = self._f.read(n)
        self._p.advance(len(data))
        return data


class _ChunkWriter:
    """File-like sink for ``tarfile`` ("w|"): encrypts into fixed-size chunks as data arrives."""

    def __init__(self, fd: int, key: bytes, header_hash: bytes, chunk_size: int):
        self._fd, self._aead, self._hh, self._size = fd, AESGCM(key), header_hash, chunk_size
        self._buf = bytearray()
        self._index = 0

    def write(self, data: bytes) -> int:
        self._buf += data
        while len(self._buf) >= self._size:
            self._emit(bytes(self._buf[: self._size]), final=False)
            del self._buf[: self._size]
        return len(data)

    def finish(self) -> None:
        self._emit(bytes(self._buf), final=True)
        self._buf.clear()

    def _emit(self, plain: bytes, final: bool) -> None:
        ct = self._aead.encrypt(_chunk_nonce(self._index), plain, _chunk_aad(self._hh, self._index, final))
        _write_all(self._fd, ct)
        self._index += 1


class _ChunkReader:
    """File-like source for ``tarfile`` ("r|"): decrypts and authenticates chunk by chunk."""

    def __init__(self, f: BinaryIO, key: bytes, header_hash: bytes, chunk_size: int,
                 progress: _Progress | None = None):
        self._f, self._aead, self._hh, self._size = f, AESGCM(key), header_hash, chunk_size
        self._buf, self._pos, self._index, self.done = b"", 0, 0, False
        self._progress = progress

    def read(self, n: int = -1) -> bytes:
        while not self.done and (n < 0 or len(self._buf) - self._pos < n):
            self._next_chunk()
        end = len(self._buf) if n < 0 else self._pos + n
        out = self._buf[self._pos:end]
        self._pos += len(out)
        return out

    def drain(self) -> None:
        """Read to the end, so the final chunk (and nothing after it) is verified."""
        while not self.done:
            self._buf, self._pos = b"", 0
            self._next_chunk()

    def _next_chunk(self) -> None:
        if self._progress:
            self._progress.check()
        want = self._size + _TAG
        ct = self._f.read(want)
        while 0 < len(ct) < want and (more := self._f.read(want - len(ct))):
            ct += more
        if len(ct) < _TAG:
            raise IntegrityFailure(TRUNCATED)
        final = len(ct) < want
        try:
            plain = self._aead.decrypt(_chunk_nonce(self._index), ct, _chunk_aad(self._hh, self._index, final))
        except InvalidTag:
            raise IntegrityFailure(DAMAGED.format(where=f"第 {self._index + 1} 个数据块")) from None
        if final:
            self.done = True
            if self._f.read(1):
                raise IntegrityFailure(DAMAGED.format(where="文件末尾"))
        self._buf, self._pos = self._buf[self._pos:] + plain, 0
        self._index += 1
        if self._progress:
            self._progress.advance(len(plain))


@dataclass(frozen=True)
class _Header:
    header_hash: bytes
    salt: bytes
    params: KdfParams
    chunk_size: int
    key_check: bytes


def _build_header(salt: bytes, params: KdfParams, chunk_size: int, key_check: bytes) -> tuple[bytes, bytes]:
    header = json.dumps({
        "app": "jijian-desk", "cipher": "AES-256-GCM", "chunk_size": chunk_size,
        "kdf": {"name": "argon2id", "salt": base64.b64encode(salt).decode("ascii"), **params.to_dict()},
        "key_check": base64.b64encode(key_check).decode("ascii"),
    }, sort_keys=True, separators=(",", ":")).encode("ascii")
    prefix = MAGIC + struct.pack(">HI", EXPORT_FORMAT, len(header)) + header
    digest = hashlib.sha256(prefix).digest()
    return prefix + digest, digest


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise IntegrityFailure(TRUNCATED)
    return data


def _read_header(f: BinaryIO) -> _Header:
    start = f.read(len(MAGIC) + 6)
    if len(start) < len(MAGIC) or start[: len(MAGIC)] != MAGIC:
        raise IntegrityFailure("这不是本系统导出的加密备份文件（.jjbak），或文件头已损坏。")
    if len(start) != len(MAGIC) + 6:
        raise IntegrityFailure(TRUNCATED)
    # This prefix (magic, version, length, header, checksum) is the same in every format version,
    # so damage is told apart from a newer format.
    version, n = struct.unpack(">HI", start[len(MAGIC):])
    if n > _MAX_HEADER:
        raise IntegrityFailure(DAMAGED.format(where="文件头"))
    header = _read_exact(f, n)
    digest = hashlib.sha256(start + header).digest()
    if _read_exact(f, 32) != digest:
        raise IntegrityFailure(DAMAGED.format(where="文件头"))
    if version != EXPORT_FORMAT:
        raise BackupError(f"备份文件格式版本 {version} 无法识别：它可能由更新版本的软件导出，请升级后再恢复。")
    try:
        data = json.loads(header)
        kdf = data["kdf"]
        if kdf["name"] != "argon2id":
            raise ValueError(kdf["name"])
        parsed = _Header(header_hash=digest, salt=base64.b64decode(kdf["salt"], validate=True),
                         params=KdfParams.from_dict(kdf), chunk_size=int(data["chunk_size"]),
                         key_check=base64.b64decode(data["key_check"], validate=True))
    except (ValueError, KeyError, TypeError, binascii.Error, IntegrityFailure) as exc:
        raise IntegrityFailure(DAMAGED.format(where="文件头")) from exc
    if not 1024 <= parsed.chunk_size <= 64 << 20:
        raise IntegrityFailure(DAMAGED.format(where="文件头"))
    return parsed


def _open_keys(header: _Header, passphrase: str | None) -> _Keys:
    if not passphrase:
        raise AuthenticationError("这是加密备份文件，请输入导出时设置的备份口令。")
    keys = _derive_keys(passphrase, header.salt, header.params)
    if not hmac.compare_digest(keys.check, header.key_check):
        raise AuthenticationError(WRONG_PASSPHRASE)
    return keys


def _read_metadata(f: BinaryIO, header: _Header, keys: _Keys) -> dict:
    (m,) = struct.unpack(">I", _read_exact(f, 4))
    if not _TAG <= m <= _MAX_META:
        raise IntegrityFailure(DAMAGED.format(where="元数据"))
    try:
        plain = AESGCM(keys.meta).decrypt(bytes(12), _read_exact(f, m), header.header_hash)
        meta = json.loads(plain)
    except (InvalidTag, ValueError):
        raise IntegrityFailure(DAMAGED.format(where="元数据")) from None
    if not isinstance(meta, dict):
        raise IntegrityFailure(DAMAGED.format(where="元数据"))
    return meta


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
        keys = _derive_keys(passphrase, salt, params)
        header, header_hash = _build_header(salt, params, chunk_size, keys.check)
        meta_ct = AESGCM(keys.meta).encrypt(bytes(12), json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                                            header_hash)
        meter = _Progress(2 * sum(sizes), progress, cancelled)
        final = _unique_path(dest_dir, f"jijian-backup-{local_wall_clock(created):%Y%m%d-%H%M%S}", EXPORT_SUFFIX)
        tmp = dest_dir / f".{final.name}.part"
        fd: int | None = None
        try:
            remove_quietly(tmp)  # left over from an interrupted run
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            _write_all(fd, header + struct.pack(">I", len(meta_ct)) + meta_ct)
            writer = _ChunkWriter(fd, keys.body, header_hash, chunk_size)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
                for (name, path), size in zip(files, sizes):
                    info = tarfile.TarInfo(name)
                    info.size, info.mode, info.mtime = size, 0o600, int(created.timestamp())
                    with open(path, "rb") as f:
                        tar.addfile(info, _CountingReader(f, meter))
            writer.finish()
            os.fsync(fd)
            os.close(fd)
            fd = None
            _verify_body(tmp, keys, meter)
            os.replace(tmp, final)
            fsync_dir(dest_dir)
        except OSError as exc:
            raise disk_error(exc, "目标") from exc
        finally:
            if fd is not None:
                os.close(fd)
            remove_quietly(tmp)
    return final


def _verify_body(path: Path, keys: _Keys, meter: _Progress) -> None:
    with open(path, "rb") as f:
        header = _read_header(f)
        _read_metadata(f, header, keys)
        reader = _ChunkReader(f, keys.body, header.header_hash, header.chunk_size, meter)
        reader.drain()


def inspect_encrypted(path: Path, passphrase: str, *, verify: bool = False) -> dict:
    """The export's metadata (created, schema_revision, counts); ``verify`` also checks every chunk."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            header = _read_header(f)
            keys = _open_keys(header, passphrase)
            meta = _read_metadata(f, header, keys)
            if verify:
                _ChunkReader(f, keys.body, header.header_hash, header.chunk_size).drain()
    except FileNotFoundError:
        raise NotFoundError(f"找不到备份文件：{path}") from None
    return meta



def stage_encrypted(path: Path, passphrase: str | None, staging: Path) -> tuple[Path, dict[str, Path], dict]:
    staged_db: Path | None = None
    staged: dict[str, Path] = {}
    with open(path, "rb") as f:
        header = _read_header(f)
        keys = _open_keys(header, passphrase)
        meta = _read_metadata(f, header, keys)
        reader = _ChunkReader(f, keys.body, header.header_hash, header.chunk_size)
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


