"""Shared fixtures: a real workspace on a temp directory, with cheap password hashing."""
from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from services.security import setup, users
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO

ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def today():
    return dt.date(2026, 11, 20)


def published_up_to_2026(year: int) -> bool:
    """The tests' calendar assumption: official holiday schedules are published up to 2026, not 2027."""
    return year <= 2026


@pytest.fixture
def blank_ws(tmp_path, today):
    ws = open_workspace(tmp_path / "data", today=lambda: today, crypto=CHEAP_CRYPTO)
    ws.calendar_known_years = published_up_to_2026
    yield ws
    ws.close()


@pytest.fixture
def ws(blank_ws):
    """An initialized township workspace, signed in as its first user (admin + secretary)."""
    setup.initialize(blank_ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委",
                     mode="township", username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(blank_ws, "wang", ADMIN_PASSWORD)
    return blank_ws


def sign_in_as(ws, username: str, roles: list[str], password: str = "user-pass-1"):
    """Create a user with ``roles`` (as the admin) and sign in as them."""
    admin = ws.current_user
    users.login(ws, "wang", ADMIN_PASSWORD)
    try:
        users.create_user(ws, username, username, password, roles)
    except Exception:
        pass  # already exists
    users.login(ws, username, password)
    return admin
