
import pytest

from services.errors import DomainError
from services.storage.workspace import default_data_dir, open_workspace


def test_env_overrides_data_dir(tmp_path):
    assert default_data_dir(env={"JIJIAN_DATA_DIR": str(tmp_path / "x")}) == tmp_path / "x"


def test_portable_marker_puts_data_beside_executable(tmp_path):
    exe = tmp_path / "app" / "jijian-desk.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    assert default_data_dir(executable=exe, env={}) != exe.parent / "data"
    (exe.parent / "portable").write_text("")
    assert default_data_dir(executable=exe, env={}) == (exe.parent / "data").resolve()


def test_user_data_dir_by_default(tmp_path):
    d = default_data_dir(executable=tmp_path / "x.exe", env={})
    assert "jijian-desk" in str(d)


def test_unusable_data_dir_is_a_clear_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("not a dir")
    with pytest.raises(DomainError, match="无法使用数据目录"):
        open_workspace(f / "sub")


def test_failed_transaction_leaves_database_unchanged(ws):
    from models import Setting
    with pytest.raises(RuntimeError):
        with ws.transaction() as s:
            s.add(Setting(key="x", value_json="1"))
            s.flush()
            raise RuntimeError("boom")
    with ws.reading() as s:
        assert s.get(Setting, "x") is None


def test_reading_does_not_wait_for_a_writer(ws):
    """Lists and reports read while another connection holds the write lock (WAL, deferred BEGIN)."""
    import sqlite3
    import threading

    from models import Setting
    from services.storage import settings

    writer = sqlite3.connect(ws.db_path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO settings(key, value_json) VALUES ('pending', '1')")
    result = {}

    def read():
        with ws.reading() as s:
            result["value"] = settings.get(s, settings.LOCKOUT_MINUTES)
            result["pending"] = s.get(Setting, "pending")
    t = threading.Thread(target=read)
    t.start()
    t.join(timeout=3)  # far below the 10 s busy timeout a writing transaction would wait
    writer.execute("ROLLBACK")
    writer.close()
    assert not t.is_alive() and result == {"value": 15, "pending": None}
