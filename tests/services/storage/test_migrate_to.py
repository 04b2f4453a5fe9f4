"""db migrate-to: a township's SQLite demo database onto an empty PostgreSQL server database (issue 13)."""
from __future__ import annotations

import io
import os

import pytest

from cli.app import run_cli
from services.casework import intake
from services.demo import generator as demo
from services.demo.office import DEMO_PASSWORD, identity_sealer, initialize_demo, login_demo
from services.security import integrity
from services.storage import table_copy
from services.reporting.figures import compute_figures
from services.storage.migrate_to import TargetNotEmpty, migrate_to
from services.storage.workspace import open_workspace
from tests.conftest import published_up_to_2026
from tests.helpers import pg_cluster
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.services.daily.conftest import VALID_ID, complaint_input

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def township(tmp_path, today):
    ws = open_workspace(tmp_path / "desk", today=lambda: today, crypto=CHEAP_CRYPTO)
    ws.calendar_known_years = published_up_to_2026
    initialize_demo(ws)
    login_demo(ws)
    demo.generate_demo(ws, complaints=150, seed=13, identity_columns=identity_sealer(ws))
    yield ws
    ws.close()


@pytest.fixture
def empty_server(db_backend, pg_server):
    name = f"jj_mig_{os.getpid()}_{id(object())}"
    url = pg_server.create_database(name)  # blank: migrate-to migrates it to head itself
    yield url
    pg_server.drop_database(name)


def test_migrate_to_copies_everything_checks_both_sides_and_refuses_a_second_time(township, empty_server, today):
    c = intake.register_complaint(township, complaint_input(complainant_name="赵铁柱", complainant_id_number=VALID_ID))
    rep = migrate_to(township, empty_server, figures=compute_figures)
    assert rep.ok, "\n".join(rep.lines())
    assert (rep.count_mismatches, rep.figure_mismatches, rep.audit_ok) == ({}, [], True)
    assert rep.months == [f"2025-{m:02d}" for m in (12,)] + [f"2026-{m:02d}" for m in range(1, 12)]
    assert rep.counts["complaints"] == 151 and rep.counts["audit_events"] == rep.audit_events > 5
    server = open_workspace(township.data_dir, url=empty_server, today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        with township.reading() as a, server.reading() as b:
            src, dst = table_copy.table_counts(a.connection()), table_copy.table_counts(b.connection())
        assert src["audit_events"] == dst["audit_events"] + 1  # the source also logged the migration itself
        assert {k: v for k, v in src.items() if k != "audit_events"} == \
               {k: v for k, v in dst.items() if k != "audit_events"}
        assert integrity.verify(server).ok
        login_demo(server)  # identity still decrypts on the server: the wrapped key and row ids came along
        assert intake.reveal_identity(server, c.id)["name"] == "赵铁柱"
        later = intake.register_complaint(server, complaint_input())  # the id sequence moved past the copied ids
        assert later.id == c.id + 1
    finally:
        server.close()
    with pytest.raises(TargetNotEmpty, match="^目标数据库不是空的（.*）：迁移未进行，服务器上的数据没有改动。请指定一个新建的空数据库$"):
        migrate_to(township, empty_server, figures=compute_figures)


def test_the_cli_reports_what_it_checked_and_refuses_a_filled_server(township, empty_server, tmp_path, monkeypatch,
                                                                     today):
    cluster = pg_cluster.active()
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(cluster.pgpass_line())
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.setenv("JIJIAN_PASSWORD", DEMO_PASSWORD)
    from sqlalchemy.engine import make_url
    url = cluster.url(make_url(empty_server).database, password=False)
    data_dir = str(township.data_dir)
    township.close()

    def cli(*argv):
        out = io.StringIO()
        code = run_cli(["--data-dir", data_dir, "--user", "demo-secretary", *argv], stdout=out, stderr=out,
                       stdin=io.StringIO(""), today=lambda: today)
        return code, out.getvalue()

    code, out = cli("db", "migrate-to", url)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("已迁移到服务器数据库 postgresql+psycopg://jj_app@/")
    assert lines[1].endswith("两边逐表一致") and lines[2] == "报表数字：2025-12 至 2026-11 共 12 个月，两边一致"
    assert lines[3].startswith("审计日志：") and lines[3].endswith("本机校验通过；服务器校验通过")
    assert lines[-1] == "检查通过"
    code, out = cli("db", "migrate-to", url)
    assert code == 1 and out.startswith("错误：目标数据库不是空的（")
