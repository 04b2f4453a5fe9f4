"""The ledger import's workbook: its sheets, their columns, and how each cell is read.

One ``Column`` per header (a trailing ``*`` marks a required one), with the parser that turns a cell
into the stored value (Chinese labels or the codes of DOMAIN §8, Excel dates or text, 是/否) or
raises ``ValidationError`` with the Chinese reason. ``SHEETS`` is the whole layout, in template
order; ``SHEET_PERMISSIONS`` the permission each sheet's rows need. The 信访件 columns are read raw
here and checked by the registration form's validators (``complaint_fields``).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Callable

from openpyxl.utils.datetime import from_excel

from models.enums import (MEASURE_KINDS, AccountabilityMethod, Channel, CodedEnum, ComplaintKind, Discipline,
                          Disposition, EightRulesType, LeaderPosition, LeadResult, LeadSource, LedgerOutcome, MeasureCategory, Rank,
                          Responsibility, Signature)

from services.errors import ValidationError
from services.validation import validate_date, validate_name, validate_text

COMPLAINTS, LEADS, CASES, MEASURES, LEDGER = "信访件", "问题线索", "案件", "处分处理", "一案双查"
HELP_SHEET = "填写说明"
FLAG_CHOICES = ("是", "否")


# --------------------------------------------------------------------------- cell parsers
def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _text_parser(max_length: int) -> Callable[[Any, str, dt.date], Any]:
    def parse(value: Any, label: str, today: dt.date) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return validate_text(value, label=label, max_length=max_length)
    return parse


def _name(value: Any, label: str, today: dt.date) -> str:
    return validate_name(value, label=label)


def excel_date(value: Any, label: str, today: dt.date) -> dt.date | None:
    """A date cell: an Excel serial date or text (``validation.validate_date``), not after today."""
    if isinstance(value, bool) or isinstance(value, (dt.time, dt.timedelta)):
        raise ValidationError(f"{label}格式不正确，应为“2025-01-31”这样的日期")
    if isinstance(value, (int, float)):
        if not (isinstance(value, int) or math.isfinite(value)) or not 1 <= value < 2958466:
            raise ValidationError(f"{label}格式不正确，应为“2025-01-31”这样的日期")
        value = from_excel(value)
    return validate_date(value, today, label=label, required=False)


def _flag(value: Any, label: str, today: dt.date) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in FLAG_CHOICES:
        return value.strip() == "是"
    raise ValidationError(f"{label}应填“是”或“否”（现为“{_shown(value)}”）")


def _coded(enum_cls: type[CodedEnum], aliases: dict[str, str] | None = None) -> Callable[[Any, str, dt.date], Any]:
    def parse(value: Any, label: str, today: dt.date) -> str:
        if isinstance(value, str):
            member = enum_cls.from_text(value)
            if member is not None:
                return member.value
            if aliases and value.strip() in aliases:
                return aliases[value.strip()]
        choices = "、".join(m.label for m in enum_cls)
        raise ValidationError(f"{label}“{_shown(value)}”不是可选的值，应为：{choices}")
    return parse


def _raw(value: Any, label: str, today: dt.date) -> Any:
    return value


_OUTCOME_ALIASES = {"无失职，予以了结": "closed_no_fault", "予以了结": "closed_no_fault",
                    "失职轻微，函询或廉政谈话": "inquiry", "追究问责": "held_accountable",
                    "失职严重，追究问责": "held_accountable"}
_HANDLING_ALIASES = {"诫勉谈话": "admonishment"}


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[Any, str, dt.date], Any]
    required: bool = False
    person: bool = False           # a value of one person (row), not of the item (number)
    choices: tuple[str, ...] = ()  # drop-down list of the template
    key: str = ""                  # attribute name in the parsed row

    @property
    def header(self) -> str:
        return f"{self.name}*" if self.required else self.name


def _measure_labels() -> tuple[str, ...]:
    out: list[str] = []
    for enum_cls in MEASURE_KINDS.values():
        out += [m.label for m in enum_cls if m.label not in out]
    return tuple(out)


TEXT40, TEXT100, TEXT2000 = _text_parser(40), _text_parser(100), _text_parser(2000)
SHEETS: dict[str, tuple[Column, ...]] = {
    COMPLAINTS: (
        Column("编号", TEXT40, True, key="number"),
        Column("收件日期", _raw, True, key="received_date"),
        Column("来源渠道", _raw, True, choices=Channel.labels(), key="channel"),
        Column("类型", _raw, True, choices=ComplaintKind.labels(), key="kind"),
        Column("署名情况", _raw, True, choices=Signature.labels(), key="signature"),
        Column("反映人", _raw, key="complainant_name"),
        Column("联系电话", _raw, key="complainant_phone"),
        Column("身份证号", _raw, key="complainant_id_number"),
        Column("住址", _raw, key="complainant_address"),
        Column("被反映人", _raw, person=True, key="subject_name"),
        Column("单位职务", _raw, person=True, key="subject_post"),
        Column("职级", _raw, person=True, choices=Rank.labels(), key="subject_rank"),
        Column("问题类别", _raw, choices=Discipline.labels(), key="discipline"),
        Column("主要问题", _raw, key="main_problem"),
        Column("是否重复件", _raw, choices=FLAG_CHOICES, key="is_repeat"),
        Column("原信访件编号", _raw, key="repeat_of"),
    ),
    LEADS: (
        Column("线索编号", TEXT40, True, key="number"),
        Column("线索来源", _coded(LeadSource), True, choices=LeadSource.labels(), key="source"),
        Column("关联信访件编号", TEXT40, key="complaint"),
        Column("被反映人", _name, True, person=True, key="name"),
        Column("单位职务", TEXT100, person=True, key="post"),
        Column("职级", _coded(Rank), person=True, choices=Rank.labels(), key="rank"),
        Column("是否中共党员", _flag, person=True, choices=FLAG_CHOICES, key="party"),
        Column("处置方式", _coded(Disposition), True, choices=Disposition.labels(), key="disposition"),
        Column("处置日期", excel_date, True, key="disposition_date"),
        Column("办结日期", excel_date, key="result_date"),
        Column("办结结果", _coded(LeadResult), choices=LeadResult.labels(), key="result"),
        # blank: carried from the 关联信访件 as 受理 carries it (ledger_check._check_lead_classification)
        Column("是否违反八项规定", _flag, choices=FLAG_CHOICES, key="eight_rules"),
        Column("八项规定问题类型", _coded(EightRulesType), choices=EightRulesType.labels(), key="eight_rules_type"),
    ),
    CASES: (
        Column("案件编号", TEXT40, True, key="number"),
        Column("关联线索编号", TEXT40, key="lead"),
        Column("被调查人", _name, True, person=True, key="name"),
        Column("单位职务", TEXT100, person=True, key="post"),
        Column("职级", _coded(Rank), person=True, choices=Rank.labels(), key="rank"),
        Column("是否中共党员", _flag, True, person=True, choices=FLAG_CHOICES, key="party"),
        Column("是否监察对象", _flag, True, person=True, choices=FLAG_CHOICES, key="supervised"),
        Column("立案日期", excel_date, True, key="filing_date"),
        Column("结案日期", excel_date, key="closing_date"),
        Column("是否违反八项规定", _flag, choices=FLAG_CHOICES, key="eight_rules"),
    ),
    MEASURES: (
        Column("编号", TEXT40, True, key="owner"),
        Column("姓名", _name, True, key="name"),
        Column("类别", _coded(MeasureCategory), True, choices=MeasureCategory.labels(), key="category"),
        Column("处理措施", _raw, True, choices=_measure_labels(), key="kind"),
        Column("决定日期", excel_date, True, key="decision_date"),
        Column("文号", TEXT100, key="document_number"),
    ),
    LEDGER: (
        Column("台账编号", TEXT40, True, key="number"),
        Column("关联案件编号", TEXT40, True, key="case"),
        Column("涉及单位", TEXT100, True, key="unit"),
        Column("建账日期", excel_date, True, key="entry_date"),
        Column("领导干部姓名", _name, True, person=True, key="name"),
        Column("职务", TEXT100, person=True, key="post"),
        Column("岗位类别", _coded(LeaderPosition), person=True, choices=LeaderPosition.labels(), key="position"),
        Column("责任类型", _coded(Responsibility), True, person=True, choices=Responsibility.labels(),
               key="responsibility"),
        Column("处理结果", _coded(LedgerOutcome, _OUTCOME_ALIASES), True, person=True,
               choices=LedgerOutcome.labels(), key="outcome"),
        Column("结果日期", excel_date, True, person=True, key="outcome_date"),
        Column("追责方式", _coded(AccountabilityMethod), person=True, choices=AccountabilityMethod.labels(),
               key="method"),
        Column("追责依据", TEXT2000, person=True, key="basis"),
    ),
}
SHEET_PERMISSIONS = {COMPLAINTS: "complaint.register", LEADS: "lead.manage", CASES: "case.manage",
                     MEASURES: "measure.manage", LEDGER: "ledger.manage"}
# The 办结结果 each 处置方式 may end with.
LEAD_RESULTS = {
    Disposition.talk_inquiry.value: {LeadResult.concluded.value, LeadResult.clarified.value,
                                     LeadResult.to_verification.value},
    Disposition.preliminary_verification.value: {LeadResult.case_filed.value, LeadResult.concluded.value,
                                                 LeadResult.reminder_talk.value, LeadResult.transferred.value},
}


def measure_kind(category: str, value: Any) -> str:
    """The code of a 处理措施 cell within its 类别 (the 党纪/政务 prefix may be left off)."""
    enum_cls = MEASURE_KINDS[MeasureCategory(category)]
    if isinstance(value, str):
        text = value.strip()
        member = enum_cls.from_text(text)
        if member is None and category != MeasureCategory.handling.value:
            member = enum_cls.from_text(text.removeprefix("党纪").removeprefix("政务"))
        if member is not None:
            return member.value
        if category == MeasureCategory.handling.value and text in _HANDLING_ALIASES:
            return _HANDLING_ALIASES[text]
    label = MeasureCategory(category).label
    raise ValidationError(f"“{_shown(value)}”不是{label}的处理措施，应为：{'、'.join(m.label for m in enum_cls)}")
