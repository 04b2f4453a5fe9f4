"""Is the signed-in user still allowed? Asked at every permission check and every write.

A ``CurrentUser`` is a snapshot taken at sign-in. An admin may disable that user, or take a role
away, at another desk (another process on the same data dir) while the user stays signed in. So
the snapshot is never trusted alone:

- ``services.security.permissions.require`` asks ``roles_now``: the user's row is read again; a disabled
  (or deleted) account raises ``AccountRevoked``, and the permission is judged on the roles the
  row holds now, so a removed role stops working at once;
- every ``Workspace.transaction()`` begun for a signed-in user calls ``check_write`` inside the
  write transaction (BEGIN IMMEDIATE, so no other desk can commit in between): a disabled account
  writes nothing, whatever path the write took.

The desktop app reacts to ``AccountRevoked`` by locking the session with the reason; it can only
be unlocked if the account is enabled again, else the user signs out.

A snapshot is checked against the workspace that signed it in (``CurrentUser.standing``); one
copied to another workspace (the restore step, which only names who restored) is not.
"""
from __future__ import annotations

import weakref

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from models import User, UserRole
from models.enums import Role

from services.errors import AccountRevoked

DISABLED = "您的账号已被停用，本次操作未执行。请联系系统管理员"
DISABLED_ADMIN = "您的账号已被另一名系统管理员停用，本次操作未执行。需由其他系统管理员重新启用"


class Standing:
    """Issued once per workspace; answers "is this user still active, with which roles" from its database."""

    def __init__(self, ws) -> None:
        self._ws = weakref.ref(ws)

    def roles_of(self, user) -> frozenset[str]:
        ws = self._ws()
        if ws is None:  # the workspace is gone: nothing can be done with this user anyway
            return user.roles
        with ws.reading() as s:
            return current_roles(s, user.id)


def standing_of(ws) -> Standing:
    """The workspace's own ``Standing`` (made on first use), to attach to a user it signs in."""
    if ws.standing is None:
        ws.standing = Standing(ws)
    return ws.standing


_users, _roles = User.__table__, UserRole.__table__
# One Core statement on the session's connection: asked at every permission check, so kept cheap.
_STANDING = (select(_users.c.is_active, _roles.c.role)
             .select_from(_users.outerjoin(_roles, _roles.c.user_id == _users.c.id))
             .where(_users.c.id == bindparam("user_id")))


def current_roles(session: Session, user_id: int) -> frozenset[str]:
    """The roles the user's row holds now; ``AccountRevoked`` when it is disabled or gone."""
    rows = session.connection().execute(_STANDING, {"user_id": user_id}).all()
    if not rows or not rows[0].is_active:
        raise AccountRevoked(DISABLED_ADMIN if any(r.role == Role.admin.value for r in rows) else DISABLED)
    return frozenset(r.role for r in rows if r.role is not None)


def roles_now(user) -> frozenset[str]:
    """For ``require``: the current roles of a signed-in user (the snapshot's when it has no standing)."""
    standing = getattr(user, "standing", None)
    return user.roles if standing is None else standing.roles_of(user)


def check_write(ws, session: Session) -> None:
    """Inside a write transaction: refuse it when the workspace's signed-in user has been disabled."""
    user = ws.current_user
    standing = getattr(user, "standing", None)
    if standing is None or standing is not ws.standing:
        return
    current_roles(session, user.id)
