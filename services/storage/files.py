"""Writing files so that a failure never leaves a half-written one, with errors a clerk can act on."""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from services.errors import DomainError


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
    if exc.errno == errno.EFBIG:
        return (f"文件超过目标磁盘允许的大小，文件未保存：{target}。"
                "U盘如为 FAT32 格式，单个文件不能超过 4 GB，请换一个位置后重试")
    if exc.errno == errno.EIO:
        return f"磁盘读写出错（U盘可能已拔出或损坏），文件未保存：{target}"
    return f"文件未能保存：{target}（系统错误代码 {exc.errno}）"


_REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘空间不足", errno.EACCES: "没有写入权限",
            errno.EPERM: "没有写入权限", errno.EROFS: "磁盘只读", errno.ENOENT: "文件夹不存在",
            errno.ENOTDIR: "路径不是文件夹", errno.EISDIR: "已有同名文件夹", errno.EFBIG: "文件超过磁盘允许的大小",
            errno.EIO: "磁盘读写出错"}


def os_reason(exc: OSError) -> str:
    """A short Chinese reason for an OSError (e.g. "磁盘只读"), for messages that say the rest."""
    return _REASONS.get(exc.errno, f"系统错误代码 {exc.errno}")


def os_error_message(exc: OSError) -> str:
    """A Chinese sentence for any OSError that reached the top of a command (names its file)."""
    name = exc.filename2 or exc.filename
    where = f"：{os.fsdecode(name)}" if name is not None else ""
    return f"读写文件失败（{os_reason(exc)}），操作未完成{where}"


def sha256_file(path: Path | str) -> str:
    """The SHA-256 of a file's bytes, as 64 lowercase hex digits (read in chunks, never whole)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def ensure_writable(target: Path | str) -> None:
    """Before doing work whose result goes to ``target``: can a file be written beside it?

    Writes and removes a small probe file, so a full or read-only stick is found before, say, a
    key is generated whose request then could not be saved.
    """
    target = Path(target)
    try:
        _remove_quietly(_write_temp(target, bytes(4096), ".probe"))
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, target)) from exc


def _write_temp(target: Path, data: bytes | BinaryIO, suffix: str) -> str:
    """``data`` (bytes, or a binary file read from its start) in a new, fsynced temp file beside
    ``target``; nothing is left when it fails."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(data, "read"):
                data.seek(0)
                shutil.copyfileobj(data, f, 1 << 20)
            else:
                f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _remove_quietly(name)
        raise
    return name


def _remove_quietly(name) -> None:
    if name is None:
        return
    try:
        os.unlink(name)
    except OSError:
        pass


def fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(target: Path | str, data: bytes | BinaryIO, *, make_parents: bool = False) -> Path:
    """Write ``data`` (bytes or a binary file) to a temp file beside ``target``, fsync, then rename over it.

    On any error (full disk, read-only stick, …) the temp file is removed, an existing ``target``
    stays as it was, and ``FileWriteError`` says why in Chinese. ``make_parents`` creates missing
    folders first.
    """
    target = Path(target)
    tmp_name = None
    try:
        if make_parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        tmp_name = _write_temp(target, data, ".part")
        os.replace(tmp_name, target)
        tmp_name = None
        fsync_dir(target.parent)
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, target)) from exc
    finally:
        _remove_quietly(tmp_name)
    return target
