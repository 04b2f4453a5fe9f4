"""Careful copying of an untrusted package (a .zip or a folder) into a fresh temp folder.

Nothing is extracted blindly: names are checked before anything is written, links and
special files are refused, and sizes are counted while reading (headers are not trusted).
"""
from __future__ import annotations

import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from services.errors import IntegrityFailure

CHUNK = 64 * 1024
_DRIVE_RE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    """Size and count caps for one package (bytes)."""

    max_entries: int = 32
    max_total: int = 200 * 1024 * 1024
    max_tag_file: int = 1024 * 1024
    per_file: dict[str, int] = field(
        default_factory=lambda: {
            "data/report.pdf": 64 * 1024 * 1024,
            "data/report.xlsx": 64 * 1024 * 1024,
            "data/report.json": 8 * 1024 * 1024,
        }
    )

    def cap_for(self, rel_name: str) -> int:
        return self.per_file.get(rel_name, self.max_tag_file)


class UnsafePackage(IntegrityFailure):
    """The archive or folder cannot be opened safely; nothing else should be checked."""


@dataclass
class Snapshot:
    """A private copy of the package: ``root`` is the bag folder inside a temp dir."""

    root: Path
    problems: list[str]
    files: list[str]  # relative names ("data/report.pdf"), regular files only


def _check_name(name: str) -> list[str]:
    """Reasons why an archive member name is unsafe (empty when fine)."""
    reasons = []
    if "\\" in name:
        reasons.append(f"文件名 “{name}” 含有反斜杠")
    if name.startswith("/") or _DRIVE_RE.match(name):
        reasons.append(f"文件名 “{name}” 是绝对路径")
    parts = name.rstrip("/").split("/")
    if any(p in ("..", ".") for p in parts):
        reasons.append(f"文件名 “{name}” 含有 “..” 或 “.”，可能写到文件包以外")
    if any(p == "" for p in parts):
        reasons.append(f"文件名 “{name}” 含有空的路径段")
    if "\x00" in name or any(ord(ch) < 32 for ch in name):
        reasons.append(f"文件名 “{name}” 含有控制字符")
    return reasons


def _copy_stream(src, dst_path: Path, cap: int, budget: list[int], label: str) -> int:
    """Copy at most ``cap`` bytes; raise when more arrive or the total budget runs out."""
    n = 0
    with open(dst_path, "xb") as out:
        while True:
            chunk = src.read(CHUNK)
            if not chunk:
                break
            n += len(chunk)
            budget[0] -= len(chunk)
            if n > cap:
                raise UnsafePackage(f"文件 {label} 超过大小上限（{cap // 1024} KB）")
            if budget[0] < 0:
                raise UnsafePackage("文件包解压后的总大小超过上限")
            out.write(chunk)
    return n


def extract_zip(
    zip_path: Path, dest: Path, limits: Limits = Limits(), allowed: frozenset[str] | None = None
) -> Snapshot:
    """Check every member of ``zip_path``, then extract into the empty folder ``dest``.

    The archive must hold exactly one top-level folder (the bag). Members whose name (below
    that folder) is not in ``allowed`` are not written at all, only reported in
    ``problems``. Raises UnsafePackage.
    """
    if zip_path.stat().st_size > limits.max_total:
        raise UnsafePackage("压缩包大小超过上限")
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafePackage(f"压缩包已损坏，无法打开：{exc}") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise UnsafePackage(f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_entries} 个）")
        seen: set[str] = set()
        tops: set[str] = set()
        problems: list[str] = []
        declared = 0
        for info in infos:
            name = info.filename
            problems += _check_name(name)
            key = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
            if key in seen:
                problems.append(f"压缩包内文件名重复：“{name}”")
            seen.add(key)
            mode = (info.external_attr >> 16) & 0xFFFF
            kind = stat.S_IFMT(mode)
            if kind == stat.S_IFLNK:
                problems.append(f"压缩包内 “{name}” 是符号链接")
            elif kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                problems.append(f"压缩包内 “{name}” 不是普通文件")
            if info.flag_bits & 0x1:
                problems.append(f"压缩包内 “{name}” 已加密")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                problems.append(f"压缩包内 “{name}” 使用了不支持的压缩方式")
            tops.add(name.split("/", 1)[0])
            declared += info.file_size
        if len(tops) != 1:
            problems.append("压缩包内应只有一个文件包文件夹")
        if declared > limits.max_total:
            problems.append("压缩包解压后的总大小超过上限")
        if problems:
            raise UnsafePackage("；".join(dict.fromkeys(problems)))
        top = tops.pop()
        root = dest / top
        root.mkdir()
        budget = [limits.max_total]
        files: list[str] = []
        skipped: list[str] = []
        allowed_dirs = {r.rsplit("/", 1)[0] for r in allowed or () if "/" in r}
        for info in infos:
            rel = info.filename[len(top) + 1:].rstrip("/")
            if not rel:
                continue
            if info.is_dir():
                if allowed is not None and rel not in allowed_dirs:
                    skipped.append(rel + "/")
                else:
                    (root / rel).mkdir(parents=True, exist_ok=True)
                continue
            if allowed is not None and rel not in allowed:
                skipped.append(rel)
                continue
            cap = limits.cap_for(rel)
            if info.file_size > cap:
                raise UnsafePackage(f"文件 {rel} 超过大小上限（{cap // 1024} KB）")
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src:
                    _copy_stream(src, target, cap, budget, rel)
            except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
                raise UnsafePackage(f"压缩包内文件 {rel} 已损坏：{exc}") from exc
            files.append(rel)
    problems = ["压缩包内多出不应有的文件（未解压）：" + "、".join(skipped)] if skipped else []
    return Snapshot(root=root, problems=problems, files=sorted(files))


def copy_folder(src_root: Path, dest: Path, limits: Limits = Limits()) -> Snapshot:
    """Copy the regular files of a bag folder into ``dest``; never follow links.

    Links and special files are skipped and listed in ``problems``; too many entries or too
    many bytes raise UnsafePackage.
    """
    if src_root.is_symlink() or not src_root.is_dir():
        raise UnsafePackage("文件包路径不是一个普通文件夹")
    root = dest / src_root.name
    root.mkdir()
    problems: list[str] = []
    files: list[str] = []
    budget = [limits.max_total]
    count = 0
    stack: list[tuple[Path, str]] = [(src_root, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            count += 1
            if count > limits.max_entries:
                raise UnsafePackage(f"文件包内文件过多（上限 {limits.max_entries} 个）")
            rel = prefix + entry.name
            st = entry.stat(follow_symlinks=False)
            # Windows junctions and other reparse points are links too
            if stat.S_ISLNK(st.st_mode) or getattr(st, "st_file_attributes", 0) & 0x400:
                problems.append(f"“{rel}” 是符号链接")
            elif stat.S_ISDIR(st.st_mode):
                if prefix.count("/") >= 4:
                    problems.append(f"“{rel}” 目录层次过深")
                    continue
                (root / rel).mkdir()
                stack.append((Path(entry.path), rel + "/"))
            elif stat.S_ISREG(st.st_mode):
                cap = limits.cap_for(rel)
                if st.st_size > cap:
                    raise UnsafePackage(f"文件 {rel} 超过大小上限（{cap // 1024} KB）")
                flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
                fd = os.open(entry.path, flags)
                with os.fdopen(fd, "rb") as src:
                    _copy_stream(src, root / rel, cap, budget, rel)
                files.append(rel)
            else:
                problems.append(f"“{rel}” 不是普通文件")
    return Snapshot(root=root, problems=problems, files=sorted(files))
