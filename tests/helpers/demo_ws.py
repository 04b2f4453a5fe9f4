"""A township workspace ready for the demo generator: 青山镇纪委 set up, wang (admin + secretary) signed in."""
from __future__ import annotations

import datetime as dt

from services.security import setup, users
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO


def demo_township(path, today: dt.date):
    ws = open_workspace(path, today=lambda: today, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    return ws
