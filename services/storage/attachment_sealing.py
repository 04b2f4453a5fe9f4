"""A complaint's attachments sealed at rest: stored encrypted under the identity key, opened only by a user who
holds it (``identity.view``), each opening audited.

A letter's scan shows who wrote it, so it gets the protection of the complainant's name (举报人保护): whoever
reads the attachments folder, a backup folder or the shared 附件文件夹 of a server sees ciphertext. The stored
file is still named by the SHA-256 of its bytes (backups and the server copy check that address as before);
its real name is encrypted in ``filename_enc`` and bound to that address. Opening decrypts into a private
folder of this desk's data dir (``opened/``), emptied at sign-out and at the next sign-in: the viewer program
needs a real file, and while it is open that copy is plain (the README says so).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment

from services.errors import IntegrityFailure, PermissionDenied, ValidationError
from services.security import audit, file_seal
from services.security.identity import NO_KEY, vault
from services.security.permissions import allowed, require
from services.storage import attachment_folder
from services.storage.files import atomic_write_bytes
from services.storage.workspace import Workspace

_log = logging.getLogger(__name__)
_SPOOL = 8 << 20
_EXT = re.compile(r"^\.[0-9A-Za-z]{1,8}$")
SEALED_NAME = "信访材料"
NEEDS_KEY = ("信访件的附件可能显示反映人身份，已加密保存，只有获得身份信息查看授权的人员（纪委书记、信访登记员）"
             "才能打开")


def binding(complaint_id: int) -> str:
    return f"complaint:{int(complaint_id)}"


def neutral_name(filename: str) -> str:
    """What the list shows to everyone: 信访材料 and the file's kind (its extension)."""
    ext = Path(filename).suffix
    return SEALED_NAME + (ext.lower() if _EXT.match(ext) else "")


def _key(ws: Workspace) -> bytes:
    v = vault(ws)
    if not v.is_unlocked:
        raise PermissionDenied(NO_KEY)
    return v.file_key()


def seal_into(ws: Workspace, folder: Path, src, complaint_id: int, on_chunk=None) -> tuple[str, int]:
    """Seal the open binary file ``src`` into ``folder``, named by the SHA-256 of the sealed bytes;
    (that address, plaintext size)."""
    key = _key(ws)
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as spool:  # sealed bytes only, named once hashed
        size = file_seal.seal_stream(key, src, spool, binding(complaint_id), on_chunk)
        spool.seek(0)
        digest = hashlib.file_digest(spool, "sha256").hexdigest()
        atomic_write_bytes(folder / digest, spool, make_parents=True)
    return digest, size


def encrypt_name(ws: Workspace, filename: str, address: str) -> bytes:
    return vault(ws).encrypt(filename, table="attachments", column="filename_enc", row_id=address)


def real_name(ws: Workspace, a: Attachment) -> str:
    """The file name a key holder sees; the neutral name to anyone else (or when the stored name fails)."""
    if not a.sealed or a.filename_enc is None:
        return a.filename
    if not (vault(ws).is_unlocked and allowed(ws.current_user.roles, "identity.view")):
        return a.filename
    try:
        return vault(ws).decrypt(a.filename_enc, table="attachments", column="filename_enc", row_id=a.sha256) \
            or a.filename
    except IntegrityFailure:
        return a.filename


def opened_dir(ws: Workspace) -> Path:
    return ws.data_dir / "opened"


def purge_opened(ws: Workspace) -> None:
    """Remove the decrypted copies this desk made (a file a viewer still holds open on Windows stays)."""
    shutil.rmtree(opened_dir(ws), ignore_errors=True)


def _safe_filename(name: str, fallback: str) -> str:
    name = Path(str(name).replace("\\", "/")).name.strip().strip(".")
    name = re.sub(r'[\x00-\x1f<>:"/|?*]', "_", name)
    return name[:120] or fallback


def open_sealed(ws: Workspace, s: Session, a: Attachment, stored: Path) -> Path:
    """Decrypt ``stored`` (the sealed file of ``a``) into a fresh private folder; audited. Checks every chunk:
    a changed, cut-short or swapped file is an ``IntegrityFailure`` and leaves nothing behind."""
    if not allowed(ws.current_user.roles, "identity.view"):
        raise PermissionDenied(NEEDS_KEY)
    require(ws.current_user, "identity.view")
    key = _key(ws)
    base = opened_dir(ws)
    base.mkdir(mode=0o700, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=base))
    target = folder / _safe_filename(real_name(ws, a), neutral_name(a.filename))
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(stored, "rb") as inp, os.fdopen(fd, "wb") as out:
            size = file_seal.open_stream(key, inp, out, binding(a.complaint_id))
        if size != a.size:
            raise IntegrityFailure(file_seal.TAMPERED)
    except IntegrityFailure as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise IntegrityFailure(f"附件“{a.filename}”：{exc}，请从备份中恢复") from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    audit.record(s, ws.current_user, "attachment.open", "complaint", a.complaint_id,
                 {"attachment_id": a.id, "sha256": a.sha256})
    return target


def seal_existing(ws: Workspace) -> tuple[int, list[str]]:
    """Seal the complaint attachments stored before sealing existed (revision 0011) — run at the sign-in of a
    key holder. Each file is its own transaction; a missing or unreadable one is left as it is and named. The
    plain file goes once no unsealed row (a lead's copy of the same content) still uses it. (sealed, problems)"""
    if not (vault(ws).is_unlocked and ws.current_user is not None):
        return 0, []
    with ws.reading() as s:
        ids = list(s.execute(select(Attachment.id).where(Attachment.complaint_id.is_not(None),
                                                         Attachment.sealed.is_(False))).scalars())
    done, problems = 0, []
    for attachment_id in ids:
        with ws.transaction() as s:
            a = s.get(Attachment, attachment_id, with_for_update=True)  # another desk may be sealing it too
            if a is None or a.sealed:
                continue
            folder = attachment_folder.folder(ws, s)
            old, name = a.sha256, a.filename
            try:
                with open(folder / old, "rb") as inp:
                    if hashlib.file_digest(inp, "sha256").hexdigest() != old:
                        raise ValidationError("文件内容与登记的校验码不符")
                    inp.seek(0)
                    address, size = seal_into(ws, folder, inp, a.complaint_id)
            except (OSError, ValidationError) as exc:
                problems.append(f"附件“{name}”（信访件 {a.complaint_id}）未能加密：{exc}")
                continue
            a.sealed, a.sha256, a.size = True, address, size
            a.filename, a.filename_enc = neutral_name(name), encrypt_name(ws, name, address)
            s.flush()
            audit.record(s, ws.current_user, "attachment.seal", "complaint", a.complaint_id,
                         {"attachment_id": a.id, "sha256": address})
            still_used = s.scalar(select(Attachment.id).where(Attachment.sha256 == old).limit(1))
        done += 1
        if still_used is None:
            try:
                (folder / old).unlink()
            except OSError as exc:
                _log.warning("plain attachment %s not removed: %s", old, exc)
    return done, problems
