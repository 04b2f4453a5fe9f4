"""The argon2id costs are the workspace's own: production defaults unless a workspace is built with others."""
from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import select

from models import User
from services.security import setup, users
from services.security.crypto_params import CryptoParams
from services.security.identity_crypto import KdfParams, WrappedKey
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO


def test_production_defaults_are_argon2s_recommendation_and_the_key_wrap_defaults():
    prod = CryptoParams()
    lib = PasswordHasher()
    assert (prod.password_hasher.time_cost, prod.password_hasher.memory_cost, prod.password_hasher.parallelism) == (
        lib.time_cost, lib.memory_cost, lib.parallelism)
    assert prod.identity_kdf == prod.export_kdf == KdfParams(time_cost=3, memory_cost=128 * 1024, parallelism=4)


def _stored(ws) -> tuple[str, bytes]:
    """The password hash, and the key wrapped under the password: the identity key at setup, the private key of
    the user's key pair (which the identity key is sealed to) from the first sign-in on."""
    with ws.reading() as s:
        user = s.execute(select(User).where(User.username == "wang")).scalar_one()
        return user.password_hash, user.wrapped_data_key or user.wrapped_private_key


def test_each_workspace_uses_its_own_costs(tmp_path):
    cheap = open_workspace(tmp_path / "data", crypto=CHEAP_CRYPTO)
    setup.initialize(cheap, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    password_hash, wrapped = _stored(cheap)
    assert extract_parameters(password_hash).memory_cost == 1024
    assert WrappedKey.from_bytes(wrapped).params == CHEAP_CRYPTO.identity_kdf

    production = open_workspace(tmp_path / "data")  # same data dir, same process, default costs
    try:
        users.login(production, "wang", ADMIN_PASSWORD)  # raises the stored costs to production's
        password_hash, wrapped = _stored(production)
        assert extract_parameters(password_hash).memory_cost == PasswordHasher().memory_cost
        assert WrappedKey.from_bytes(wrapped).params == KdfParams()
        users.login(cheap, "wang", ADMIN_PASSWORD)  # the cheap workspace still has its own
        assert cheap.crypto is CHEAP_CRYPTO and production.crypto.identity_kdf == KdfParams()
    finally:
        production.close()
        cheap.close()
