"""The secretary grants the identity key to a user who lacks it (a clerk made by a plain admin, one whose password
was reset) without that user's password: sealed to their key pair. Who may grant, what the admin cannot do for
themselves, and what a sealed key copied elsewhere does."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from models import AuditEvent
from services.casework import intake
from services.errors import PermissionDenied, ValidationError
from services.security import identity, users
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.outside_sql import outside
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db


@pytest.fixture
def office(ws):
    """wang (admin + secretary) made a plain admin, who made the clerk zhao: zhao has no identity key."""
    complaint = intake.register_complaint(ws, complaint_input(complainant_name="赵铁柱"))
    users.create_user(ws, "sysadmin", "管理员", "admin-pass-1", ["admin"])
    users.login(ws, "sysadmin", "admin-pass-1")
    users.create_user(ws, "zhao", "赵六", "clerk-pass-1", ["clerk"])
    return complaint.id


def _reveal(ws, cid):
    return intake.reveal_identity(ws, cid)["name"]


def _states(ws):
    return {g["username"]: g["state"] for g in users.identity_grants(ws)}


def test_the_secretary_grants_a_clerk_without_the_clerks_password(ws, office):
    users.login(ws, "zhao", "clerk-pass-1")
    with pytest.raises(PermissionDenied, match="设置→身份信息授权"):
        _reveal(ws, office)
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert _states(ws) == {"wang": "granted", "zhao": "pending"}
    users.grant_identity(ws, "zhao")
    assert _states(ws)["zhao"] == "granted"
    users.login(ws, "zhao", "clerk-pass-1")
    assert _reveal(ws, office) == "赵铁柱"
    with ws.reading() as s:
        grants = s.execute(select(AuditEvent.username, AuditEvent.detail_json)
                           .where(AuditEvent.action == "identity.grant")).all()
    assert [tuple(g) for g in grants] == [("wang", '{"username": "zhao"}')]


def test_a_user_from_before_the_key_pairs_signs_in_once_first(ws, office):
    with outside(ws) as con:  # zhao as revision 0011 left him: no key pair yet
        con.execute("UPDATE users SET public_key = NULL, wrapped_private_key = NULL, wrapped_file_key = NULL"
                    " WHERE username = 'zhao'")
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert _states(ws)["zhao"] == "sign_in_first"
    with pytest.raises(ValidationError) as err:
        users.grant_identity(ws, "zhao")
    assert str(err.value) == "用户“赵六”自系统升级以来还没有登录过，请让其先登录一次，再来授权"
    users.login(ws, "zhao", "clerk-pass-1")
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.grant_identity(ws, "zhao")
    users.login(ws, "zhao", "clerk-pass-1")
    assert _reveal(ws, office) == "赵铁柱"


def test_only_the_secretary_grants_and_an_admin_cannot_give_the_key_to_themselves(ws, office):
    users.login(ws, "zhao", "clerk-pass-1")
    with pytest.raises(PermissionDenied, match="授予查看反映人身份信息的权限"):
        users.grant_identity(ws, "zhao")  # a clerk, even one who held the key, does not grant
    users.login(ws, "sysadmin", "admin-pass-1")
    users.set_roles(ws, "sysadmin", ["admin", "clerk"])  # the admin makes themselves a clerk
    users.login(ws, "sysadmin", "admin-pass-1")
    with pytest.raises(PermissionDenied):
        users.grant_identity(ws, "sysadmin")
    with pytest.raises(PermissionDenied, match="未解锁"):
        _reveal(ws, office)  # the role alone opens nothing: the secretary has to grant


def test_a_reset_password_needs_a_new_grant_and_gets_one(ws, office):
    users.login(ws, "zhao", "clerk-pass-1")
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.grant_identity(ws, "zhao")
    users.reset_password(ws, "zhao", "clerk-reset-2")
    users.login(ws, "zhao", "clerk-reset-2")
    with pytest.raises(PermissionDenied, match="未解锁"):
        _reveal(ws, office)
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert _states(ws)["zhao"] == "pending"
    users.grant_identity(ws, "zhao")
    users.login(ws, "zhao", "clerk-reset-2")
    assert _reveal(ws, office) == "赵铁柱"


def test_a_sealed_key_copied_to_another_row_or_column_opens_nothing(ws, office):
    users.login(ws, "sysadmin", "admin-pass-1")
    users.create_user(ws, "qian", "钱七", "clerk-pass-3", ["clerk"])
    for name, password in (("zhao", "clerk-pass-1"), ("qian", "clerk-pass-3")):
        users.login(ws, name, password)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.grant_identity(ws, "zhao")
    with outside(ws) as con:  # qian gets zhao's grant; zhao's grant is swapped for the case-file key sealed to zhao
        con.execute("UPDATE users SET sealed_data_key = (SELECT sealed_data_key FROM users WHERE username = 'zhao')"
                    " WHERE username = 'qian'")
        con.execute("UPDATE users SET sealed_data_key = wrapped_file_key WHERE username = 'zhao'")
    for name, password in (("qian", "clerk-pass-3"), ("zhao", "clerk-pass-1")):
        users.login(ws, name, password)
        assert not identity.has_key(ws), name
        with pytest.raises(PermissionDenied, match="未解锁"):
            _reveal(ws, office)
