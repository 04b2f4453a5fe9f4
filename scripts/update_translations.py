"""Regenerate resources/translations/jijian_<lang>.ts from the GUI sources, keeping every translation made.

    .venv/bin/python scripts/update_translations.py [--lang en] [--report]

``pyside6-lupdate`` reads ``self.tr("…")`` and ``QCoreApplication.translate("Ctx", "…")``; the modules'
``_tr("…")`` helpers are read as ``tr`` (``-tr-function-alias``) and their texts moved into the context
that module's ``_tr`` passes to ``QCoreApplication.translate``. A text seen before keeps its translation
(same context first, else the same source text anywhere). The .qm is a build output (``pyside6-lrelease``,
run by ``make dist`` and at start-up when stale: resources/__init__.py).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
_TR_CONTEXT = re.compile(r"def _tr\(.*?\):\s*\n\s*return QCoreApplication\.translate\(\"([^\"]+)\"", re.S)


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def _module_contexts(files: list[Path]) -> dict[str, str]:
    """file path as lupdate writes it (relative to the .ts) → the context its ``_tr`` helper uses."""
    found = {}
    for f in files:
        m = _TR_CONTEXT.search(f.read_text(encoding="utf-8"))
        if m:
            found[Path("../..", f.relative_to(ROOT)).as_posix()] = m.group(1)
    return found


def _translations(ts: Path) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    by_key, by_source = {}, {}
    if not ts.exists():
        return by_key, by_source
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source, text = msg.findtext("source") or "", (msg.find("translation").text or "")
            if text:
                by_key[(name, source)] = text
                by_source.setdefault(source, text)
    return by_key, by_source


def vocabulary() -> list[str]:
    """The domain's texts the interface shows through ``gui.vocabulary.term`` (context ``Vocabulary``): every
    vocabulary label, list column title, declared setting name, 工作台 counter and report row, section and
    column title, in a stable order."""
    sys.path.insert(0, str(ROOT))
    import inspect

    import models.enums as enums
    from services.casework.listing_export import DUE_COLUMNS
    from services.casework.listing_query import COLUMNS
    from services.deadlines.rules import DueStatus
    from services.reporting import dashboard, layout
    from services.storage import settings

    texts: list[str] = []
    for cls in vars(enums).values():
        if inspect.isclass(cls) and issubclass(cls, enums.CodedEnum) and cls is not enums.CodedEnum:
            texts += [m.label for m in cls]
    texts += [title for columns in COLUMNS.values() for _, title, _ in columns] + list(DUE_COLUMNS)
    texts += [s.label for s in settings.all_specs()]
    texts += [label for _, label, _ in dashboard.COUNTERS] + [s.label for s in DueStatus]
    texts += ["信访件", "问题线索", "案件"]  # the kinds of item on the 工作台's due list
    lines = list(layout.iter_form_lines())
    texts += list(layout.COLUMN_TITLES) + [line.text for line in lines]
    texts += [line.row.unit for line in lines if line.kind == "row"] + [r.full_label for r in layout.ROWS]
    return list(dict.fromkeys(t for t in texts if t))


def update(lang: str = "en", *, write: bool = True) -> tuple[int, list[tuple[str, str]]]:
    """Write the .ts (unless ``write`` is false: a check); (number of entries, the (context, source) pairs
    still untranslated)."""
    ts = TRANSLATIONS / f"jijian_{lang}.ts"
    files = sorted(p for p in (ROOT / "gui").rglob("*.py") if "__pycache__" not in p.parts)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(str(p) for p in files), encoding="utf-8")
        subprocess.run([_tool("pyside6-lupdate"), f"@{listing}", "-tr-function-alias", "tr+=_tr",
                        "-locations", "none", "-no-obsolete", "-silent", "-ts", str(fresh)], check=True)
        # lupdate writes locations relative to the .ts: rerun with locations to map _tr texts to their module
        located = Path(tmp) / "located.ts"
        subprocess.run([_tool("pyside6-lupdate"), f"@{listing}", "-tr-function-alias", "tr+=_tr",
                        "-locations", "absolute", "-silent", "-ts", str(located)], check=True)
        tree = ET.parse(located)
        ts_dir = Path(tmp).resolve()
    contexts = _module_contexts(files)
    by_key, by_source = _translations(ts)
    messages: dict[str, dict[str, None]] = {}
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            target = name
            if not name:
                loc = msg.find("location")
                # lupdate writes a location relative to the .ts it writes (here the temporary folder)
                where = (ts_dir / loc.get("filename")).resolve() if loc is not None else None
                key = (Path("../..", where.relative_to(ROOT)).as_posix()
                       if where is not None and where.is_relative_to(ROOT) else "")
                target = contexts.get(key, "")
            messages.setdefault(target, {})[source] = None
    for source in vocabulary():
        messages.setdefault("Vocabulary", {})[source] = None
    root = ET.Element("TS", version="2.1", language={"en": "en_US"}.get(lang, lang), sourcelanguage="zh_CN")
    missing = []
    count = 0
    for name in sorted(messages):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = name
        for source in messages[name]:
            m = ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = source
            text = by_key.get((name, source)) or by_source.get(source)
            t = ET.SubElement(m, "translation")
            count += 1
            if text:
                t.text = text
            else:
                t.set("type", "unfinished")
                missing.append((name, source))
    ET.indent(root)
    if not write:
        return count, missing
    ts.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                   + ET.tostring(root, encoding="utf-8") + b"\n")
    return count, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--report", action="store_true", help="list the texts still untranslated")
    args = parser.parse_args(argv)
    count, missing = update(args.lang)
    print(f"{count} entries, {len(missing)} untranslated")
    if args.report:
        for name, source in missing:
            print(f"{name}\t{source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
