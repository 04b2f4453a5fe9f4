"""The reminder "您有 N 项已超期、M 项即将到期": a link-like button at sign-in (the status bar) and on the 工作台;
a click goes to the due list. Hidden while nothing is due."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from services.deadlines import due_list


class DueReminder(QPushButton):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DueReminder")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QPushButton#DueReminder { color: #9b1c1c; font-weight: bold; text-align: left;"
                           " border: none; padding: 2px 4px; text-decoration: underline; }")
        self.setToolTip(self.tr("查看即将到期和已超期事项"))
        self.counts = (0, 0)
        self.hide()

    def set_rows(self, rows) -> None:
        """``rows``: the due list (``due_list.due_items``)."""
        overdue, soon = self.counts = due_list.due_counts(rows)
        self.setText(self.tr("您有 {o} 项已超期、{s} 项即将到期").format(o=overdue, s=soon))
        self.setVisible(bool(overdue or soon))
