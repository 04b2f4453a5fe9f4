"""The shell interface's basics, in-process (tests/helpers/cli.py), plus one real process start."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from cli.app import run_cli
from tests.helpers.cli import run

ROOT = Path(__file__).resolve().parents[2]


def test_a_real_process_initializes_and_verifies(tmp_path):
    """The one smoke test through `python main.py`: the entry point, exit codes and streams of a real process."""
    d = tmp_path / "d"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JIJIAN_PASSWORD="secret-123")
    main = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(d)]
    r = subprocess.run([*main, "--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001",
                        "--county-name", "云岭县纪委"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert (r.returncode, r.stderr) == (0, ""), r.stdout
    r = subprocess.run([*main, "audit", "verify", "--json"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 0 and json.loads(r.stdout)["ok"] is True, r.stderr
    r = subprocess.run([*main, "no-such-command"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 2 and "用法错误" in r.stderr


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


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_password_is_asked_on_a_terminal_and_never_without_one(tmp_path, monkeypatch, capsys):
    d = tmp_path / "d"
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env={"JIJIAN_PASSWORD": "secret-123"}, data_dir=d)
    assert r.returncode == 0, r.stderr
    monkeypatch.delenv("JIJIAN_PASSWORD", raising=False)
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "secret-123")
    argv = ["--data-dir", str(d), "--user", "wang", "users", "list", "--json"]
    assert run_cli(argv, stdin=_Terminal()) == 0
    assert asked == ["密码："] and [u["username"] for u in json.loads(capsys.readouterr().out)] == ["wang"]
    assert run_cli(argv, stdin=io.StringIO()) == 2  # a script without the variable: told how, nothing asked
    assert capsys.readouterr().err == "错误：请通过环境变量 JIJIAN_PASSWORD 提供口令，或在终端中运行以便输入\n"
    assert asked == ["密码："]
