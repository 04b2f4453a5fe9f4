"""Every file writer goes through ``atomic_path``: a failed write leaves the earlier file as it was,
no temp file behind, and a Chinese message naming the target.

"Full" is a real full disk where it can be (a filled tmpfs from tests/full_disk.py, mounted as root);
"cannot be written" is a real path whose folder is a file, or a folder where the file should go.
"""
from __future__ import annotations

import errno
import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import Attachment
from services.casework import intake
from services.errors import FileWriteError, ValidationError
from services.reporting.fonts import extract_ttf_face
from services.security.identity_crypto import KdfParams
from services.storage import attachment_sealing as sealing
from services.storage import attachments, backup, maintenance
from services.storage.backup import BackupError, export_encrypted
from services.storage.backup_remask import remask_copy
from services.storage.backup_store import manifest_path_for, place_file, sha256_file
from services.storage.files import atomic_path, atomic_write_bytes
from tests.full_disk import stick
from tests.helpers.gui_records import make_lead
from tests.services.daily.conftest import complaint_input

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
EARLIER = b"%PDF-1.7 the earlier export"
FULL = "磁盘空间不足"
OLD_MASKS = '{"name": "赵*", "phone": "0571-****4321", "id_number": "110105********002X", "address": "红星村五组"}'


@pytest.fixture
def full(tmp_path):
    """A full stick that already holds 月报.pdf (an earlier export) and a.bin."""
    yield from stick(tmp_path, "size=64k", fallback="mode", files={"月报.pdf": EARLIER, "a.bin": b"earlier copy"})


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x TEXT)")
    con.executemany("INSERT INTO t VALUES (?)", [("行" * 200,)] * 200)
    con.commit()
    con.close()
    return path


# ---------------------------------------------------------------------------------------- the helper

def test_full_disk_keeps_the_earlier_file_and_leaves_no_temp(full):
    target = full.path / "月报.pdf"
    assert full.mounted
    with pytest.raises(FileWriteError) as err:
        atomic_write_bytes(target, b"%PDF-1.7 new" * 10_000)
    assert str(err.value) == f"目标磁盘空间不足，文件未保存：{target}。请清理空间或换一个位置后重试，原有文件未受影响"
    assert target.read_bytes() == EARLIER
    assert full.leftovers() == []


def test_an_error_in_the_block_removes_the_temp_and_keeps_the_target(tmp_path):
    target = tmp_path / "清单.xlsx"
    target.write_bytes(b"earlier")
    with pytest.raises(ValueError, match="half way"):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise ValueError("half way")
    assert target.read_bytes() == b"earlier"
    assert _names(tmp_path) == ["清单.xlsx"]


def test_success_replaces_the_target_whole(tmp_path):
    target = tmp_path / "sub" / "清单.xlsx"
    with atomic_path(target, make_parents=True) as tmp:
        assert tmp.parent == target.parent and tmp.name.startswith(".清单.xlsx.") and tmp.read_bytes() == b""
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert _names(target.parent) == ["清单.xlsx"]


def test_a_folder_of_the_path_that_is_a_file_is_named(tmp_path):
    blocker = tmp_path / "导出"
    blocker.write_bytes(b"a file")
    for target in (blocker / "清单.xlsx", blocker / "三月" / "清单.xlsx"):
        with pytest.raises(FileWriteError) as err:
            atomic_write_bytes(target, b"x", make_parents=True)
        assert str(err.value) == f"目标路径不是文件夹：{blocker}"
    assert blocker.read_bytes() == b"a file"
    assert _names(tmp_path) == ["导出"]


def test_a_folder_where_the_file_should_go(tmp_path):
    target = tmp_path / "清单.xlsx"
    target.mkdir()
    with pytest.raises(FileWriteError) as err:
        atomic_write_bytes(target, b"x")
    assert str(err.value) == f"已有同名文件夹，无法保存为文件：{target}"
    assert target.is_dir() and _names(tmp_path) == ["清单.xlsx"]


def test_a_folder_lands_whole_and_never_over_an_existing_one(tmp_path):
    target = tmp_path / "QS001_2026-10_r1"
    with atomic_path(target, directory=True) as staging:
        (staging / "data").mkdir()
        (staging / "data" / "report.json").write_text("{}", "utf-8")
    assert (target / "data" / "report.json").read_text("utf-8") == "{}"
    with pytest.raises(FileWriteError) as err:
        with atomic_path(target, directory=True) as staging:
            (staging / "other.txt").write_text("new", "utf-8")
    assert str(err.value) == f"已有同名文件或文件夹，未覆盖：{target}"
    assert _names(target) == ["data"] and _names(tmp_path) == ["QS001_2026-10_r1"]
    empty = tmp_path / "QS001_2026-10_r2"
    empty.mkdir()  # not even an empty folder is taken over
    with pytest.raises(FileWriteError):
        with atomic_path(empty, directory=True) as staging:
            (staging / "report.pdf").write_bytes(b"%PDF")
    assert _names(empty) == [] and _names(tmp_path) == ["QS001_2026-10_r1", "QS001_2026-10_r2"]


def test_a_folder_on_a_full_disk_leaves_nothing(full):
    with pytest.raises(FileWriteError) as err:
        with atomic_path(full.path / "bag", directory=True) as staging:
            (staging / "report.pdf").write_bytes(bytes(100_000))
    assert str(err.value).startswith(f"目标磁盘空间不足，文件未保存：{full.path / 'bag'}。")
    assert full.leftovers() == []


# ---------------------------------------------------------------------------------------- the writers

def test_font_face_cache_on_a_full_disk(full):
    with pytest.raises(FileWriteError) as err:
        extract_ttf_face(WQY, 0, cache_dir=full.path)
    message = str(err.value)
    assert message.startswith(f"目标磁盘空间不足，文件未保存：{full.path}/wqy-zenhei-0-")
    assert message.endswith(".ttf。请清理空间或换一个位置后重试，原有文件未受影响")
    assert full.leftovers() == []


def test_backup_store_place_file_on_a_full_disk(full, tmp_path):
    src = tmp_path / "scan.bin"
    src.write_bytes(bytes(200_000))
    with pytest.raises(OSError) as err:  # the backup that called it says which step failed
        place_file(src, full.path / "a.bin")
    assert err.value.errno == errno.ENOSPC
    assert (full.path / "a.bin").read_bytes() == b"earlier copy"
    assert full.leftovers() == []


def test_local_backup_on_a_full_disk(full, tmp_path):
    db = _sqlite(tmp_path / "live.sqlite3")
    with pytest.raises(BackupError) as err:
        backup.make_backup(db, None, full.path, now=datetime(2026, 11, 2, 9, 0), kind="manual")
    assert str(err.value) == "磁盘空间不足，无法生成数据库副本：请清理空间后重试。"
    assert (full.path / "月报.pdf").read_bytes() == EARLIER
    assert full.leftovers() == []


def test_encrypted_export_on_a_full_disk(full, tmp_path):
    db = _sqlite(tmp_path / "live.sqlite3")
    with pytest.raises(BackupError) as err:
        export_encrypted(db, None, full.path, "backup-pass-123", now=datetime(2026, 11, 2, 9, 0),
                         kdf_params=KdfParams(time_cost=1, memory_cost=64, parallelism=1))
    assert str(err.value) == f"目标{FULL}，备份未完成（已删除未完成的文件）：请清理空间或换一个空间更大的磁盘后重试。"
    assert (full.path / "月报.pdf").read_bytes() == EARLIER
    assert full.leftovers() == []


def test_remask_manifest_that_cannot_be_saved_keeps_the_old_one(ws, monkeypatch):
    intake.register_complaint(ws, complaint_input())
    copy = maintenance.backup_now(ws).path
    con = sqlite3.connect(copy)
    con.execute("UPDATE alembic_version SET version_num = '0003'")
    con.execute("UPDATE complaints SET complainant_masked = ?", (OLD_MASKS,))  # what revision 0003 wrote
    con.commit()
    con.close()
    manifest_file = manifest_path_for(copy)
    manifest = json.loads(manifest_file.read_text("utf-8"))
    manifest["db_sha256"] = sha256_file(copy)
    manifest_file.write_text(json.dumps(manifest), "utf-8")
    before = manifest_file.read_bytes()

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full_disk)  # SQLite's own writes do not go through os.fsync
    with pytest.raises(OSError) as err:
        remask_copy(copy)
    monkeypatch.undo()
    assert err.value.errno == errno.ENOSPC
    assert manifest_file.read_bytes() == before
    assert sorted(p.name for p in copy.parent.iterdir() if p.name.startswith(".")) == []


def test_attachment_store_that_is_a_file_refuses_and_records_nothing(ws, tmp_path):
    c = intake.register_complaint(ws, complaint_input())
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.7 scan")
    ws.attachments_dir.parent.mkdir(parents=True, exist_ok=True)
    if ws.attachments_dir.is_dir():
        ws.attachments_dir.rmdir()
    ws.attachments_dir.write_bytes(b"not a folder")
    with pytest.raises(FileWriteError) as err:
        attachments.add_attachment(ws, ("complaint", c.id), scan)
    assert str(err.value) == f"目标路径不是文件夹：{ws.attachments_dir}"
    assert ws.attachments_dir.read_bytes() == b"not a folder"
    with ws.reading() as s:
        assert s.execute(select(func.count()).select_from(Attachment)).scalar_one() == 0


@pytest.mark.parametrize("kind", ["complaint", "lead"])
def test_attachment_changed_while_it_is_sealed_is_refused(ws, tmp_path, monkeypatch, kind):
    owner = (kind, intake.register_complaint(ws, complaint_input()).id if kind == "complaint" else make_lead(ws).id)
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.7 first scan")
    real_seal = sealing.seal_into

    def seal_then_rescan(*args, **kwargs):  # the scanner rewrites the file while it is being read
        out = real_seal(*args, **kwargs)
        scan.write_bytes(b"%PDF-1.7 second scan, longer")
        return out
    monkeypatch.setattr(sealing, "seal_into", seal_then_rescan)
    with pytest.raises(ValidationError) as err:
        attachments.add_attachment(ws, owner, scan)
    assert str(err.value) == "附件“扫描件.pdf”在添加过程中被改动，请等它保存完毕后重新添加"
    assert _names(ws.attachments_dir) == []
    with ws.reading() as s:
        assert s.execute(select(func.count()).select_from(Attachment)).scalar_one() == 0


