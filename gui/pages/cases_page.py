"""案件 page: filters by 立案日期, 阶段, 职级 and 八项规定; 直接立案; open a case's form."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QLayout, QWidget

from models.enums import CaseStage, Rank
from services.casework import listing

from ..form_widgets import CheckCombo
from .leads_page import ItemListPage


class CasesPage(ItemListPage):
    entity = "case"
    title_text = QT_TRANSLATE_NOOP("ItemListPage", "案件")
    new_text = QT_TRANSLATE_NOOP("ItemListPage", "直接立案")

    def date_label(self) -> str:
        return self.tr("立案日期")

    def column_widths(self) -> dict[str, int]:
        return {"number": 115, "due": 180, "filing_date": 100, "title": 240, "persons": 140, "stage": 90,
                "closing_date": 100, "eight_rules": 160}

    def build_filters(self, layout: QLayout) -> None:
        self.stages = CheckCombo(CaseStage, self.tr("全部阶段"), self)
        self.ranks = CheckCombo(Rank, self.tr("全部职级"), self)
        for label, w in ((self.tr("阶段"), self.stages), (self.tr("职级"), self.ranks)):
            w.setToolTip(label)  # no label before the combo: its "全部…" text says what it filters
            layout.addWidget(w)
            w.setMinimumWidth(130)
            w.sig_changed.connect(self.refresh)
        self.eight_rules = QCheckBox(self.tr("只看违反中央八项规定精神"), self)
        self.eight_rules.toggled.connect(lambda *_: self.refresh())
        layout.addWidget(self.eight_rules)

    def fill_query(self, q: listing.ListQuery) -> None:
        q.states = self.stages.values()
        q.ranks = self.ranks.values()
        q.disciplines = ["eight_rules"] if self.eight_rules.isChecked() else []

    def clear_filters(self) -> None:
        for w in (self.stages, self.ranks):
            w.blockSignals(True)
            w.set_values([])
            w.blockSignals(False)
        self.eight_rules.blockSignals(True)
        self.eight_rules.setChecked(False)
        self.eight_rules.blockSignals(False)

    def empty_text(self) -> str:
        return self.tr("还没有案件。初步核实的线索经审批后可在线索中点击“立案…”，也可点击“直接立案”。")

    def make_form(self, item_id: int | None) -> QWidget:
        from ..dialogs.case_form import CaseForm
        return CaseForm(self.ctx, item_id, parent=self)
