"""Attachments (scans, photos, PDFs): sealed files (services.storage.attachment_sealing) under attachments/ or the
shared 附件文件夹, named by the SHA-256 of their sealed bytes, written atomically."""
from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment, Case, Complaint, Lead

from services.errors import IntegrityFailure, NotFoundError, ValidationError
from services.security import audit, case_file_keys, file_seal
from services.security.permissions import require
from services.storage import attachment_sealing as sealing
from services.storage import settings
from services.storage.attachment_folder import folder, stored_path
from services.storage.files import sha256_file
from services.storage.workspace import Workspace

_OWNERS = {  # owner kind → (model, foreign key column, permission to add, permission to view, Chinese name)
    "complaint": (Complaint, "complaint_id", "complaint.register", "complaint.view", "信访件"),
    "lead": (Lead, "lead_id", "lead.manage", "lead.view", "问题线索"),
    "case": (Case, "case_id", "case.manage", "case.view", "案件"),
}
#: 属上级纪委管辖 complaints keep no attachment (casework.upper_level, 第十五条)
UPPER_LEVEL_REFUSED = ("属上级纪委管辖的信访件不得留存检举控告材料（《纪检监察机关处理检举控告工作规则》第十五条），"
                       "不能添加附件，原件请在5个工作日内报送上级纪委")


@dataclass
class AttachmentView:
    id: int
    filename: str
    size: int
    media_type: str
    sha256: str
    added_at: dt.datetime
    owner: tuple[str, int]


def _owner(owner: tuple[str, int]):
    kind, oid = owner
    if kind not in _OWNERS:
        raise ValidationError(f"附件不能添加到“{kind}”", field="owner")
    return (kind, int(oid), *_OWNERS[kind])


def _view(a: Attachment, filename: str | None = None) -> AttachmentView:
    return AttachmentView(a.id, filename or a.filename, a.size, a.media_type, a.sha256, a.added_at,
                          sealing.owner_of(a))


def _too_big(name: str, size: int, limit: int) -> ValidationError:
    return ValidationError(f"附件“{name}”超过大小上限 {limit // (1024 * 1024)} MB（至少 {size / 1048576:.1f} MB），"
                           "请压缩、分拆后再添加，或请管理员调整“单个附件大小上限”", field="path")


def add_attachment(ws: Workspace, owner: tuple[str, int], path: Path | str) -> AttachmentView:
    """Add a file to a complaint, lead or case, sealed."""
    with ws.transaction() as s:
        return _view(add_attachment_in(ws, s, owner, path))


def add_attachment_in(ws: Workspace, s: Session, owner: tuple[str, int], path: Path | str) -> Attachment:
    """``add_attachment`` inside the caller's transaction (a record that comes with its file: a 函询 reply,
    a 谈话 record). Should the transaction roll back, the stored file stays unreferenced, never half-written."""
    kind, oid, model, fk, perm, _, name = _owner(owner)
    require(ws.current_user, perm)
    src = Path(path)
    if not src.is_file():
        raise ValidationError(f"找不到文件“{src}”，请重新选择", field="path")
    row = s.get(model, oid)
    if row is None:
        raise NotFoundError(f"{name}不存在或已被删除")
    if kind == "complaint" and row.belongs_upper:  # 第十五条 (casework.upper_level)
        raise ValidationError(UPPER_LEVEL_REFUSED, field="path")
    limit = int(settings.get(s, settings.ATTACHMENT_MAX_MB)) * 1024 * 1024
    size = src.stat().st_size
    if size > limit:
        raise _too_big(src.name, size, limit)
    if size == 0:
        raise ValidationError(f"附件“{src.name}”是空文件，请检查扫描件或照片是否保存完整", field="path")
    media = mimetypes.guess_type(src.name)[0] or "application/octet-stream"
    sha, size = _seal(ws, s, src, (kind, oid), limit)
    if kind == "complaint":  # a letter's scan shows who wrote it: its name is sealed too, under the identity key
        names = {"filename": sealing.neutral_name(src.name),
                 "filename_enc": sealing.encrypt_name(ws, src.name[:255], sha)}
    else:  # talk records, plans, replies: under the office's case-file key, the name as it is
        names = {"filename": src.name[:255]}
        case_file_keys.hand_on(ws, s, ws.current_user)  # a colleague still waiting for the key gets it now
    a = Attachment(sha256=sha, size=size, media_type=media, sealed=True, added_by_id=ws.current_user.id,
                   **names, **{fk: oid})
    s.add(a)
    s.flush()
    audit.record(s, ws.current_user, "attachment.add", kind, oid,
                 {"attachment_id": a.id, "filename": a.filename, "sha256": sha, "size": size})
    return a


def _seal(ws: Workspace, s: Session, src: Path, owner: tuple[str, int], limit: int) -> tuple[str, int]:
    def within_limit(total: int) -> None:
        if total > limit:
            raise _too_big(src.name, total, limit)
    before = src.stat()
    with open(src, "rb") as inp:
        sha, size = sealing.seal_into(ws, folder(ws, s), inp, owner, within_limit)
    after = src.stat()
    if (size, after.st_size, after.st_mtime_ns) != (before.st_size, before.st_size, before.st_mtime_ns):
        stored_path(ws, sha, s).unlink(missing_ok=True)
        raise _changed_while_added(src.name)
    return sha, size


def _changed_while_added(name: str) -> ValidationError:
    return ValidationError(f"附件“{name}”在添加过程中被改动，请等它保存完毕后重新添加", field="path")


def list_attachments(ws: Workspace, owner: tuple[str, int]) -> list[AttachmentView]:
    kind, oid, model, fk, _, view_perm, _ = _owner(owner)
    require(ws.current_user, view_perm)
    with ws.reading() as s:
        rows = s.execute(select(Attachment).where(getattr(Attachment, fk) == oid).order_by(Attachment.id)).scalars()
        return [_view(a, sealing.real_name(ws, a)) for a in rows]


def open_attachment_path(ws: Workspace, attachment_id: int) -> Path:
    """A file to open: the stored file of a lead's or case's attachment after checking it is there and
    unchanged in size; a sealed one decrypted (checked chunk by chunk) into this desk's private folder."""
    with ws.transaction() as s:
        a = s.get(Attachment, attachment_id)
        if a is None:
            raise NotFoundError("附件不存在或已被删除")
        require(ws.current_user, _OWNERS[sealing.owner_of(a)[0]][3])
        path = stored_path(ws, a.sha256, s)
        if not path.is_file():
            raise IntegrityFailure(f"附件“{a.filename}”的文件已丢失，请从备份中恢复")
        if path.stat().st_size != (file_seal.sealed_size(a.size) if a.sealed else a.size):
            raise IntegrityFailure(f"附件“{a.filename}”的文件已被改动（大小不符），请从备份中恢复")
        return sealing.open_sealed(ws, s, a, path) if a.sealed else path


def verify_attachment(ws: Workspace, attachment_id: int) -> bool:
    """True when the stored file is there and still hashes to its recorded SHA-256 (a sealed file's address is
    the hash of its sealed bytes: checked without the key)."""
    with ws.reading() as s:
        a = s.get(Attachment, attachment_id)
        if a is None:
            raise NotFoundError("附件不存在或已被删除")
        require(ws.current_user, _OWNERS[sealing.owner_of(a)[0]][3])
        path, expected = stored_path(ws, a.sha256, s), a.sha256
    return path.is_file() and sha256_file(path) == expected
