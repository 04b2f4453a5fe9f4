"""The ``.jjbak`` container: its header, keys from the passphrase, and the encrypted chunk stream.

``backup_export`` writes, inspects and unpacks whole files with these pieces.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import struct
from dataclasses import dataclass
from typing import BinaryIO, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.errors import AuthenticationError, IntegrityFailure
from services.security.identity_crypto import KdfParams, derive_kek

from services.storage.backup_store import BackupCancelled, BackupError


# --------------------------------------------------------------------------- the format
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
class Keys:
    body: bytes
    meta: bytes
    check: bytes


def derive_keys(passphrase: str, salt: bytes, params: KdfParams) -> Keys:
    master = derive_kek(passphrase, salt, params)
    def sub(info: bytes, n: int = 32) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=n, salt=None, info=b"jjbak/v1/" + info).derive(master)
    return Keys(body=sub(b"body"), meta=sub(b"meta"), check=sub(b"check", 16))


def _chunk_nonce(index: int) -> bytes:
    return struct.pack(">IQ", 0, index)


def _chunk_aad(header_hash: bytes, index: int, final: bool) -> bytes:
    return header_hash + struct.pack(">QB", index, 1 if final else 0)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Progress:
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


class ChunkWriter:
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
        write_all(self._fd, ct)
        self._index += 1


class ChunkReader:
    """File-like source for ``tarfile`` ("r|"): decrypts and authenticates chunk by chunk."""

    def __init__(self, f: BinaryIO, key: bytes, header_hash: bytes, chunk_size: int,
                 progress: Progress | None = None):
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
class Header:
    header_hash: bytes
    salt: bytes
    params: KdfParams
    chunk_size: int
    key_check: bytes


def build_header(salt: bytes, params: KdfParams, chunk_size: int, key_check: bytes) -> tuple[bytes, bytes]:
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


def read_header(f: BinaryIO) -> Header:
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
        parsed = Header(header_hash=digest, salt=base64.b64decode(kdf["salt"], validate=True),
                         params=KdfParams.from_dict(kdf), chunk_size=int(data["chunk_size"]),
                         key_check=base64.b64decode(data["key_check"], validate=True))
    except (ValueError, KeyError, TypeError, binascii.Error, IntegrityFailure) as exc:
        raise IntegrityFailure(DAMAGED.format(where="文件头")) from exc
    if not 1024 <= parsed.chunk_size <= 64 << 20:
        raise IntegrityFailure(DAMAGED.format(where="文件头"))
    return parsed


def open_keys(header: Header, passphrase: str | None) -> Keys:
    if not passphrase:
        raise AuthenticationError("这是加密备份文件，请输入导出时设置的备份口令。")
    keys = derive_keys(passphrase, header.salt, header.params)
    if not hmac.compare_digest(keys.check, header.key_check):
        raise AuthenticationError(WRONG_PASSPHRASE)
    return keys


def read_metadata(f: BinaryIO, header: Header, keys: Keys) -> dict:
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
