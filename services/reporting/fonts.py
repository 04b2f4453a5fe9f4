"""Finding a CJK font with TrueType outlines for ReportLab and pyHanko (DESIGN.md "Fonts").

Fonts are found on the machine, never shipped. ReportLab cannot use CFF outlines (Noto CJK),
and pyHanko cannot read a .ttc collection, hence ``extract_ttf_face``.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from services.errors import ValidationError
from services.storage.files import atomic_path

CID_FALLBACK = "STSong-Light"
CID_WARNING = ("未找到可嵌入的中文字体（如仿宋 simfang.ttf、宋体 simsun.ttc 或文泉驿正黑），"
               "已改用阅读器内置的宋体（STSong-Light，未嵌入）。打印效果可能因电脑而异，"
               "请在“设置”中指定一个 TrueType 中文字体文件。")


@dataclass(frozen=True)
class FontChoice:
    name: str                 # family name of the face, or the CID font name
    path: str | None          # font file; None for the built-in CID font
    embedded: bool
    warning: str | None = None
    subfont_index: int = 0    # face index inside a .ttc collection


def default_candidates() -> list[str]:
    """Font files to try after the configured one, in DESIGN.md order."""
    fonts = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    windows = [str(fonts / name) for name in ("simfang.ttf", "simsun.ttc", "simhei.ttf")]
    linux = [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/arphic-uming/uming.ttc",
    ]
    return windows + linux


def _truetype_face(path: str) -> tuple[int, str] | None:
    """(index, family name) of the first face with TrueType (glyf) outlines, or None."""
    try:
        with open(path, "rb") as fh:
            is_collection = fh.read(4) == b"ttcf"
        faces = (TTCollection(path, lazy=True).fonts if is_collection
                 else [TTFont(path, lazy=True)])
    except (OSError, TTLibError, AssertionError, ValueError):
        return None
    for index, face in enumerate(faces):
        try:
            if "glyf" in face and "cmap" in face and face.getBestCmap().get(ord("报")):
                return index, str(face["name"].getDebugName(1) or Path(path).stem)
        except Exception:  # a broken table: try the next face
            continue
    return None


def find_cjk_font(configured_path: str | None = None, *,
                  candidates: Sequence[str] | None = None) -> FontChoice:
    """The first usable CJK TrueType font: the configured file, then the system candidates."""
    warning: str | None = None
    if configured_path:
        found = _truetype_face(configured_path) if os.path.isfile(configured_path) else None
        if found:
            return FontChoice(found[1], configured_path, True, None, found[0])
        warning = (f"设置的字体文件“{configured_path}”不存在或不是 TrueType 中文字体"
                   "（不支持 OpenType/CFF 字体，如思源/Noto CJK），已改用其他字体。")
    for path in default_candidates() if candidates is None else candidates:
        if os.path.isfile(path):
            found = _truetype_face(path)
            if found:
                return FontChoice(found[1], path, True, warning, found[0])
    full_warning = CID_WARNING if warning is None else f"{warning}{CID_WARNING}"
    return FontChoice(CID_FALLBACK, None, False, full_warning)


def reportlab_font_name(choice: FontChoice) -> str:
    if not choice.embedded or not choice.path:
        return CID_FALLBACK
    stem = re.sub(r"[^A-Za-z0-9]+", "", Path(choice.path).stem) or "font"
    digest = hashlib.sha1(os.path.abspath(choice.path).encode("utf-8")).hexdigest()[:6]
    return f"CJK-{stem}-{choice.subfont_index}-{digest}"


def register_reportlab_font(choice: FontChoice) -> str:
    """Register the font with ReportLab once; return the name to use in styles."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont, TTFError

    name = reportlab_font_name(choice)
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    if name == CID_FALLBACK:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        return name
    try:
        pdfmetrics.registerFont(RLTTFont(name, choice.path, subfontIndex=choice.subfont_index))
    except (TTFError, OSError) as exc:
        raise ValidationError(f"字体文件“{choice.path}”无法使用：{exc}。请在“设置”中换一个中文字体。",
                              field="font") from exc
    return name


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("jijian-desk", appauthor=False)) / "fonts"


def extract_ttf_face(ttc_path: str | os.PathLike[str], index: int = 0,
                     cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """A single-face .ttf of face ``index`` of a collection (for pyHanko), cached by path+mtime.

    A file that is not a collection is returned unchanged.
    """
    source = Path(ttc_path)
    try:
        with open(source, "rb") as fh:
            if fh.read(4) != b"ttcf":
                return source
        stat = source.stat()
    except OSError as exc:
        raise ValidationError(f"字体文件“{source}”无法读取：{exc.strerror or exc}。", field="font") from exc
    key = hashlib.sha256(
        f"{source.resolve()}|{stat.st_mtime_ns}|{stat.st_size}|{index}".encode("utf-8")).hexdigest()[:16]
    target_dir = Path(cache_dir) if cache_dir is not None else _default_cache_dir()
    target = target_dir / f"{re.sub(r'[^A-Za-z0-9_-]+', '', source.stem) or 'font'}-{index}-{key}.ttf"
    if target.is_file():
        return target
    try:
        collection = TTCollection(str(source), lazy=True)
        face = collection.fonts[index]
    except IndexError:
        raise ValidationError(f"字体文件“{source}”中没有第 {index + 1} 个字形。", field="font") from None
    except (TTLibError, AssertionError) as exc:
        raise ValidationError(f"字体文件“{source}”不是有效的字体集合：{exc}。", field="font") from exc
    with atomic_path(target, make_parents=True) as tmp, open(tmp, "wb") as out:
        face.save(out)
    return target
