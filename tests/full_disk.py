"""A really full or read-only USB stick for tests: a small tmpfs (mounted as root, as in CI).

Where mounting is not allowed, ``stick`` falls back to what an unprivileged process can make real:
an RLIMIT_FSIZE cap for a child process (``limit``; see tests/cli/fsize_child.py), or a folder
without write permission.
"""
from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

FSIZE_LIMIT = 2048


def _mount(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def _unmount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True, check=True)


def _fill(where: Path) -> None:
    with open(where / "filler.bin", "wb", buffering=0) as f:
        try:
            while f.write(bytes(4096)):
                pass
        except OSError:
            pass  # ENOSPC: the file system has no free block left


class Stick:
    """A target folder that cannot take a file. ``limit``: run writers under RLIMIT_FSIZE of that size."""

    def __init__(self, path: Path, limit: int | None, keep: set[str]):
        self.path, self.limit, self.keep = path, limit, keep

    @property
    def mounted(self) -> bool:
        return os.path.ismount(self.path)

    def leftovers(self) -> list[str]:
        return sorted(set(os.listdir(self.path)) - self.keep)

    def full_message(self, target: Path) -> str:
        """What the atomic writer says for ``target`` on this stick."""
        if self.limit is not None:
            return (f"文件超过目标磁盘允许的大小，文件未保存：{target}。"
                    "U盘如为 FAT32 格式，单个文件不能超过 4 GB，请换一个位置后重试")
        if not self.mounted:
            return readonly_message(target)
        return f"目标磁盘空间不足，文件未保存：{target}。请清理空间或换一个位置后重试，原有文件未受影响"

    def reason(self) -> str:
        """The short reason in package and backup messages."""
        if not self.mounted:
            return "没有写入权限"
        return "磁盘只读" if "filler.bin" not in os.listdir(self.path) else "磁盘空间不足"


def readonly_message(target: Path) -> str:
    return f"没有写入权限或磁盘只读，文件未保存：{target}"


def stick(tmp_path: Path, options: str, fallback: str, files: dict[str, bytes] | None = None):
    """Yield a ``Stick``: a tmpfs mounted with ``options`` (filled unless ``ro``), unmounted after;
    else ``fallback``: "fsize" (an RLIMIT for child processes) or "mode" (a folder without write permission).
    ``files`` (name → bytes) are written onto the stick before it is filled: the earlier files a
    failed write must leave as they were."""
    where = tmp_path / f"stick-{uuid.uuid4().hex[:6]}"
    files = files or {}
    if _mount(where, options):
        try:
            for name, data in files.items():
                (where / name).write_bytes(data)
            if "ro" not in options.split(","):
                _fill(where)
            yield Stick(where, None, {"filler.bin", *files})
        finally:
            _unmount(where)
    elif fallback == "fsize":
        for name, data in files.items():
            (where / name).write_bytes(data)
        yield Stick(where, FSIZE_LIMIT, set(files))
    else:
        for name, data in files.items():
            (where / name).write_bytes(data)
        os.chmod(where, 0o555)
        try:
            yield Stick(where, None, set(files))
        finally:
            os.chmod(where, 0o755)
