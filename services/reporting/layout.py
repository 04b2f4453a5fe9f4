"""The monthly report's rows: one table shared by the PDF, the Excel workbook, the CLI and the GUI.

Free of ReportLab/openpyxl on purpose. A *key path* names one figure in the document's
``figures`` dict, e.g. ``"complaints_by_channel.letter"``; each figure is a dict with
``month``, ``ytd``, ``ytd_last_year`` (int) and ``change_pct`` (float or None). The rows by channel,
kind and disposition are those of ``models.enums``, in its order and with its labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator, Literal, Mapping

from models.enums import Channel, ComplaintKind, Disposition
from services.errors import ValidationError

SCHEMA = "jijian.monthly-report/1"
FIELDS: tuple[str, ...] = ("month", "ytd", "ytd_last_year", "change_pct")
COLUMN_TITLES: tuple[str, ...] = ("项目", "单位", "本月", "元至本月", "去年同期", "同比增减(%)")
NONE_TEXT = "—"
TITLE = "信访举报及案件办理情况月报"
COUNTY_TITLE = "信访举报及案件办理情况月报汇总表"

# Headline figures of the county's per-township table (元至本月).
HEADLINE_KEYS: tuple[str, ...] = (
    "complaints_received", "leads_disposed", "cases_filed", "cases_closed", "persons_sanctioned",
)


@dataclass(frozen=True)
class Section:
    code: str
    title: str


@dataclass(frozen=True)
class Row:
    key: str          # key path into ``figures``
    label: str        # short label as printed on the form
    unit: str
    indent: int       # 0 = headline, 1 = sub-item, 2 = item under a group caption
    section: str      # Section.code
    group: str | None = None   # caption printed once above a run of rows ("按来源渠道分")
    parent: str | None = None  # label of the figure this row is a part of, for full_label
    printed: bool = True       # False: a figure of the document that the printed form does not repeat

    @property
    def full_label(self) -> str:
        """Unambiguous label out of context, e.g. "收到信访举报（来信）"."""
        return f"{self.parent}（{self.label}）" if self.parent else self.label


@dataclass(frozen=True)
class FormLine:
    """One printed line of the form: a section header, a group caption or a figure row."""

    kind: Literal["section", "group", "row"]
    text: str
    indent: int = 0
    row: Row | None = None


SECTIONS: tuple[Section, ...] = (
    Section("complaints", "一、信访举报"),
    Section("leads", "二、问题线索处置"),
    Section("cases", "三、立案和结案"),
    Section("sanctions", "四、处分"),
    Section("four_forms", "五、运用监督执纪“四种形态”"),
    Section("eight_rules", "六、违反中央八项规定精神问题及诫勉、通报曝光"),
    Section("double_investigation", "七、一案双查"),
)


def _build_rows() -> tuple[Row, ...]:
    rows: list[Row] = []

    def add(key: str, label: str, unit: str, indent: int, section: str,
            group: str | None = None, parent: str | None = None, printed: bool = True) -> None:
        rows.append(Row(key, label, unit, indent, section, group, parent, printed))

    s = "complaints"
    received = "收到信访举报"   # every item received, accepted or not (DOMAIN §7): not 受理
    add("complaints_received", received, "件", 0, s)
    for channel in Channel:
        add(f"complaints_by_channel.{channel.value}", channel.label, "件", 2, s, "按来源渠道分", received)
    for kind in ComplaintKind:
        add(f"complaints_by_kind.{kind.value}", kind.label, "件", 2, s, "按类型分", received)
    add("complaints_repeat", "其中：重复件", "件", 1, s, None, None)

    s = "leads"
    add("leads_disposed", "处置问题线索", "件", 0, s)
    for disposition in Disposition:
        add(f"leads_by_disposition.{disposition.value}", disposition.label, "件", 2, s, "按处置方式分", "处置问题线索")
    # 初核 is the 初步核实 row above: kept in the document (its schema lists it), not printed twice
    add("preliminary_verifications", "初核", "件", 0, s, printed=False)

    s = "cases"
    add("cases_filed", "立案", "件", 0, s)
    add("cases_closed", "结案", "件", 0, s)

    s = "sanctions"
    add("persons_sanctioned", "处分人数", "人", 0, s)
    add("party_sanctions", "党纪处分", "人", 1, s, None, "处分人数")
    add("government_sanctions", "政务处分", "人", 1, s, None, "处分人数")

    s = "four_forms"
    for i, numeral in enumerate("一二三四", start=1):
        add(f"four_forms.form{i}", f"第{numeral}种形态", "人次", 1, s, None, "四种形态")

    s = "eight_rules"
    add("eight_rules_cases", "查处违反中央八项规定精神问题", "起", 0, s)
    add("eight_rules_persons", "处理人数", "人", 1, s, None, "违反中央八项规定精神问题")
    add("eight_rules_sanctioned", "其中：党纪政务处分", "人", 2, s, None, "违反中央八项规定精神问题")
    add("admonishment_talks", "诫勉", "人", 0, s)
    add("public_exposures", "通报曝光", "起", 0, s)

    s = "double_investigation"
    parent = "一案双查"
    add("double_investigation.ledgers", "一案双查台账", "份", 0, s)
    add("double_investigation.units", "涉及单位", "个", 1, s, None, parent)
    add("double_investigation.leaders", "涉及领导干部", "名", 1, s, None, parent)
    add("double_investigation.closed_no_fault", "了结", "名", 2, s, "按处理结果分", parent)
    add("double_investigation.talk_or_inquiry", "函询和廉政谈话", "名", 2, s, "按处理结果分", parent)
    add("double_investigation.held_accountable", "追究问责", "名", 2, s, "按处理结果分", parent)
    return tuple(rows)


ROWS: tuple[Row, ...] = _build_rows()
_BY_KEY: dict[str, Row] = {row.key: row for row in ROWS}
assert len(_BY_KEY) == len(ROWS), "duplicate key path in ROWS"


def iter_rows(section: str | None = None) -> Iterator[Row]:
    """The figure rows in form order, optionally of one section."""
    return (row for row in ROWS if section is None or row.section == section)


def iter_form_lines() -> Iterator[FormLine]:
    """Every printed line: section headers, group captions and figure rows, in order."""
    for section in SECTIONS:
        yield FormLine("section", section.title)
        group: str | None = None
        for row in iter_rows(section.code):
            if not row.printed:
                continue
            if row.group and row.group != group:
                yield FormLine("group", f"{row.group}：", max(row.indent - 1, 0))
            group = row.group
            yield FormLine("row", row.label, row.indent, row)


def all_key_paths() -> list[str]:
    return [row.key for row in ROWS]


def zero_figures() -> dict[str, Any]:
    """A figures dict with every row of the form, all counts 0 and no 同比 (nested by key path)."""
    tree: dict[str, Any] = {}
    for key in all_key_paths():
        node = tree
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = {"month": 0, "ytd": 0, "ytd_last_year": 0, "change_pct": None}
    return tree


def row_for(key_path: str) -> Row:
    try:
        return _BY_KEY[key_path]
    except KeyError:
        raise ValidationError(f"月报没有“{key_path}”这一项。", field=key_path) from None


def get_figure(figures: Mapping[str, Any], key_path: str) -> dict[str, Any]:
    """The figure at ``key_path`` ("a.b"), or a ValidationError naming the missing item."""
    node: Any = figures
    for part in key_path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            label = _BY_KEY[key_path].full_label if key_path in _BY_KEY else key_path
            raise ValidationError(f"月报数据缺少“{label}”（{key_path}）。", field=key_path)
        node = node[part]
    if not isinstance(node, Mapping):
        raise ValidationError(f"月报数据“{key_path}”格式不对。", field=key_path)
    return dict(node)


def leaf_key_paths(figures: Mapping[str, Any]) -> list[str]:
    """Key paths of every figure (a dict holding ``month``) found in a figures dict."""
    found: list[str] = []

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        for name, value in node.items():
            path = f"{prefix}{name}"
            if isinstance(value, Mapping) and "month" in value:
                found.append(path)
            elif isinstance(value, Mapping):
                walk(value, path + ".")
            else:
                found.append(path)

    walk(figures, "")
    return found


def format_count(value: int | None) -> str:
    return NONE_TEXT if value is None else str(value)


def format_pct(value: float | None) -> str:
    """One decimal, "—" when there is no base (last year 0)."""
    return NONE_TEXT if value is None else f"{value:.1f}"


def period_text(period: str) -> str:
    """"2026-11" -> "2026年11月"."""
    year, month = period.split("-")
    return f"{int(year)}年{int(month)}月"


def report_title(doc: Mapping[str, Any]) -> str:
    return COUNTY_TITLE if doc["org"].get("mode") == "county" else TITLE


def cn_date(value: str | None) -> str:
    """"2026-12-01" -> "2026年12月1日"; anything else is printed as given."""
    if not value:
        return ""
    try:
        d = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{d.year}年{d.month}月{d.day}日"


_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _check_figures(figures: Any, where: str, problems: list[ValidationError]) -> None:
    if not isinstance(figures, Mapping):
        problems.append(ValidationError(f"{where}缺少统计数据（figures）。", field="figures"))
        return
    for row in ROWS:
        try:
            fig = get_figure(figures, row.key)
        except ValidationError as exc:
            problems.append(ValidationError(f"{where}{exc.message}", field=row.key))
            continue
        for name in FIELDS[:3]:
            value = fig.get(name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(ValidationError(
                    f"{where}“{row.full_label}”的{_FIELD_NAMES[name]}应为非负整数，现为 {value!r}。",
                    field=f"{row.key}.{name}"))
        pct = fig.get("change_pct")
        if pct is not None and (isinstance(pct, bool) or not isinstance(pct, (int, float))):
            problems.append(ValidationError(
                f"{where}“{row.full_label}”的同比增减应为数字或空，现为 {pct!r}。", field=f"{row.key}.change_pct"))


_FIELD_NAMES = {"month": "本月数", "ytd": "元至本月数", "ytd_last_year": "去年同期数"}


def validate_document(doc: Any) -> None:
    """Raise one ValidationError (with every problem in ``problems``) if the document is unusable."""
    problems: list[ValidationError] = []
    if not isinstance(doc, Mapping):
        raise ValidationError("月报文档格式不对：应为一个字典。")
    if doc.get("schema") != SCHEMA:
        problems.append(ValidationError(
            f"月报文档版本不对：应为 {SCHEMA}，现为 {doc.get('schema')!r}。", field="schema"))
    org = doc.get("org")
    if not isinstance(org, Mapping) or not str(org.get("name") or "").strip():
        problems.append(ValidationError("月报缺少填报单位名称。", field="org.name"))
    elif org.get("mode") not in ("township", "county"):
        problems.append(ValidationError("填报单位类型应为乡镇（township）或县（county）。", field="org.mode"))
    if not isinstance(doc.get("period"), str) or not _PERIOD.match(doc["period"]):
        problems.append(ValidationError(
            f"报告期格式不对：应为“年-月”如 2026-11，现为 {doc.get('period')!r}。", field="period"))
    revision = doc.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        problems.append(ValidationError("修订版次应为从 1 开始的整数。", field="revision"))
    _check_figures(doc.get("figures"), "", problems)
    for i, town in enumerate(doc.get("townships") or []):
        if not isinstance(town, Mapping) or not town.get("name"):
            problems.append(ValidationError(f"第 {i + 1} 个乡镇缺少名称。", field="townships"))
            continue
        if town.get("submitted") and town.get("figures") is not None:
            _check_figures(town["figures"], f"乡镇“{town['name']}”：", problems)
    if problems:
        head = problems[0].message
        more = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
        raise ValidationError(f"月报无法生成：{head}{more}", field=problems[0].field, problems=problems)
