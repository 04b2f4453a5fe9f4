"""A cut table cell shows its full text as its tooltip: one helper for every table and list view.

``full_text_tips(view)`` installs it on a QTableView/QTableWidget. A cell whose model gives its own tooltip
keeps that one; otherwise, when the cell's text is wider than the cell (Qt cut it to "…"), hovering shows
the whole text; a cell that fits shows none.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyle, QToolTip

CELL_PADDING = 0   # beyond the focus frame margins Qt keeps on both sides of a cell's text


def cut_text(view: QAbstractItemView, index: QModelIndex) -> str | None:
    """The full text of the cell at ``index`` when the cell is too narrow for it, else None."""
    if not index.isValid():
        return None
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text in (None, ""):
        return None
    text = str(text)
    rect = view.visualRect(index)
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [text])
    if widest + 2 * margin + CELL_PADDING > rect.width():
        return text
    if len(text.splitlines()) * metrics.lineSpacing() > rect.height() + 2:   # a wrapped cell cut at the bottom
        return text
    return None


def cell_tooltip(view: QAbstractItemView, index: QModelIndex) -> str | None:
    """What hovering the cell shows: the model's own tooltip, else the full text of a cut cell."""
    own = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
    return str(own) if own else cut_text(view, index)


class _FullTextTips(QObject):
    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        view = getattr(self, "_view", None)
        if view is None or event.type() != QEvent.Type.ToolTip or obj is not view.viewport():
            return False
        index = view.indexAt(event.pos())
        if index.isValid() and index.data(Qt.ItemDataRole.ToolTipRole):
            return False                                  # the model's own tooltip, shown by Qt
        text = cut_text(view, index)
        if text:
            QToolTip.showText(event.globalPos(), text, view.viewport(), view.visualRect(index))
        else:
            QToolTip.hideText()
        return True


def full_text_tips(view: QAbstractItemView) -> QAbstractItemView:
    """Install the helper on ``view`` (returned, for chaining)."""
    _FullTextTips(view)
    return view


def widen_to_headers(view) -> None:
    """No column narrower than its own title (with room for the sort arrow): the widths are set for the
    Chinese titles, a translation's ("Date received") may be longer."""
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    model = view.model()
    for col in range(model.columnCount()):
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        need = metrics.horizontalAdvance(title) + 28
        if view.columnWidth(col) < need:
            view.setColumnWidth(col, need)
