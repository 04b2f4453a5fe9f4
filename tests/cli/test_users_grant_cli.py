"""`users grant NAME`: the secretary gives a clerk made by a plain admin the identity key, without the clerk."""
from __future__ import annotations

from tests.helpers.cli import run

PW = {"JIJIAN_PASSWORD": "secret-123"}
ADMIN = {"JIJIAN_PASSWORD": "admin-pass-1"}
LI = {"JIJIAN_PASSWORD": "li-pass-123"}


def test_users_grant_gives_the_identity_key(tmp_path):
    d = tmp_path / "d"
    assert run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001",
               "--county-name", "云岭县纪委", env=PW, data_dir=d).returncode == 0
    assert run("--user", "wang", "users", "add", "sysadmin", "--name", "管理员", "--roles", "admin",
               env={**PW, "JIJIAN_NEW_PASSWORD": "admin-pass-1"}, data_dir=d).returncode == 0
    assert run("--user", "sysadmin", "users", "add", "li", "--name", "李四", "--roles", "clerk",
               env={**ADMIN, "JIJIAN_NEW_PASSWORD": "li-pass-123"}, data_dir=d).returncode == 0
    r = run("--user", "sysadmin", "users", "grant", "li", env=ADMIN, data_dir=d)
    assert r.returncode == 1 and r.stderr.startswith("错误：您没有“授予查看反映人身份信息的权限”的权限")
    r = run("--user", "wang", "users", "grant", "li", env=PW, data_dir=d)
    assert (r.returncode, r.stdout, r.stderr) == (0, "已授权用户 li 查看反映人身份信息，其下次登录时生效\n", "")
    r = run("--user", "wang", "users", "grant", "nobody", env=PW, data_dir=d)
    assert (r.returncode, r.stderr) == (1, "错误：用户“nobody”不存在\n")
