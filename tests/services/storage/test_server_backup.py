"""backup --to on a server database: the same encrypted .jjbak, restorable into a fresh SQLite data dir."""
from __future__ import annotations

import pytest

from services.casework import intake
from services.demo import generator as demo
from services.demo.office import identity_sealer, initialize_demo, login_demo
from services.security import integrity
from services.storage import backup, maintenance, table_copy
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.services.daily.conftest import VALID_ID, complaint_input

pytestmark = pytest.mark.postgresql_only


def test_a_server_backup_restores_into_a_fresh_sqlite_data_dir(blank_ws, tmp_path, today):
    initialize_demo(blank_ws)
    login_demo(blank_ws)
    demo.generate_demo(blank_ws, complaints=120, seed=7, identity_columns=identity_sealer(blank_ws))
    c = intake.register_complaint(blank_ws, complaint_input(complainant_name="赵铁柱", complainant_id_number=VALID_ID))
    stick = tmp_path / "stick"
    stick.mkdir()
    path = maintenance.export_backup(blank_ws, stick, "pass-1234-abcd")
    meta = backup.inspect_encrypted(path, "pass-1234-abcd", verify=True)
    with blank_ws.reading() as s:
        server_counts = table_copy.table_counts(s.connection())
    assert meta["counts"]["tables"]["complaints"] == server_counts["complaints"] == 121
    fresh = tmp_path / "fresh"
    maintenance.restore_backup(fresh, path, "pass-1234-abcd", allow_foreign=True)
    desk = open_workspace(fresh, today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        with desk.reading() as s:
            restored = table_copy.table_counts(s.connection())
        assert restored == {**server_counts, "audit_events": server_counts["audit_events"] - 1}  # less the export's own event
        assert integrity.verify(desk).ok
        login_demo(desk)
        assert intake.reveal_identity(desk, c.id)["name"] == "赵铁柱"
    finally:
        desk.close()


def test_a_desk_backup_restores_into_an_empty_server_database_and_not_into_a_filled_one(ws, tmp_path, today, pg_server):
    import os

    from services.storage.migrate_to import TargetNotEmpty
    from services.storage.server_backup import restore_to_server
    desk = open_workspace(tmp_path / "desk", today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        initialize_demo(desk)
        login_demo(desk)
        demo.generate_demo(desk, complaints=80, seed=3, identity_columns=identity_sealer(desk))
        stick = tmp_path / "stick"
        stick.mkdir()
        path = maintenance.export_backup(desk, stick, "pass-1234-abcd")
        with desk.reading() as s:
            desk_counts = table_copy.table_counts(s.connection())
    finally:
        desk.close()
    name = f"jj_restore_{os.getpid()}"
    url = pg_server.create_database(name)
    try:
        counts = restore_to_server(path, "pass-1234-abcd", url, tmp_path / "desk2", crypto=CHEAP_CRYPTO)
        assert counts == {**desk_counts, "audit_events": desk_counts["audit_events"] - 1}
        server = open_workspace(tmp_path / "desk2", url=url, today=lambda: today, crypto=CHEAP_CRYPTO)
        try:
            assert integrity.verify(server).ok
        finally:
            server.close()
        with pytest.raises(TargetNotEmpty, match="^目标数据库不是空的（"):
            restore_to_server(path, "pass-1234-abcd", url, tmp_path / "desk2", crypto=CHEAP_CRYPTO)
        with pytest.raises(TargetNotEmpty):  # the fixture's server database holds the township already
            restore_to_server(path, "pass-1234-abcd", ws.engine.url.render_as_string(hide_password=False),
                              tmp_path / "desk3", crypto=CHEAP_CRYPTO)
    finally:
        pg_server.drop_database(name)


def test_restore_with_db_url_fills_an_empty_server_and_refuses_a_filled_one(ws, tmp_path, monkeypatch):
    import io

    from cli.app import run_cli
    from tests.helpers import pg_cluster
    stick = tmp_path / "stick"
    stick.mkdir()
    path = maintenance.export_backup(ws, stick, "pass-1234-abcd")
    cluster = pg_cluster.active()
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(cluster.pgpass_line())
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.setenv("JIJIAN_BACKUP_PASSPHRASE", "pass-1234-abcd")
    name = "jj_cli_restore"
    cluster.create_database(name)
    try:
        url = cluster.url(name, password=False)
        results = []
        for _ in range(2):
            out = io.StringIO()
            code = run_cli(["--data-dir", str(tmp_path / "d"), "--db-url", url, "restore", str(path)],
                           stdout=out, stderr=out, stdin=io.StringIO(""))
            results.append((code, out.getvalue()))
        assert results[0][0] == 0 and results[0][1].startswith("已恢复到服务器数据库：29 张表共 "), results[0][1]
        assert results[1][0] == 1 and results[1][1].startswith("错误：目标数据库不是空的（")
    finally:
        cluster.drop_database(name)
