import json

from tests.helpers.cli import run

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
    assert r.returncode == 1
    assert r.stderr.strip() == "错误：备份口令错误，无法解开备份文件：请核对口令（区分大小写）后重试。"
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


def _office(d, name, code):
    r = run("--user", "wang", "init", "--org-name", name, "--org-code", code, "--county-name", "云岭县纪委",
            env=PW, data_dir=d)
    assert r.returncode == 0, r.stderr


def _users(d):
    r = run("--user", "wang", "users", "list", "--json", env=PW, data_dir=d)
    assert r.returncode == 0, r.stderr
    return [u["username"] for u in json.loads(r.stdout)]


def test_restore_refuses_another_offices_backup_and_moves_to_a_new_pc_only_when_told(tmp_path):
    a, b, fresh, stick = tmp_path / "a", tmp_path / "b", tmp_path / "newpc", tmp_path / "usb"
    stick.mkdir()
    _office(a, "青山镇纪委", "QS001")
    _office(b, "柳溪镇纪委", "LX002")
    r = run("--user", "wang", "users", "add", "liu", "--name", "刘五", "--roles", "clerk",
            env={**PW, "JIJIAN_NEW_PASSWORD": "liu-pass-123"}, data_dir=b)
    assert r.returncode == 0, r.stderr
    env = {**PW, "JIJIAN_BACKUP_PASSPHRASE": "same-pass-26"}  # both offices use the same passphrase
    r = run("--user", "wang", "backup", "--to", str(stick), "--json", env=env, data_dir=b)
    assert r.returncode == 0, r.stderr
    b_export = json.loads(r.stdout)["file"]

    r = run("--user", "wang", "restore", b_export, env=env, data_dir=a)
    assert r.returncode == 1
    assert r.stderr == ("错误：这份备份属于柳溪镇纪委（单位代码 LX002），而本数据目录属于青山镇纪委（单位代码 QS001）："
                        "不能用其他单位的备份覆盖本单位的数据。\n")
    r = run("--user", "wang", "restore", b_export, "--allow-foreign", env=env, data_dir=a)
    assert r.returncode == 1 and "而本数据目录属于青山镇纪委（单位代码 QS001）" in r.stderr
    assert _users(a) == ["wang"]

    r = run("--user", "wang", "restore", str(b / "jijian.sqlite"), env=env, data_dir=a)  # a plain copy of B's database
    assert r.returncode == 1
    assert r.stderr.startswith("错误：这个文件没有本系统备份的清单")

    r = run("restore", b_export, env=env, data_dir=fresh)
    assert r.returncode == 1
    assert r.stderr == ("错误：本数据目录尚未初始化，而这份备份属于柳溪镇纪委（单位代码 LX002）。如确要把该单位的数据迁入"
                        "本机（更换电脑），请明确确认（命令行加 --allow-foreign）。\n")
    r = run("restore", b_export, "--allow-foreign", "--json", env=env, data_dir=fresh)
    assert r.returncode == 0, r.stderr
    assert _users(fresh) == ["wang", "liu"]
    r = run("audit", "verify", data_dir=fresh)
    assert r.returncode == 0, r.stdout + r.stderr
