"""Trying names and passwords tells nobody which accounts exist, or whether a guess was right.

An unknown name, a wrong password and a locked account get the same message after the same work:
one argon2 verify each (counted on a real PasswordHasher, not timed). The audit log keeps the real
reason for the admin.
"""
import dataclasses
import datetime as dt
import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from models import AuditEvent
from services.errors import AuthenticationError
from services.security import users
from tests.conftest import ADMIN_PASSWORD

FAILED = "用户名或密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）"


class CountingHasher(PasswordHasher):
    """The real argon2id hasher (cheap parameters), counting its verify calls."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified = 0

    def verify(self, hash, password):  # noqa: A002 - the library's parameter name
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def hasher(ws):
    counting = CountingHasher()
    ws.crypto = dataclasses.replace(ws.crypto, password_hasher=counting)
    return counting


def _attempt(ws, hasher, username, password) -> tuple[str, int]:
    before = hasher.verified
    with pytest.raises(AuthenticationError) as refused:
        users.login(ws, username, password)
    return refused.value.message, hasher.verified - before


def test_unknown_name_does_the_same_work_and_reads_the_same_as_a_wrong_password(ws, hasher):
    assert _attempt(ws, hasher, "nobody", "whatever-1") == (FAILED, 1)
    assert _attempt(ws, hasher, "wang", "not-the-password") == (FAILED, 1)


def test_lockout_looks_the_same_for_a_name_that_does_not_exist(ws, hasher):
    t0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
    ws.now = lambda: t0
    known = [_attempt(ws, hasher, "wang", f"wrong-{i}") for i in range(6)]
    unknown = [_attempt(ws, hasher, "nobody", f"wrong-{i}") for i in range(6)]
    assert known == unknown == [(FAILED, 1)] * 6
    # While locked the right password reads the same too: a guess cannot be confirmed meanwhile.
    assert _attempt(ws, hasher, "wang", ADMIN_PASSWORD) == (FAILED, 1)
    ws.now = lambda: t0 + dt.timedelta(minutes=16)
    assert users.login(ws, "wang", ADMIN_PASSWORD).username == "wang"
    with ws.reading() as s:
        reasons = [json.loads(e.detail_json).get("reason") for e in s.execute(
            select(AuditEvent).where(AuditEvent.action == "login.failed").order_by(AuditEvent.id)).scalars()]
    assert reasons == ["password"] * 5 + ["locked"] + ["unknown"] * 6 + ["locked"]


def test_a_disabled_account_is_named_only_to_its_right_password(ws, hasher):
    users.create_user(ws, "li", "李四", "li-pass-123", ["clerk"])
    users.set_active(ws, "li", False)
    assert _attempt(ws, hasher, "li", "wrong-pass") == (FAILED, 1)
    assert _attempt(ws, hasher, "li", "li-pass-123") == ("该账号已停用，请联系系统管理员", 1)


def test_message_follows_the_lockout_settings(ws, hasher):
    from services.storage import settings
    with ws.transaction() as s:
        settings.put(s, settings.LOCKOUT_MAX_FAILURES, 3)
        settings.put(s, settings.LOCKOUT_MINUTES, 30)
    assert _attempt(ws, hasher, "nobody", "x")[0] == "用户名或密码错误（连续输错 3 次账号将锁定 30 分钟，已锁定的请稍后再试）"
