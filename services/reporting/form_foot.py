"""The printed form's official foot (表尾), one wording for the PDF and the workbook.

单位（盖章）, 负责人 (signed), 审核人, 填表人, 联系电话, 填报日期, then 表号 and 制表机关. The document's
``footer`` holds them as strings: the draft's own (leader, reviewer, preparer, phone, date, each
defaulting to its setting) and the form's marks (form_number, form_authority: settings only, the
same on every report), so a frozen revision keeps what was printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy.orm import Session

from services.reporting.layout import cn_date
from services.storage import settings

DRAFT_KEYS: tuple[str, ...] = ("leader", "reviewer", "preparer", "phone", "date")
MARK_KEYS: tuple[str, ...] = ("form_number", "form_authority")
DRAFT_DEFAULTS = {"leader": settings.REPORT_LEADER, "reviewer": settings.REPORT_REVIEWER,
                  "preparer": settings.REPORT_PREPARER, "phone": settings.REPORT_PHONE}
MARK_SETTINGS = {"form_number": settings.REPORT_FORM_NUMBER, "form_authority": settings.REPORT_FORM_AUTHORITY}


@dataclass(frozen=True)
class FootLine:
    text: str
    signed: bool = False   # a signature line: printed with a rule to sign on


def default_footer(session: Session, today_iso: str) -> dict[str, str]:
    """Every foot item from the settings (the date: today)."""
    out = {k: str(settings.get(session, spec) or "") for k, spec in DRAFT_DEFAULTS.items()}
    out["date"] = today_iso
    out.update({k: str(settings.get(session, spec) or "") for k, spec in MARK_SETTINGS.items()})
    return out


def foot_lines(doc: Mapping[str, Any]) -> list[FootLine]:
    """The signing lines, in print order (a document without an item prints it empty)."""
    foot = doc.get("footer") or {}
    return [
        FootLine(f"单位（盖章）：{doc['org']['name']}"),
        FootLine(f"负责人（签字）：{foot.get('leader', '')}", signed=True),
        FootLine(f"审核人：{foot.get('reviewer', '')}", signed=True),
        FootLine(f"填表人：{foot.get('preparer', '')}", signed=True),
        FootLine(f"联系电话：{foot.get('phone', '')}"),
        FootLine(f"填报日期：{cn_date(foot.get('date'))}"),
    ]


def mark_texts(doc: Mapping[str, Any]) -> tuple[str, str]:
    """("表号：…", "制表机关：…") printed below the foot."""
    foot = doc.get("footer") or {}
    return f"表号：{foot.get('form_number', '')}", f"制表机关：{foot.get('form_authority', '')}"
