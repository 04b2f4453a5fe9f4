"""Real townships and a real county on temp data dirs: keys, certificates, finalized reports, packages.

``world`` (once per session) builds a county with its root and roster and two townships with
packages on a "stick"; county tests work on a fresh copy of the county's data dir.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from services import demo
from services.reporting import monthly_report
from services.security import setup, users
from services.storage.workspace import Workspace, open_workspace
from services.submission import county_ca, keys, township
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO

COUNTY_PASS = "county-pass-1"
TOWN_PASS = "town-pass-1"
PERIOD = "2026-10"
TODAY = dt.date(2026, 11, 20)
COUNTY = ("云岭县纪委", "YL000")
TOWNS = [("QS001", "青山镇纪委", 11), ("HS002", "红石乡纪委", 22), ("BY003", "白云镇纪委", 33)]
ROSTER_ONLY = ("LS004", "柳树乡纪委")


def make_ws(path: Path, *, name: str, code: str, mode: str = "township") -> Workspace:
    """A fresh, initialized workspace signed in as "wang" (admin + secretary)."""
    ws = open_workspace(path, today=lambda: TODAY, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name=name, org_code=code, county_name=COUNTY[0], mode=mode, username="wang",
                     display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    return ws


def make_county(path: Path) -> Workspace:
    ws = make_ws(path, name=COUNTY[0], code=COUNTY[1], mode="county")
    county_ca.init_root(ws, COUNTY_PASS)
    return ws


def fill_and_finalize(ws: Workspace, seed: int, period: str = PERIOD, complaints: int = 160) -> None:
    demo.generate_demo(ws, complaints=complaints, seed=seed, end=dt.date(2026, 10, 31))
    monthly_report.finalize(ws, period)


def certify(town: Workspace, county: Workspace, *, valid_days: int = 730, replace: bool = False) -> bytes:
    """keys create → ca issue → keys install; returns the certificate PEM."""
    csr = keys.create_signing_key(town, TOWN_PASS, replace=replace)
    cert = county_ca.issue(county, csr, COUNTY_PASS, valid_days=valid_days, replace=replace)
    keys.install_certificate(town, cert, county_ca.root_cert_pem(county), TOWN_PASS)
    return cert


def reopen(path: Path) -> Workspace:
    ws = open_workspace(path, today=lambda: TODAY, crypto=CHEAP_CRYPTO)
    users.login(ws, "wang", ADMIN_PASSWORD)
    return ws


@dataclass
class World:
    base: Path
    county_template: Path
    towns: dict[str, Workspace]
    stick: Path            # QS001 r1 (folder + zip) and HS002 r1 (folder)
    stick_r2: Path         # QS001 r2 (a correction)
    root_pem: bytes

    def package(self, code: str, revision: int = 1, *, zip: bool = False) -> Path:
        where = self.stick if revision == 1 else self.stick_r2
        name = f"{code}_{PERIOD}_月报_r{revision}"
        return where / (name + ".zip" if zip else name)

    def county(self, tmp_path: Path) -> Workspace:
        """A private copy of the county (root, registry, roster) for one test."""
        target = tmp_path / "county"
        shutil.copytree(self.county_template, target)
        return reopen(target)


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    base = tmp_path_factory.mktemp("world")
    county = make_county(base / "county")
    county_ca.add_township(county, *ROSTER_ONLY)
    stick, stick_r2 = base / "stick", base / "stick-r2"
    stick.mkdir()
    stick_r2.mkdir()
    towns = {}
    for code, name, seed in TOWNS[:2]:
        town = make_ws(base / code, name=name, code=code)
        fill_and_finalize(town, seed)
        certify(town, county)
        township.build_submission(town, PERIOD, stick, TOWN_PASS, make_zip=code == "QS001")
        towns[code] = town
    qs = towns["QS001"]
    monthly_report.correct(qs, PERIOD, "更正受理件数")
    monthly_report.finalize(qs, PERIOD, "第二版")
    township.build_submission(qs, PERIOD, stick_r2, TOWN_PASS)
    root = county_ca.root_cert_pem(county)
    county.close()
    yield World(base, base / "county", towns, stick, stick_r2, root)
    for town in towns.values():
        town.close()


@pytest.fixture
def county_ws(world, tmp_path):
    ws = world.county(tmp_path)
    yield ws
    ws.close()


@pytest.fixture
def stick(tmp_path):
    """An empty folder standing for the USB stick."""
    d = tmp_path / "usb"
    d.mkdir()
    return d


@pytest.fixture
def county(tmp_path):
    """A fresh county with its root (no townships)."""
    ws = make_county(tmp_path / "fresh-county")
    yield ws
    ws.close()
