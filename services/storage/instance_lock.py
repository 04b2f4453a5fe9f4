"""One instance per data dir: an exclusive OS lock on ``<data_dir>/.lock``.

The desktop app takes it at start and holds it until it exits; a CLI command that opens the data
dir takes it for its duration; restore and the migrations run at open (``open_workspace(lock=True)``)
happen under it. A second program on the same data dir is refused, and told who holds the lock: the
file holds the holder's pid, computer, user, start time and program (JSON), written after the lock
is taken.

The check is the OS lock itself (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on one byte far past
the text on Windows), never the file's existence: when a holder dies (even by SIGKILL or a power
cut) the OS drops its lock, so a stale file never blocks the next start.

Within one process the lock is re-entrant, keyed by the data dir's resolved path: the app's
lifetime lock, a workspace opened with ``lock=True`` and a restore all count on the same OS lock,
which is released when the last of them is. (``flock`` on a second descriptor of the same file
would conflict with our own lock, hence the registry.)

Limits: the lock is advisory. It keeps instances of this app apart; it does not stop another
program (or a copy of the file) from writing the database, and network drives may not honour it.
"""
from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from services.errors import DomainError

LOCK_FILE = ".lock"
_WIN_OFFSET = 1 << 30  # Windows locks a byte range; lock one byte far past the text so others can read it

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class InstanceLocked(DomainError):
    """Another running program holds this data dir."""

    def __init__(self, message: str, holder: "Holder | None"):
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str
    started: str
    program: str

    def describe(self) -> str:
        return (f"{self.program}（进程号 {self.pid}，计算机 {self.host}，用户 {self.user}，"
                f"{self.started.replace('T', ' ')} 起）")


@dataclass
class _Held:
    fd: int
    count: int


_registry: dict[str, _Held] = {}
_mutex = threading.Lock()


class InstanceLock:
    """One hold on a data dir's lock; ``release()`` (or leaving the ``with`` block) gives it back once."""

    def __init__(self, key: str):
        self._key = key
        self._released = False

    @property
    def path(self) -> Path:
        return Path(self._key) / LOCK_FILE

    def release(self) -> None:
        with _mutex:
            if self._released:
                return
            self._released = True
            held = _registry[self._key]
            held.count -= 1
            if held.count == 0:
                del _registry[self._key]
                _unlock(held.fd)

    def __enter__(self) -> "InstanceLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _key(data_dir: Path | str) -> str:
    return str(Path(data_dir).expanduser().resolve())


def _default_program(argv: list[str] | None = None) -> str:
    """"命令行 jijian <subcommand>" from the command line (option values left out), else the desktop app."""
    words, skip = [], False
    for arg in (sys.argv[1:] if argv is None else argv):
        if skip:
            skip = False
        elif arg in ("--data-dir", "--user", "--lang"):
            skip = True
        elif not arg.startswith("-"):
            words.append(arg)
    return f"命令行 jijian {' '.join(words[:2])}" if words else "纪检桌面"


def _whoami(program: str) -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        user = "?"
    return {"pid": os.getpid(), "host": socket.gethostname(), "user": user,
            "started": dt.datetime.now().replace(microsecond=0).isoformat(), "program": program}


def _try_lock(fd: int) -> bool:
    """True if this descriptor now holds the exclusive lock; False if another process holds it."""
    try:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise


def _unlock(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)  # a lock file left behind names nobody
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass  # closing the descriptor releases the lock anyway
    finally:
        os.close(fd)


def read_holder(data_dir: Path | str) -> Holder | None:
    """Who the lock file says holds the data dir (None when empty or unreadable)."""
    try:
        data = json.loads((Path(data_dir) / LOCK_FILE).read_text("utf-8"))
        return Holder(pid=int(data["pid"]), host=str(data["host"]), user=str(data["user"]),
                      started=str(data["started"]), program=str(data["program"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def locked_message(data_dir: Path | str, holder: Holder | None) -> str:
    who = holder.describe() if holder else "另一个程序"
    return (f"数据目录 {data_dir} 正被{who}使用。同一个数据目录同时只能由一个纪检桌面程序或命令使用，"
            "请先关闭它再试。")


def acquire(data_dir: Path | str, program: str | None = None) -> InstanceLock:
    """Take (or, in this process, take once more) the data dir's exclusive lock.

    Raises ``InstanceLocked`` naming the holder when another process has it, ``DomainError`` when the
    lock file cannot be created.
    """
    key = _key(data_dir)
    with _mutex:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return InstanceLock(key)
        path = Path(key) / LOCK_FILE
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise DomainError(f"无法在数据目录 {key} 中建立锁文件：{exc.strerror or exc}") from exc
        try:
            got = _try_lock(fd)
        except OSError as exc:
            os.close(fd)
            raise DomainError(f"无法锁定数据目录 {key}（{exc.strerror or exc}）：请把数据目录放在本机磁盘上。") from exc
        if not got:
            os.close(fd)
            holder = read_holder(key)
            raise InstanceLocked(locked_message(key, holder), holder)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(_whoami(program or _default_program()), ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # the lock holds; only the holder's description is missing
        _registry[key] = _Held(fd=fd, count=1)
        return InstanceLock(key)


def holds(data_dir: Path | str) -> bool:
    """True while this process holds the data dir's lock."""
    with _mutex:
        return _key(data_dir) in _registry
