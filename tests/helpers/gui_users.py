"""Signing in as wang (the fixtures' secretary and admin) or as a user wang creates for the test."""
from __future__ import annotations

from services.security import users
from tests.conftest import ADMIN_PASSWORD

USER_PASSWORD = "user-pass-1"


def sign_in(ctx, username: str, roles: list[str] | None = None) -> None:
    """Sign in as ``username`` (created by wang with ``roles`` first, when given)."""
    ws = ctx.workspace
    if roles is not None:
        users.login(ws, "wang", ADMIN_PASSWORD)
        users.create_user(ws, username, username, USER_PASSWORD, roles)
    users.login(ws, username, ADMIN_PASSWORD if username == "wang" else USER_PASSWORD)
