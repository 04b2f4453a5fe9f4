"""设置 — 办理时限与节假日, the small pieces its parts share: the tab's translation context, a day and its kind
as text, read-only table items, headings and hints, a table fitted to its rows."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem

__all__ = ["day_text", "fit_height", "heading", "hint", "kind_text", "tab_tr", "table_item"]

_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def tab_tr(text: str) -> str:
    """Translate in the DeadlinesTab context (for text built outside the tab's methods)."""
    return QCoreApplication.translate("DeadlinesTab", text)


def day_text(day: dt.date) -> str:
    """2026-11-23（周一）"""
    return f"{day.isoformat()}（{tab_tr(_WEEKDAYS[day.weekday()])}）"


def kind_text(is_workday: bool) -> str:
    return tab_tr("调休上班") if is_workday else tab_tr("放假")


def table_item(text: str, align_center: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("PageLead")
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def fit_height(table: QTableWidget, rows: int) -> None:
    """Make the table exactly as tall as ``rows`` rows (no inner scroll bar for a short table)."""
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount())) if table.rowCount() else 0
    if table.rowCount() < rows:
        height += (rows - table.rowCount()) * table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height)
