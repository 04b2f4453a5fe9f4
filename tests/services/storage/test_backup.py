"""Backups on real SQLite files: live WAL copy, rotation, encrypted export, restore."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from services.storage import backup as bk
from services.storage.backup import (BackupCancelled, BackupError, export_encrypted, inspect_encrypted, list_backups,
                                     make_backup, newest_good_backup, quick_check, restore, rotate, should_run_daily)
from services.errors import AuthenticationError, IntegrityFailure, NotFoundError, ValidationError
from services.security.identity_crypto import KdfParams
from tests.helpers.backup_craft import CHUNK, PASS, craft_export

NOW = datetime(2025, 3, 10, 8, 30, 0)


@pytest.fixture
def cheap() -> KdfParams:
    return KdfParams(time_cost=1, memory_cost=64, parallelism=1)


def create_db(path: Path, rows: int = 300) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE complaints (id INTEGER PRIMARY KEY, code TEXT NOT NULL, body TEXT)")
    con.execute("CREATE INDEX ix_complaints_code ON complaints(code)")
    con.execute("CREATE TABLE alembic_version (version_num TEXT PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('0007_identity')")
    con.executemany("INSERT INTO complaints (code, body) VALUES (?, ?)",
                    [(f"XF-2025-{i:04d}", f"反映某村干部问题 第{i}件 " * 5) for i in range(rows)])
    con.commit()
    con.close()


def rows_of(path: Path) -> list[tuple]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT id, code, body FROM complaints ORDER BY id").fetchall()
    finally:
        con.close()


def add_attachment(folder: Path, content: bytes) -> Path:
    digest = hashlib.sha256(content).hexdigest()
    path = folder / digest[:2] / f"{digest}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def db_files(db: Path) -> dict[str, bytes]:
    """The database and its -wal/-shm, byte for byte."""
    return {p.name: p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name)}


@pytest.fixture
def data(tmp_path: Path):
    """A data dir with a live WAL database of 300 complaints and 3 attachments."""
    d = tmp_path / "data"
    d.mkdir()
    db = d / "jijian.sqlite3"
    create_db(db)
    att = d / "attachments"
    for i in range(3):
        add_attachment(att, f"%PDF-1.7 扫描件 {i}\n".encode() + os.urandom(3000))
    return db, att


# --------------------------------------------------------------------------- local backups

def test_backup_of_live_wal_db_with_open_writer(data, tmp_path):
    db, att = data
    writer = sqlite3.connect(db)
    writer.execute("INSERT INTO complaints (code, body) VALUES ('XF-COMMITTED', '已提交')")
    writer.commit()
    writer.execute("BEGIN")
    writer.execute("INSERT INTO complaints (code, body) VALUES ('XF-PENDING', '未提交')")
    assert (db.parent / "jijian.sqlite3-wal").stat().st_size > 0  # data still in the WAL

    backups = tmp_path / "backups"
    info = make_backup(db, att, backups, now=NOW, kind="daily")
    writer.rollback()
    writer.close()

    assert info.path.name == "jijian-20250310-083000-daily.sqlite3"
    assert info.kind == "daily" and info.created == NOW and info.size == info.path.stat().st_size
    codes = [r[1] for r in rows_of(info.path)]
    assert len(codes) == 301 and "XF-COMMITTED" in codes and "XF-PENDING" not in codes
    assert quick_check(info.path) == (True, "数据库检查通过")
    con = sqlite3.connect(info.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one standalone file
    con.close()
    assert tree(backups / "attachments") == tree(att)
    manifest = json.loads(info.manifest_path.read_text("utf-8"))
    assert sorted(manifest["attachments"]) == sorted(tree(att))
    assert not [p for p in backups.iterdir() if p.name.endswith(".part")]


def test_backup_while_another_thread_keeps_writing(data, tmp_path):
    db, att = data
    started, stop = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def write_pairs() -> None:
        try:
            con = sqlite3.connect(db, timeout=30, isolation_level=None)
            n = 0
            while not stop.is_set() or n < 20:
                con.execute("BEGIN IMMEDIATE")
                con.execute("INSERT INTO complaints (code, body) VALUES (?, 'a')", (f"P{n}a",))
                con.execute("INSERT INTO complaints (code, body) VALUES (?, 'b')", (f"P{n}b",))
                con.execute("COMMIT")
                n += 1
                started.set()
            con.close()
        except BaseException as exc:  # surfaced below
            errors.append(exc)
            started.set()

    thread = threading.Thread(target=write_pairs)
    thread.start()
    started.wait(30)
    try:
        infos = [make_backup(db, att, tmp_path / "b", now=NOW + timedelta(seconds=i), kind="manual")
                 for i in range(3)]
    finally:
        stop.set()
        thread.join(60)
    assert not errors
    for info in infos:
        ok, _ = bk.integrity_check(info.path)
        n = len(rows_of(info.path))
        assert ok and n >= 300 and (n - 300) % 2 == 0  # only whole transactions


def test_second_backup_copies_only_new_attachments(data, tmp_path):
    db, att = data
    backups = tmp_path / "backups"
    first = make_backup(db, att, backups, now=NOW, kind="daily")
    store = backups / "attachments"
    inodes = {p: p.stat().st_ino for p in store.rglob("*") if p.is_file()}
    new = add_attachment(att, b"new scan")
    second = make_backup(db, att, backups, now=NOW + timedelta(hours=9), kind="exit")
    assert {p: p.stat().st_ino for p in inodes} == inodes  # untouched, not re-copied
    assert (store / new.relative_to(att)).read_bytes() == b"new scan"
    assert len(second.attachments) == 4 and len(first.attachments) == 3
    same_second = make_backup(db, att, backups, now=NOW, kind="daily")
    assert same_second.path.name == "jijian-20250310-083000-daily-1.sqlite3"
    assert [b.path for b in list_backups(backups)] == [second.path, same_second.path, first.path]


def test_aware_timestamp_is_named_in_local_time(data, tmp_path):
    db, att = data
    aware = datetime(2025, 3, 10, 0, 30, tzinfo=timezone.utc)
    info = make_backup(db, None, tmp_path / "b", now=aware, kind="manual")
    assert info.created == aware.astimezone().replace(tzinfo=None)


def corrupt_index(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=DELETE")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name='ix_complaints_code'").fetchone()[0]
    con.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff" * 200)


def test_corrupt_database_backup_is_refused_and_removed(data, tmp_path):
    db, att = data
    corrupt_index(db)
    assert quick_check(db)[0] is False
    backups = tmp_path / "backups"
    with pytest.raises(IntegrityFailure) as err:
        make_backup(db, att, backups, now=NOW, kind="daily")
    # "database disk image is malformed" is SQLite's fixed text for SQLITE_CORRUPT
    assert str(err.value) == ("备份副本未通过完整性检查，已删除该副本。数据库无法读取，文件可能已损坏（database disk image is "
                              "malformed）。原数据库可能已损坏，请勿继续录入，"
                              "由纪委书记或系统管理员在“设置 → 备份与恢复”中从较早的备份恢复。")
    assert not [p for p in backups.iterdir() if p.suffix in (".sqlite3", ".part", ".json")]


def test_missing_database(tmp_path):
    with pytest.raises(NotFoundError):
        make_backup(tmp_path / "none.sqlite3", None, tmp_path / "b", now=NOW, kind="daily")


def test_quick_check_messages(data, tmp_path):
    db, _ = data
    assert quick_check(db) == (True, "数据库检查通过")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    ok, message = quick_check(junk)
    assert not ok and "损坏" in message
    assert quick_check(tmp_path / "missing.sqlite3")[0] is False


def test_should_run_daily(data, tmp_path):
    db, _ = data
    backups = tmp_path / "backups"
    assert should_run_daily(backups, NOW.date())
    make_backup(db, None, backups, now=NOW, kind="exit")
    assert should_run_daily(backups, NOW.date())  # an exit backup is not the daily one
    make_backup(db, None, backups, now=NOW, kind="daily")
    assert not should_run_daily(backups, NOW.date())
    assert should_run_daily(backups, NOW.date() + timedelta(days=1))


def test_newest_good_backup_skips_a_damaged_one(data, tmp_path):
    db, _ = data
    backups = tmp_path / "backups"
    good = make_backup(db, None, backups, now=NOW, kind="daily")
    bad = make_backup(db, None, backups, now=NOW + timedelta(hours=1), kind="exit")
    bad.path.write_bytes(b"\0" * 4096)
    assert newest_good_backup(backups) == good
    assert newest_good_backup(tmp_path / "nothing") is None


# --------------------------------------------------------------------------- rotation

def fake_backup(folder: Path, when: datetime, kind: str, attachments: tuple[str, ...] = ()) -> Path:
    path = folder / f"jijian-{when:%Y%m%d-%H%M%S}-{kind}.sqlite3"
    path.write_bytes(b"x")
    path.with_name(path.name.replace(".sqlite3", ".manifest.json")).write_text(
        json.dumps({"attachments": {a: 1 for a in attachments}}), "utf-8")
    return path


def test_rotation_over_two_months(tmp_path):
    backups = tmp_path / "backups"
    (backups / "attachments").mkdir(parents=True)
    today = date(2025, 3, 10)  # a Monday
    day = date(2025, 1, 10)
    while day <= today:
        morning = datetime.combine(day, datetime.min.time()) + timedelta(hours=8)
        fake_backup(backups, morning, "daily", ("old.pdf",) if day < date(2025, 2, 1) else ("kept.pdf",))
        if day.weekday() < 5:
            fake_backup(backups, morning + timedelta(hours=9), "exit", ("kept.pdf",))
        day += timedelta(days=1)
    manual = fake_backup(backups, datetime(2025, 1, 15, 12), "manual", ("manual.pdf",))
    future = fake_backup(backups, datetime(2025, 3, 12, 8), "daily")  # a clock set wrong
    for name in ("old.pdf", "kept.pdf", "manual.pdf", "stray.pdf"):
        (backups / "attachments" / name).write_bytes(b"pdf")

    deleted = rotate(backups, today)

    kept = sorted(b.path.name for b in list_backups(backups))
    assert kept == sorted([
        future.name, manual.name,
        # newest of each of the last 7 days: the exit backup on weekdays, the daily one at weekends
        "jijian-20250310-170000-exit.sqlite3", "jijian-20250309-080000-daily.sqlite3",
        "jijian-20250308-080000-daily.sqlite3", "jijian-20250307-170000-exit.sqlite3",
        "jijian-20250306-170000-exit.sqlite3", "jijian-20250305-170000-exit.sqlite3",
        "jijian-20250304-170000-exit.sqlite3",
        # newest of each of the last 4 ISO weeks (week 11 and 10 are already in): weeks 9 and 8
        "jijian-20250302-080000-daily.sqlite3", "jijian-20250223-080000-daily.sqlite3",
    ])
    assert len(deleted) == 60 + 42 - 9  # 60 daily + 42 exit (+ today's) minus the 9 kept automatic ones
    assert all(not p.exists() for p in deleted)
    manifests = sorted(p.name for p in backups.glob("*.manifest.json"))
    assert len(manifests) == len(kept)
    # attachments no remaining backup needs are pruned from the shared store
    assert sorted(p.name for p in (backups / "attachments").iterdir()) == ["kept.pdf", "manual.pdf"]
    assert rotate(backups, today) == []  # stable


def test_rotation_after_the_pc_was_off_keeps_history(tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    for d in range(1, 21):  # January backups, then nothing until today
        fake_backup(backups, datetime(2025, 1, d, 8), "daily")
    today_backup = fake_backup(backups, datetime(2025, 3, 10, 8), "daily")
    rotate(backups, date(2025, 3, 10))
    kept = {b.path.name for b in list_backups(backups)}
    assert today_backup.name in kept
    assert {f"jijian-202501{d:02d}-080000-daily.sqlite3" for d in range(15, 21)} <= kept
    assert len(kept) == 7 + 1  # 7 days with backups + one more week (Jan 12, week 2)
    assert "jijian-20250112-080000-daily.sqlite3" in kept


def test_rotation_never_deletes_the_newest(tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    only = fake_backup(backups, datetime(2024, 6, 1, 8), "exit")
    assert rotate(backups, date(2025, 3, 10)) == [] and only.exists()


# --------------------------------------------------------------------------- restore (local)

def test_restore_local_backup_brings_every_row_back(data, tmp_path):
    db, att = data
    backups = tmp_path / "backups"
    info = make_backup(db, att, backups, now=NOW, kind="daily")
    before_rows, before_att = rows_of(db), tree(att)

    con = sqlite3.connect(db)  # later work: more rows, one row deleted, an attachment lost
    con.execute("DELETE FROM complaints WHERE id = 1")
    con.execute("INSERT INTO complaints (code, body) VALUES ('XF-LATER', '之后录入')")
    con.commit()
    later_state = rows_of(db)
    lost = next(iter(sorted(att.rglob("*.pdf"))))
    lost.unlink()
    con.close()

    result = restore(info.path, None, db, att, now=datetime(2025, 3, 11, 9, 0, 0))
    assert rows_of(db) == before_rows and len(before_rows) == 300
    assert tree(att) == before_att and result.attachments_added == 1
    assert result.moved_aside == db.with_suffix(".before-restore-20250311-090000")
    assert rows_of(result.moved_aside) == later_state  # the replaced database is kept, openable
    assert result.metadata is None


def test_restore_local_refuses_damaged_backup_and_missing_attachment(data, tmp_path):
    db, att = data
    backups = tmp_path / "backups"
    info = make_backup(db, att, backups, now=NOW, kind="daily")
    before = db_files(db)
    raw = bytearray(info.path.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    info.path.write_bytes(bytes(raw))
    with pytest.raises(IntegrityFailure) as err:
        restore(info.path, None, db, att)
    assert "损坏" in str(err.value)
    assert db_files(db) == before

    good = make_backup(db, att, backups, now=NOW + timedelta(hours=1), kind="manual")
    next(iter((backups / "attachments").rglob("*.pdf"))).unlink()
    with pytest.raises(IntegrityFailure) as err:
        restore(good.path, None, db, att)
    assert "附件缺失" in str(err.value)
    assert db_files(db) == before
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".jijian-restore-")]


# --------------------------------------------------------------------------- encrypted export

@pytest.fixture
def usb(tmp_path: Path) -> Path:
    d = tmp_path / "usb"
    d.mkdir()
    return d


def export(data, usb, cheap, **kw) -> Path:
    db, att = data
    kw.setdefault("now", NOW)
    return export_encrypted(db, att, usb, PASS, kdf_params=cheap, chunk_size=CHUNK, **kw)


def test_export_round_trip_with_attachments(data, usb, cheap, tmp_path):
    db, att = data
    seen: list[tuple[int, int]] = []
    path = export(data, usb, cheap, progress=lambda d, t: seen.append((d, t)))
    assert path.name == "jijian-backup-20250310-083000.jjbak"
    assert sorted(p.name for p in usb.iterdir()) == [path.name]  # no temp file left
    raw = path.read_bytes()
    assert raw.startswith(bk.MAGIC)
    assert "反映某村干部问题".encode() not in raw and b"XF-2025-" not in raw and b"SQLite format" not in raw
    assert seen and seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)

    meta = inspect_encrypted(path, PASS, verify=True)
    assert meta["schema_revision"] == "0007_identity"
    assert meta["counts"]["tables"] == {"alembic_version": 1, "complaints": 300}
    assert meta["counts"]["attachments"] == 3
    assert meta["created"].startswith("2025-03-10T08:30:00")

    fresh = tmp_path / "new-pc" / "jijian.sqlite3"  # restore onto a machine with no database yet
    result = restore(path, PASS, fresh, fresh.parent / "attachments")
    assert rows_of(fresh) == rows_of(db)
    assert tree(fresh.parent / "attachments") == tree(att)
    assert result.moved_aside is None and result.attachments_added == 3
    assert result.metadata == meta


def test_restore_export_over_existing_database(data, usb, cheap):
    db, att = data
    path = export(data, usb, cheap)
    expected = rows_of(db)
    # Later work, then a crash that leaves the database's -wal/-shm behind.
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("DELETE FROM complaints")
    con.commit()
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    left = {wal: wal.read_bytes(), shm: shm.read_bytes()}
    con.close()
    for p, content in left.items():
        p.write_bytes(content)

    result = restore(path, PASS, db, att, now=datetime(2025, 3, 12, 10, 0, 0))
    aside = result.moved_aside
    assert aside == db.with_suffix(".before-restore-20250312-100000")
    # the old WAL went with the old database; it must never be applied to the restored one
    assert not wal.exists() and not shm.exists()
    assert Path(f"{aside}-wal").read_bytes() == left[wal]
    assert rows_of(db) == expected
    assert rows_of(aside) == []
    assert result.attachments_added == 0


def test_wrong_passphrase_leaves_everything_untouched(data, usb, cheap):
    db, att = data
    path = export(data, usb, cheap)
    writer = sqlite3.connect(db)  # open during the attempt, so -wal/-shm exist as in real use
    writer.execute("INSERT INTO complaints (code) VALUES ('XF-LIVE')")
    writer.commit()
    before, before_att = db_files(db), tree(att)
    assert any(name.endswith("-wal") for name in before)
    with pytest.raises(AuthenticationError) as err:
        restore(path, "不对的口令12345", db, att)
    assert "备份口令错误" in str(err.value)
    with pytest.raises(AuthenticationError) as err:
        restore(path, None, db, att)
    assert "请输入" in str(err.value)
    with pytest.raises(AuthenticationError):
        inspect_encrypted(path, "不对的口令12345")
    assert db_files(db) == before
    assert tree(att) == before_att
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".jijian-restore-")]
    writer.close()
    assert rows_of(db)[-1][1] == "XF-LIVE"


def _body_start(raw: bytes) -> int:
    n = int.from_bytes(raw[10:14], "big")
    meta_at = 14 + n + 32
    return meta_at + 4 + int.from_bytes(raw[meta_at:meta_at + 4], "big")


def test_any_flipped_byte_is_refused(data, usb, cheap, tmp_path):
    db, att = data
    path = export(data, usb, cheap)
    raw = path.read_bytes()
    body = _body_start(raw)
    assert len(raw) - body > 10 * (CHUNK + 16)  # many chunks
    positions = list(range(0, body + 20)) + list(range(body + 20, len(raw), 379)) + list(range(len(raw) - 20, len(raw)))
    snapshot = db_files(db)
    bad = tmp_path / "bad.jjbak"
    for pos in positions:
        flipped = bytearray(raw)
        flipped[pos] ^= 0x10
        bad.write_bytes(bytes(flipped))
        with pytest.raises((IntegrityFailure, BackupError)) as err:
            restore(bad, PASS, db, att)
        assert isinstance(err.value, IntegrityFailure), (pos, str(err.value))
        assert re.search("损坏|不完整|不是本系统", str(err.value)), str(err.value)
    assert db_files(db) == snapshot


def test_truncated_or_extended_file_is_refused(data, usb, cheap, tmp_path):
    db, att = data
    path = export(data, usb, cheap)
    raw = path.read_bytes()
    body = _body_start(raw)
    step = CHUNK + 16
    cuts = [10, body - 1, body, body + step, body + 3 * step, body + 3 * step + 100, len(raw) - 16, len(raw) - 1]
    cuts += [body + k * step for k in range(1, (len(raw) - body) // step + 1)]  # exact chunk boundaries
    snapshot = db_files(db)
    bad = tmp_path / "cut.jjbak"
    for cut in cuts:
        bad.write_bytes(raw[:cut])
        with pytest.raises(IntegrityFailure) as err:
            restore(bad, PASS, db, att)
        assert re.search("损坏|不完整", str(err.value)), (cut, str(err.value))
    bad.write_bytes(raw + b"\0" * 32)
    with pytest.raises(IntegrityFailure):
        restore(bad, PASS, db, att)
    # chunks swapped in place
    c1, c2 = body + step, body + 2 * step
    bad.write_bytes(raw[:c1] + raw[c2:c2 + step] + raw[c1:c2] + raw[c2 + step:])
    with pytest.raises(IntegrityFailure):
        restore(bad, PASS, db, att)
    assert db_files(db) == snapshot


def test_full_disk_keeps_earlier_export_and_leaves_no_temp_file(data, usb, cheap, monkeypatch):
    earlier = export(data, usb, cheap)
    earlier_bytes = earlier.read_bytes()
    real_write = os.write
    budget = {"left": 20_000}

    def write_until_full(fd: int, buf) -> int:
        if fd > 2:
            if budget["left"] <= 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            n = min(len(buf), budget["left"])
            budget["left"] -= n
            return real_write(fd, bytes(buf[:n]))  # a partial write, like a nearly full disk
        return real_write(fd, buf)

    monkeypatch.setattr(os, "write", write_until_full)
    with pytest.raises(BackupError) as err:
        export(data, usb, cheap, now=NOW + timedelta(days=1))
    monkeypatch.setattr(os, "write", real_write)
    assert "目标磁盘空间不足" in str(err.value)
    assert sorted(p.name for p in usb.iterdir()) == [earlier.name]
    assert earlier.read_bytes() == earlier_bytes
    assert inspect_encrypted(earlier, PASS, verify=True)["counts"]["attachments"] == 3


def test_cancel_removes_the_partial_file(data, usb, cheap):
    calls = {"n": 0}

    def cancel_soon() -> bool:
        calls["n"] += 1
        return calls["n"] > 5

    with pytest.raises(BackupCancelled) as err:
        export(data, usb, cheap, cancelled=cancel_soon)
    assert "已取消" in str(err.value)
    assert list(usb.iterdir()) == []


def test_two_exports_in_the_same_second_do_not_overwrite(data, usb, cheap):
    a = export(data, usb, cheap)
    b = export(data, usb, cheap)
    assert a != b and a.exists() and b.exists()


def test_export_refuses_bad_target_and_weak_passphrase(data, usb, cheap, tmp_path):
    db, att = data
    with pytest.raises(ValidationError) as err:
        export_encrypted(db, att, tmp_path / "no-usb", PASS, kdf_params=cheap)
    assert "目标文件夹不存在" in str(err.value)
    with pytest.raises(ValidationError) as err:
        export_encrypted(db, att, usb, "1234", kdf_params=cheap)
    assert "至少" in str(err.value)
    assert list(usb.iterdir()) == []


def test_restore_of_a_file_that_is_not_a_backup(data, tmp_path):
    db, att = data
    before = db_files(db)
    other = tmp_path / "photo.jjbak"
    other.write_bytes(b"\x89PNG" + os.urandom(5000))
    with pytest.raises(IntegrityFailure):
        restore(other, PASS, db, att)
    with pytest.raises(NotFoundError):
        restore(tmp_path / "missing.jjbak", PASS, db, att)
    assert db_files(db) == before


def test_hostile_member_names_are_refused(data, cheap, tmp_path):
    db, att = data
    snapshot, good_db = db_files(db), (tmp_path / "ok.sqlite3")
    create_db(good_db, rows=3)
    meta = {"counts": {"attachments": 1, "db_bytes": good_db.stat().st_size}}
    for evil in ("attachments/../../evil.txt", "../evil.txt", "/tmp/evil.txt", "attachments/a\\..\\b", "other.txt"):
        path = tmp_path / "evil.jjbak"
        craft_export(path, {bk.DB_MEMBER: good_db.read_bytes(), evil: b"owned"}, meta, cheap)
        with pytest.raises(IntegrityFailure):
            restore(path, PASS, db, att)
    assert db_files(db) == snapshot
    assert not list(tmp_path.rglob("evil.txt"))


def test_encrypted_backup_whose_database_is_corrupt_is_refused(data, cheap, tmp_path):
    db, att = data
    bad_db = tmp_path / "bad.sqlite3"
    create_db(bad_db)
    corrupt_index(bad_db)
    path = tmp_path / "corrupt-db.jjbak"
    craft_export(path, {bk.DB_MEMBER: bad_db.read_bytes()},
                 {"counts": {"attachments": 0, "db_bytes": bad_db.stat().st_size}}, cheap)
    snapshot = db_files(db)
    with pytest.raises(IntegrityFailure) as err:
        restore(path, PASS, db, att)
    assert "完整性检查" in str(err.value)
    assert db_files(db) == snapshot
