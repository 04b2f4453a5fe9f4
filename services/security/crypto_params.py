"""How much work each argon2id use costs: sign-in password hashes, the identity key's wrap, and
encrypted backup exports. One frozen value on the Workspace; tests build theirs with cheap costs."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import cached_property

from argon2 import PasswordHasher

from services.security.identity_crypto import KdfParams


@dataclass(frozen=True)
class CryptoParams:
    """Production defaults: argon2's recommended password hashing, ``KdfParams()`` for the key wraps."""

    password_hasher: PasswordHasher = field(default_factory=PasswordHasher)
    identity_kdf: KdfParams = field(default_factory=KdfParams)
    export_kdf: KdfParams = field(default_factory=KdfParams)

    @cached_property
    def dummy_password_hash(self) -> str:
        """A hash of a random password: signing in with an unknown name costs one verify too."""
        return self.password_hasher.hash(secrets.token_urlsafe(16))
