"""Encryption of complainant identity at rest (举报人保护).

* One random 256-bit data key (DEK) encrypts every identity field.
* The DEK is stored only *wrapped*: once per authorized user, under a key derived from that
  user's password with argon2id (``WrappedKey``, one DB column).
* A field is AES-GCM encrypted with its (table, column, row id) as associated data, so a blob
  copied to another row or column no longer decrypts.
* A blind index (HMAC of the normalized value) lets the app find a complainant by phone or ID
  number without decrypting every row.

``None`` passes through field encryption unchanged (the column stays NULL); the empty string is
a value like any other and is encrypted. Nothing here touches the database or the audit log: the
caller logs every view of an identity.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import struct
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping, overload

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.errors import AuthenticationError, IntegrityFailure, PermissionDenied, ValidationError

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
FIELD_FORMAT_VERSION = 1
WRAP_FORMAT_VERSION = 1
INDEX_HEX_CHARS = 32

IndexKind = Literal["phone", "id_number"]

WRONG_PASSWORD = "密码错误，无法解开身份信息密钥"
FIELD_MISMATCH = "身份信息校验失败：密文与记录不匹配"
VAULT_LOCKED = "身份信息已锁定，请重新输入密码解锁后再查看。"


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost parameters (memory in KiB). Stored with every wrap so they can be raised."""

    time_cost: int = 3
    memory_cost: int = 128 * 1024
    parallelism: int = 4

    # Upper bounds protect against a tampered record asking for absurd work.
    MAX_TIME = 64
    MAX_MEMORY = 4 * 1024 * 1024

    def validate(self) -> None:
        ok = (
            isinstance(self.time_cost, int) and isinstance(self.memory_cost, int)
            and isinstance(self.parallelism, int)
            and 1 <= self.time_cost <= self.MAX_TIME
            and 1 <= self.parallelism <= 64
            and 8 * self.parallelism <= self.memory_cost <= self.MAX_MEMORY
        )
        if not ok:
            raise IntegrityFailure("密钥派生参数无效，密钥数据可能已损坏")

    def weaker_than(self, other: "KdfParams") -> bool:
        return self.time_cost < other.time_cost or self.memory_cost < other.memory_cost

    def to_dict(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_cost, "p": self.parallelism}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "KdfParams":
        params = cls(time_cost=data["t"], memory_cost=data["m"], parallelism=data["p"])
        params.validate()
        return params


def new_data_key() -> bytes:
    """A fresh random 256-bit data key."""
    return os.urandom(KEY_BYTES)


def _check_key(key: bytes) -> bytes:
    key = bytes(key)
    if len(key) != KEY_BYTES:
        raise ValueError(f"key must be {KEY_BYTES} bytes, got {len(key)}")
    return key


def _password_bytes(password: str) -> bytes:
    # NFC so the same password typed through different input methods derives the same key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def derive_kek(password: str, salt: bytes, params: KdfParams = KdfParams()) -> bytes:
    """argon2id(password, salt) → 32-byte key-encryption key."""
    params.validate()
    if len(salt) < 8:
        raise ValueError("salt too short")
    return hash_secret_raw(
        _password_bytes(password), bytes(salt), params.time_cost, params.memory_cost,
        params.parallelism, KEY_BYTES, Type.ID,
    )


# --------------------------------------------------------------------------- key wrapping

@dataclass(frozen=True)
class WrappedKey:
    """A DEK encrypted under one user's password-derived key."""

    salt: bytes
    params: KdfParams
    nonce: bytes
    ciphertext: bytes
    version: int = WRAP_FORMAT_VERSION

    def associated_data(self) -> bytes:
        p = self.params
        return b"jijian/dek-wrap" + struct.pack(
            ">BIII", self.version, p.time_cost, p.memory_cost, p.parallelism) + self.salt

    def to_dict(self) -> dict[str, Any]:
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return {"v": self.version, "kdf": "argon2id", **self.params.to_dict(),
                "salt": b64(self.salt), "nonce": b64(self.nonce), "ct": b64(self.ciphertext)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "WrappedKey":
        try:
            if data["v"] != WRAP_FORMAT_VERSION or data["kdf"] != "argon2id":
                raise IntegrityFailure("身份信息密钥的格式版本无法识别")
            d64 = lambda k: base64.b64decode(data[k], validate=True)  # noqa: E731
            wrapped = cls(salt=d64("salt"), params=KdfParams.from_dict(data), nonce=d64("nonce"),
                          ciphertext=d64("ct"), version=data["v"])
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise IntegrityFailure("身份信息密钥数据损坏，无法读取") from exc
        if len(wrapped.nonce) != NONCE_BYTES or len(wrapped.ciphertext) != KEY_BYTES + TAG_BYTES:
            raise IntegrityFailure("身份信息密钥数据损坏，无法读取")
        return wrapped

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":")).encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes | str) -> "WrappedKey":
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise IntegrityFailure("身份信息密钥数据损坏，无法读取") from exc
        if not isinstance(data, dict):
            raise IntegrityFailure("身份信息密钥数据损坏，无法读取")
        return cls.from_dict(data)


def wrap_data_key(dek: bytes, password: str, params: KdfParams = KdfParams()) -> WrappedKey:
    """Encrypt ``dek`` under a key derived from ``password`` (fresh salt and nonce)."""
    dek = _check_key(dek)
    if not password:
        raise ValidationError("密码不能为空", field="password")
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    shell = WrappedKey(salt=salt, params=params, nonce=nonce, ciphertext=b"")
    kek = derive_kek(password, salt, params)
    ct = AESGCM(kek).encrypt(nonce, dek, shell.associated_data())
    return WrappedKey(salt=salt, params=params, nonce=nonce, ciphertext=ct)


def unwrap_data_key(wrapped: WrappedKey, password: str) -> bytes:
    """The DEK, or ``AuthenticationError`` when the password is wrong."""
    wrapped.params.validate()
    kek = derive_kek(password, wrapped.salt, wrapped.params)
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, wrapped.associated_data())
    except InvalidTag:
        raise AuthenticationError(WRONG_PASSWORD) from None


def rewrap(wrapped: WrappedKey, old_password: str, new_password: str,
           params: KdfParams | None = None) -> WrappedKey:
    """Re-wrap for a password change; ``params`` None keeps the current cost parameters."""
    dek = unwrap_data_key(wrapped, old_password)
    return wrap_data_key(dek, new_password, params or wrapped.params)


def needs_rewrap(wrapped: WrappedKey, params: KdfParams = KdfParams()) -> bool:
    """True when the wrap uses weaker KDF costs than ``params`` (re-wrap at the next login)."""
    return wrapped.params.weaker_than(params)


# --------------------------------------------------------------------------- field encryption

def _field_aad(version: int, table: str, column: str, row_id: int | str) -> bytes:
    # Length-prefixed parts: no separator can make ("a_b", "c") equal ("a", "b_c").
    # int and str ids are the same row: 7 and "7" encode alike.
    if not table or not column or row_id is None or str(row_id) == "":
        raise ValueError("table, column and row_id are required")
    parts = [table.encode("utf-8"), column.encode("utf-8"), str(row_id).encode("utf-8")]
    out = bytearray(b"jijian/field")
    out.append(version)
    for part in parts:
        out += struct.pack(">I", len(part)) + part
    return bytes(out)


@overload
def encrypt_field(dek: bytes, plaintext: str, *, table: str, column: str, row_id: int | str) -> bytes: ...
@overload
def encrypt_field(dek: bytes, plaintext: None, *, table: str, column: str, row_id: int | str) -> None: ...
def encrypt_field(dek: bytes, plaintext: str | None, *, table: str, column: str,
                  row_id: int | str) -> bytes | None:
    """version byte ‖ 96-bit random nonce ‖ AES-GCM(ciphertext ‖ tag). ``None`` → ``None``."""
    if plaintext is None:
        return None
    aad = _field_aad(FIELD_FORMAT_VERSION, table, column, row_id)
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(_check_key(dek)).encrypt(nonce, plaintext.encode("utf-8"), aad)
    return bytes([FIELD_FORMAT_VERSION]) + nonce + ct


@overload
def decrypt_field(dek: bytes, blob: bytes, *, table: str, column: str, row_id: int | str) -> str: ...
@overload
def decrypt_field(dek: bytes, blob: None, *, table: str, column: str, row_id: int | str) -> None: ...
def decrypt_field(dek: bytes, blob: bytes | None, *, table: str, column: str,
                  row_id: int | str) -> str | None:
    """Inverse of ``encrypt_field``; ``IntegrityFailure`` if the blob belongs elsewhere or was altered."""
    if blob is None:
        return None
    blob = bytes(blob)
    if len(blob) < 1 + NONCE_BYTES + TAG_BYTES or blob[0] != FIELD_FORMAT_VERSION:
        raise IntegrityFailure("身份信息密文格式无法识别，数据可能已损坏")
    aad = _field_aad(blob[0], table, column, row_id)
    nonce, ct = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
    try:
        return AESGCM(_check_key(dek)).decrypt(nonce, ct, aad).decode("utf-8")
    except InvalidTag:
        raise IntegrityFailure(FIELD_MISMATCH) from None


# --------------------------------------------------------------------------- blind index

_PHONE_PREFIXES = ("+86", "0086")


def normalize_phone(value: str) -> str:
    """Digits only, without the +86 / 0086 country prefix: '+86 138-0013-8000' → '13800138000'."""
    text = unicodedata.normalize("NFKC", value).strip()
    for prefix in _PHONE_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    digits = re.sub(r"\D", "", text)
    if len(digits) == 13 and digits.startswith("861"):  # '86' typed without the plus
        digits = digits[2:]
    return digits


def normalize_id_number(value: str) -> str:
    """Upper-case without spaces (full-width characters folded): '11010519491231002x' → '…002X'."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value)).upper()


_NORMALIZERS = {"phone": normalize_phone, "id_number": normalize_id_number}
_KIND_LABELS = {"phone": "联系电话", "id_number": "身份证号"}


def derive_index_key(dek: bytes, kind: IndexKind) -> bytes:
    """HKDF-SHA256 of the DEK, one key per kind."""
    if kind not in _NORMALIZERS:
        raise ValueError(f"unknown blind index kind: {kind!r}")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=b"jijian/blind-index/v1/" + kind.encode("ascii")).derive(_check_key(dek))


def _index_with_key(index_key: bytes, kind: IndexKind, value: str) -> str:
    normalized = _NORMALIZERS[kind](value)
    if not normalized:
        raise ValidationError(f"{_KIND_LABELS[kind]}为空，无法检索", field=kind)
    mac = hmac.new(index_key, kind.encode("ascii") + b"\x00" + normalized.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()[:INDEX_HEX_CHARS]


def blind_index(dek: bytes, kind: IndexKind, value: str) -> str:
    """32 hex chars; equal for equal normalized values, unrelated across kinds.

    ``dek`` is the data key: the HMAC key is derived from it per kind, so the index reveals
    nothing usable without the DEK. An empty value raises ``ValidationError``.
    """
    return _index_with_key(derive_index_key(dek, kind), kind, value)


# --------------------------------------------------------------------------- session vault

class IdentityVault:
    """The unlocked DEK for one session. ``lock()`` forgets it (on logout or idle lock)."""

    def __init__(self) -> None:
        self._dek: bytearray | None = None
        self._derived: dict[str, bytes] = {}

    @property
    def is_unlocked(self) -> bool:
        return self._dek is not None

    def unlock(self, wrapped: WrappedKey, password: str) -> None:
        """Unwrap with the user's password; ``AuthenticationError`` if wrong (stays locked)."""
        self.unlock_with_key(unwrap_data_key(wrapped, password))

    def unlock_with_key(self, dek: bytes) -> None:
        """Hold an already available DEK (first setup, right after ``new_data_key()``)."""
        self.lock()
        self._dek = bytearray(_check_key(dek))

    def lock(self) -> None:
        # Python cannot promise the bytes are gone from memory; we zero our copy and drop references.
        if self._dek is not None:
            for i in range(len(self._dek)):
                self._dek[i] = 0
        self._dek = None
        self._derived.clear()

    def _key(self) -> bytes:
        if self._dek is None:
            raise PermissionDenied(VAULT_LOCKED)
        return bytes(self._dek)

    def seal_with(self, seal: "Callable[[bytes], bytes]") -> bytes:
        """The held DEK sealed by ``seal`` (to another user's public key: services.security.key_pairs)."""
        return seal(self._key())

    def wrap_for(self, password: str, params: KdfParams = KdfParams()) -> WrappedKey:
        """Wrap the held DEK for another user (granting access) or a new password."""
        return wrap_data_key(self._key(), password, params)

    def encrypt(self, plaintext: str | None, *, table: str, column: str, row_id: int | str) -> bytes | None:
        return encrypt_field(self._key(), plaintext, table=table, column=column, row_id=row_id)

    def decrypt(self, blob: bytes | None, *, table: str, column: str, row_id: int | str) -> str | None:
        return decrypt_field(self._key(), blob, table=table, column=column, row_id=row_id)

    def file_key(self) -> bytes:
        """The key sealed files are opened with (``services.security.file_seal``): HKDF of the DEK, so a
        file's key is never a field's."""
        if "file" not in self._derived:
            self._derived["file"] = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                                            info=b"jijian sealed files").derive(self._key())
        return self._derived["file"]

    def index(self, kind: IndexKind, value: str) -> str:
        key = self._key()
        if kind not in self._derived:
            self._derived[kind] = derive_index_key(key, kind)
        return _index_with_key(self._derived[kind], kind, value)


NOT_YET = ("案件附件密钥尚未分发给您（系统升级后或密码重置后）：请在纪委书记或任一同事登录本系统后重新打开，"
           "或重新登录")


class CaseFileVault:
    """The case-file key while a user is signed in; ``lock()`` forgets it."""

    def __init__(self) -> None:
        self._key: bytes | None = None

    @property
    def is_unlocked(self) -> bool:
        return self._key is not None

    def hold(self, key: bytes) -> None:
        self._key = bytes(key)

    def lock(self) -> None:
        self._key = None

    def key(self) -> bytes:
        if self._key is None:
            raise PermissionDenied(NOT_YET)
        return self._key
