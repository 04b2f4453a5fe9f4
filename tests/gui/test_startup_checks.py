"""The check before the workspace opens: a damaged database offers the newest good backup and restores it."""
from __future__ import annotations

import sqlite3

import pytest

from gui.startup_checks import check_before_open
from services.security import audit, setup, users
from services.storage import maintenance
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.gui_modals import answer_modals, press
from tests.helpers.crypto import CHEAP_CRYPTO


@pytest.fixture
def data_dir(tmp_path, today):
    """A township with user li, backed up, then closed."""
    ws = open_workspace(tmp_path / "data", today=lambda: today, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.create_user(ws, "li", "李四", "li-pass-12", ["clerk"])
    assert maintenance.daily_backup_if_due(ws) is not None
    ws.close()
    return tmp_path / "data"


def wreck(db) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(db.read_bytes())
    for i in range(4096 * 2, min(len(raw), 4096 * 6)):  # a few b-tree pages
        raw[i] = 0xA5
    db.write_bytes(bytes(raw))


def test_a_sound_database_opens_without_asking(qapp, data_dir):
    assert check_before_open(None, data_dir) is True


def test_damaged_database_is_restored_from_the_newest_good_backup(qapp, data_dir):
    db = data_dir / "jijian.sqlite"
    wreck(db)
    assert not maintenance.startup_check(data_dir).ok
    seen = answer_modals(press("从最近的完好备份恢复"), press("确定"))
    assert check_before_open(None, data_dir) is True
    assert "损坏" in seen[0] and "可以从最近的完好备份恢复" in seen[0]
    assert len(seen) == 2, seen
    assert "已从备份" in seen[1] and "另存为" in seen[1]
    assert maintenance.startup_check(data_dir).ok
    assert list(data_dir.glob("jijian*.before-restore-*"))  # the damaged file is kept
    ws = open_workspace(data_dir, crypto=CHEAP_CRYPTO)
    try:
        users.login(ws, "wang", ADMIN_PASSWORD)
        assert "li" in {u["username"] for u in users.list_users(ws)}
        with ws.reading() as s:
            assert [e.action for e in audit.events_for(s, "backup", next(data_dir.glob("backups/*.sqlite3")).name)] \
                == ["backup.restore"]
    finally:
        ws.close()


def test_choosing_exit_leaves_everything_as_it_was(qapp, data_dir):
    db = data_dir / "jijian.sqlite"
    wreck(db)
    before = db.read_bytes()
    seen = answer_modals(press("退出"))
    assert check_before_open(None, data_dir) is False
    assert seen and "损坏" in seen[0]
    assert db.read_bytes() == before
    assert not list(data_dir.glob("jijian*.before-restore-*"))


def test_no_backup_means_no_restore_button(qapp, data_dir):
    for f in (data_dir / "backups").glob("*.sqlite3"):
        f.unlink()
    wreck(data_dir / "jijian.sqlite")
    buttons = []
    seen = answer_modals(lambda box: (buttons.extend(b.text() for b in box.buttons()), press("退出")(box)))
    assert check_before_open(None, data_dir) is False
    assert buttons == ["退出"] and "没有找到可用的备份" in seen[0]
