"""The schema of a package's ``data/report.json`` (``jijian.monthly-report/1``), checked before import.

A township signs its figures, but a signature only says who wrote them, not that they are
usable: the county sums every figure of every township, so one non-numeric, negative or
unknown figure in one signed file would break every later ``county report``. Verification
therefore refuses a report.json that is not exactly the document ``build_package`` writes:

- strict JSON: UTF-8, no NaN/Infinity, no duplicate keys, no absurdly long numbers or nesting;
- exactly the top-level keys of ``TOP_KEYS`` (``correction`` only on a corrected revision), no others;
- ``org`` exactly {name, code, county, mode}, with name and code those of the signing certificate
  and mode ``township``; ``footer`` the form's four strings, and the 审核人, 表号 and 制表机关 strings a
  later version adds (optional: a report of an earlier version has none of them);
- ``figures`` exactly the form's rows (``layout.ROWS``, nested by key path), each figure exactly
  {month, ytd, ytd_last_year, change_pct}: counts non-negative integers up to ``MAX_COUNT`` (bool and
  float are not integers here), month ≤ ytd, change_pct the 同比 the counts give (a finite number,
  or null when last year is 0);
- period ``YYYY-MM``, revision 1…9999, ``finalized`` true, ``audit_head`` equal to bag-info's
  ``Audit-Chain-Head``. (report.json's org_code/org_name/period/revision against the certificate,
  bag-info and folder name are the ``organization`` and ``period_revision`` checks.)

Every problem is reported, each naming the figure by its printed label.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from services.reporting.figures import change_pct
from services.reporting.layout import FIELDS, ROWS, SCHEMA

# Keys of report.json: the frozen monthly document plus what the package adds.
DOCUMENT_KEYS = frozenset({"schema", "org", "period", "revision", "finalized", "figures", "narrative", "footer"})
PACKAGE_KEYS = frozenset({"org_code", "org_name", "audit_head", "snapshot_sha256", "finalized_at"})
TOP_KEYS = DOCUMENT_KEYS | PACKAGE_KEYS
OPTIONAL_KEYS = frozenset({"correction"})
ORG_KEYS = frozenset({"name", "code", "county", "mode"})
FOOTER_KEYS = frozenset({"leader", "preparer", "phone", "date"})
FOOTER_OPTIONAL_KEYS = frozenset({"reviewer", "form_number", "form_authority"})
CORRECTION_KEYS = frozenset({"supersedes", "reason"})
MAX_COUNT = 10_000_000          # far above any township's yearly count, far below float trouble
MAX_TEXT = 20_000               # characters of the narrative; footer entries and names are shorter
MAX_SHORT_TEXT = 200
MAX_NUMBER_DIGITS = 40
MAX_SHOWN = 8                   # problems listed in the reason; the rest are counted
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_AUDIT_HEAD = re.compile(r"^[0-9A-Za-z:_-]{1,128}$")
_COUNT_NAMES = {"month": "本月数", "ytd": "元至本月数", "ytd_last_year": "去年同期数"}


class ReportJsonError(ValueError):
    """report.json cannot be read as strict JSON; the message is Chinese."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ReportJsonError(f"report.json 中的键“{key}”出现了多次")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ReportJsonError(f"report.json 含有非法的数值 {name}")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ReportJsonError(f"report.json 含有位数过多的数字（{len(text)} 位）")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise ReportJsonError(f"report.json 含有位数过多的数字（{len(text)} 位）")
    value = float(text)
    if not math.isfinite(value):
        raise ReportJsonError(f"report.json 含有超出范围的数字 {text[:20]}")
    return value


def load_report(raw: bytes) -> dict[str, Any]:
    """report.json as a dict, parsed strictly; ReportJsonError (Chinese) when it is not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportJsonError("report.json 不是 UTF-8 文本") from exc
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                          parse_int=_parse_int, parse_float=_parse_float)
    except ReportJsonError:
        raise
    except RecursionError as exc:
        raise ReportJsonError("report.json 嵌套层数过多") from exc
    except ValueError as exc:  # JSONDecodeError and friends
        raise ReportJsonError(f"report.json 不是有效的 JSON：{exc}") from exc
    if not isinstance(data, dict):
        raise ReportJsonError("report.json 的内容应为一个对象（{…}）")
    return data


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"


def _keys(obj: Any, where: str, required: frozenset[str], optional: frozenset[str] = frozenset()) -> list[str]:
    if not isinstance(obj, dict):
        return [f"{where}应为一个对象，现为 {_show(obj)}"]
    problems = []
    missing = sorted(required - obj.keys())
    unknown = sorted(obj.keys() - required - optional)
    if missing:
        problems.append(f"{where}缺少：{'、'.join(missing)}")
    if unknown:
        problems.append(f"{where}有不应有的项：{'、'.join(unknown)}")
    return problems


def _text(obj: dict, key: str, where: str, *, limit: int = MAX_SHORT_TEXT, nonempty: bool = False) -> list[str]:
    value = obj.get(key)
    if key not in obj:
        return []  # reported by _keys
    if not isinstance(value, str):
        return [f"{where}{key} 应为文字，现为 {_show(value)}"]
    if len(value) > limit:
        return [f"{where}{key} 过长（{len(value)} 字，上限 {limit} 字）"]
    if nonempty and not value.strip():
        return [f"{where}{key} 不能为空"]
    return []


def _check_figure(fig: Any, label: str) -> list[str]:
    problems = _keys(fig, f"“{label}”", frozenset(FIELDS))
    if problems:
        return problems
    counts = {}
    for name in FIELDS[:3]:
        value = fig[name]
        if not _is_int(value) or not 0 <= value <= MAX_COUNT:
            problems.append(f"“{label}”的{_COUNT_NAMES[name]}应为 0 至 {MAX_COUNT} 的整数，现为 {_show(value)}")
        else:
            counts[name] = value
    pct = fig["change_pct"]
    if pct is not None and (isinstance(pct, bool) or not isinstance(pct, int | float) or not math.isfinite(pct)):
        problems.append(f"“{label}”的同比增减应为数字或空（null），现为 {_show(pct)}")
    elif len(counts) == 3:
        if counts["month"] > counts["ytd"]:
            problems.append(f"“{label}”的本月数（{counts['month']}）大于元至本月数（{counts['ytd']}）")
        want = change_pct(counts["ytd"], counts["ytd_last_year"])
        if pct != want:
            problems.append(f"“{label}”的同比增减为 {_show(pct)}，按元至本月数和去年同期数应为 {_show(want)}")
    return problems


def _check_figures(figures: Any) -> list[str]:
    if not isinstance(figures, dict):
        return [f"统计数据（figures）应为一个对象，现为 {_show(figures)}"]
    problems: list[str] = []
    # The form's tree: inner nodes are groups ("complaints_by_channel"), leaves are figures.
    tree: dict[str, Any] = {}
    for row in ROWS:
        node = tree
        *parents, leaf = row.key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = row

    def walk(node: Any, spec: dict[str, Any], prefix: str) -> None:
        if not isinstance(node, dict):
            problems.append(f"统计数据中的“{prefix.rstrip('.')}”应为一个对象，现为 {_show(node)}")
            return
        unknown = sorted(node.keys() - spec.keys())
        if unknown:
            problems.append("统计数据中有月报表没有的项：" + "、".join(prefix + k for k in unknown))
        for name, sub in spec.items():
            if name not in node:
                label = sub.full_label if not isinstance(sub, dict) else prefix + name
                problems.append(f"统计数据缺少“{label}”（{prefix + name}）")
            elif isinstance(sub, dict):
                walk(node[name], sub, f"{prefix}{name}.")
            else:
                problems.extend(_check_figure(node[name], sub.full_label))

    walk(figures, tree, "")
    return problems


def _check_org(org: Any, cert_name: str | None, cert_code: str | None) -> list[str]:
    problems = _keys(org, "填报单位（org）", ORG_KEYS)
    if not isinstance(org, dict):
        return problems
    for key in ("name", "code", "county"):
        problems += _text(org, key, "填报单位（org）的 ", nonempty=key != "county")
    if "mode" in org and org["mode"] != "township":
        problems.append(f"填报单位（org）的 mode 应为 township（乡镇），现为 {_show(org['mode'])}")
    if cert_name is not None and "name" in org and org["name"] != cert_name:
        problems.append(f"填报单位（org）的名称为 {_show(org['name'])}，签名证书为“{cert_name}”")
    if cert_code is not None and "code" in org and org["code"] != cert_code:
        problems.append(f"填报单位（org）的单位代码为 {_show(org['code'])}，签名证书为“{cert_code}”")
    return problems


def _check_meta(report: dict, bag_audit_head: str | None) -> list[str]:
    problems: list[str] = []
    if "schema" in report and report["schema"] != SCHEMA:
        problems.append(f"schema 应为“{SCHEMA}”，现为 {_show(report['schema'])}")
    period = report.get("period")
    if "period" in report and not (isinstance(period, str) and _PERIOD.match(period)):
        problems.append(f"报告期（period）应为 YYYY-MM，现为 {_show(period)}")
    revision = report.get("revision")
    if "revision" in report and not (_is_int(revision) and 1 <= revision <= 9999):
        problems.append(f"修订号（revision）应为 1 至 9999 的整数，现为 {_show(revision)}")
    if "finalized" in report and report["finalized"] is not True:
        problems.append(f"finalized 应为 true（已定稿），现为 {_show(report['finalized'])}")
    problems += _text(report, "narrative", "", limit=MAX_TEXT)
    for key in ("org_code", "org_name"):
        problems += _text(report, key, "", nonempty=True)
    head = report.get("audit_head")
    if "audit_head" in report:
        if not (isinstance(head, str) and _AUDIT_HEAD.match(head)):
            problems.append(f"audit_head 格式不正确：{_show(head)}")
        elif bag_audit_head is not None and head != bag_audit_head:
            problems.append(f"audit_head（{head[:16]}…）与 bag-info 的 Audit-Chain-Head（{bag_audit_head[:16]}…）不一致")
    if "snapshot_sha256" in report and not (isinstance(report["snapshot_sha256"], str)
                                            and _HEX64.match(report["snapshot_sha256"])):
        problems.append(f"snapshot_sha256 应为 64 位十六进制摘要，现为 {_show(report['snapshot_sha256'])}")
    if "finalized_at" in report and report["finalized_at"] is not None:
        problems += _text(report, "finalized_at", "")
    footer = report.get("footer")
    if "footer" in report:
        problems += _keys(footer, "落款（footer）", FOOTER_KEYS, FOOTER_OPTIONAL_KEYS)
        if isinstance(footer, dict):
            for key in sorted((FOOTER_KEYS | FOOTER_OPTIONAL_KEYS) & footer.keys()):
                problems += _text(footer, key, "落款（footer）的 ")
    if "correction" in report:
        corr = report["correction"]
        problems += _keys(corr, "更正说明（correction）", CORRECTION_KEYS)
        if isinstance(corr, dict):
            sup = corr.get("supersedes")
            if "supersedes" in corr and not (_is_int(sup) and 1 <= sup < (revision if _is_int(revision) else 10_000)):
                problems.append(f"更正说明（correction）的 supersedes 应为小于本修订号的版次，现为 {_show(sup)}")
            problems += _text(corr, "reason", "更正说明（correction）的 ", limit=MAX_TEXT)
    return problems


def schema_problems(report: dict[str, Any], *, cert_name: str | None = None, cert_code: str | None = None,
                    bag_audit_head: str | None = None) -> list[str]:
    """Every way ``report`` differs from ``jijian.monthly-report/1`` as packaged (Chinese, empty if none)."""
    problems = _keys(report, "report.json ", TOP_KEYS, OPTIONAL_KEYS)
    problems += _check_meta(report, bag_audit_head)
    if "org" in report:
        problems += _check_org(report["org"], cert_name, cert_code)
    if "figures" in report:
        problems += _check_figures(report["figures"])
    return problems
