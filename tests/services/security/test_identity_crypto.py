"""Identity encryption: key wrapping, row-bound field encryption, blind index, the session vault."""
from __future__ import annotations

import pytest

from services.errors import AuthenticationError, IntegrityFailure, PermissionDenied, ValidationError
from services.security.identity_crypto import (IdentityVault, KdfParams, WrappedKey, blind_index, decrypt_field,
                                               derive_kek, encrypt_field, needs_rewrap, new_data_key,
                                               normalize_id_number, normalize_phone, rewrap, unwrap_data_key,
                                               wrap_data_key)


@pytest.fixture
def cheap() -> KdfParams:
    """Small argon2id costs so the tests stay fast; production uses KdfParams()."""
    return KdfParams(time_cost=1, memory_cost=64, parallelism=1)


@pytest.fixture
def dek() -> bytes:
    return new_data_key()


def test_data_keys_are_random_256_bit():
    a, b = new_data_key(), new_data_key()
    assert len(a) == 32 and a != b


def test_default_kdf_costs_are_stronger_than_test_costs(cheap):
    assert KdfParams().memory_cost >= 64 * 1024 and KdfParams().time_cost >= 2
    assert cheap.weaker_than(KdfParams())


def test_kek_depends_on_password_salt_and_params(cheap):
    salt = b"s" * 16
    k = derive_kek("口令A", salt, cheap)
    assert len(k) == 32
    assert derive_kek("口令A", salt, cheap) == k
    assert derive_kek("口令B", salt, cheap) != k
    assert derive_kek("口令A", b"t" * 16, cheap) != k
    assert derive_kek("口令A", salt, KdfParams(time_cost=2, memory_cost=64, parallelism=1)) != k


def test_wrap_unwrap_round_trip_through_storage(dek, cheap):
    wrapped = wrap_data_key(dek, "正确的密码1", cheap)
    assert dek not in wrapped.to_bytes()
    stored = wrapped.to_bytes()  # one DB column
    assert unwrap_data_key(WrappedKey.from_bytes(stored), "正确的密码1") == dek
    assert unwrap_data_key(WrappedKey.from_dict(wrapped.to_dict()), "正确的密码1") == dek
    assert WrappedKey.from_bytes(stored).params == cheap


def test_each_wrap_uses_fresh_salt_and_nonce(dek, cheap):
    a, b = wrap_data_key(dek, "pw-123456", cheap), wrap_data_key(dek, "pw-123456", cheap)
    assert a.salt != b.salt and a.nonce != b.nonce and a.ciphertext != b.ciphertext


def test_wrong_password_is_refused_in_chinese(dek, cheap):
    wrapped = wrap_data_key(dek, "正确的密码1", cheap)
    with pytest.raises(AuthenticationError) as err:
        unwrap_data_key(wrapped, "错误的密码")
    assert str(err.value) == "密码错误，无法解开身份信息密钥"


def test_empty_password_cannot_wrap(dek, cheap):
    with pytest.raises(ValidationError):
        wrap_data_key(dek, "", cheap)


def test_tampered_kdf_params_do_not_unlock(dek, cheap):
    data = wrap_data_key(dek, "pw-123456", cheap).to_dict()
    data["t"] = 2
    with pytest.raises(AuthenticationError):
        unwrap_data_key(WrappedKey.from_dict(data), "pw-123456")


def test_garbage_wrap_record_is_an_integrity_failure():
    for raw in (b"not json", b"[]", b'{"v": 1}', b'{"v": 9, "kdf": "argon2id"}'):
        with pytest.raises(IntegrityFailure):
            WrappedKey.from_bytes(raw)


def test_rewrap_changes_password_and_can_raise_costs(dek, cheap):
    old = wrap_data_key(dek, "旧密码-123", cheap)
    new = rewrap(old, "旧密码-123", "新密码-456")
    assert new.params == cheap
    assert unwrap_data_key(new, "新密码-456") == dek
    with pytest.raises(AuthenticationError):
        unwrap_data_key(new, "旧密码-123")
    with pytest.raises(AuthenticationError):
        rewrap(old, "猜的密码", "新密码-456")
    stronger = KdfParams(time_cost=2, memory_cost=128, parallelism=1)
    assert needs_rewrap(old, stronger)
    raised = rewrap(old, "旧密码-123", "旧密码-123", stronger)
    assert raised.params == stronger and not needs_rewrap(raised, stronger)
    assert unwrap_data_key(raised, "旧密码-123") == dek


def test_field_round_trip_and_plaintext_absent(dek):
    name = "张三丰"
    phone = "13800138000"
    for value in (name, phone, "河北省某县某乡某村 3 组"):
        blob = encrypt_field(dek, value, table="complainants", column="name", row_id=42)
        assert value.encode("utf-8") not in blob
        assert blob[0] == 1 and len(blob) == 1 + 12 + len(value.encode("utf-8")) + 16
        assert decrypt_field(dek, blob, table="complainants", column="name", row_id=42) == value


def test_same_value_encrypts_differently_each_time(dek):
    a = encrypt_field(dek, "李四", table="t", column="c", row_id=1)
    b = encrypt_field(dek, "李四", table="t", column="c", row_id=1)
    assert a != b and a[1:13] != b[1:13]


def test_none_passes_through_and_empty_string_is_encrypted(dek):
    assert encrypt_field(dek, None, table="t", column="c", row_id=1) is None
    assert decrypt_field(dek, None, table="t", column="c", row_id=1) is None
    blob = encrypt_field(dek, "", table="t", column="c", row_id=1)
    assert blob and decrypt_field(dek, blob, table="t", column="c", row_id=1) == ""


def test_int_and_str_row_ids_are_the_same_row(dek):
    blob = encrypt_field(dek, "王五", table="t", column="c", row_id=7)
    assert decrypt_field(dek, blob, table="t", column="c", row_id="7") == "王五"


@pytest.mark.parametrize("where", [
    {"table": "complainants", "column": "name", "row_id": 43},     # copied to another row
    {"table": "complainants", "column": "phone", "row_id": 42},    # to another column
    {"table": "persons", "column": "name", "row_id": 42},          # to another table
    {"table": "complainants", "column": "name", "row_id": "42 "},
])
def test_blob_moved_elsewhere_is_refused(dek, where):
    blob = encrypt_field(dek, "张三", table="complainants", column="name", row_id=42)
    with pytest.raises(IntegrityFailure) as err:
        decrypt_field(dek, blob, **where)
    assert str(err.value) == "身份信息校验失败：密文与记录不匹配"


def test_length_prefixing_prevents_ambiguous_context(dek):
    blob = encrypt_field(dek, "x", table="a_b", column="c", row_id=1)
    with pytest.raises(IntegrityFailure):
        decrypt_field(dek, blob, table="a", column="b_c", row_id=1)


def test_flipped_bit_or_wrong_key_is_refused(dek):
    blob = bytearray(encrypt_field(dek, "赵六", table="t", column="c", row_id=1))
    for i in range(1, len(blob)):
        bad = bytearray(blob)
        bad[i] ^= 0x01
        with pytest.raises(IntegrityFailure):
            decrypt_field(dek, bytes(bad), table="t", column="c", row_id=1)
    with pytest.raises(IntegrityFailure):
        decrypt_field(new_data_key(), bytes(blob), table="t", column="c", row_id=1)
    with pytest.raises(IntegrityFailure):  # unknown version byte or too short
        decrypt_field(dek, b"\x02" + bytes(blob[1:]), table="t", column="c", row_id=1)
    with pytest.raises(IntegrityFailure):
        decrypt_field(dek, b"\x01abc", table="t", column="c", row_id=1)


@pytest.mark.parametrize("raw,expected", [
    ("13800138000", "13800138000"),
    ("+86 138-0013-8000", "13800138000"),
    ("0086 13800138000", "13800138000"),
    ("8613800138000", "13800138000"),
    ("１３８ ００１３ ８０００", "13800138000"),  # full-width digits from a Chinese IME
    ("(0551) 6543-2100", "055165432100"),
])
def test_phone_normalization(raw, expected):
    assert normalize_phone(raw) == expected


def test_id_number_normalization():
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"
    assert normalize_id_number("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


def test_blind_index_is_stable_normalized_and_kind_separated(dek):
    a = blind_index(dek, "phone", "13800138000")
    assert len(a) == 32 and all(c in "0123456789abcdef" for c in a)
    assert blind_index(dek, "phone", "+86 138 0013 8000") == a
    assert blind_index(dek, "phone", "13800138001") != a
    assert blind_index(new_data_key(), "phone", "13800138000") != a
    # the same digits as an ID number land somewhere else
    assert blind_index(dek, "id_number", "13800138000") != a
    assert blind_index(dek, "id_number", "11010519491231002x") == blind_index(dek, "id_number", "11010519491231002X")
    assert "13800138000" not in a


def test_blind_index_refuses_empty_and_unknown_kind(dek):
    with pytest.raises(ValidationError) as err:
        blind_index(dek, "phone", " - ")
    assert "联系电话" in str(err.value)
    with pytest.raises(ValueError):
        blind_index(dek, "email", "a@b.c")  # type: ignore[arg-type]


def test_vault_locked_until_unlocked(dek, cheap):
    vault = IdentityVault()
    assert not vault.is_unlocked
    for call in (lambda: vault.encrypt("张三", table="t", column="c", row_id=1),
                 lambda: vault.decrypt(b"\x01" + bytes(40), table="t", column="c", row_id=1),
                 lambda: vault.index("phone", "13800138000"),
                 lambda: vault.wrap_for("pw-123456", cheap)):
        with pytest.raises(PermissionDenied) as err:
            call()
        assert "身份信息已锁定" in str(err.value)


def test_vault_unlock_use_and_lock(dek, cheap):
    wrapped = wrap_data_key(dek, "书记的密码", cheap)
    vault = IdentityVault()
    with pytest.raises(AuthenticationError):
        vault.unlock(wrapped, "错的")
    assert not vault.is_unlocked

    vault.unlock(wrapped, "书记的密码")
    assert vault.is_unlocked
    blob = vault.encrypt("张三", table="complainants", column="name", row_id=5)
    assert decrypt_field(dek, blob, table="complainants", column="name", row_id=5) == "张三"
    assert vault.decrypt(blob, table="complainants", column="name", row_id=5) == "张三"
    assert vault.index("phone", "+8613800138000") == blind_index(dek, "phone", "13800138000")

    held = vault._dek  # the vault's own buffer
    vault.lock()
    assert not vault.is_unlocked
    assert held is not None and bytes(held) == bytes(32)  # zeroed, not just dropped
    with pytest.raises(PermissionDenied):
        vault.decrypt(blob, table="complainants", column="name", row_id=5)


def test_vault_grants_access_to_another_user(dek, cheap):
    vault = IdentityVault()
    vault.unlock_with_key(dek)
    for_officer = vault.wrap_for("办案人员密码", cheap)
    other = IdentityVault()
    other.unlock(for_officer, "办案人员密码")
    blob = vault.encrypt("举报人甲", table="t", column="c", row_id=9)
    assert other.decrypt(blob, table="t", column="c", row_id=9) == "举报人甲"
