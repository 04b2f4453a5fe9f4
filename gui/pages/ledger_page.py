"""一案双查 page: the accountability ledger entries, filtered by date and searched by number, unit or leader."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from .leads_page import ItemListPage


class LedgerPage(ItemListPage):
    entity = "ledger"
    title_text = QT_TRANSLATE_NOOP("ItemListPage", "一案双查")
    new_text = QT_TRANSLATE_NOOP("ItemListPage", "新建台账")
    show_due = False

    def date_label(self) -> str:
        return self.tr("台账日期")

    def column_widths(self) -> dict[str, int]:
        return {"number": 120, "case_number": 120, "unit": 220, "leaders": 180}

    def empty_text(self) -> str:
        return self.tr("还没有一案双查台账。对每起案件，可点击“新建台账”记录相关单位领导干部的履责核查情况。")

    def make_form(self, item_id: int | None) -> QWidget:
        from ..dialogs.ledger_form import LedgerForm
        return LedgerForm(self.ctx, item_id, parent=self)
