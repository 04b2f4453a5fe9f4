"""Issue 14 item 13: `users unlock NAME` lifts a sign-in lockout (audited); `users list` shows 已锁定."""
from __future__ import annotations

import json
import sqlite3

from tests.helpers.cli import run

PW = {"JIJIAN_PASSWORD": "secret-123"}
LI = {"JIJIAN_PASSWORD": "li-pass-123"}


def test_users_unlock_lifts_the_lockout_and_is_audited(tmp_path):
    d = tmp_path / "d"
    assert run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001",
               "--county-name", "云岭县纪委", env=PW, data_dir=d).returncode == 0
    assert run("--user", "wang", "users", "add", "li", "--name", "李四", "--roles", "clerk",
               env={**PW, "JIJIAN_NEW_PASSWORD": "li-pass-123"}, data_dir=d).returncode == 0
    r = run("--user", "wang", "users", "unlock", "li", env=PW, data_dir=d)
    assert (r.returncode, r.stderr) == (1, "错误：用户“li”没有被锁定，无需解锁\n")
    for i in range(5):
        assert run("--user", "li", "users", "list", env={"JIJIAN_PASSWORD": f"wrong-{i}"}, data_dir=d).returncode == 1
    r = run("--user", "li", "users", "list", env=LI, data_dir=d)
    assert r.stderr == "错误：用户名或密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）\n"
    r = run("--user", "wang", "users", "list", env=PW, data_dir=d)
    assert r.stdout.splitlines()[2].split() == ["li", "李四", "信访登记员", "已锁定"]

    r = run("--user", "wang", "users", "unlock", "li", env=PW, data_dir=d)
    assert (r.returncode, r.stdout, r.stderr) == (0, "已解锁用户 li，可以重新登录\n", "")
    r = run("--user", "wang", "users", "list", env=PW, data_dir=d)
    assert r.stdout.splitlines()[2].split() == ["li", "李四", "信访登记员", "启用"]
    r = run("--user", "li", "users", "list", env=LI, data_dir=d)  # signed in; refused only for the right
    assert r.returncode == 1 and r.stderr.startswith("错误：您没有“管理用户”的权限")
    with sqlite3.connect(d / "jijian.sqlite") as db:  # a read of the CLI's own data dir, not an attack
        details = [json.loads(x) for (x,) in db.execute("SELECT detail_json FROM audit_events WHERE action='user.unlock'")]
    assert [x["username"] for x in details] == ["li"]
    r = run("--user", "wang", "users", "unlock", "nobody", env=PW, data_dir=d)
    assert (r.returncode, r.stderr) == (1, "错误：用户“nobody”不存在\n")
