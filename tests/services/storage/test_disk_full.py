"""A full disk: saving and exporting fail with a clear message; nothing half-written, nothing lost."""
import errno
import os

import pytest
from sqlalchemy import func, select, text

from models import AuditEvent, Setting
from services.security import audit
from services.storage.files import FileWriteError, atomic_write_bytes
from services.storage.workspace import StorageError


def test_database_full_refuses_the_save_and_keeps_earlier_data(ws):
    with ws.transaction() as s:
        s.add(Setting(key="kept", value_json='"earlier"'))
    with ws.reading() as s:
        events = s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    with ws.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    # SQLite's own limit on the file's size: past it, every write fails with SQLITE_FULL,
    # exactly as on a full disk.
    from sqlalchemy import event

    @event.listens_for(ws.engine, "connect")
    def _cap(dbapi_conn, _):
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")
    ws.engine.dispose()
    with pytest.raises(StorageError, match="磁盘空间不足"):
        with ws.transaction() as s:
            for i in range(2000):
                s.add(Setting(key=f"big{i}", value_json='"' + "x" * 500 + '"'))
            audit.record(s, ws.current_user, "test.big", "setting", "", {})
    event.remove(ws.engine, "connect", _cap)
    ws.engine.dispose()
    with ws.reading() as s:
        assert s.get(Setting, "kept").value_json == '"earlier"'
        assert s.get(Setting, "big0") is None
        assert s.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == events
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert audit.verify_chain(s).ok


def test_export_on_full_disk_keeps_the_earlier_export(tmp_path, monkeypatch):
    target = tmp_path / "月报.pdf"
    atomic_write_bytes(target, b"%PDF-1.7 earlier export")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileWriteError, match="空间不足"):
        atomic_write_bytes(target, b"%PDF-1.7 new export" * 1000)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_bytes() == b"%PDF-1.7 earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["月报.pdf"]  # no temp file left


def test_export_to_missing_folder_is_clear(tmp_path):
    with pytest.raises(FileWriteError):
        atomic_write_bytes(tmp_path / "nope" / "a.xlsx", b"x")
