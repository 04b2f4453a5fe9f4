"""Trying a server database before use (services.storage.server_check), on the test cluster: the URL from
the form's fields, the password never in it, and each failure said in Chinese — also when a workspace is
opened on a server that refuses (no traceback for the CLI or the app)."""
from __future__ import annotations

import pytest

from services.errors import ValidationError
from services.security import setup
from services.storage import server_check
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg_cluster
from tests.helpers.crypto import CHEAP_CRYPTO


@pytest.fixture
def no_password_file(monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))


@pytest.fixture
def empty_db(pg_server):
    name = "jj_check_empty"
    pg_server.create_database(name)
    yield name
    pg_server.drop_database(name)


def _url(pg_server, database: str) -> str:
    return server_check.compose_url(str(pg_server.socket_dir), pg_cluster.PORT, database, pg_cluster.APP_ROLE)


def test_the_url_is_made_from_the_fields_and_back_without_a_password():
    url = server_check.compose_url(" 192.168.1.10 ", "5433", "jijian", "jijian_app")
    assert url == "postgresql+psycopg://jijian_app@192.168.1.10:5433/jijian"
    assert server_check.split_url(url) == server_check.ServerFields("192.168.1.10", 5433, "jijian", "jijian_app")
    socket = server_check.compose_url("/run/postgresql", 5432, "jijian", "jijian_app")
    assert server_check.split_url(socket) == server_check.ServerFields("/run/postgresql", 5432, "jijian", "jijian_app")
    with_pw = server_check.connect_url(url, "s3cret/pw")
    assert server_check.without_password(with_pw) == url


def test_bad_fields_are_refused_each_at_its_field():
    with pytest.raises(ValidationError) as caught:
        server_check.compose_url("", "70000", "ji jian", "")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("host", "请填写服务器地址（计算机名或 IP 地址）"),
        ("port", "端口应为 1 到 65535 之间的数字（PostgreSQL 默认 5432）"),
        ("database", "数据库名应为字母、数字或 _（例如 jijian）"),
        ("user", "数据库用户名应为字母、数字或 _（例如 jijian_app）"),
    ]


def test_no_password_and_no_password_file_is_refused_at_the_password(no_password_file):
    with pytest.raises(ValidationError) as caught:
        server_check.connect_url("postgresql+psycopg://u@h/db", "")
    assert (caught.value.field, caught.value.message) == (
        "password", "请输入数据库口令（或由服务器管理员设置 PGPASSFILE 口令文件）")


@pytest.mark.postgresql_only
def test_probe_says_what_is_wrong_in_chinese(pg_server, empty_db, tmp_path):
    url = _url(pg_server, empty_db)
    where = f"{pg_server.socket_dir}:{pg_cluster.PORT}"
    cases = [
        (server_check.connect_url(url, "bad-pw-7431"), "数据库用户 jj_app 的口令不正确（或服务器上没有这个用户）：请检查后重新输入"),
        (server_check.connect_url(_url(pg_server, "jj_nosuch"), pg_server.app_password),
         f"服务器 {where} 上没有名为 jj_nosuch 的数据库：请检查数据库名，或请服务器管理员先建好（见使用说明“服务器数据库”）"),
        (server_check.connect_url(server_check.compose_url(str(tmp_path), 5432, empty_db, "jj_app"), "x"),
         f"无法连接数据库服务器 {tmp_path}:5432：请检查服务器地址和端口、服务器是否已开机、网络是否连通"),
    ]
    for engine_url, message in cases:
        with pytest.raises(server_check.ServerUnreachable) as caught:
            server_check.probe(engine_url)
        assert caught.value.message == message
        assert "bad-pw-7431" not in caught.value.message and pg_server.app_password not in caught.value.message


@pytest.mark.postgresql_only
def test_probe_tells_empty_from_an_office_and_refuses_another_programs_tables(pg_server, empty_db, tmp_path):
    url = _url(pg_server, empty_db)
    engine_url = server_check.connect_url(url, pg_server.app_password)
    state = server_check.probe(engine_url, url)
    assert state.empty and state.shown == f"jj_app@{pg_server.socket_dir}:{pg_cluster.PORT}/{empty_db}"

    ws = open_workspace(tmp_path / "desk", url=engine_url, crypto=CHEAP_CRYPTO)  # the tables made here
    try:
        assert server_check.probe(engine_url).empty  # the app's tables, no office yet
        setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                         username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    finally:
        ws.close()
    state = server_check.probe(engine_url)
    assert (state.empty, state.org_name, state.org_code) == (False, "青山镇纪委", "QS001")

    pg_server.superuser_sql("CREATE TABLE invoices (id int)", dbname=empty_db)
    with pytest.raises(server_check.ForeignDatabase) as caught:
        server_check.probe(engine_url)
    assert caught.value.message == (f"数据库 {state.shown} 中已有其他程序的数据表（如 invoices），不能用于本系统："
                                    "请使用为本系统新建的空数据库")


@pytest.mark.postgresql_only
def test_a_database_the_user_may_not_create_tables_in_is_said(pg_server, tmp_path):
    name = "jj_check_not_owner"
    pg_server.superuser_sql(f"CREATE DATABASE {name}")   # owned by the superuser: the app role may not create
    pg_server.superuser_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", dbname=name)
    try:
        url = _url(pg_server, name)
        with pytest.raises(server_check.ServerUnreachable) as caught:
            server_check.probe(server_check.connect_url(url, pg_server.app_password), url)
        assert caught.value.message == (f"数据库用户 jj_app 不能在数据库 jj_app@{pg_server.socket_dir}:"
                                        f"{pg_cluster.PORT}/{name} 中建表：请服务器管理员把该数据库的所有者设为这个用户"
                                        "（见使用说明“服务器数据库”）")
    finally:
        pg_server.drop_database(name)


@pytest.mark.postgresql_only
def test_opening_a_workspace_on_a_refusing_server_says_why_and_frees_the_data_dir(pg_server, empty_db, tmp_path):
    from services.storage import instance_lock

    url = server_check.connect_url(_url(pg_server, empty_db), "bad-pw-7431")
    with pytest.raises(server_check.ServerUnreachable) as caught:
        open_workspace(tmp_path / "desk", url=url, lock=True, crypto=CHEAP_CRYPTO)
    assert caught.value.message == "数据库用户 jj_app 的口令不正确（或服务器上没有这个用户）：请检查后重新输入"
    assert not instance_lock.holds(tmp_path / "desk")
