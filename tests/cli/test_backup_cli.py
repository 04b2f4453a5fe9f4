import json

from tests.cli.test_cli_basics import run

PW = {"JIJIAN_PASSWORD": "secret-123"}


def _init(d):
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env=PW, data_dir=d)
    assert r.returncode == 0, r.stderr


def test_backup_to_stick_and_restore(tmp_path):
    d, stick = tmp_path / "d", tmp_path / "usb"
    stick.mkdir()
    _init(d)
    env = {**PW, "JIJIAN_BACKUP_PASSPHRASE": "stick-pass-1"}
    r = run("--user", "wang", "backup", "--to", str(stick), "--json", env=env, data_dir=d)
    assert r.returncode == 0, r.stderr
    f = json.loads(r.stdout)["file"]
    r = run("--user", "wang", "restore", f, "--json", env={**PW, "JIJIAN_BACKUP_PASSPHRASE": "nope-nope"}, data_dir=d)
    assert r.returncode == 1 and "口令" in r.stderr or "密码" in r.stderr
    r = run("--user", "wang", "restore", f, "--json", env=env, data_dir=d)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["moved_aside"]
    r = run("audit", "verify", data_dir=d)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("check", data_dir=d)
    assert r.returncode == 0 and "完整" in r.stdout


def test_backup_missing_target_is_clear(tmp_path):
    d = tmp_path / "d"
    _init(d)
    r = run("--user", "wang", "backup", "--to", str(tmp_path / "nowhere"),
            env={**PW, "JIJIAN_BACKUP_PASSPHRASE": "stick-pass-1"}, data_dir=d)
    assert r.returncode != 0 and "错误" in r.stderr
