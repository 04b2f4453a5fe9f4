"""设置 — 办理时限与节假日, a year's official schedule: 导入… (a text or Excel file of 日期,休/班), 模板…, and
确认已完整录入 (until then the calendar warning of an estimated year stays). ``DeadlineImport`` is a mixin of
``DeadlinesTab`` through ``DeadlineDays`` (translations stay in its context)."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from services.deadlines import due_list, holiday_schedule
from services.interchange import holiday_import

from ..interaction import Interaction, error_text
from ..operations import DbOp, QueryOp

__all__ = ["DeadlineImport"]

_FILTER = "放假安排 (*.xlsx *.txt *.csv)"


class DeadlineImport:
    """导入… / 模板… / 确认已完整录入 beside the override table's buttons."""

    def add_import_buttons(self, bar: QHBoxLayout) -> None:
        self.import_button = QPushButton(self.tr("导入…"))
        self.import_button.setToolTip(self.tr("从文本或 Excel 文件导入一年的放假安排，每行：日期,休 或 日期,班"))
        self.template_button = QPushButton(self.tr("导入模板…"))
        self.complete_button = QPushButton(self.tr("确认已完整录入…"))
        self.complete_button.setToolTip(self.tr("按国务院办公厅通知录入某年的全部放假和调休上班日期后确认，不再提示该年安排未录入"))
        self.import_button.clicked.connect(self.import_schedule_file)
        self.template_button.clicked.connect(self.write_schedule_template)
        self.complete_button.clicked.connect(self.confirm_year_complete)
        for w in (self.import_button, self.template_button, self.complete_button):
            w.setEnabled(self.can_edit)
            w.setVisible(self.can_edit)
            bar.addWidget(w)

    # ------------------------------------------------------------------ 导入
    def import_schedule_file(self) -> bool:
        """导入…: the file dialog, the import (all or nothing), then the question whether the year is complete."""
        if not self.can_edit:
            return False
        path = Interaction.open_path(self, self.tr("选择放假安排文件"), "", self.tr(_FILTER))
        if not path:
            return False
        ws = self.ctx.workspace
        self.holidays_error.hide()
        DbOp(self, lambda: holiday_import.import_schedule(ws, path)) \
            .success(self._schedule_imported).failure(self._import_refused).run()
        return True

    def _schedule_imported(self, r: dict) -> None:
        text = self.tr("已导入{year}年放假安排 {days} 天（新增 {added}，修改 {changed}）").format(**r)
        self.holidays_message.setText(text)
        self._days_changed()
        ws, year = self.ctx.workspace, r["year"]
        QueryOp(self, lambda: holiday_schedule.is_complete(ws, year)).success(
            lambda done: done or self._ask_complete(year, text + self.tr("；"))).run()

    def _import_refused(self, exc: BaseException) -> None:
        self.holidays_error.setText(error_text(exc))
        self.holidays_error.show()

    # ------------------------------------------------------------------ 模板
    def write_schedule_template(self) -> bool:
        year = self.ctx.workspace.today().year + 1
        path = Interaction.save_path(self, self.tr("保存放假安排模板"), self.tr("{year}年放假安排.xlsx").format(year=year),
                                     self.tr("Excel 工作簿 (*.xlsx);;文本文件 (*.txt)"))
        if not path:
            return False
        QueryOp(self, lambda: holiday_import.write_template(path, year)).success(
            lambda p: self.holidays_message.setText(self.tr("已保存模板：{path}").format(path=p))).run()
        return True

    # ------------------------------------------------------------------ 确认已完整录入
    def confirm_year_complete(self) -> None:
        ws = self.ctx.workspace
        QueryOp(self, lambda: due_list.years_to_confirm(ws)).success(self._confirm_years).run()

    def _confirm_years(self, years: list[int]) -> None:
        if not years:
            Interaction.info(self, self.tr("近期各年份的放假安排均已齐全，无需确认。"), self.tr("确认已完整录入"))
            return
        for year in years:
            self._ask_complete(year)

    def _ask_complete(self, year: int, said: str = "") -> None:
        question = self.tr("是否已按国务院办公厅通知录入{year}年的全部放假和调休上班日期？"
                           "确认后不再提示{year}年的安排未录入。").format(year=year)
        if not Interaction.confirm(self, question, self.tr("确认已完整录入")):
            return
        ws = self.ctx.workspace
        DbOp(self, lambda: holiday_schedule.mark_complete(ws, year)).success(lambda _r: self._year_confirmed(year, said)) \
            .failure(self._import_refused).run()

    def _year_confirmed(self, year: int, said: str = "") -> None:
        self.holidays_message.setText(said + self.tr("已确认{year}年放假安排已完整录入").format(year=year))
        self.load_warnings()
        self.sig_saved.emit()
