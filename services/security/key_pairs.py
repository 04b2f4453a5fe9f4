"""Each user's X25519 key pair: the private key wrapped under their password (argon2id, as the identity key), the
public key in clear, so that a key (the office's case-file key, the identity key) can be sealed to a user without
their password (ephemeral X25519, HKDF-SHA256, AES-GCM)."""
from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from models import User

from services.errors import AuthenticationError
from services.security.identity_crypto import WrappedKey, needs_rewrap, unwrap_data_key, wrap_data_key
from services.storage.workspace import Workspace

_FORMAT = b"\x01"
_RAW = serialization.Encoding.Raw


def public_bytes(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


#: what a sealed key is for (its associated data): one copied into the other's column opens nothing
CASE_FILE_KEY = b"case-file key"
IDENTITY_KEY = b"identity key"
#: the users' columns holding keys sealed to their public key (void once the pair changes)
SEALED_COLUMNS = ("wrapped_file_key", "sealed_data_key")


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                       info=b"jijian sealed key v1").derive(shared))


def wrap_to(key: bytes, public: bytes, purpose: bytes) -> bytes:
    """``key`` sealed to the holder of ``public`` for ``purpose`` (ephemeral X25519, HKDF, AES-GCM)."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    eph, nonce = public_bytes(ephemeral), os.urandom(12)
    return _FORMAT + eph + nonce + _kek(shared, eph, public).encrypt(nonce, key, purpose)


def unwrap_with(blob: bytes | None, private: X25519PrivateKey, purpose: bytes) -> bytes | None:
    """The key, or None when the blob is not for this private key and purpose (or damaged)."""
    if not blob or blob[:1] != _FORMAT or len(blob) < 1 + 32 + 12 + 16:
        return None
    eph, nonce, ct = blob[1:33], blob[33:45], blob[45:]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph))
        return _kek(shared, eph, public_bytes(private)).decrypt(nonce, ct, purpose)
    except (InvalidTag, ValueError):
        return None


def _void_sealed(user: User) -> None:
    for column in SEALED_COLUMNS:  # sealed to a public key that is gone (or was never this user's)
        setattr(user, column, None)


def new_pair(ws: Workspace, user: User, password: str) -> X25519PrivateKey:
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    user.public_key = public_bytes(private)
    user.wrapped_private_key = wrap_data_key(raw, password, ws.crypto.identity_kdf).to_bytes()
    _void_sealed(user)
    return private


def private_key(ws: Workspace, user: User, password: str) -> X25519PrivateKey:
    """The user's private key (a new pair when they have none yet, or theirs no longer opens)."""
    if not (user.public_key and user.wrapped_private_key):
        return new_pair(ws, user, password)
    wrapped = WrappedKey.from_bytes(user.wrapped_private_key)
    try:
        raw = unwrap_data_key(wrapped, password)
    except AuthenticationError:  # the password was checked first: the wrap itself is damaged
        return new_pair(ws, user, password)
    if needs_rewrap(wrapped, ws.crypto.identity_kdf):
        user.wrapped_private_key = wrap_data_key(raw, password, ws.crypto.identity_kdf).to_bytes()
    private = X25519PrivateKey.from_private_bytes(raw)
    if user.public_key != public_bytes(private):  # a public key put in the row from outside: keys sealed to it
        user.public_key = public_bytes(private)   # would be for someone else
        _void_sealed(user)
    return private


def rewrap(ws: Workspace, user: User, old_password: str, new_password: str) -> None:
    """A changed password: the same private key, wrapped under the new one."""
    if user.public_key and user.wrapped_private_key:
        raw = unwrap_data_key(WrappedKey.from_bytes(user.wrapped_private_key), old_password)
        user.wrapped_private_key = wrap_data_key(raw, new_password, ws.crypto.identity_kdf).to_bytes()
