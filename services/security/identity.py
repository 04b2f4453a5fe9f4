"""Complainant identities at rest: sealing, revealing (audited), masking and blind-index search.

The data key (DEK) lives only wrapped per permitted user (``User.wrapped_data_key``) and, while a
permitted user is signed in, unlocked in the workspace's ``IdentityVault``. An admin without the
``identity.view`` right never holds it, so cannot read identities.
"""
from __future__ import annotations

import json

from sqlalchemy.orm import Session

from models import Complaint, User

from services.errors import NotFoundError, PermissionDenied, ValidationError
from services.security import audit, key_pairs
from services.security.identity_crypto import (IdentityVault, WrappedKey, needs_rewrap, new_data_key,
                                               unwrap_data_key)
from services.security.identity_masks import FIELDS, mask_identity
from services.security.permissions import allowed, require
from services.storage.workspace import Workspace

_COLUMNS = {f: f"complainant_{f}_enc" for f in FIELDS}
NO_KEY = "身份信息密钥未解锁：您的账号尚未获得查看反映人身份信息的授权，请由纪委书记在“设置→身份信息授权”中授权"


def vault(ws: Workspace) -> IdentityVault:
    return ws.identity_vault


def _may_hold_key(roles) -> bool:
    return allowed(frozenset(roles), "identity.view")


# ---- lifecycle hooks, called by services.security.setup and services.security.users inside their transactions

def on_setup(ws: Workspace, user: User, password: str) -> None:
    """The first user (secretary) gets a fresh data key wrapped under their password."""
    dek = new_data_key()
    user.wrapped_data_key = _wrap(ws, dek, password).to_bytes()
    vault(ws).unlock_with_key(dek)


def _wrap(ws: Workspace, dek: bytes, password: str) -> WrappedKey:
    from services.security.identity_crypto import wrap_data_key
    return wrap_data_key(dek, password, ws.crypto.identity_kdf)


def on_login(ws: Workspace, user: User, password: str, private=None) -> None:
    """Unlock the key: sealed to the user's key pair (``private``, services.security.key_pairs) by the secretary's
    grant or at an earlier sign-in, or wrapped under the password (setup, a user made by a holder, a database from
    before revision 0013), which this sign-in turns into the sealed form."""
    v = vault(ws)
    v.lock()
    if not _may_hold_key(user.role_codes):
        return
    if user.wrapped_data_key:
        wrapped = WrappedKey.from_bytes(user.wrapped_data_key)
        dek = unwrap_data_key(wrapped, password)
        v.unlock_with_key(dek)
        if private is not None:  # from now on sealed to the key pair: one argon2 derivation per sign-in, not two
            user.sealed_data_key = key_pairs.wrap_to(dek, key_pairs.public_bytes(private), key_pairs.IDENTITY_KEY)
            user.wrapped_data_key = None
        elif needs_rewrap(wrapped, ws.crypto.identity_kdf):
            user.wrapped_data_key = _wrap(ws, dek, password).to_bytes()
    elif user.sealed_data_key and private is not None:
        dek = key_pairs.unwrap_with(user.sealed_data_key, private, key_pairs.IDENTITY_KEY)
        if dek is not None:
            v.unlock_with_key(dek)


def on_logout(ws: Workspace) -> None:
    vault(ws).lock()


def on_password_change(ws: Workspace, user: User, old_password: str, new_password: str) -> None:
    if user.wrapped_data_key:
        dek = unwrap_data_key(WrappedKey.from_bytes(user.wrapped_data_key), old_password)
        user.wrapped_data_key = _wrap(ws, dek, new_password).to_bytes()


def on_new_user(ws: Workspace, user: User, password: str) -> None:
    """A new permitted user gets the key at once when the creator holds it unlocked."""
    v = vault(ws)
    if _may_hold_key(user.role_codes) and v.is_unlocked:
        user.wrapped_data_key = v.wrap_for(password, ws.crypto.identity_kdf).to_bytes()


def on_roles_changed(user: User) -> None:
    if not _may_hold_key(user.role_codes):
        user.wrapped_data_key = user.sealed_data_key = None


def grant(ws: Workspace, session: Session, user: User) -> None:
    """The secretary grants ``user`` the key, sealed to their key pair: no password of theirs is needed (the user
    must have signed in once since revision 0013, which made the pair). Audited."""
    require(ws.current_user, "identity.grant")
    if not _may_hold_key(user.role_codes):
        raise ValidationError(f"用户“{user.display_name}”的角色无权查看身份信息，请先由系统管理员授予“纪委书记”或"
                              "“信访登记员”角色")
    if not user.is_active:
        raise ValidationError(f"用户“{user.display_name}”已停用，不能授权")
    if not user.public_key:
        raise ValidationError(f"用户“{user.display_name}”自系统升级以来还没有登录过，请让其先登录一次，再来授权")
    v = vault(ws)
    if not v.is_unlocked:
        raise PermissionDenied(NO_KEY)
    user.sealed_data_key = v.seal_with(lambda dek: key_pairs.wrap_to(dek, user.public_key, key_pairs.IDENTITY_KEY))
    audit.record(session, ws.current_user, "identity.grant", "user", user.id, {"username": user.username})


def grant_state(user: User) -> str:
    """granted / pending (may be granted now) / sign_in_first / not_permitted (by role)."""
    if not _may_hold_key(user.role_codes):
        return "not_permitted"
    if user.wrapped_data_key or user.sealed_data_key:
        return "granted"
    return "pending" if user.public_key else "sign_in_first"


def has_key(ws: Workspace) -> bool:
    return vault(ws).is_unlocked


# ---- complaints

def seal(ws: Workspace, session: Session, complaint: Complaint, *, name: str | None = None,
         phone: str | None = None, id_number: str | None = None, address: str | None = None) -> None:
    """Encrypt the complainant's identity into ``complaint`` (which must have an id)."""
    values = {"name": name or None, "phone": phone or None, "id_number": id_number or None, "address": address or None}
    v = vault(ws)
    if not any(values.values()):
        for col in _COLUMNS.values():
            setattr(complaint, col, None)
        complaint.complainant_phone_index = complaint.complainant_id_number_index = None
        complaint.complainant_masked = "{}"
        return
    if not v.is_unlocked:
        raise PermissionDenied(NO_KEY)
    if complaint.id is None:
        session.flush()
    for f, col in _COLUMNS.items():
        setattr(complaint, col, v.encrypt(values[f], table="complaints", column=col, row_id=complaint.id))
    complaint.complainant_phone_index = v.index("phone", values["phone"]) if values["phone"] else None
    complaint.complainant_id_number_index = v.index("id_number", values["id_number"]) if values["id_number"] else None
    complaint.complainant_masked = json.dumps(mask_identity(values), ensure_ascii=False)


def masked(complaint: Complaint) -> dict:
    data = json.loads(complaint.complainant_masked or "{}")
    return {f: data.get(f, "") for f in FIELDS}


def has_identity(complaint: Complaint) -> bool:
    return any(getattr(complaint, c) is not None for c in _COLUMNS.values())


def reveal(ws: Workspace, session: Session, complaint_id: int, *, purpose: str = "view") -> dict:
    """Decrypt one complaint's identity for a permitted user; every reveal is an audit event."""
    require(ws.current_user, "identity.view")
    v = vault(ws)
    if not v.is_unlocked:
        raise PermissionDenied(NO_KEY)
    c = session.get(Complaint, complaint_id)
    if c is None:
        raise NotFoundError("信访件不存在")
    out = {f: v.decrypt(getattr(c, col), table="complaints", column=col, row_id=c.id) or ""
           for f, col in _COLUMNS.items()}
    audit.record(session, ws.current_user, "identity.view", "complaint", c.id, {"number": c.number, "purpose": purpose})
    return out


def index_for(ws: Workspace, kind: str, value: str) -> str | None:
    """The blind index of a phone or ID number, for search; None when the key is locked."""
    v = vault(ws)
    if not v.is_unlocked or not (value or "").strip():
        return None
    return v.index(kind, value)  # type: ignore[arg-type]


def columns_for(ws: Workspace, complaint_id: int, *, name=None, phone=None, id_number=None, address=None) -> dict:
    """Column values for a bulk insert of a complaint with a known id (demo data, imports)."""
    class _Row:  # a stand-in with the attributes seal() fills
        id = complaint_id
    row = _Row()
    seal(ws, None, row, name=name, phone=phone, id_number=id_number, address=address)  # type: ignore[arg-type]
    return {col: getattr(row, col, None) for col in (*_COLUMNS.values(), "complainant_phone_index",
                                                     "complainant_id_number_index", "complainant_masked")}
