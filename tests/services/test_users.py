import datetime as dt

import pytest
from sqlalchemy import select

from models import AuditEvent, User
from services.errors import AuthenticationError, PermissionDenied, StateError, ValidationError
from services.security import setup, users
from services.security.permissions import PERMISSIONS, allowed, require
from services.storage import settings
from tests.conftest import ADMIN_PASSWORD


def test_first_user_is_admin_and_secretary(ws):
    assert ws.current_user.roles == {"admin", "secretary"}


def test_setup_refuses_second_run_and_bad_values(ws, blank_ws):
    with pytest.raises(StateError):
        setup.initialize(ws, org_name="另一个镇", org_code="X2", county_name="某县纪委", mode="township",
                         username="zhao", display_name="赵", password="12345678")
    with pytest.raises(ValidationError) as e:
        setup.validate_org("镇", "!!", "", "city")
    assert {p.field for p in e.value.problems} == {"org_name", "org_code", "county_name", "mode"}


def test_create_user_validation(ws):
    with pytest.raises(ValidationError, match="至少需要 8"):
        users.create_user(ws, "li", "李", "short", ["clerk"])
    with pytest.raises(ValidationError, match="未知的角色"):
        users.create_user(ws, "li", "李", "longenough", ["boss"])
    with pytest.raises(ValidationError, match="已存在"):
        users.create_user(ws, "wang", "王", "longenough", ["clerk"])
    users.create_user(ws, "li", "李四", "longenough", ["clerk", "officer"])
    assert {u["username"] for u in users.list_users(ws)} == {"wang", "li"}


def test_failed_user_creation_changes_nothing(ws):
    with ws.reading() as s:
        n_events = len(s.execute(select(AuditEvent)).all())
    with pytest.raises(ValidationError):
        users.create_user(ws, "wang", "重复", "longenough", ["clerk"])
    with ws.reading() as s:
        assert len(s.execute(select(AuditEvent)).all()) == n_events
        assert len(s.execute(select(User)).all()) == 1


def test_wrong_then_right_login(ws):
    with pytest.raises(AuthenticationError, match="用户名或密码错误"):
        users.login(ws, "wang", "nope")
    assert users.login(ws, "wang", ADMIN_PASSWORD).username == "wang"


def test_lockout_after_five_failures_then_expires(ws):
    t0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
    ws.now = lambda: t0
    failed = "用户名或密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）"
    for _ in range(5):
        with pytest.raises(AuthenticationError) as refused:
            users.login(ws, "wang", "bad")
        assert refused.value.message == failed  # no countdown: it would tell the name exists
    with pytest.raises(AuthenticationError) as refused:
        users.login(ws, "wang", ADMIN_PASSWORD)  # right password, still locked
    assert refused.value.message == failed
    ws.now = lambda: t0 + dt.timedelta(minutes=16)
    assert users.login(ws, "wang", ADMIN_PASSWORD).username == "wang"
    with ws.reading() as s:
        actions = [a for (a,) in s.execute(select(AuditEvent.action))]
    assert actions.count("login.failed") == 6 and actions.count("login.locked") == 1


def test_lockout_threshold_is_a_setting(ws):
    with ws.transaction() as s:
        settings.put(s, settings.LOCKOUT_MAX_FAILURES, 2)
    with pytest.raises(AuthenticationError, match="连续输错 2 次"):
        users.login(ws, "wang", "bad")
    with pytest.raises(AuthenticationError):
        users.login(ws, "wang", "bad")
    with pytest.raises(AuthenticationError):
        users.login(ws, "wang", ADMIN_PASSWORD)  # locked after the second failure


def test_disabled_user_cannot_login(ws):
    users.create_user(ws, "li", "李四", "longenough", ["clerk"])
    users.set_active(ws, "li", False)
    with pytest.raises(AuthenticationError, match="停用"):
        users.login(ws, "li", "longenough")


def test_last_admin_cannot_be_removed(ws):
    with pytest.raises(ValidationError, match="至少需要保留"):
        users.set_roles(ws, "wang", ["secretary"])
    with pytest.raises(ValidationError, match="当前登录"):
        users.set_active(ws, "wang", False)


def test_change_password(ws):
    with pytest.raises(AuthenticationError):
        users.change_password(ws, "wrong", "newpassword")
    users.change_password(ws, ADMIN_PASSWORD, "newpassword")
    with pytest.raises(AuthenticationError):
        users.login(ws, "wang", ADMIN_PASSWORD)
    users.login(ws, "wang", "newpassword")


def test_clerk_cannot_manage_users(ws):
    users.create_user(ws, "li", "李四", "longenough", ["clerk"])
    users.login(ws, "li", "longenough")
    with pytest.raises(PermissionDenied, match="管理用户"):
        users.create_user(ws, "zhao", "赵", "longenough", ["clerk"])


@pytest.mark.parametrize("permission, role, expected", [
    ("users.manage", "admin", True), ("users.manage", "secretary", False),
    ("identity.view", "admin", False), ("identity.view", "clerk", True), ("identity.view", "officer", False),
    ("report.finalize", "secretary", True), ("report.finalize", "officer", False),
    ("case.manage", "officer", True), ("case.manage", "clerk", False),
    ("complaint.register", "clerk", True), ("complaint.view", "admin", False),
    ("package.create", "secretary", True), ("package.create", "clerk", False),
])
def test_permission_table(permission, role, expected):
    assert allowed({role}, permission) is expected


def test_every_permission_has_a_role_and_label():
    for code, (label, roles) in PERMISSIONS.items():
        assert label and roles, code


def test_require_without_login():
    with pytest.raises(PermissionDenied, match="请先登录"):
        require(None, "report.view")


def test_set_roles_keeps_shared_roles_and_drops_the_others(ws):
    users.create_user(ws, "li", "李四", "longenough", ["clerk", "officer"])
    users.set_roles(ws, "li", ["officer", "secretary"])
    assert {u["username"]: u["roles"] for u in users.list_users(ws)}["li"] == ["officer", "secretary"]
    users.set_roles(ws, "li", ["officer"])
    assert {u["username"]: u["roles"] for u in users.list_users(ws)}["li"] == ["officer"]
