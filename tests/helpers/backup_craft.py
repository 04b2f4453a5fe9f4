"""A correctly encrypted .jjbak with arbitrary content: what a hostile file made with the right pass phrase
could hold (for the backup tests that check what restore refuses)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from services.security.identity_crypto import KdfParams
from services.storage import backup_format as bf

PASS = "县纪委备份口令2025"
CHUNK = 4096  # small chunks so a test file spans many of them


def craft_export(path: Path, members: dict[str, bytes], meta: dict, cheap: KdfParams) -> None:
    """A correctly encrypted .jjbak with arbitrary tar content (what a hostile file could hold)."""
    import io
    import struct
    import tarfile
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(16)
    keys = bf.derive_keys(PASS, salt, cheap)
    header, header_hash = bf.build_header(salt, cheap, CHUNK, keys.check)
    meta_ct = AESGCM(keys.meta).encrypt(bytes(12), json.dumps(meta).encode(), header_hash)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        os.write(fd, header + struct.pack(">I", len(meta_ct)) + meta_ct)
        writer = bf.ChunkWriter(fd, keys.body, header_hash, CHUNK)
        with tarfile.open(fileobj=writer, mode="w|") as tar:
            for name, content in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
        writer.finish()
    finally:
        os.close(fd)
