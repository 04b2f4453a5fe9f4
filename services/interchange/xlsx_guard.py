"""Refuse an .xlsx that would unpack to more than the app can read safely, before anything parses it.

An .xlsx is a zip of XML parts. A small file can unpack to gigabytes (a "zip bomb": one sheet of
the same row repeated compresses a thousandfold), and a reader that trusts it runs out of memory.
``check_xlsx`` looks only at the zip's central directory and then streams each XML part in
fixed-size chunks, so it needs a few megabytes whatever the file claims:

- at most ``MAX_MEMBERS`` parts, ``MAX_UNPACKED_BYTES`` unpacked in all (each part counted at the
  size its header declares: Python's zipfile never returns more than that, so openpyxl cannot
  either; a part that lies is cut short and fails its CRC);
- no part above ``RATIO_FLOOR_BYTES`` compressed more than ``MAX_RATIO`` : 1 (a clerk's ledger
  compresses about 10 : 1; a bomb 1000 : 1);
- at most ``MAX_ROWS`` rows over all sheets, counted as ``<row`` tags in the XML itself (the
  ``<dimension>`` element is written by the file's author and may lie);
- no DTD (``<!DOCTYPE``/``<!ENTITY``): Excel never writes one, and entity expansion is the XML
  form of the same bomb.

A refusal is a ``WorkbookRefused`` naming the cap it hit; the caller has read nothing yet.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from services.errors import ValidationError

MB = 2 ** 20
MAX_UNPACKED_BYTES = 200 * MB
MAX_MEMBERS = 1000
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1 * MB
MAX_ROWS = 200_000
_CHUNK = 1 * MB
_ROW = re.compile(rb"<(?:\w{1,16}:)?row[\s/>]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_MAX_TAG = 24  # the longest text either pattern can match, with room to spare


class WorkbookRefused(ValidationError):
    """The workbook exceeds a size cap (or is not a workbook at all); nothing was read from it."""


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def check_xlsx(path: str | Path, *, max_rows: int = MAX_ROWS) -> int:
    """Check the caps above; return the number of rows counted (header rows included)."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookRefused(f"无法打开工作簿（应为 Excel .xlsx 文件）：{type(exc).__name__}") from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise WorkbookRefused(f"工作簿内含 {len(members)} 个部件，超过上限 {MAX_MEMBERS} 个，"
                                  "不像是台账文件，已拒绝导入")
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED_BYTES:
            raise WorkbookRefused(f"工作簿解压后为 {_mb(total)}，超过上限 {_mb(MAX_UNPACKED_BYTES)}"
                                  "（可能是“压缩炸弹”文件），已拒绝导入；请把台账拆成几个文件分别导入")
        for m in members:
            if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                ratio = m.file_size // max(m.compress_size, 1)
                raise WorkbookRefused(f"工作簿部件“{m.filename}”的压缩比为 {ratio} : 1，超过上限 {MAX_RATIO} : 1"
                                      "（可能是“压缩炸弹”文件），已拒绝导入")
        rows = 0
        for m in members:
            if m.filename.lower().endswith(".xml") or m.filename.lower().endswith(".rels"):
                rows += _scan(zf, m, max_rows - rows, max_rows)
    return rows


def _scan(zf: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, cap: int) -> int:
    """Rows in one XML part, streamed; refuse a DTD, or more than ``budget`` rows."""
    rows, carry = 0, b""
    try:
        with zf.open(member) as f:
            while True:
                chunk = f.read(_CHUNK)
                buf = carry + chunk
                if not chunk:
                    cut = len(buf)
                else:  # hold back a tag that may continue in the next chunk
                    last = buf.rfind(b"<")
                    cut = last if last > len(buf) - _MAX_TAG else len(buf)
                part, carry = buf[:cut], buf[cut:]
                if _DTD.search(part):
                    raise WorkbookRefused(f"工作簿部件“{member.filename}”含有文档类型定义（DTD），"
                                          "Excel 不会写出这样的文件，已拒绝导入")
                rows += len(_ROW.findall(part))
                if rows > budget:
                    raise WorkbookRefused(f"工作簿的行数超过上限 {cap} 行，已拒绝导入；"
                                          "请把台账拆成几个文件分别导入")
                if not chunk:
                    return rows
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise WorkbookRefused(f"工作簿内容已损坏，无法读取：{type(exc).__name__}") from exc
