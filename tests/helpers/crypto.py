"""Cheap argon2id costs for test workspaces (production keeps ``CryptoParams()``'s defaults)."""
from __future__ import annotations

from argon2 import PasswordHasher

from services.security.crypto_params import CryptoParams
from services.security.identity_crypto import KdfParams

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
CHEAP_KDF = KdfParams(time_cost=1, memory_cost=8, parallelism=1)
CHEAP_CRYPTO = CryptoParams(password_hasher=FAST_HASHER, identity_kdf=CHEAP_KDF,
                            export_kdf=KdfParams(time_cost=1, memory_cost=64, parallelism=1))
