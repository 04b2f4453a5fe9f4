"""The domain's words as the interface shows them: vocabulary labels, list column titles, setting names.

The services speak Chinese (``models.enums`` labels, ``listing`` column titles, declared settings): they are
the stored and printed language of the office. The interface translates them at display time through Qt's
machinery in one context, ``Vocabulary``; ``scripts/update_translations.py`` puts every such text into the
catalogue (lupdate cannot see them: they are data, not ``tr("…")`` literals). In the Chinese build
``term`` returns its argument unchanged.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Vocabulary"


def term(text: str | None) -> str:
    """``text`` (a domain word such as 来信 or 立案日期) in the interface language; "" for None."""
    if not text:
        return ""
    return QCoreApplication.translate(CONTEXT, text)


def unknown_year_text(year: int) -> str:
    """The banner for a year whose holiday schedule is only estimated: the words of
    ``services.deadlines.workdays.unknown_year_warning`` (a test keeps them equal) in the interface language."""
    return QCoreApplication.translate(
        "Calendar",
        "{year}年的法定节假日和调休安排尚未录入系统，目前按周末和法定节日估算工作日（不含调休上班日），"
        "期限可能不准确。请在“设置—办理时限与节假日”中按国务院办公厅公布的{year}年放假安排录入或导入，"
        "全部录入后点“确认已完整录入”。").format(year=year)


def password_rule_text(minimum: int) -> str:
    """``services.security.users.password_rule`` in the interface language (a test keeps the words equal)."""
    return QCoreApplication.translate("PasswordRule", "至少 {n} 个字符，首尾不能是空格").format(n=minimum)


def period_label(period: str) -> str:
    """A report period "2026-11" as the interface shows it ("2026年11月" in Chinese, as
    ``services.reporting.layout.period_text``); ValueError for anything else."""
    year, month = (int(part) for part in period.split("-"))
    if not 1 <= month <= 12:
        raise ValueError(period)
    return QCoreApplication.translate("Period", "{y}年{m}月").format(y=year, m=month)
