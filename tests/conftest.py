"""Shared fixtures: a real workspace on a temp directory, with cheap password hashing.

The database backend: ``--db=sqlite|postgresql|both``. Tests marked ``both_db`` (a module's
``pytestmark``) run once per selected backend; the others on SQLite (on PostgreSQL alone with
``--db=postgresql``). Without ``--db``: both when a PostgreSQL server can be started here
(tests/helpers/pg_cluster.py), else SQLite alone, said loudly in the summary. An explicit
``--db=both`` or ``--db=postgresql`` (CI's) fails when the server cannot start.
"""
from __future__ import annotations

import datetime as dt
import itertools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from services.security import setup, users
from services.storage.workspace import open_workspace
from tests.helpers import pg_cluster
from tests.helpers.crypto import CHEAP_CRYPTO

ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def today():
    return dt.date(2026, 11, 20)


def published_up_to_2026(year: int) -> bool:
    """The tests' calendar assumption: official holiday schedules are published up to 2026, not 2027."""
    return year <= 2026


_PG_UNAVAILABLE: list[str] = []  # why no server could start (for the summary)


def pytest_addoption(parser):
    parser.addoption("--db", choices=("sqlite", "postgresql", "both"), default=None,
                     help="database backend(s) for tests marked both_db (default: both when PostgreSQL can start)")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_db: runs on each database backend selected by --db")
    config.addinivalue_line("markers", "postgresql_only: runs on PostgreSQL (unless --db=sqlite)")
    choice = config.getoption("--db")
    config.jj_db_explicit = choice is not None
    if choice is None:
        reason = pg_cluster.unavailable_reason()
        if reason:
            _PG_UNAVAILABLE.append(reason)
        choice = "sqlite" if reason else "both"
    config.jj_db = choice


def pytest_generate_tests(metafunc):
    if "db_backend" not in metafunc.fixturenames:
        return
    choice = metafunc.config.jj_db
    if metafunc.definition.get_closest_marker("postgresql_only"):
        why = _PG_UNAVAILABLE[0] if _PG_UNAVAILABLE else "--db=sqlite"
        backends = ([pytest.param("postgresql", marks=pytest.mark.skip(reason=f"PostgreSQL NOT TESTED: {why}"))]
                    if choice == "sqlite" else ["postgresql"])
    elif metafunc.definition.get_closest_marker("both_db"):
        backends = ["sqlite", "postgresql"] if choice == "both" else [choice]
    else:
        backends = ["postgresql" if choice == "postgresql" else "sqlite"]
    metafunc.parametrize("db_backend", backends, indirect=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _PG_UNAVAILABLE:
        terminalreporter.write_sep("!", "PostgreSQL NOT TESTED", red=True, bold=True)
        terminalreporter.write_line(f"only SQLite ran: {_PG_UNAVAILABLE[0]}", red=True, bold=True)
        terminalreporter.write_line("CI runs with --db=both, where this is a failure.", red=True)


@pytest.fixture
def db_backend(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server(request):
    """A throwaway PostgreSQL cluster for the session, with the migrated template database."""
    try:
        cluster = pg_cluster.start_cluster()
    except pg_cluster.ClusterUnavailable as exc:
        _PG_UNAVAILABLE.append(str(exc))
        if request.config.jj_db_explicit:
            pytest.fail(f"PostgreSQL could not start: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL could not start: {exc}")
    try:
        cluster.prepare_template()
        yield cluster
    finally:
        cluster.stop()


_PG_DATABASES = itertools.count(1)


@pytest.fixture
def db_url(db_backend, request):
    """None (SQLite in the data dir), or the URL of a fresh migrated PostgreSQL database."""
    if db_backend != "postgresql":
        yield None
        return
    server = request.getfixturevalue("pg_server")
    name = f"jj_test_{os.getpid()}_{next(_PG_DATABASES)}"
    yield server.create_database(name, template=pg_cluster.TEMPLATE_DB)
    server.drop_database(name)


@pytest.fixture
def blank_ws(tmp_path, today, db_url):
    ws = open_workspace(tmp_path / "data", url=db_url, today=lambda: today, crypto=CHEAP_CRYPTO)
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
