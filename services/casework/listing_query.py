"""What a list shows and how it is asked for: the entities, their columns, the query, its checks.

``ListQuery`` holds a list page's filters, search text and sort; ``check_query`` refuses a bad one
with a Chinese message; ``sort_cols`` gives its ORDER BY columns (the id last, the unique
tiebreaker). The SQL conditions of the filters are in ``listing_filters``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from models import Case, Complaint, Lead, LedgerEntry

from services.errors import ValidationError

ENTITIES = ("complaint", "lead", "case", "ledger")
VIEW_PERM = {"complaint": "complaint.view", "lead": "lead.view", "case": "case.view", "ledger": "case.view"}
FTS_MIN = 3  # a search term this long goes to the full-text index

#: (key, Chinese header, sortable) per entity, in display order.
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "complaint": [
        ("number", "编号", True), ("received_date", "收件日期", True), ("channel", "来源渠道", True),
        ("kind", "类型", True), ("signature", "署名情况", True), ("subjects", "被反映人", False),
        ("units", "单位", False), ("ranks", "职级", False), ("discipline", "问题类别", True),
        ("main_problem", "反映的主要问题", False), ("state", "办理状态", True), ("state_date", "状态日期", True),
        ("is_repeat", "重复件", True),
    ],
    "lead": [
        ("number", "编号", True), ("received_date", "收到日期", True), ("source", "线索来源", True),
        ("persons", "涉及人员", False), ("summary", "线索摘要", False), ("disposition", "处置方式", True),
        ("disposition_date", "处置日期", True), ("approved", "书记审批", False), ("result", "办理结果", True),
        ("result_date", "结果日期", True),
    ],
    "case": [
        ("number", "编号", True), ("filing_date", "立案日期", True), ("title", "案件名称", True),
        ("persons", "被调查人", False), ("stage", "阶段", True), ("closing_date", "结案日期", True),
        ("eight_rules", "违反中央八项规定精神", True),
    ],
    "ledger": [
        ("number", "编号", True), ("entry_date", "台账日期", True), ("case_number", "案件编号", False),
        ("unit", "被检查单位", True), ("leaders", "领导干部", False), ("outcomes", "处理结果", False),
    ],
}

MODEL = {"complaint": Complaint, "lead": Lead, "case": Case, "ledger": LedgerEntry}
#: The order of a list when no column was picked (the GUI marks that column as sorted).
DEFAULT_SORT = {"complaint": "received_date", "lead": "received_date", "case": "filing_date", "ledger": "entry_date"}
# Sort keys that are not plain columns of the entity's table.
_SORT_EXPR = {("complaint", "number"): (Complaint.year, Complaint.seq)}


@dataclass
class ListQuery:
    entity: str = "complaint"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    states: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    disciplines: list[str] = field(default_factory=list)
    text: str = ""
    sort_key: str | None = None
    descending: bool = True
    sources: list[str] = field(default_factory=list)  # leads: 线索来源; ledger: —
    dispositions: list[str] = field(default_factory=list)  # leads: 处置方式, ANDed with the states
    # complaints: the complainant's phone or ID number, found through the blind index (identity.view)
    complainant: str = ""
    # complaints, leads: 办理事项 (models.enums.ComplaintFollowUp / LeadFollowUp; casework.followup_filters)
    followups: list[str] = field(default_factory=list)


def search_terms(text: str) -> list[str]:
    """The search box's terms (split at spaces, at most eight)."""
    return [t for t in re.split(r"\s+", (text or "").strip()) if t][:8]


def search_hint(text: str) -> str:
    """A hint for the search box when a term is too short for full-text search."""
    if any(len(t) < FTS_MIN for t in search_terms(text)):
        return "一两个字只查找被反映人姓名、单位的开头和完整编号；输入三个字以上可查找问题内容"
    return ""


def check_query(q: ListQuery) -> None:
    """Refuse a query no list can answer (unknown list, dates reversed, complainant look-up off complaints)."""
    if q.entity not in ENTITIES:
        raise ValidationError(f"未知的列表：{q.entity}", field="entity")
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ValidationError("起始日期不能晚于截止日期", field="date_from")
    if q.complainant.strip() and q.entity != "complaint":
        raise ValidationError("只有信访件可以按反映人电话或身份证号查找", field="complainant")


def sort_cols(q: ListQuery) -> tuple:
    """The ORDER BY columns, the id last as the unique tiebreaker."""
    model = MODEL[q.entity]
    key = q.sort_key or DEFAULT_SORT[q.entity]
    sortable = {k for k, _, s in COLUMNS[q.entity] if s}
    if key not in sortable:
        raise ValidationError(f"不能按“{key}”排序", field="sort_key")
    cols = _SORT_EXPR.get((q.entity, key)) or (getattr(model, key),)
    return (*cols, model.id)
