import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None, data_dir=None):
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    e.update(env or {})
    cmd = [sys.executable, str(ROOT / "main.py")]
    if data_dir:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=e, cwd=ROOT)


def test_help_and_version():
    r = run("--help")
    assert r.returncode == 0 and "init" in r.stdout and "audit" in r.stdout
    r = run("--version")
    assert r.returncode == 0 and "jijian-desk" in r.stdout


def test_bad_usage_exits_2_in_chinese():
    r = run("no-such-command")
    assert r.returncode == 2 and "用法错误" in r.stderr


def test_init_users_and_audit(tmp_path):
    d = tmp_path / "d"
    pw = {"JIJIAN_PASSWORD": "secret-123"}
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env=pw, data_dir=d)
    assert r.returncode == 0, r.stderr
    assert (d / "jijian.sqlite").exists()
    r = run("--user", "wang", "users", "add", "li", "--name", "李四", "--roles", "clerk",
            env={**pw, "JIJIAN_NEW_PASSWORD": "li-pass-123"}, data_dir=d)
    assert r.returncode == 0, r.stderr
    r = run("--user", "wang", "users", "list", "--json", env=pw, data_dir=d)
    rows = json.loads(r.stdout)
    assert [(x["username"], x["roles"]) for x in rows] == [("wang", ["admin", "secretary"]), ("li", ["clerk"])]
    r = run("--user", "li", "users", "list", env={"JIJIAN_PASSWORD": "li-pass-123"}, data_dir=d)
    assert r.returncode == 1 and "权限" in r.stderr
    r = run("--user", "wang", "users", "list", env={"JIJIAN_PASSWORD": "wrong"}, data_dir=d)
    assert r.returncode == 1 and "密码错误" in r.stderr
    r = run("audit", "verify", "--json", data_dir=d)
    assert r.returncode == 0 and json.loads(r.stdout)["ok"] is True


def test_init_twice_refused(tmp_path):
    d = tmp_path / "d"
    args = ("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委")
    assert run(*args, env={"JIJIAN_PASSWORD": "secret-123"}, data_dir=d).returncode == 0
    r = run(*args, env={"JIJIAN_PASSWORD": "secret-123"}, data_dir=d)
    assert r.returncode == 1 and "已经完成初始化" in r.stderr


def test_data_dir_from_env(tmp_path):
    d = tmp_path / "envdir"
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env={"JIJIAN_PASSWORD": "secret-123", "JIJIAN_DATA_DIR": str(d)})
    assert r.returncode == 0 and (d / "jijian.sqlite").exists()
