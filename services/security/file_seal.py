"""Files sealed at rest (attachments: services.storage.attachment_sealing): a streamed AES-GCM format.

    header  = MAGIC (6 bytes) ‖ salt (16) ‖ nonce prefix (7)
    chunk i = AES-GCM(file key, nonce = prefix ‖ i (4 bytes, big-endian) ‖ last (1 byte), plaintext ≤ 1 MiB,
                      associated data = header ‖ binding)

The file key is HKDF-SHA256 of the caller's key (the identity key's file subkey, or the case-file key) with the header's random salt, so no two files
share a key. The last flag and the counter make a truncated, cut-short, reordered or spliced file fail, and
the ``binding`` (what the file belongs to: ``complaint:<id>``, ``lead:<id>``, ``case:<id>``) makes a file moved under another record fail.
Nothing here touches the database; a failure is an ``IntegrityFailure`` in Chinese.
"""
from __future__ import annotations

import os
import struct
from typing import BinaryIO, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.errors import IntegrityFailure

MAGIC = b"JJSF1\n"
SALT_BYTES = 16
PREFIX_BYTES = 7
HEADER_BYTES = len(MAGIC) + SALT_BYTES + PREFIX_BYTES
CHUNK = 1 << 20
TAG_BYTES = 16
_INFO = b"jijian sealed file v1"

NOT_SEALED = "附件文件不是本系统加密保存的格式，可能已被替换"
TAMPERED = "附件文件已被改动、截断或不属于这条记录，无法解密"

def sealed_size(plain_size: int) -> int:
    """The size of the sealed file of ``plain_size`` bytes (an empty file is one empty chunk)."""
    chunks = max(1, -(-plain_size // CHUNK))
    return HEADER_BYTES + plain_size + chunks * TAG_BYTES


def _file_key(key: bytes, salt: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(key))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def seal_stream(key: bytes, src: BinaryIO, out: BinaryIO, binding: str,
                on_chunk: Callable[[int], None] | None = None) -> int:
    """Encrypt ``src`` into ``out``; returns the plaintext size. ``on_chunk(total so far)`` may raise to stop
    (a size limit)."""
    salt, prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
    header = MAGIC + salt + prefix
    aad = header + binding.encode("utf-8")
    aead = _file_key(key, salt)
    out.write(header)
    total, index = 0, 0
    chunk = src.read(CHUNK)
    while True:
        following = src.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        total += len(chunk)
        if on_chunk is not None:
            on_chunk(total)
        out.write(aead.encrypt(_nonce(prefix, index, last), chunk, aad))
        if last:
            return total
        chunk, index = following, index + 1
        if index >= 1 << 32:
            raise IntegrityFailure("附件过大，无法加密保存")


def open_stream(key: bytes, src: BinaryIO, out: BinaryIO, binding: str) -> int:
    """Decrypt a sealed ``src`` into ``out`` (nothing unverified is written); returns the plaintext size."""
    header = src.read(HEADER_BYTES)
    if len(header) != HEADER_BYTES or not header.startswith(MAGIC):
        raise IntegrityFailure(NOT_SEALED)
    salt, prefix = header[len(MAGIC):len(MAGIC) + SALT_BYTES], header[len(MAGIC) + SALT_BYTES:]
    aad = header + binding.encode("utf-8")
    aead = _file_key(key, salt)
    total, index = 0, 0
    block = src.read(CHUNK + TAG_BYTES)
    while True:
        following = src.read(CHUNK + TAG_BYTES) if len(block) == CHUNK + TAG_BYTES else b""
        last = not following
        try:
            plain = aead.decrypt(_nonce(prefix, index, last), block, aad)
        except InvalidTag:
            raise IntegrityFailure(TAMPERED) from None
        out.write(plain)
        total += len(plain)
        if last:
            return total
        block, index = following, index + 1
