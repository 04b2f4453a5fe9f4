"""Local backups of the live database, rotation, and restore.

Local backups live in ``backups_dir`` as ``jijian-YYYYMMDD-HHMMSS-<kind>.sqlite3`` (a standalone,
non-WAL SQLite file) plus a ``.manifest.json`` sidecar listing the attachments it needs. The
attachments themselves go to one shared content-addressed store, ``backups_dir/attachments/``.
Times in file names are the local wall clock the caller passes in.

``export_encrypted`` writes one passphrase-protected ``.jjbak`` file for a USB stick (format below);
``restore`` takes either kind, verifies everything in a staging folder first and only then swaps the
database. The caller must close every connection to the database (``engine.dispose()``) before
``restore``.
"""
from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import struct
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.errors import AuthenticationError, DomainError, IntegrityFailure, NotFoundError, ValidationError
from services.identity_crypto import KdfParams, derive_kek

BackupKind = Literal["daily", "exit", "manual", "upgrade"]
KINDS: tuple[str, ...] = ("daily", "exit", "manual", "upgrade")
# Kinds rotation may delete; manual and pre-upgrade backups stay until someone deletes them.
ROTATED_KINDS = ("daily", "exit")
KEEP_DAYS = 7
KEEP_WEEKS = 4
ATTACHMENT_STORE = "attachments"
DB_MEMBER = "jijian.sqlite3"

_NAME_RE = re.compile(r"^jijian-(\d{8})-(\d{6})-([a-z]+)(?:-(\d+))?\.sqlite3$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BackupError(DomainError):
    """A backup, export or restore could not be completed (disk full, unreadable target, …)."""


class BackupCancelled(BackupError):
    """The user cancelled; nothing was written."""


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
        return _manifest_path(self.path)


# --------------------------------------------------------------------------- small helpers

def _local(now: datetime) -> datetime:
    """Naive local wall-clock time (aware values are converted to the machine's zone)."""
    return now.astimezone().replace(tzinfo=None) if now.tzinfo else now


def _manifest_path(db_file: Path) -> Path:
    return db_file.with_name(db_file.name.removesuffix(".sqlite3") + ".manifest.json")


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _place_file(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` atomically (temp file in the target folder, fsync, rename)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.part")
    try:
        shutil.copyfile(src, tmp)
        _fsync_file(tmp)
        os.replace(tmp, dst)
    except BaseException:
        _remove_quietly(tmp)
        raise


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_content_address(path: Path) -> bool:
    """True unless the file is named by a SHA-256 (stem of 64 hex digits) that its bytes don't match."""
    stem = path.name.split(".", 1)[0].lower()
    return not _HEX64.match(stem) or _sha256_file(path) == stem


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


def _disk_error(exc: OSError, where: str, action: str = "备份") -> BackupError:
    done = "当前数据库未被改动" if action == "恢复" else "已删除未完成的文件"
    if exc.errno == errno.ENOSPC:
        return BackupError(f"{where}磁盘空间不足，{action}未完成（{done}）：请清理空间或换一个空间更大的磁盘后重试。")
    detail = exc.strerror or str(exc)
    return BackupError(f"{where}读写失败（{detail}），{action}未完成（{done}）：请检查磁盘是否可用后重试。")


# --------------------------------------------------------------------------- SQLite checks

def _connect_ro(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def _run_check(db_path: Path, pragma: str) -> tuple[bool, str]:
    if not db_path.is_file():
        return False, f"数据库文件不存在：{db_path}"
    try:
        con = _connect_ro(db_path)
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
        src = _connect_ro(db_path)
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
        _remove_quietly(target)
        text = str(exc).lower()
        if isinstance(exc, sqlite3.OperationalError) and "full" in text:
            raise BackupError("磁盘空间不足，无法生成数据库副本：请清理空间后重试。") from exc
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            raise BackupError("数据库正忙，暂时无法备份：请稍后重试。") from exc
        raise IntegrityFailure(f"无法读取数据库生成备份（{exc}）：数据库可能已损坏，请联系管理员。") from exc
    ok, message = integrity_check(target)
    if not ok:
        _remove_quietly(target)
        raise IntegrityFailure(f"备份副本未通过完整性检查，已删除该副本。{message}。原数据库可能已损坏，"
                               "请勿继续录入，并联系管理员从较早的备份恢复。")


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
    manifest = _read_manifest(path)
    if manifest is not None:
        attachments = tuple(manifest.get("attachments", {}))
    return BackupInfo(path=path, created=created, kind=m.group(3), size=size,
                      seq=int(m.group(4) or 0), attachments=attachments)


def _read_manifest(db_file: Path) -> dict | None:
    try:
        data = json.loads(_manifest_path(db_file).read_text("utf-8"))
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
    created = _local(now).replace(microsecond=0)
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        seq = 0
        while (backups_dir / _backup_name(created, kind, seq)).exists():
            seq += 1
        final = backups_dir / _backup_name(created, kind, seq)
        tmp = backups_dir / f".{final.name}.part"
        try:
            snapshot_database(Path(db_path), tmp)
            attachments = _store_attachments(attachments_dir, backups_dir / ATTACHMENT_STORE)
            manifest = {"format": 1, "created": created.isoformat(), "kind": kind,
                        "db_sha256": _sha256_file(tmp), "attachments": attachments}
            mtmp = backups_dir / f".{_manifest_path(final).name}.part"
            mtmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
            _fsync_file(mtmp)
            _fsync_file(tmp)
            os.replace(mtmp, _manifest_path(final))
            os.replace(tmp, final)
            _fsync_dir(backups_dir)
        finally:
            _remove_quietly(tmp)
            _remove_quietly(backups_dir / f".{_manifest_path(final).name}.part")
    except OSError as exc:
        raise _disk_error(exc, "备份文件夹所在") from exc
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
            _place_file(src, dst)
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
            _remove_quietly(_manifest_path(b.path))
            _remove_quietly(b.path)
            deleted.append(b.path)
    if deleted:
        _prune_store(Path(backups_dir), list_backups(backups_dir))
    return deleted


def _prune_store(backups_dir: Path, remaining: Iterable[BackupInfo]) -> None:
    referenced: set[str] = set()
    for b in remaining:
        manifest = _read_manifest(b.path)
        if manifest is None:  # cannot tell what this backup needs: keep every attachment
            return
        referenced.update(manifest.get("attachments", {}))
    for rel, path in iter_attachments(backups_dir / ATTACHMENT_STORE):
        if rel not in referenced:
            _remove_quietly(path)


def newest_good_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest local backup that passes ``quick_check``, or None."""
    for b in list_backups(backups_dir):
        if quick_check(b.path)[0]:
            return b
    return None


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
class RestoreResult:
    db_path: Path
    moved_aside: Path | None  # the previous database, kept for safety
    attachments_added: int
    metadata: dict | None  # the export's metadata (None for a local backup)


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
            raise _disk_error(exc, "临时文件夹所在") from exc
        attachments = iter_attachments(attachments_dir)
        files = [(DB_MEMBER, snapshot)] + [(f"{ATTACHMENT_STORE}/{rel}", p) for rel, p in attachments]
        sizes = [p.stat().st_size for _, p in files]
        meta = {
            "format": EXPORT_FORMAT, "app": "jijian-desk", "created": created.isoformat(),
            "schema_revision": schema_revision or _alembic_revision(snapshot),
            "counts": {"tables": _table_counts(snapshot), "attachments": len(attachments),
                       "attachment_bytes": sum(sizes[1:]), "db_bytes": sizes[0]},
        }
        salt = os.urandom(16)
        keys = _derive_keys(passphrase, salt, params)
        header, header_hash = _build_header(salt, params, chunk_size, keys.check)
        meta_ct = AESGCM(keys.meta).encrypt(bytes(12), json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                                            header_hash)
        meter = _Progress(2 * sum(sizes), progress, cancelled)
        final = _unique_path(dest_dir, f"jijian-backup-{_local(created):%Y%m%d-%H%M%S}", EXPORT_SUFFIX)
        tmp = dest_dir / f".{final.name}.part"
        fd: int | None = None
        try:
            _remove_quietly(tmp)  # left over from an interrupted run
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
            _fsync_dir(dest_dir)
        except OSError as exc:
            raise _disk_error(exc, "目标") from exc
        finally:
            if fd is not None:
                os.close(fd)
            _remove_quietly(tmp)
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


# --------------------------------------------------------------------------- restore

def restore(backup_path: Path, passphrase: str | None, db_path: Path, attachments_dir: Path, *,
            now: datetime | None = None) -> RestoreResult:
    """Replace the database with a backup (local ``.sqlite3`` or encrypted ``.jjbak``).

    Everything is decrypted and checked in a staging folder next to the database first; a wrong
    passphrase (``AuthenticationError``) or a damaged file (``IntegrityFailure``) leaves the current
    database untouched. Then missing attachments are added, the current database (with its -wal and
    -shm) is renamed to ``<db>.before-restore-<timestamp>``, and the restored one takes its place.
    """
    backup_path, db_path, attachments_dir = Path(backup_path), Path(db_path), Path(attachments_dir)
    if not backup_path.is_file():
        raise NotFoundError(f"找不到备份文件：{backup_path}")
    with open(backup_path, "rb") as f:
        encrypted = f.read(len(MAGIC)) == MAGIC or backup_path.suffix.lower() == EXPORT_SUFFIX
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=".jijian-restore-", dir=db_path.parent) as work:
            staging = Path(work)
            if encrypted:
                staged_db, staged_files, meta = _stage_encrypted(backup_path, passphrase, staging)
            else:
                staged_db, staged_files = _stage_local(backup_path, staging)
                meta = None
            ok, message = integrity_check(staged_db)
            if not ok:
                raise IntegrityFailure(f"备份中的数据库未通过完整性检查（{message}），不能用它恢复：请换一份备份。")
            return _install(staged_db, staged_files, db_path, attachments_dir, now, meta)
    except OSError as exc:
        raise _disk_error(exc, "数据文件夹所在", "恢复") from exc


def _stage_encrypted(path: Path, passphrase: str | None, staging: Path) -> tuple[Path, dict[str, Path], dict]:
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


def _stage_local(backup_file: Path, staging: Path) -> tuple[Path, dict[str, Path]]:
    staged_db = staging / DB_MEMBER
    shutil.copyfile(backup_file, staged_db)
    manifest = _read_manifest(backup_file)
    store = backup_file.parent / ATTACHMENT_STORE
    if manifest is None:  # no list: offer every attachment in the store (extra ones are harmless)
        return staged_db, dict(iter_attachments(store))
    expected = manifest.get("db_sha256")
    if expected and _sha256_file(staged_db) != expected:
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
            _place_file(src, dst)
            added += 1
    _fsync_file(staged_db)
    aside: Path | None = None
    if db_path.exists():
        stamp = _local(now or datetime.now())
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
    _fsync_dir(db_path.parent)
    return RestoreResult(db_path=db_path, moved_aside=aside, attachments_added=added, metadata=meta)


def _undo_aside(db_path: Path, aside: Path) -> None:
    if aside.exists() and not db_path.exists():
        os.replace(aside, db_path)
    for side, suffix in _sidecars(db_path):
        moved = Path(f"{aside}{suffix}")
        if moved.exists() and not side.exists():
            os.replace(moved, side)
