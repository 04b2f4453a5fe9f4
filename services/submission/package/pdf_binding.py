"""Tying the signed report PDF to the package's report.json.

A signed PDF proves who signed it, not which report it belongs to: without a tie, a township's
April PDF could travel inside its May package. So when the PDF is signed, entries naming the
report it was signed for go into the PDF's document information dictionary (``/Info``), in the
same incremental revision as the signature, which therefore covers them (``pdf_signature``
requires the signature to cover the whole file, so they cannot be changed or added later):

- ``/JJBinding``        ``jijian.pdf-binding/1``
- ``/JJOrgCode``, ``/JJPeriod``, ``/JJRevision``  the report's org code, period and revision
- ``/JJFiguresSHA256``  SHA-256 of the canonical JSON of report.json's ``figures``
- ``/JJReportSHA256``   SHA-256 of the canonical JSON of the whole report.json

Canonical JSON is report.json's parsed object re-serialised with sorted keys, no whitespace and
UTF-8 (``monthly_report.canonical_json``). report.json holds nothing about the signed PDF (its
``snapshot_sha256`` covers the unsigned, finalized PDF), so there is no circularity; the digest
does not depend on how report.json's bytes are laid out.

Verification (``pdf_binding`` check) compares each entry with report.json and names what differs.
Only consistency is proven: whoever holds a township's key can still sign any consistent package.
"""
from __future__ import annotations

import hashlib
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from services.reporting.monthly_report import canonical_json

VERSION = "jijian.pdf-binding/1"
_KEYS = ("JJBinding", "JJOrgCode", "JJPeriod", "JJRevision", "JJFiguresSHA256", "JJReportSHA256")


class BindingError(ValueError):
    """The PDF carries no readable binding; the message is Chinese."""


def _sha256(obj: Any) -> str:
    return hashlib.sha256(canonical_json(obj).encode("utf-8")).hexdigest()


def binding_for(report: dict[str, Any]) -> dict[str, str]:
    """The entries (without the leading "/") that tie a PDF to ``report`` (report.json parsed)."""
    return {
        "JJBinding": VERSION,
        "JJOrgCode": str(report.get("org_code")),
        "JJPeriod": str(report.get("period")),
        "JJRevision": str(report.get("revision")),
        "JJFiguresSHA256": _sha256(report.get("figures")),
        "JJReportSHA256": _sha256(report),
    }


def info_with_binding(existing: generic.DictionaryObject | None, binding: dict[str, str]) -> generic.DictionaryObject:
    """A new /Info dictionary: the existing entries (other than ours) plus the binding."""
    info = generic.DictionaryObject()
    for key, value in (existing or {}).items():
        if key.lstrip("/") not in _KEYS:
            info[generic.NameObject(key)] = value
    for key, value in binding.items():
        info[generic.NameObject("/" + key)] = generic.TextStringObject(value)
    return info


def read_binding(pdf: bytes) -> dict[str, str]:
    """The binding entries of the PDF's current /Info; BindingError when there are none."""
    try:
        trailer = PdfFileReader(BytesIO(pdf)).trailer
        info = trailer["/Info"].get_object() if "/Info" in trailer else {}
        found = {key: str(info["/" + key]) for key in _KEYS if "/" + key in info}
    except Exception as exc:  # pyHanko raises many kinds on a damaged file
        raise BindingError(f"无法读取报表 PDF 的文档信息（{type(exc).__name__}）") from exc
    if not found:
        raise BindingError("报表 PDF 中没有签章时记录的报表标识（报告期、单位、修订号和数据摘要），无法确认它属于本文件包")
    if found.get("JJBinding") != VERSION or len(found) != len(_KEYS):
        raise BindingError(f"报表 PDF 中的报表标识不完整或版本不符（{found.get('JJBinding')}）")
    return found


def binding_problems(found: dict[str, str], report: dict[str, Any]) -> list[str]:
    """Chinese reasons, one per entry that differs between the PDF and report.json."""
    want = binding_for(report)
    labels = {"JJOrgCode": "单位代码", "JJPeriod": "报告期", "JJRevision": "修订号"}
    problems = [f"报表 PDF 签章时记录的{label}为“{found[key]}”，report.json 为“{want[key]}”"
                for key, label in labels.items() if found[key] != want[key]]
    if found["JJFiguresSHA256"] != want["JJFiguresSHA256"]:
        problems.append("报表 PDF 签章时记录的统计数据摘要与 report.json 的统计数据不符（两者不是同一份月报的数字）")
    elif found["JJReportSHA256"] != want["JJReportSHA256"] and not problems:
        problems.append("报表 PDF 签章时记录的报表摘要与 report.json 不符（情况说明、落款等内容被改动）")
    return problems
