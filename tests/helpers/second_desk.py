"""A second desk on the same database (issue 13, several writers): another workspace on the test's
database (another PC on the office's database file or server), signed in as a user it creates."""
from __future__ import annotations

from contextlib import contextmanager

from services.security import users
from services.storage.workspace import open_workspace
from tests.conftest import published_up_to_2026
from tests.helpers.crypto import CHEAP_CRYPTO


@contextmanager
def second_desk(ws, today, username: str, display_name: str, roles: list[str], password: str = "user-pass-1"):
    """``ws``'s signed-in user creates ``username``; the desk is opened on ``ws``'s database and signed in."""
    users.create_user(ws, username, display_name, password, roles)
    other = open_workspace(ws.data_dir, url=ws.engine.url.render_as_string(hide_password=False),
                           today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        other.calendar_known_years = published_up_to_2026
        users.login(other, username, password)
        yield other
    finally:
        other.close()
