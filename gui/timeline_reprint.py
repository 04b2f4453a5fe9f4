"""重新打印 from an item's timeline: an entry that stands for a letter (``TimelineEvent.document``: the recorded
受理告知 or 反馈, a 转办, a 函询函, or an earlier print of one of them) offers 重新打印… in its context menu and on
a double click; the letter is filled from the stored record (services.reporting.notice_print.reprint_doc), shown
in the PDF preview (gui.letter_preview) and the print is added to the timeline, which is then read again.

``TimelineReprint(table, parent, reload)`` is attached once to a timeline ``QTableWidget`` whose rows are the
events given to ``set_events``; the item's number (for the preview's title) is ``number()`` of the parent
when it has one.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableWidget, QWidget

from services.reporting import notice_print

from .letter_preview import print_letter
from .operations import context_of

TITLES = {"acceptance_notice": "受理告知书", "feedback_notice": "反馈告知书", "referral_letter": "转办函",
          "inquiry_notice": "函询通知书"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineReprint", text)


class TimelineReprint:
    def __init__(self, table: QTableWidget, parent: QWidget, reload: Callable[[], None],
                 number: Callable[[], str] = lambda: ""):
        self.table, self.parent, self.reload, self.number = table, parent, reload, number
        self.events: list = []
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu_at)
        table.cellDoubleClicked.connect(lambda row, _col: self.reprint(row))

    def set_events(self, events: list) -> None:
        """The events shown, one a row; a row that can be printed again says so in its tooltip."""
        self.events = list(events)
        for row in range(len(self.events)):
            title = self.title(row)
            if title:
                for col in range(self.table.columnCount()):
                    item = self.table.item(row, col)
                    if item is not None:
                        item.setToolTip(_tr("双击或右键“重新打印{t}”").format(t=title))

    def title(self, row: int) -> str:
        """The letter's title (受理告知书…) when row ``row`` can be printed again, else ""."""
        doc = getattr(self.events[row], "document", None) if 0 <= row < len(self.events) else None
        return _tr(TITLES[doc[0]]) if doc and doc[0] in TITLES else ""

    def row_menu(self, row: int) -> QMenu | None:
        title = self.title(row)
        if not title:
            return None
        menu = QMenu(self.table)
        menu.addAction(_tr("重新打印{t}…").format(t=title)).triggered.connect(lambda: self.reprint(row))
        return menu

    def _menu_at(self, pos: QPoint) -> None:
        menu = self.row_menu(self.table.rowAt(pos.y()))
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(pos))

    def reprint(self, row: int) -> None:
        title = self.title(row)
        if not title:
            return
        code, record_id = self.events[row].document
        ws = context_of(self.parent).workspace
        print_letter(self.parent, lambda: notice_print.reprint_doc(ws, code, record_id),
                     f"{title} {self.number()}".strip(), then=self.reload)
