"""The office's case-file key: it seals leads' and cases' attachments (talk records, 初核 plans, 函询 replies).

Every user holds it, because the permissions (``lead.view``, ``case.view``) decide in the app who opens what;
the key only keeps the files unreadable to whoever has the folder (the shared 附件文件夹 of a server, a
copied data dir, a backup) but no account. It is sealed to each user's key pair (services.security.key_pairs),
so anyone who holds it hands it on without the other's password: the first user at setup, the admin creating a
user, and every holder at sign-in to the users who still lack it (after the upgrade that brought it, or after a
password reset).

Nothing here reads or writes files; the caller audits what it wants told.
"""
from __future__ import annotations

import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Organization, User

from services.security import audit, key_pairs
from services.security.identity_crypto import CaseFileVault
from services.storage.workspace import Workspace


_FOR = key_pairs.CASE_FILE_KEY


def vault(ws: Workspace) -> CaseFileVault:
    return ws.case_file_vault


def on_setup(ws: Workspace, user: User, password: str) -> None:
    key = os.urandom(32)
    private = key_pairs.new_pair(ws, user, password)
    user.wrapped_file_key = key_pairs.wrap_to(key, key_pairs.public_bytes(private), _FOR)
    vault(ws).hold(key)


def on_login(ws: Workspace, s: Session, user: User, private) -> None:
    """Open the user's key; the first sign-in after the upgrade that brought the key makes it (the
    organization row locked, so two desks signing in at once make one); then hand it to whoever lacks it."""
    v = vault(ws)
    v.lock()
    key = key_pairs.unwrap_with(user.wrapped_file_key, private, _FOR) if user.wrapped_file_key else None
    if key is None:
        s.execute(select(Organization.id).with_for_update()).all()
        anyone = s.scalar(select(User.id).where(User.wrapped_file_key.is_not(None), User.id != user.id).limit(1))
        if anyone is not None:
            user.wrapped_file_key = None
            return
        key = os.urandom(32)
        user.wrapped_file_key = key_pairs.wrap_to(key, key_pairs.public_bytes(private), _FOR)
        audit.record(s, user, "keys.case_file_created", "user", user.id, {})
    v.hold(key)
    hand_on(ws, s, user)


def hand_on(ws: Workspace, s: Session, actor) -> list[str]:
    """Seal the held key to every user who has a key pair but not the key yet; their names."""
    v = vault(ws)
    if not v.is_unlocked:
        return []
    lacking = s.execute(select(User).where(User.public_key.is_not(None), User.wrapped_file_key.is_(None))
                        .order_by(User.id)).scalars().all()
    for other in lacking:
        other.wrapped_file_key = key_pairs.wrap_to(v.key(), other.public_key, _FOR)
    names = [u.username for u in lacking]
    if names:
        audit.record(s, actor, "keys.case_file_granted", "user", "", {"usernames": names})
    return names


def on_new_user(ws: Workspace, user: User, password: str) -> None:
    private = key_pairs.new_pair(ws, user, password)
    if vault(ws).is_unlocked:
        user.wrapped_file_key = key_pairs.wrap_to(vault(ws).key(), key_pairs.public_bytes(private), _FOR)


def on_password_reset(ws: Workspace, user: User, new_password: str) -> None:
    """The old private key is lost with the old password: a new pair, and the key again if the admin holds it."""
    on_new_user(ws, user, new_password)


def on_logout(ws: Workspace) -> None:
    vault(ws).lock()
