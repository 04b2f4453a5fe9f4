"""The monthly report's figures as a read-only table, in the printed form's order (one builder for
the 月报 page and the county's 汇总)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from services.errors import ValidationError
from services.reporting import layout

from .table_tips import full_text_tips
from .vocabulary import term

SECTION_BG = QColor("#eceef1")
GROUP_FG = QColor("#4b5563")
COLUMN_WIDTHS = (40, 56, 76, 76, 96)  # 单位, 本月, 元至本月, 去年同期, 同比增减


def build_figures_table() -> tuple[QTableWidget, dict[str, int]]:
    """The table and the row of each figure key."""
    lines = list(layout.iter_form_lines())
    cols = len(layout.COLUMN_TITLES)
    table = QTableWidget(len(lines), cols)
    table.setHorizontalHeaderLabels([term(t) for t in layout.COLUMN_TITLES])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col, width in zip(range(1, cols), COLUMN_WIDTHS):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(col, width)
    bold = QFont(table.font())
    bold.setBold(True)
    rows: dict[str, int] = {}
    for r, line in enumerate(lines):
        item = QTableWidgetItem("　" * line.indent + term(line.text))
        if line.kind == "row":
            item.setData(Qt.ItemDataRole.UserRole, line.row.key)
            item.setToolTip(term(line.row.full_label))
            table.setItem(r, 0, item)
            unit = QTableWidgetItem(term(line.row.unit))
            unit.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, 1, unit)
            for c in range(2, cols):
                cell = QTableWidgetItem("")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, cell)
            rows[line.row.key] = r
            continue
        table.setSpan(r, 0, 1, cols)
        if line.kind == "section":
            item.setFont(bold)
            item.setBackground(QBrush(SECTION_BG))
        else:
            item.setForeground(QBrush(GROUP_FG))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        table.setItem(r, 0, item)
    table.verticalHeader().setDefaultSectionSize(26)
    full_text_tips(table)
    return table, rows


def figures_width(table: QTableWidget) -> int:
    """The width at which no item name is cut (the item column's contents, the fixed columns, the scroll bar)."""
    metrics = table.fontMetrics()
    names = max([metrics.horizontalAdvance(table.item(r, 0).text()) + 16 for r in range(table.rowCount())
                 if table.item(r, 0) is not None and table.columnSpan(r, 0) == 1]   # a heading spans the row
                + [table.horizontalHeader().sectionSizeHint(0)])
    rest = sum(table.columnWidth(c) for c in range(1, table.columnCount()))
    return names + rest + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 4


def fill_figures(table: QTableWidget, rows: dict[str, int], figures: dict | None) -> None:
    """Show ``figures`` (None clears); a key missing from them shows empty cells."""
    for key, r in rows.items():
        try:
            fig = layout.get_figure(figures, key) if figures else {}
        except ValidationError:
            fig = {}
        values = (layout.format_count(fig.get("month")), layout.format_count(fig.get("ytd")),
                  layout.format_count(fig.get("ytd_last_year")), layout.format_pct(fig.get("change_pct")))
        for c, text in enumerate(values, start=2):
            table.item(r, c).setText(text if fig else "")
