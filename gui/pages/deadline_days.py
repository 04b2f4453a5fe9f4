"""设置 — 办理时限与节假日, the 节假日与调休 part: the override table, 新增 (HolidayDialog: the date, 放假 /
调休上班, a note) and 删除. ``DeadlineDays`` is a mixin of ``DeadlinesTab`` (translations stay in its context)."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.deadlines import due_list
from services.errors import ValidationError

from ..form_widgets import DateEdit
from ..geometry import remember_geometry
from ..interaction import error_text
from ..operations import DbOp, QueryOp
from ..widgets import FieldError, confirm, form_error_label, ok_cancel_row
from .deadline_import import DeadlineImport
from .deadlines_common import day_text, kind_text, table_item

__all__ = ["DeadlineDays", "HolidayDialog"]


class HolidayDialog(QDialog):
    """新增 one day of the official schedule: the date, 放假 / 调休上班, a note."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新增节假日调整"))
        self._kind_touched = False
        self.date_edit = DateEdit(self)
        self.date_edit.set_value(ctx.workspace.today())
        self.state = QLabel()
        self.state.setObjectName("Hint")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("放假（不计为工作日）"), False)
        self.kind.addItem(self.tr("调休上班（计为工作日）"), True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如：春节调休、镇里统一补班"))
        self.note.setMaxLength(100)
        self.date_error, self.note_error = FieldError(), FieldError()
        self.general = form_error_label()
        form = QFormLayout()
        form.addRow(self.tr("日期"), self.date_edit)
        form.addRow("", self.state)
        form.addRow("", self.date_error)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("说明"), self.note)
        form.addRow("", self.note_error)
        self.ok_button, buttons = ok_cancel_row(self, self.tr("添加"), self.submit, self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        lay.addLayout(buttons)
        self.setMinimumWidth(460)
        self.kind.activated.connect(self._touch_kind)
        self.date_edit.dateChanged.connect(self._date_changed)
        self._date_changed()
        remember_geometry(self, ctx.settings)

    def _touch_kind(self, *_):
        self._kind_touched = True

    def _date_changed(self, *_) -> None:
        """Say how the day counts now, and propose the opposite (what the user most likely enters)."""
        day, ws = self.date_edit.value(), self.ctx.workspace
        self.date_error.clear_message()
        # no date, or one the calendar cannot judge: nothing to say about it
        QueryOp(self, lambda: due_list.is_workday(ws, day)).success(lambda workday: self._show_state(day, workday)) \
            .failure(lambda _exc: self.state.clear()).run()

    def _show_state(self, day: dt.date, workday: bool) -> None:
        self.state.setText(day_text(day) + "　" + (self.tr("目前按工作日计算") if workday
                                                   else self.tr("目前按休息日计算")))
        if not self._kind_touched:
            self.kind.setCurrentIndex(self.kind.findData(not workday))

    def submit(self) -> None:
        """添加: saved, the dialog closes; refused, the message shows at its field and the dialog stays."""
        for label in (self.date_error, self.note_error):
            label.clear_message()
        self.general.hide()
        ws = self.ctx.workspace
        day, is_workday, note = self.date_edit.value(), bool(self.kind.currentData()), self.note.text()
        DbOp(self, lambda: due_list.set_holiday_override(ws, day, is_workday, note)) \
            .success(lambda _r: self.accept()).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        problems = (exc.problems or [exc]) if isinstance(exc, ValidationError) else [exc]
        for p in problems:
            target = {"day": self.date_error, "note": self.note_error}.get(getattr(p, "field", None))
            if target is not None:
                target.show_message(p.message)
            else:
                self.general.setText(error_text(p))
                self.general.show()


class DeadlineDays(DeadlineImport):
    """The 节假日与调休 part of ``DeadlinesTab``: ``self.holidays`` and its buttons are built there
    (导入… / 确认已完整录入 by ``DeadlineImport``)."""

    def load_days(self, then: Callable[[], None] | None = None) -> None:
        """Re-read the override table; ``then`` runs once it is on screen."""
        ws = self.ctx.workspace
        QueryOp(self, lambda: due_list.list_holiday_overrides(ws)).success(lambda days: self._show_days(days, then)) \
            .run()

    def _show_days(self, days: list[dict], then: Callable[[], None] | None) -> None:
        self.days = days
        self.holidays.setRowCount(len(self.days))
        for i, d in enumerate(self.days):
            first = table_item(day_text(d["day"]))
            first.setData(Qt.ItemDataRole.UserRole, d["day"].isoformat())
            self.holidays.setItem(i, 0, first)
            self.holidays.setItem(i, 1, table_item(kind_text(d["is_workday"]), align_center=True))
            self.holidays.setItem(i, 2, table_item(d["note"]))
        header = self.holidays.horizontalHeader()
        self.holidays.resizeColumnsToContents()
        header.setMinimumSectionSize(110)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.holidays.setVisible(bool(self.days))
        self.holidays_empty.setVisible(not self.days)
        self._update_buttons()
        if then is not None:
            then()

    def selected_day(self) -> dt.date | None:
        rows = self.holidays.selectionModel().selectedRows()
        return self.days[rows[0].row()]["day"] if rows else None

    def select_day(self, day: dt.date) -> None:
        self.holidays.selectRow([d["day"] for d in self.days].index(day))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.can_edit and self.selected_day() is not None)

    def open_add_day(self) -> HolidayDialog | None:
        if not self.can_edit:
            return None
        dialog = HolidayDialog(self.ctx, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._day_added(dialog))
        dialog.open()
        return dialog

    def _day_added(self, dialog: HolidayDialog) -> None:
        day = dialog.date_edit.value()
        self._days_changed(lambda: self.select_day(day))
        self.holidays_message.setText(self.tr("已录入 {day}：{kind}").format(
            day=day_text(day), kind=kind_text(bool(dialog.kind.currentData()))))

    def remove_selected_day(self) -> bool:
        """删除 (after the question); False when there is nothing the user may remove or they said no."""
        day = self.selected_day()
        if day is None or not self.can_edit:
            return False
        if not confirm(self, self.tr("删除 {day} 的节假日调整？删除后该日按系统内置安排计算。").format(day=day_text(day)),
                       self.tr("删除节假日调整")):
            return False
        ws = self.ctx.workspace
        DbOp(self, lambda: due_list.remove_holiday_override(ws, day)) \
            .success(lambda _r: self._day_removed(day)).failure(self._remove_refused).run()
        return True

    def _day_removed(self, day: dt.date) -> None:
        self._days_changed()
        self.holidays_message.setText(self.tr("已删除 {day}").format(day=day_text(day)))

    def _remove_refused(self, exc: BaseException) -> None:
        self.holidays_error.setText(error_text(exc))
        self.holidays_error.show()
        self.load_days()

    def _days_changed(self, then: Callable[[], None] | None = None) -> None:
        self.holidays_error.hide()
        self.load_days(then)
        self.load_warnings()
        self.sig_saved.emit()
