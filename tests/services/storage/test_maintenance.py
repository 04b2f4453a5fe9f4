"""Automatic backups, USB export, restore and the start-up integrity check on a real workspace."""
import datetime as dt
import sqlite3

import pytest

from models import Setting
from services.errors import AuthenticationError, PermissionDenied
from services.storage import backup, maintenance
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO


def _put(ws, key, value="1"):
    with ws.transaction() as s:
        s.add(Setting(key=key, value_json=value))


def test_daily_backup_once_per_day_and_checked(ws):
    ws.now = lambda: dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.timezone.utc)
    first = maintenance.daily_backup_if_due(ws)
    assert first is not None and first.exists()
    assert backup.quick_check(first)[0]
    assert maintenance.daily_backup_if_due(ws) is None  # same day: no second one
    ws.today = lambda: dt.date(2026, 11, 21)
    ws.now = lambda: dt.datetime(2026, 11, 21, 8, 30, tzinfo=dt.timezone.utc)
    assert maintenance.daily_backup_if_due(ws) is not None


def test_exit_backup_contains_latest_rows(ws):
    _put(ws, "probe")
    path = maintenance.backup_on_exit(ws)
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT value_json FROM settings WHERE key='probe'").fetchone() == ("1",)


def test_export_and_restore_round_trip(ws, tmp_path):
    _put(ws, "before")
    stick = tmp_path / "usb"
    stick.mkdir()
    f = maintenance.export_backup(ws, stick, "usb-passphrase")
    assert f.suffix == ".jjbak" and f.parent == stick
    assert b"before" not in f.read_bytes()  # encrypted
    _put(ws, "after")
    data_dir = ws.data_dir
    ws.close()
    with pytest.raises(AuthenticationError):
        maintenance.restore_backup(data_dir, f, "wrong-passphrase")
    result = maintenance.restore_backup(data_dir, f, "usb-passphrase")
    assert result.moved_aside is not None and result.moved_aside.exists()
    ws2 = open_workspace(data_dir, crypto=CHEAP_CRYPTO)
    with ws2.reading() as s:
        assert s.get(Setting, "before") is not None and s.get(Setting, "after") is None
    ws2.close()


def test_export_needs_permission(ws, tmp_path):
    from services.security import users
    users.create_user(ws, "li", "李四", "longenough", ["clerk"])
    users.login(ws, "li", "longenough")
    with pytest.raises(PermissionDenied):
        maintenance.export_backup(ws, tmp_path, "usb-passphrase")


def test_startup_check_flags_corruption_and_offers_backup(ws):
    maintenance.daily_backup_if_due(ws)
    assert maintenance.startup_check(ws.data_dir).ok
    data_dir = ws.data_dir
    ws.close()
    db = data_dir / "jijian.sqlite"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    for i in range(page * 2, min(len(raw), page * 6)):  # wreck a few b-tree pages
        raw[i] = 0xA5
    db.write_bytes(bytes(raw))
    rep = maintenance.startup_check(data_dir)
    assert not rep.ok and "损坏" in rep.message
    assert rep.newest_good_backup is not None and "恢复" in rep.message
