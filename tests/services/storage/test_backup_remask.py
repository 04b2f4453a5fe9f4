"""Local copies of the database older than revision 0004 are re-masked in place; others are left alone."""
import json
import shutil
import sqlite3

import pytest

from services.casework import intake
from services.errors import IntegrityFailure
from services.storage import backup, maintenance
from services.storage.backup_remask import local_copies, remask_copy, remask_local_copies
from services.storage.backup_store import sha256_file
from tests.services.daily.conftest import complaint_input
from tests.helpers.identity_leaks import leaks, text_values

OLD = '{"name": "赵*", "phone": "0571-****4321转808661", "id_number": "110105********002X", "address": "红星村五组"}'
NEW = {"name": "赵**", "phone": "0571-****", "id_number": "11****************", "address": "****"}


def _make_old(path, *, fix_manifest: bool) -> None:
    """Turn a backup into what revision 0003 wrote: its revision and its old masks."""
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0003'")
    con.execute("UPDATE complaints SET complainant_masked = ?", (OLD,))
    con.commit()
    con.close()
    if fix_manifest:
        manifest_file = backup.BackupInfo(path, None, "manual", 0).manifest_path
        manifest = json.loads(manifest_file.read_text("utf-8"))
        manifest["db_sha256"] = sha256_file(path)
        manifest_file.write_text(json.dumps(manifest), "utf-8")


def _masks(path) -> list[dict]:
    con = sqlite3.connect(path)
    try:
        return [json.loads(r[0]) for r in con.execute("SELECT complainant_masked FROM complaints")]
    finally:
        con.close()


def test_old_backups_are_remasked_current_ones_and_strangers_left_alone(ws, tmp_path):
    intake.register_complaint(ws, complaint_input())
    current = maintenance.backup_now(ws).path
    good = maintenance.backup_now(ws).path
    tampered = maintenance.backup_now(ws).path
    _make_old(good, fix_manifest=True)
    _make_old(tampered, fix_manifest=False)  # changed after its manifest was written
    stranger = ws.backups_dir / "pre-upgrade-0003-20260101-000000.sqlite"
    stranger.write_bytes(b"not a database at all")
    before = current.read_bytes()
    assert set(local_copies(ws.data_dir)) == {current, good, tampered, stranger}

    assert sorted(remask_local_copies(ws.data_dir)) == sorted([good, tampered])
    assert current.read_bytes() == before and stranger.read_bytes() == b"not a database at all"
    assert _masks(good) == [NEW] and _masks(tampered) == [NEW]
    assert leaks(text_values(good)) == [] and leaks(text_values(tampered)) == []
    assert remask_copy(good) is False  # twice changes nothing

    # the good one still restores; the tampered one is still refused for not matching its manifest
    restored = tmp_path / "restored" / "jijian.sqlite"
    backup.restore(good, None, restored, tmp_path / "restored" / "attachments")
    assert _masks(restored) == [NEW]
    shutil.rmtree(restored.parent)
    with pytest.raises(IntegrityFailure, match="与其清单不符"):
        backup.restore(tampered, None, restored, tmp_path / "restored" / "attachments")


def test_a_copy_locked_by_another_program_is_logged_and_does_not_stop_the_upgrade(ws, caplog):
    intake.register_complaint(ws, complaint_input())
    old = maintenance.backup_now(ws).path
    _make_old(old, fix_manifest=True)
    holder = sqlite3.connect(old, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # e.g. a DB browser has it open for writing
    try:
        assert remask_local_copies(ws.data_dir) == []  # opening the app does not fail on it
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "could not re-mask" in caplog.text and old.name in caplog.text
    assert _masks(old) != [NEW]
    assert remask_local_copies(ws.data_dir) == [old] and _masks(old) == [NEW]
