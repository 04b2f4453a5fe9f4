"""Restore accepts only this office's backups (issue 9, item 2), on two real township workspaces.

Attack: office B (柳溪镇纪委, LX002) uses the same backup passphrase as office A (青山镇纪委, QS001);
B's .jjbak, B's local backup, or a plain copy of B's database file is restored into A's data dir.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from services.security import setup, users
from services.security.identity_crypto import KdfParams
from services.storage import backup, maintenance
from services.storage.backup_origin import ForeignBackup
from services.storage.workspace import DB_FILE, open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.backup_craft import PASS as CRAFT_PASS
from tests.helpers.backup_craft import craft_export

PASS = "same-passphrase-2026"
A_LABEL = "青山镇纪委（单位代码 QS001）"
B_LABEL = "柳溪镇纪委（单位代码 LX002）"
FOREIGN = f"这份备份属于{B_LABEL}，而本数据目录属于{A_LABEL}：不能用其他单位的备份覆盖本单位的数据。"
NO_MANIFEST = ("这个文件没有本系统备份的清单（可能是直接复制的数据库文件），不能用它恢复："
               "请用本系统“立即备份”或“备份到U盘”得到的备份。")
FRESH = (f"本数据目录尚未初始化，而这份备份属于{B_LABEL}。如确要把该单位的数据迁入本机（更换电脑），"
         "请明确确认（命令行加 --allow-foreign）。")


def make_office(folder: Path, name: str, code: str, clerk: str):
    ws = open_workspace(folder, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name=name, org_code=code, county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.create_user(ws, clerk, clerk, "clerk-pass-1", ["clerk"])
    return ws


def office_state(data_dir: Path) -> tuple:
    """What A's operator would check: the office, the users, the audit rows — and the file's bytes."""
    con = sqlite3.connect(f"{(data_dir / DB_FILE).resolve().as_uri()}?mode=ro", uri=True)
    try:
        org = con.execute("SELECT code, name FROM organization").fetchall()
        names = sorted(r[0] for r in con.execute("SELECT username FROM users"))
        events = con.execute("SELECT count(*) FROM audit_events").fetchone()[0]
    finally:
        con.close()
    digest = hashlib.sha256((data_dir / DB_FILE).read_bytes()).hexdigest()
    return org, names, events, digest


@pytest.fixture
def offices(tmp_path):
    """A's and B's data dirs (closed), B's encrypted export and B's local backup."""
    a = make_office(tmp_path / "A", "青山镇纪委", "QS001", "zhang")
    a_local = maintenance.backup_now(a)
    a.close()
    b = make_office(tmp_path / "B", "柳溪镇纪委", "LX002", "liu")
    stick = tmp_path / "usb"
    stick.mkdir()
    b_export = maintenance.export_backup(b, stick, PASS)
    b_local = maintenance.backup_now(b)
    b.close()
    return {"a": tmp_path / "A", "b": tmp_path / "B", "a_local": a_local.path,
            "b_export": b_export, "b_local": b_local.path}


def test_local_backups_and_exports_name_their_office(offices):
    manifest = json.loads(backup.list_backups(offices["b"] / "backups")[0].manifest_path.read_text("utf-8"))
    assert manifest["organization"] == {"code": "LX002", "name": "柳溪镇纪委"}
    meta = backup.inspect_encrypted(offices["b_export"], PASS)
    assert meta["organization"] == {"code": "LX002", "name": "柳溪镇纪委"}


@pytest.mark.parametrize("which, passphrase", [("b_export", PASS), ("b_local", None)])
def test_another_offices_backup_is_refused_naming_both(offices, which, passphrase):
    before = office_state(offices["a"])
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(offices["a"], offices[which], passphrase)
    assert exc.value.message == FOREIGN
    assert office_state(offices["a"]) == before
    assert before[0] == [("QS001", "青山镇纪委")] and before[1] == ["wang", "zhang"]
    assert not list(offices["a"].glob("*.before-restore-*"))


def test_a_plain_copy_of_another_offices_database_is_refused(offices, tmp_path):
    before = office_state(offices["a"])
    plain = tmp_path / "copied" / "jijian.sqlite"
    plain.parent.mkdir()
    shutil.copyfile(offices["b"] / DB_FILE, plain)
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(offices["a"], plain, None)
    assert exc.value.message == NO_MANIFEST
    renamed = tmp_path / "copied" / "jijian-backup-20261120-090000.jjbak"
    shutil.copyfile(plain, renamed)
    with pytest.raises(backup.IntegrityFailure) as exc2:
        maintenance.restore_backup(offices["a"], renamed, PASS)
    assert exc2.value.message == "这不是本系统导出的加密备份文件（.jjbak），或文件头已损坏。"
    # Even this office's own database, copied without the app's manifest, is not a backup.
    own = tmp_path / "copied" / "own.sqlite3"
    shutil.copyfile(offices["a_local"], own)
    with pytest.raises(ForeignBackup) as exc3:
        maintenance.restore_backup(offices["a"], own, None)
    assert exc3.value.message == NO_MANIFEST
    assert office_state(offices["a"]) == before


def test_a_manifest_that_lies_about_the_office_is_refused(offices, tmp_path):
    before = office_state(offices["a"])
    # B's local backup, its manifest edited to name office A (the database's checksum still matches).
    lying = offices["a"] / "backups" / offices["b_local"].name
    shutil.copyfile(offices["b_local"], lying)
    manifest = json.loads(backup.manifest_path_for(offices["b_local"]).read_text("utf-8"))
    manifest["organization"] = {"code": "QS001", "name": "青山镇纪委"}
    backup.manifest_path_for(lying).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    lie = f"备份清单写明属于{A_LABEL}，但其中的数据库属于{B_LABEL}：备份已被改动，不能用它恢复。"
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(offices["a"], lying, None)
    assert exc.value.message == lie
    # The same lie in a correctly encrypted .jjbak (same passphrase).
    b_db = tmp_path / "b.sqlite3"
    backup.snapshot_database(offices["b"] / DB_FILE, b_db)
    meta = {"app": "jijian-desk", "organization": {"code": "QS001", "name": "青山镇纪委"},
            "counts": {"attachments": 0, "db_bytes": b_db.stat().st_size}}
    forged = tmp_path / "forged.jjbak"
    craft_export(forged, {backup.DB_MEMBER: b_db.read_bytes()}, meta, KdfParams(time_cost=1, memory_cost=64,
                                                                                  parallelism=1))
    with pytest.raises(ForeignBackup) as exc2:
        maintenance.restore_backup(offices["a"], forged, CRAFT_PASS)
    assert exc2.value.message == lie
    assert office_state(offices["a"]) == before


def test_own_backup_is_still_restored(offices):
    result = maintenance.restore_backup(offices["a"], offices["a_local"], None)
    assert result.moved_aside is not None
    assert office_state(offices["a"])[:2] == ([("QS001", "青山镇纪委")], ["wang", "zhang"])


@pytest.mark.parametrize("with_database", [True, False])
def test_fresh_data_dir_takes_another_pcs_backup_only_when_told(offices, tmp_path, with_database):
    fresh = tmp_path / "newpc"
    if with_database:  # the desktop app has opened it (schema created), nobody has set it up yet
        open_workspace(fresh, crypto=CHEAP_CRYPTO).close()
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(fresh, offices["b_export"], PASS)
    assert exc.value.message == FRESH
    assert maintenance.data_dir_is_fresh(fresh)
    result = maintenance.restore_backup(fresh, offices["b_export"], PASS, allow_foreign=True)
    assert result.db_path == fresh / DB_FILE
    org, names, _, _ = office_state(fresh)
    assert org == [("LX002", "柳溪镇纪委")] and names == ["liu", "wang"]
    assert not maintenance.data_dir_is_fresh(fresh)
    ws = open_workspace(fresh, crypto=CHEAP_CRYPTO)
    try:
        users.login(ws, "wang", ADMIN_PASSWORD)
        assert ws.organization().code == "LX002"
    finally:
        ws.close()


def test_the_flag_does_not_open_an_initialised_data_dir(offices):
    before = office_state(offices["a"])
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(offices["a"], offices["b_export"], PASS, allow_foreign=True)
    assert exc.value.message == FOREIGN
    assert office_state(offices["a"]) == before


def test_fresh_data_dir_with_the_flag_takes_a_plain_copy(offices, tmp_path):
    plain = tmp_path / "old-pc" / "jijian.sqlite"
    plain.parent.mkdir()
    shutil.copyfile(offices["b"] / DB_FILE, plain)
    fresh = tmp_path / "newpc"
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(fresh, plain, None)
    assert exc.value.message == NO_MANIFEST
    maintenance.restore_backup(fresh, plain, None, allow_foreign=True)
    assert office_state(fresh)[0] == [("LX002", "柳溪镇纪委")]


def test_backup_organization_is_shown_before_restoring(offices):
    org = maintenance.backup_organization(offices["b_export"], PASS)
    assert org.label() == B_LABEL
    assert maintenance.backup_organization(offices["b_local"], None).label() == B_LABEL


def test_the_upgrades_own_copy_in_the_backups_folder_is_restorable(offices, tmp_path):
    """models.db.upgrade_database leaves backups/pre-upgrade-<rev>-<time>.sqlite (no manifest): still this office's way back."""
    from models.db import backup_sqlite_file
    own = backup_sqlite_file(offices["a"] / DB_FILE, offices["a"] / "backups" / "pre-upgrade-0003-20261120-080000.sqlite")
    elsewhere = tmp_path / "pre-upgrade-0003-20261120-080000.sqlite"
    shutil.copyfile(own, elsewhere)
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(offices["a"], elsewhere, None)
    assert exc.value.message == NO_MANIFEST
    planted = backup_sqlite_file(offices["b"] / DB_FILE,
                                 offices["a"] / "backups" / "pre-upgrade-0003-20261120-090000.sqlite")
    before = office_state(offices["a"])
    with pytest.raises(ForeignBackup) as exc:
        maintenance.restore_backup(offices["a"], planted, None)
    assert exc.value.message == FOREIGN
    assert office_state(offices["a"]) == before
    assert maintenance.restore_backup(offices["a"], own, None).moved_aside is not None
    assert office_state(offices["a"])[:2] == ([("QS001", "青山镇纪委")], ["wang", "zhang"])
