"""One instance per data dir (issue 9, item 8), with real second processes.

Attack: the app is open on a data dir (and keeps writing) while a second program writes to it or
restores a backup over it; the restore moved the open file aside and the open app's writes were lost.
"""
from __future__ import annotations

import getpass
import os
import signal
import socket
from pathlib import Path

import pytest

from services.security import users
from services.storage import instance_lock, maintenance
from services.storage.instance_lock import Holder, InstanceLocked, locked_message, read_holder
from services.storage.workspace import open_workspace
from tests.helpers.cli import run, run_process, start_holder
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO

PW = {"JIJIAN_PASSWORD": ADMIN_PASSWORD}


def usernames(data_dir: Path) -> list[str]:
    ws = open_workspace(data_dir, crypto=CHEAP_CRYPTO)
    try:
        users.login(ws, "wang", ADMIN_PASSWORD)
        return sorted(u["username"] for u in users.list_users(ws))
    finally:
        ws.close()


@pytest.fixture
def office(ws):
    """青山镇纪委's data dir (closed) with one local backup."""
    info = maintenance.backup_now(ws)
    data_dir = ws.data_dir
    ws.close()
    return data_dir, info.path


def test_lock_is_reentrant_in_one_process_and_names_its_holder(tmp_path):
    d = tmp_path / "d"
    first = instance_lock.acquire(d, program="纪检桌面（桌面程序）")
    second = instance_lock.acquire(d)  # e.g. open_workspace(lock=True) inside the app
    holder = read_holder(d)
    assert holder is not None
    assert (holder.pid, holder.host, holder.user, holder.program) == (
        os.getpid(), socket.gethostname(), getpass.getuser(), "纪检桌面（桌面程序）")
    first.release()
    first.release()  # a second release of the same hold is a no-op
    assert instance_lock.holds(d)
    second.release()
    assert not instance_lock.holds(d)
    assert read_holder(d) is None  # the file left behind names nobody


def test_program_names_the_cli_subcommand():
    assert instance_lock._default_program(["--data-dir", "/x/users", "--user", "wang", "users", "add", "li"]) \
        == "命令行 jijian users add"
    assert instance_lock._default_program(["--data-dir", "/x"]) == "纪检桌面"


def test_second_process_write_command_is_refused_naming_the_holder(office):
    data_dir, _ = office
    lock = instance_lock.acquire(data_dir, program="纪检桌面（桌面程序）")
    try:
        holder = read_holder(data_dir)
        r = run_process("--user", "wang", "users", "add", "li", "--name", "李四", "--roles", "clerk",
                        env={**PW, "JIJIAN_NEW_PASSWORD": "li-pass-123"}, data_dir=data_dir)
        assert r.returncode == 1
        assert r.stderr == f"错误：{locked_message(data_dir.resolve(), holder)}\n"
        assert f"纪检桌面（桌面程序）（进程号 {os.getpid()}，计算机 {socket.gethostname()}" in r.stderr
    finally:
        lock.release()
    assert usernames(data_dir) == ["wang"]
    r = run("--user", "wang", "users", "add", "li", "--name", "李四", "--roles", "clerk",
            env={**PW, "JIJIAN_NEW_PASSWORD": "li-pass-123"}, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert usernames(data_dir) == ["li", "wang"]


def test_restore_is_refused_while_another_process_holds_the_data_dir(office):
    data_dir, backup_file = office
    ws = open_workspace(data_dir, crypto=CHEAP_CRYPTO)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.create_user(ws, "zhao", "赵六", "zhao-pass-12", ["clerk"])  # after the backup
    ws.close()
    child = start_holder(data_dir)
    try:
        holder = read_holder(data_dir)
        assert holder == Holder(pid=child.pid, host=socket.gethostname(), user=getpass.getuser(),
                                started=holder.started, program="纪检桌面（桌面程序）")
        before = (data_dir / "jijian.sqlite").read_bytes()
        with pytest.raises(InstanceLocked) as exc:
            maintenance.restore_backup(data_dir, backup_file, None)
        assert exc.value.message == locked_message(data_dir.resolve(), holder)
        assert exc.value.holder == holder
        r = run("--user", "wang", "restore", str(backup_file), env=PW, data_dir=data_dir)
        assert r.returncode == 1
        assert r.stderr == f"错误：{locked_message(data_dir.resolve(), holder)}\n"
        assert (data_dir / "jijian.sqlite").read_bytes() == before
        assert not list(data_dir.glob("*.before-restore-*"))
    finally:
        child.stdin.close()
        assert child.wait(timeout=30) == 0
    assert usernames(data_dir) == ["wang", "zhao"]
    assert read_holder(data_dir) is None  # a clean exit empties the file
    r = run("--user", "wang", "restore", str(backup_file), env=PW, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert usernames(data_dir) == ["wang"]


def test_a_killed_holder_does_not_block_the_next_start(office):
    data_dir, backup_file = office
    child = start_holder(data_dir)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    stale = read_holder(data_dir)
    assert stale is not None and stale.pid == child.pid  # the file is still there, naming the dead holder
    r = run("--user", "wang", "users", "list", env=PW, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    result = maintenance.restore_backup(data_dir, backup_file, None)
    assert result.moved_aside is not None
    ws = open_workspace(data_dir, lock=True)
    try:
        assert instance_lock.holds(data_dir)
        assert read_holder(data_dir).pid == os.getpid()
    finally:
        ws.close()
    assert not instance_lock.holds(data_dir)


def test_a_failed_open_gives_the_lock_back(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "jijian.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(Exception):
        open_workspace(d, lock=True)
    assert not instance_lock.holds(d)
