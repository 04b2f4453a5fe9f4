"""The office's case-file key: it seals leads' and cases' attachments (talk records, 初核 plans, 函询 replies).

Every user holds it, because the permissions (``lead.view``, ``case.view``) decide in the app who opens what;
the key only keeps the files unreadable to whoever has the folder (the shared 附件文件夹 of a server, a
copied data dir, a backup) but no account. It is wrapped to each user's own X25519 public key, so anyone who
holds it can hand it on without the other's password: the first user at setup, the admin creating a user,
and every holder at sign-in to the users who still lack it (after the upgrade that brought it, or after a
password reset). A user's private key is wrapped under their password (argon2id, as the identity key).

Nothing here reads or writes files; the caller audits what it wants told.
"""
from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Organization, User

from services.errors import AuthenticationError
from services.security import audit
from services.security.file_seal import CaseFileVault
from services.security.identity_crypto import WrappedKey, needs_rewrap, unwrap_data_key, wrap_data_key
from services.storage.workspace import Workspace

_FORMAT = b"\x01"
_RAW = serialization.Encoding.Raw
def _public_bytes(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                       info=b"jijian case-file key wrap v1").derive(shared))


def wrap_to(key: bytes, public: bytes) -> bytes:
    """``key`` sealed to the holder of ``public`` (ephemeral X25519, HKDF, AES-GCM)."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    eph, nonce = _public_bytes(ephemeral), os.urandom(12)
    return _FORMAT + eph + nonce + _kek(shared, eph, public).encrypt(nonce, key, b"case-file key")


def unwrap_with(blob: bytes, private: X25519PrivateKey) -> bytes | None:
    """The key, or None when the blob is not for this private key (or damaged)."""
    if not blob or blob[:1] != _FORMAT or len(blob) < 1 + 32 + 12 + 16:
        return None
    eph, nonce, ct = blob[1:33], blob[33:45], blob[45:]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph))
        return _kek(shared, eph, _public_bytes(private)).decrypt(nonce, ct, b"case-file key")
    except (InvalidTag, ValueError):
        return None


def vault(ws: Workspace) -> CaseFileVault:
    return ws.case_file_vault


def _new_pair(ws: Workspace, user: User, password: str) -> X25519PrivateKey:
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    user.public_key = _public_bytes(private)
    user.wrapped_private_key = wrap_data_key(raw, password, ws.crypto.identity_kdf).to_bytes()
    user.wrapped_file_key = None  # sealed to a public key that is gone
    return private


def _private_key(ws: Workspace, user: User, password: str) -> X25519PrivateKey:
    """The user's private key (a new pair when they have none yet, or theirs no longer opens)."""
    if not (user.public_key and user.wrapped_private_key):
        return _new_pair(ws, user, password)
    wrapped = WrappedKey.from_bytes(user.wrapped_private_key)
    try:
        raw = unwrap_data_key(wrapped, password)
    except AuthenticationError:  # the password was checked first: the wrap itself is damaged
        return _new_pair(ws, user, password)
    if needs_rewrap(wrapped, ws.crypto.identity_kdf):
        user.wrapped_private_key = wrap_data_key(raw, password, ws.crypto.identity_kdf).to_bytes()
    private = X25519PrivateKey.from_private_bytes(raw)
    if user.public_key != _public_bytes(private):  # a public key put in the row from outside: keys sealed to it
        user.public_key, user.wrapped_file_key = _public_bytes(private), None  # would be for someone else
    return private


def on_setup(ws: Workspace, user: User, password: str) -> None:
    key = os.urandom(32)
    user.wrapped_file_key = wrap_to(key, _public_bytes(_new_pair(ws, user, password)))
    vault(ws).hold(key)


def on_login(ws: Workspace, s: Session, user: User, password: str) -> None:
    """Open the user's key; the first sign-in after the upgrade that brought the key makes it (the
    organization row locked, so two desks signing in at once make one); then hand it to whoever lacks it."""
    v = vault(ws)
    v.lock()
    private = _private_key(ws, user, password)
    key = unwrap_with(user.wrapped_file_key, private) if user.wrapped_file_key else None
    if key is None:
        s.execute(select(Organization.id).with_for_update()).all()
        anyone = s.scalar(select(User.id).where(User.wrapped_file_key.is_not(None), User.id != user.id).limit(1))
        if anyone is not None:
            user.wrapped_file_key = None
            return
        key = os.urandom(32)
        user.wrapped_file_key = wrap_to(key, _public_bytes(private))
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
        other.wrapped_file_key = wrap_to(v.key(), other.public_key)
    names = [u.username for u in lacking]
    if names:
        audit.record(s, actor, "keys.case_file_granted", "user", "", {"usernames": names})
    return names


def on_new_user(ws: Workspace, user: User, password: str) -> None:
    private = _new_pair(ws, user, password)
    if vault(ws).is_unlocked:
        user.wrapped_file_key = wrap_to(vault(ws).key(), _public_bytes(private))


def on_password_change(ws: Workspace, user: User, old_password: str, new_password: str) -> None:
    if user.public_key and user.wrapped_private_key:
        raw = unwrap_data_key(WrappedKey.from_bytes(user.wrapped_private_key), old_password)
        user.wrapped_private_key = wrap_data_key(raw, new_password, ws.crypto.identity_kdf).to_bytes()


def on_password_reset(ws: Workspace, user: User, new_password: str) -> None:
    """The old private key is lost with the old password: a new pair, and the key again if the admin holds it."""
    on_new_user(ws, user, new_password)


def on_logout(ws: Workspace) -> None:
    vault(ws).lock()
