"""Writing files so that a failure never leaves a half-written one, with errors a clerk can act on."""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from services.errors import FileWriteError

__all__ = ["FileWriteError", "describe_os_error", "os_reason", "os_error_message", "sha256_file", "ensure_writable",
           "fsync_file", "fsync_dir", "atomic_path", "keep_os_error", "atomic_write_bytes"]


def describe_os_error(exc: OSError, target: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"目标磁盘空间不足，文件未保存：{target}。请清理空间或换一个位置后重试，原有文件未受影响"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限或磁盘只读，文件未保存：{target}"
    if exc.errno == errno.ENOENT:
        return f"目标文件夹不存在：{target.parent}"
    if exc.errno == errno.ENOTDIR:  # a file stands where a folder of the path should be
        return f"目标路径不是文件夹：{_blocking_file(target)}"
    if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
        return f"已有同名文件或文件夹，未覆盖：{target}"
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
            errno.ENOTDIR: "路径不是文件夹", errno.EISDIR: "已有同名文件夹", errno.EEXIST: "已有同名文件",
            errno.ENOTEMPTY: "已有同名文件夹", errno.EFBIG: "文件超过磁盘允许的大小",
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


def _blocking_file(target: Path) -> Path:
    """The nearest folder of ``target``'s path that exists but is not a folder (else its parent)."""
    for parent in target.parents:
        if parent.exists() or parent.is_symlink():
            return parent if not parent.is_dir() else target.parent
    return target.parent


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


def _copy_into(data: bytes | BinaryIO, path: Path) -> None:
    with open(path, "wb") as f:
        if hasattr(data, "read"):
            data.seek(0)
            shutil.copyfileobj(data, f, 1 << 20)
        else:
            f.write(data)


def _write_temp(target: Path, data: bytes | BinaryIO, suffix: str) -> str:
    """``data`` in a new, fsynced temp file beside ``target``; nothing is left when it fails."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        _copy_into(data, Path(name))
        fsync_file(Path(name))
    except BaseException:
        _remove_quietly(name)
        raise
    return name


def _remove_quietly(name) -> None:
    if name is None:
        return
    try:
        if os.path.isdir(name) and not os.path.islink(name):
            shutil.rmtree(name, ignore_errors=True)
        else:
            os.unlink(name)
    except OSError:
        pass  # absent, or a read-only stick (which reports EROFS even for a file that is not there)


def fsync_file(path: Path | str) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def fsync_dir(path: Path | str) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            fsync_file(os.path.join(dirpath, name))
        fsync_dir(dirpath)


def _make_parents(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # exist_ok, yet a file stands where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename) from exc


@contextmanager
def atomic_path(target: Path | str, *, directory: bool = False, make_parents: bool = False,
                error: Callable[[OSError], BaseException] | None = None) -> Iterator[Path]:
    """A temp path beside ``target`` to write; when the block ends well it becomes ``target``, whole.

    Yields the path of a new empty temp file (or, with ``directory``, a new empty temp folder) in
    ``target``'s folder. When the block ends without an error: the file (or every file and folder
    in the tree) is fsynced, renamed onto ``target`` (a file replaces an existing one; a folder
    must not exist yet) and the folder fsynced. On any error the temp is removed and an existing
    ``target`` stays as it was; an ``OSError`` (also one raised in the block) becomes
    ``error(exc)``, by default a ``FileWriteError`` that names ``target`` and says why in Chinese.
    ``make_parents`` creates missing folders first.
    """
    target = Path(target)
    tmp: str | None = None
    try:
        if make_parents:
            _make_parents(target)
        if directory:
            tmp = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        else:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            os.close(fd)
        yield Path(tmp)
        if directory:
            _fsync_tree(Path(tmp))
            if os.path.lexists(target):  # rename would silently take the place of an empty folder
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
            os.rename(tmp, target)
        else:
            fsync_file(tmp)
            os.replace(tmp, target)
        tmp = None
        fsync_dir(target.parent)
    except OSError as exc:
        translated = error(exc) if error is not None else FileWriteError(describe_os_error(exc, target))
        if translated is exc:
            raise
        raise translated from exc
    finally:
        _remove_quietly(tmp)


def keep_os_error(exc: OSError) -> OSError:
    """``atomic_path(..., error=keep_os_error)``: let the OSError through to a caller that says more
    (a backup names the step that failed, a restore that the database was not touched)."""
    return exc


def atomic_write_bytes(target: Path | str, data: bytes | BinaryIO, *, make_parents: bool = False) -> Path:
    """Write ``data`` (bytes or a binary file read from its start) to ``target`` through ``atomic_path``.

    On any error (full disk, read-only stick, …) nothing is left, an existing ``target`` stays as
    it was, and ``FileWriteError`` says why in Chinese.
    """
    target = Path(target)
    with atomic_path(target, make_parents=make_parents) as tmp:
        _copy_into(data, tmp)
    return target
