"""The check before the workspace opens: a damaged database offers the newest good backup and restores it."""
from __future__ import annotations

import re
import sqlite3

import pytest

from gui.startup_checks import check_before_open
from services.security import audit, setup, users
from services.storage import maintenance
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
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


AFTER_RESTORE = "恢复后，损坏的数据库文件会另存保留（不删除），备份之后录入的内容需要重新录入。"


def _damage_said(text: str) -> str:
    """The question's text, checked whole; the backup it names."""
    found = re.fullmatch(r"数据库检查发现损坏（.+）。可以从最近的完好备份恢复：(\S+\.sqlite3)（\d{4}-\d\d-\d\d \d\d:\d\d）"
                         "\n\n" + AFTER_RESTORE, text, re.DOTALL)
    assert found, text
    return found.group(1)


def test_damaged_database_is_restored_from_the_newest_good_backup(qapp, data_dir, prompts):
    db = data_dir / "jijian.sqlite"
    wreck(db)
    assert not maintenance.startup_check(data_dir).ok
    prompts.answer("从最近的完好备份恢复")
    assert check_before_open(None, data_dir) is True
    [question] = [p for p in prompts.shown if p.kind == "choose"]
    backup_name = next(data_dir.glob("backups/*.sqlite3")).name
    assert (question.title, question.buttons) == ("数据库检查未通过", ("从最近的完好备份恢复", "退出"))
    assert _damage_said(question.text) == backup_name
    [aside] = [p.name for p in data_dir.glob("jijian.before-restore-*[0-9]")]   # the damaged file is kept
    assert prompts.texts("info") == [f"已从备份“{backup_name}”恢复数据。损坏的数据库已另存为“{aside}”。\n"
                                     "请登录后核对最近录入的内容。"]
    assert prompts.texts("error") == []
    assert maintenance.startup_check(data_dir).ok
    ws = open_workspace(data_dir, crypto=CHEAP_CRYPTO)
    try:
        users.login(ws, "wang", ADMIN_PASSWORD)
        assert "li" in {u["username"] for u in users.list_users(ws)}
        with ws.reading() as s:
            assert [e.action for e in audit.events_for(s, "backup", next(data_dir.glob("backups/*.sqlite3")).name)] \
                == ["backup.restore"]
    finally:
        ws.close()


def test_choosing_exit_leaves_everything_as_it_was(qapp, data_dir, prompts):
    db = data_dir / "jijian.sqlite"
    wreck(db)
    before = db.read_bytes()
    prompts.answer("退出")
    assert check_before_open(None, data_dir) is False
    [question] = prompts.shown
    assert _damage_said(question.text) == next(data_dir.glob("backups/*.sqlite3")).name
    assert db.read_bytes() == before
    assert not list(data_dir.glob("jijian*.before-restore-*"))


def test_no_backup_means_no_restore_button(qapp, data_dir, prompts):
    for f in (data_dir / "backups").glob("*.sqlite3"):
        f.unlink()
    wreck(data_dir / "jijian.sqlite")
    prompts.answer("退出")
    assert check_before_open(None, data_dir) is False
    [question] = prompts.shown
    assert question.buttons == ("退出",)
    assert re.fullmatch(r"数据库检查发现损坏（.+）。没有找到可用的备份，请联系技术人员，切勿继续录入。", question.text, re.DOTALL)
