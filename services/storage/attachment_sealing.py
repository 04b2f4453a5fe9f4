"""Attachments sealed at rest: whoever reads the attachments folder, a backup folder or the shared 附件文件夹 of a
server sees ciphertext (services.security.file_seal).

- A complaint's (a letter's scan shows who wrote it) are sealed under the identity key, like the complainant's
  name (举报人保护): opened only by a user who holds it (``identity.view``), each opening audited; the real file
  name is encrypted in ``filename_enc`` (bound to the file's address) and everyone else sees 信访材料.pdf.
- A lead's or case's (talk records, 初核 plans, 函询 replies) are sealed under the office's case-file key
  (services.security.case_file_keys), which every user holds; ``lead.view``/``case.view`` decide who opens them.

The stored file is still named by the SHA-256 of its bytes (backups and the server copy check that address as
before). Opening decrypts into a private folder of this desk's data dir (``opened/``), emptied at sign-out and at
the next sign-in: the viewer program needs a real file, and while it is open that copy is plain (the README says so).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import Attachment

from services.errors import IntegrityFailure, PermissionDenied, ValidationError
from services.security import audit, case_file_keys, file_seal
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


def owner_of(a: Attachment) -> tuple[str, int]:
    return ("complaint", a.complaint_id) if a.complaint_id else ("lead", a.lead_id) if a.lead_id else ("case", a.case_id)


def binding(owner: tuple[str, int]) -> str:
    return f"{owner[0]}:{int(owner[1])}"


def neutral_name(filename: str) -> str:
    """What the list shows to everyone: 信访材料 and the file's kind (its extension)."""
    ext = Path(filename).suffix
    return SEALED_NAME + (ext.lower() if _EXT.match(ext) else "")


def _key(ws: Workspace, kind: str) -> bytes:
    if kind != "complaint":
        return case_file_keys.vault(ws).key()
    v = vault(ws)
    if not v.is_unlocked:
        raise PermissionDenied(NO_KEY)
    return v.file_key()


def has_key(ws: Workspace, kind: str) -> bool:
    return (vault(ws) if kind == "complaint" else case_file_keys.vault(ws)).is_unlocked


def seal_into(ws: Workspace, folder: Path, src, owner: tuple[str, int], on_chunk=None) -> tuple[str, int]:
    """Seal the open binary file ``src`` of ``owner`` into ``folder``, named by the SHA-256 of the sealed bytes;
    (that address, plaintext size)."""
    key = _key(ws, owner[0])
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as spool:  # sealed bytes only, named once hashed
        size = file_seal.seal_stream(key, src, spool, binding(owner), on_chunk)
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
    """Remove the decrypted copies this desk made (a file a viewer still holds open on Windows stays). A link put
    in the folder's place is removed, never followed."""
    base = opened_dir(ws)
    if base.is_symlink() or _is_junction(base) or base.is_file():
        base.unlink(missing_ok=True)
    else:
        shutil.rmtree(base, ignore_errors=True)


def _is_junction(path: Path) -> bool:
    return bool(getattr(path, "is_junction", lambda: False)())


def _private_folder(ws: Workspace) -> Path:
    """A fresh folder under ``opened/`` that is really inside the data dir: whoever put a link there (to send the
    decrypted copies to a share) finds it removed."""
    base = opened_dir(ws)
    if base.is_symlink() or _is_junction(base) or (base.exists() and not base.is_dir()):
        base.unlink()
    base.mkdir(mode=0o700, exist_ok=True)
    if base.resolve() != ws.data_dir.resolve() / base.name:
        raise IntegrityFailure(f"打开附件用的文件夹“{base}”指向了数据目录以外，已停止打开")
    return Path(tempfile.mkdtemp(dir=base))


_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)", re.I)  # Windows device names


def _safe_filename(name: str, fallback: str) -> str:
    name = Path(str(name).replace("\\", "/")).name.strip().strip(".")
    name = re.sub(r'[\x00-\x1f<>:"/|?*]', "_", name)
    if _RESERVED.match(name):
        name = "_" + name
    return name[:120] or fallback


def open_sealed(ws: Workspace, s: Session, a: Attachment, stored: Path) -> Path:
    """Decrypt ``stored`` (the sealed file of ``a``) into a fresh private folder; a complaint's opening is audited
    (the caller has checked the owner's view right). Checks every chunk: a changed, cut-short or swapped file is an
    ``IntegrityFailure`` and leaves nothing behind."""
    owner = owner_of(a)
    if owner[0] == "complaint":
        if not allowed(ws.current_user.roles, "identity.view"):
            raise PermissionDenied(NEEDS_KEY)
        require(ws.current_user, "identity.view")
    key = _key(ws, owner[0])
    folder = _private_folder(ws)
    target = folder / _safe_filename(real_name(ws, a), neutral_name(a.filename))
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(stored, "rb") as inp, os.fdopen(fd, "wb") as out:
            size = file_seal.open_stream(key, inp, out, binding(owner))
        if size != a.size:
            raise IntegrityFailure(file_seal.TAMPERED)
    except IntegrityFailure as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise IntegrityFailure(f"附件“{a.filename}”：{exc}，请从备份中恢复") from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if owner[0] == "complaint":
        audit.record(s, ws.current_user, "attachment.open", "complaint", a.complaint_id,
                     {"attachment_id": a.id, "sha256": a.sha256})
    return target


def seal_existing(ws: Workspace) -> tuple[int, list[str]]:
    """Seal the attachments stored before sealing existed (revision 0011) with the keys this user holds — run at
    sign-in. Each file is its own transaction; a missing or unreadable one is left as it is and named. The plain
    file goes once no unsealed row still uses the same content. (sealed, problems)"""
    if ws.current_user is None:
        return 0, []
    kinds = [k for k in ("complaint", "lead", "case") if has_key(ws, k)]
    if not kinds:
        return 0, []
    columns = {"complaint": Attachment.complaint_id, "lead": Attachment.lead_id, "case": Attachment.case_id}
    with ws.reading() as s:
        ids = list(s.execute(select(Attachment.id).where(
            Attachment.sealed.is_(False), or_(*(columns[k].is_not(None) for k in kinds)))).scalars())
    done, problems = 0, []
    for attachment_id in ids:
        with ws.transaction() as s:
            a = s.get(Attachment, attachment_id, with_for_update=True)  # another desk may be sealing it too
            if a is None or a.sealed:
                continue
            folder = attachment_folder.folder(ws, s)
            old, name, owner = a.sha256, a.filename, owner_of(a)
            what = {"complaint": "信访件", "lead": "问题线索", "case": "案件"}[owner[0]]
            try:
                with open(folder / old, "rb") as inp:
                    if hashlib.file_digest(inp, "sha256").hexdigest() != old:
                        raise ValidationError("文件内容与登记的校验码不符")
                    inp.seek(0)
                    address, size = seal_into(ws, folder, inp, owner)
            except (OSError, ValidationError) as exc:
                problems.append(f"附件“{name}”（{what} {owner[1]}）未能加密：{exc}")
                continue
            a.sealed, a.sha256, a.size = True, address, size
            if owner[0] == "complaint":
                a.filename, a.filename_enc = neutral_name(name), encrypt_name(ws, name, address)
            s.flush()
            audit.record(s, ws.current_user, "attachment.seal", owner[0], owner[1],
                         {"attachment_id": a.id, "sha256": address})
            still_used = s.scalar(select(Attachment.id).where(Attachment.sha256 == old).limit(1))
        done += 1
        if still_used is None:
            try:
                (folder / old).unlink()
            except OSError as exc:
                _log.warning("plain attachment %s not removed: %s", old, exc)
    return done, problems
