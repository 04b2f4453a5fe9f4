"""Packaged resources: the Qt style sheet and the translations, with a tiny loader.

The English catalogue ships as ``translations/jijian_en.ts`` (the source of truth) and its compiled
``jijian_en.qm``; when the .qm is missing or older than the .ts, it is compiled at start-up with
``pyside6-lrelease`` from the running interpreter's environment.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
STYLE_SHEET = RESOURCES_DIR / "style.qss"
SUPPORTED_LANGUAGES = ("zh", "en")


ICONS_DIR = RESOURCES_DIR / "icons"


def style_sheet() -> str:
    """The style sheet with ``@ICONS@`` replaced by the icons folder (QSS urls are not file-relative)."""
    try:
        text = STYLE_SHEET.read_text(encoding="utf-8")
    except OSError:
        return ""
    return text.replace("@ICONS@", ICONS_DIR.as_posix())


def _lrelease() -> str | None:
    beside = Path(sys.executable).parent / ("pyside6-lrelease" + (".exe" if sys.platform == "win32" else ""))
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compiled_catalogue(lang: str) -> Path | None:
    """The .qm file for ``lang`` ("zh" needs none: Chinese is the source language)."""
    if lang == "zh":
        return None
    ts = TRANSLATIONS_DIR / f"jijian_{lang}.ts"
    qm = ts.with_suffix(".qm")
    stale = ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime)
    if stale and (tool := _lrelease()):
        try:
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except (OSError, subprocess.SubprocessError) as exc:  # a read-only install keeps the shipped .qm
            print(f"jijian: cannot compile {ts.name}: {exc}", file=sys.stderr)
    return qm if qm.exists() else None
