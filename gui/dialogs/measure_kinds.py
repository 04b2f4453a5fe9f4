"""The measure form's kind list: the handling kinds under the two headings of DOMAIN §4.

组织处理 (停职检查 · 调整职务 · 责令辞职 · 免职 · 降职) and 教育提醒/其他处理 (the rest, 通报曝光 and 移送司法机关
among them) share the one stored category ``handling``; on screen each heading is a line that cannot be
chosen, above its kinds.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox

from models.enums import HANDLING_GROUPS, MEASURE_KINDS, MeasureCategory
from services.casework import sanction_rules


def tr(text: str) -> str:
    return QCoreApplication.translate("MeasureKinds", text)


def handling_category_text() -> str:
    """What the category combo shows for ``handling``: both headings, not 组织处理 alone."""
    return tr("组织处理/其他处理")


def label_categories(combo: QComboBox) -> None:
    index = combo.findData(MeasureCategory.handling.value)
    if index >= 0:
        combo.setItemText(index, handling_category_text())


def fill_kinds(combo: QComboBox, category: MeasureCategory | None) -> None:
    """Fill ``combo`` with the kinds of ``category`` (data: the code); handling kinds under their headings,
    none selected: the combo shows the placeholder 请选择处分/处理方式 until the user picks one."""
    combo.clear()
    combo.setPlaceholderText(tr("请选择处分/处理方式"))
    if category == MeasureCategory.handling:
        for title, kinds in HANDLING_GROUPS:
            combo.addItem(f"— {tr(title)} —", None)
            heading = combo.model().item(combo.count() - 1)
            heading.setFlags(heading.flags() & ~(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled))
            for m in kinds:
                combo.addItem(m.label, m.value)
    else:
        for m in MEASURE_KINDS.get(category, ()):
            combo.addItem(m.label, m.value)
    combo.setMaxVisibleItems(max(combo.count(), 1))   # every kind and heading without scrolling
    combo.setCurrentIndex(-1)


def period_texts(kind: str, end: dt.date | None) -> tuple[str, str]:
    """(row label, value) of a saved measure's period: 政务处分期间至 for a government sanction, 影响期至
    otherwise; "无…" when the kind has none."""
    period = tr(sanction_rules.period_name(kind))
    return tr("{period}至").format(period=period), end.isoformat() if end else tr("无{period}").format(period=period)
