"""Writing files so that a failure never leaves a half-written one, with errors a clerk can act on."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import DomainError


class FileWriteError(DomainError):
    """A file could not be written (disk full, read-only stick, no permission)."""


def describe_os_error(exc: OSError, target: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"目标磁盘空间不足，文件未保存：{target}。请清理空间或换一个位置后重试，原有文件未受影响"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限或磁盘只读，文件未保存：{target}"
    if exc.errno == errno.ENOENT:
        return f"目标文件夹不存在：{target.parent}"
    if exc.errno == errno.ENOTDIR:
        return f"目标路径不是文件夹：{target.parent}"
    if exc.errno == errno.EISDIR:
        return f"已有同名文件夹，无法保存为文件：{target}"
    return f"文件未能保存：{target}（系统错误代码 {exc.errno}）"


def fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to a temp file beside ``target``, fsync, then rename over it.

    On any error the temp file is removed and an existing ``target`` stays as it was.
    """
    target = Path(target)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        fsync_dir(target.parent)
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, target)) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target
