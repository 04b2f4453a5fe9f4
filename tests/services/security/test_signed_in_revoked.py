"""A user disabled, or a role taken away, at another desk while they are signed in stops at once.

Two real workspaces on one data dir, as two desks (two processes) would open it: the admin at one,
the clerk at the other. The clerk's snapshot of who they are is never trusted alone.
"""
import datetime as dt

import pytest
from sqlalchemy import func, select

from models import AuditEvent, Complaint
from services.casework import intake, listing
from services.errors import AccountRevoked, PermissionDenied
from services.security import users
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO

CLERK_PASSWORD = "li-pass-123"
DISABLED = "您的账号已被停用，本次操作未执行。请联系系统管理员"


def _complaint() -> intake.ComplaintInput:
    return intake.ComplaintInput(
        received_date=dt.date(2026, 11, 2), channel="letter", kind="accusation", signature="anonymous",
        subjects=[intake.SubjectInput(name="李四", unit="青山村委会", post="村主任", rank="village_cadre",
                                      is_party_member=True, is_supervised_object=True)],
        main_problem="反映其在低保评定中优亲厚友", discipline="mass", receiver_name="王书记")


def _counts(ws) -> tuple[int, int]:
    with ws.reading() as s:
        return (s.execute(select(func.count()).select_from(Complaint)).scalar_one(),
                s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


@pytest.fixture
def clerk_desk(ws, today):
    """The clerk li signed in at a second desk on the same data dir."""
    users.create_user(ws, "li", "李四", CLERK_PASSWORD, ["clerk", "officer"])
    desk = open_workspace(ws.data_dir, today=lambda: today, crypto=CHEAP_CRYPTO)
    users.login(desk, "li", CLERK_PASSWORD)
    yield desk
    desk.close()


def test_clerk_disabled_at_the_admin_desk_registers_nothing(ws, clerk_desk):
    intake.register_complaint(clerk_desk, _complaint())  # works while enabled
    users.set_active(ws, "li", False)  # the admin, at the other desk
    before = _counts(ws)
    with pytest.raises(AccountRevoked) as refused:
        intake.register_complaint(clerk_desk, _complaint())
    assert refused.value.message == DISABLED
    assert _counts(ws) == before
    with pytest.raises(AccountRevoked):  # reading lists is refused too: every permission check asks
        listing.count(clerk_desk, listing.ListQuery(entity="lead"))


def test_a_write_that_checks_no_permission_is_refused_too(ws, clerk_desk):
    users.set_active(ws, "li", False)
    before = _counts(ws)
    with pytest.raises(AccountRevoked, match="已被停用"):
        users.change_password(clerk_desk, CLERK_PASSWORD, "new-pass-456")
    assert _counts(ws) == before
    users.set_active(ws, "li", True)  # enabled again: the old password still works, nothing changed
    users.login(clerk_desk, "li", CLERK_PASSWORD)


def test_disabled_between_the_permission_check_and_the_write_writes_nothing(ws, clerk_desk, monkeypatch):
    """The write transaction itself (BEGIN IMMEDIATE) re-reads the row, so no desk can slip in between."""
    real_require = intake.require

    def require_then_admin_disables(user, permission):
        real_require(user, permission)
        users.set_active(ws, "li", False)  # the admin's click lands right after the check passed

    monkeypatch.setattr(intake, "require", require_then_admin_disables)
    before = _counts(ws)
    with pytest.raises(AccountRevoked, match="已被停用"):
        intake.register_complaint(clerk_desk, _complaint())
    assert _counts(ws)[0] == before[0]


def test_a_role_taken_away_stops_working_and_the_others_go_on(ws, clerk_desk):
    users.set_roles(ws, "li", ["officer"])
    before = _counts(ws)
    with pytest.raises(PermissionDenied) as refused:
        intake.register_complaint(clerk_desk, _complaint())
    assert refused.value.message == "您的角色已被系统管理员更改，现在没有“登记信访件”的权限。请注销后重新登录"
    assert _counts(ws) == before
    assert listing.count(clerk_desk, listing.ListQuery(entity="lead")) == 0  # still an officer


def test_sign_in_as_someone_else_is_not_blocked_by_the_disabled_one(ws, clerk_desk):
    users.set_active(ws, "li", False)
    users.login(clerk_desk, "wang", "admin-pass-1")  # another user at the same desk
    assert clerk_desk.current_user.username == "wang"
    intake.register_complaint(clerk_desk, _complaint())
