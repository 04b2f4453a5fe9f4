"""The demo office 青山镇纪委: its setup and users, the demo sign-in, a data dir made demo once."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from services.demo.generator import IdentityColumns, generate_demo, validate_scale
from services.security import audit, identity, setup, users
from services.security.crypto_params import CryptoParams
from services.storage import settings
from services.storage.workspace import Workspace, open_workspace


DEMO_PASSWORD = "demo1234"
DEMO_ORG = {"org_name": "青山镇纪委", "org_code": "QS001", "county_name": "云岭县纪委", "mode": "township"}
# The setup's first user (admin + secretary, it creates the others), then one user per role.
DEMO_SETUP_USER = ("demo", "演示管理员")
DEMO_USERS = (("demo-admin", "系统管理员", ["admin"]), ("demo-secretary", "王书记", ["secretary"]),
              ("demo-officer", "李办案", ["officer"]), ("demo-clerk", "张登记", ["clerk"]))


def initialize_demo(ws: Workspace) -> None:
    """Set up the demo township 青山镇纪委 with its four demo users (password ``demo1234``)."""
    first, first_name = DEMO_SETUP_USER
    setup.initialize(ws, **DEMO_ORG, username=first, display_name=first_name, password=DEMO_PASSWORD)
    users.login(ws, first, DEMO_PASSWORD)
    for username, display_name, roles in DEMO_USERS:
        users.create_user(ws, username, display_name, DEMO_PASSWORD, roles)
    with ws.transaction() as s:
        values = {settings.REPORT_LEADER.key: "王书记", settings.REPORT_PREPARER.key: "张登记",
                  settings.REPORT_PHONE.key: "0872-6123456"}
        for key, value in values.items():
            settings.put(s, key, value)
        audit.record(s, ws.current_user, "settings.update", "settings", "", values)
    users.logout(ws)


def login_demo(ws: Workspace) -> None:
    """Sign in as the demo secretary (who may register, handle cases and see identities)."""
    users.login(ws, "demo-secretary", DEMO_PASSWORD)


def identity_sealer(ws: Workspace) -> IdentityColumns | None:
    """Encrypt demo complainants with the signed-in user's identity key; None when it is locked."""
    if not identity.has_key(ws):
        return None
    return lambda complaint_id, plain: identity.columns_for(ws, complaint_id, **plain)


def ensure_demo(data_dir: Path | str, scale: int = 2000, *, seed: int = 2026, end: dt.date | None = None,
                progress: Callable[[int, int], None] | None = None, crypto: CryptoParams | None = None) -> None:
    """Initialize ``data_dir`` as the demo township and generate ``scale`` complaints, unless it is set up.

    ``crypto``: the argon2id costs of its users' passwords and key wraps (production defaults when None)."""
    validate_scale(scale)
    ws = open_workspace(data_dir, crypto=crypto)
    try:
        if ws.is_initialized():
            return
        initialize_demo(ws)
        login_demo(ws)
        generate_demo(ws, complaints=scale, seed=seed, end=end, progress=progress,
                      identity_columns=identity_sealer(ws))
        users.logout(ws)
    finally:
        ws.close()
