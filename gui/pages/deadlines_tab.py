"""设置 — 办理时限与节假日: the deadline limits and the user's holiday / 调休 override table.

Editable with settings.manage; read-only for everyone else. The calendar warning of services.deadlines.workdays
(a year whose official schedule is not known) is shown at the top until that year's days are entered.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QScrollArea, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from services.deadlines import due_list
from services.errors import DomainError, ValidationError
from services.security.permissions import allowed

from ..form_widgets import DateEdit
from ..geometry import remember_geometry
from ..widgets import FieldError, confirm, form_error_label, ok_cancel_row, primary, show_error

_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_APPLIES_TO = {"complaint": "信访举报", "lead": "问题线索", "case": "案件"}
# Wide on purpose: zero, negative and too-large amounts reach the service, whose message is shown at the row.
_SPIN_RANGE = (-999, 9999)
_CURRENT_COLUMN_WIDTH = 500  # the spin box and the longest message of resolve_limits beside it
_NOTICE_STYLE = ("QLabel { background: #fff6e0; border: 1px solid #e9cf8a; border-radius: 3px;"
                 " padding: 8px 12px; color: #6b4e00; }")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeadlinesTab", text)


def day_text(day: dt.date) -> str:
    """2026-11-23（周一）"""
    return f"{day.isoformat()}（{_tr(_WEEKDAYS[day.weekday()])}）"


def kind_text(is_workday: bool) -> str:
    return _tr("调休上班") if is_workday else _tr("放假")


def _item(text: str, align_center: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("PageLead")
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def _fit_height(table: QTableWidget, rows: int) -> None:
    """Make the table exactly as tall as ``rows`` rows (no inner scroll bar for a short table)."""
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount())) if table.rowCount() else 0
    if table.rowCount() < rows:
        height += (rows - table.rowCount()) * table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height)


class _LimitCell(QWidget):
    """The 当前 cell: a spin box with the unit as suffix and the row's error message beside it."""

    def __init__(self, unit_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setRange(*_SPIN_RANGE)
        self.spin.setSuffix(f" {unit_label}")
        self.spin.setFixedWidth(140)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error = FieldError()
        self.error.setWordWrap(False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 1, 6, 1)
        lay.setSpacing(12)
        lay.addWidget(self.spin)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def set_error(self, message: str) -> None:
        self.error.show_message(message)
        self.spin.setProperty("invalid", "true" if message else "false")
        self.spin.style().unpolish(self.spin)
        self.spin.style().polish(self.spin)


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
        try:
            workday = self.ctx.call_db(self, lambda: due_list.is_workday(ws, day))
        except (DomainError, ValueError):
            self.state.clear()
            return
        self.state.setText(day_text(day) + "　" + (self.tr("目前按工作日计算") if workday
                                                   else self.tr("目前按休息日计算")))
        if not self._kind_touched:
            self.kind.setCurrentIndex(self.kind.findData(not workday))

    def submit(self) -> bool:
        for label in (self.date_error, self.note_error):
            label.clear_message()
        self.general.hide()
        ws = self.ctx.workspace
        day, is_workday, note = self.date_edit.value(), bool(self.kind.currentData()), self.note.text()
        try:
            self.ctx.call_db(self, lambda: due_list.set_holiday_override(ws, day, is_workday, note))
        except ValidationError as exc:
            for p in exc.problems or [exc]:
                target = {"day": self.date_error, "note": self.note_error}.get(p.field)
                if target is not None:
                    target.show_message(p.message)
                else:
                    self.general.setText(p.message)
                    self.general.show()
            return False
        except DomainError as exc:
            self.general.setText(exc.message)
            self.general.show()
            return False
        self.accept()
        return True


class DeadlinesTab(QWidget):
    """办理时限 (limits table with 保存 / 恢复默认) and 节假日与调休 (the override table)."""

    sig_saved = Signal()
    """The limits or the holiday table changed (deadlines shown elsewhere should be recomputed)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = allowed(ctx.workspace.current_user.roles, "settings.manage")
        self.dialog: HolidayDialog | None = None
        self.rows: list[dict] = []
        self.cells: dict[str, _LimitCell] = {}
        self.days: list[dict] = []
        self._saved_amounts: dict[str, int] = {}

        self.notice = QLabel()
        self.notice.setObjectName("CalendarNotice")
        self.notice.setStyleSheet(_NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.hide()

        # ① limits
        headers = [self.tr("事项"), self.tr("默认"), self.tr("当前"), self.tr("适用")]
        self.limits = QTableWidget(0, len(headers))
        self.limits.setHorizontalHeaderLabels(headers)
        self.limits.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.limits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.limits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.limits.verticalHeader().hide()
        self.limits.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.limits_error = form_error_label()
        self.save_button = primary(QPushButton(self.tr("保存")))
        self.save_button.setShortcut("Ctrl+S")
        self.defaults_button = QPushButton(self.tr("恢复默认"))
        self.save_button.clicked.connect(self.save_limits)
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.limits_message = QLabel()
        self.limits_message.setObjectName("Hint")

        # ② holiday overrides
        headers = [self.tr("日期"), self.tr("类型"), self.tr("说明")]
        self.holidays = QTableWidget(0, len(headers))
        self.holidays.setHorizontalHeaderLabels(headers)
        self.holidays.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.holidays.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.holidays.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holidays.setAlternatingRowColors(True)
        self.holidays.verticalHeader().hide()
        self.holidays.setMinimumHeight(160)
        self.holidays_empty = _hint(self.tr("尚未录入任何日期：工作日全部按系统内置的国务院放假安排计算。"))
        self.add_button = primary(QPushButton(self.tr("新增…")))
        self.remove_button = QPushButton(self.tr("删除"))
        self.add_button.clicked.connect(self.open_add_day)
        self.remove_button.clicked.connect(self.remove_selected_day)
        self.holidays.itemSelectionChanged.connect(self._update_buttons)
        self.holidays_error = form_error_label()
        self.holidays_message = QLabel()
        self.holidays_message.setObjectName("Hint")

        self._build_layout()
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _build_layout(self) -> None:
        body = QWidget()
        body.setObjectName("FormScrollBody")
        body.setMaximumWidth(1040)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 12, 4)
        lay.setSpacing(8)
        lay.addWidget(self.notice)
        if not self.can_edit:
            lay.addWidget(_hint(self.tr("只有系统管理员和纪委书记可以修改办理时限和节假日安排，您可以查看。")))
        lay.addWidget(_heading(self.tr("办理时限")))
        lay.addWidget(_hint(self.tr("“工作日”跳过周末、法定节假日并计入调休上班日；按“日”“个月”计算的期限，"
                                    "期满日遇休息日顺延至下一个工作日。修改后，所有未办结事项的到期日按新期限重新计算。")))
        lay.addWidget(self.limits)
        lay.addWidget(self.limits_error)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.defaults_button)
        bar.addWidget(self.limits_message, 1)
        lay.addLayout(bar)
        lay.addSpacing(12)
        lay.addWidget(_heading(self.tr("节假日与调休")))
        lay.addWidget(_hint(self.tr("系统内置国务院办公厅公布的放假安排。在此录入的日期优先于内置安排：用于录入新一年的"
                                    "放假和调休安排，或本地的临时调整。")))
        lay.addWidget(self.holidays)
        lay.addWidget(self.holidays_empty)
        lay.addWidget(self.holidays_error)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.holidays_message, 1)
        lay.addLayout(bar)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("FormScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for w in (self.save_button, self.defaults_button, self.add_button):
            w.setEnabled(self.can_edit)
            w.setVisible(self.can_edit)
        self.remove_button.setVisible(self.can_edit)

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        self.load_limits()
        self.load_days()
        self.load_warnings()

    def load_warnings(self) -> None:
        ws = self.ctx.workspace
        try:
            warnings = self.ctx.call_db(self, lambda: due_list.calendar_warnings(ws))
        except DomainError:
            warnings = []
        self.notice.setText("\n".join(warnings))
        self.notice.setVisible(bool(warnings))

    def load_limits(self) -> None:
        ws = self.ctx.workspace
        self.limits_error.hide()
        try:
            self.rows = self.ctx.call_db(self, lambda: due_list.limits_table(ws))
        except ValidationError as exc:  # a stored value the old raw editor allowed
            self.rows = self.ctx.call_db(self, lambda: due_list.limits_table(ws, defaults_only=True))
            self.limits_error.setText(self.tr("已保存的办理时限设置有误（{msg}），下表按默认值显示；保存后即可更正。")
                                      .format(msg=exc.message))
            self.limits_error.show()
        self.limits.setRowCount(len(self.rows))
        self.cells = {}
        for i, row in enumerate(self.rows):
            name = _item(row["label"])
            name.setToolTip(row["description"])
            self.limits.setItem(i, 0, name)
            self.limits.setItem(i, 1, _item(f"{row['default']} {row['unit_label']}", align_center=True))
            cell = _LimitCell(row["unit_label"])
            cell.spin.setValue(row["amount"])
            cell.spin.setEnabled(self.can_edit)
            cell.spin.valueChanged.connect(lambda _v, c=row["code"]: self._edited(c))
            self.cells[row["code"]] = cell
            self.limits.setCellWidget(i, 2, cell)
            self.limits.setItem(i, 3, _item(f"{_tr(_APPLIES_TO.get(row['applies_to'], row['applies_to']))}"
                                            f" · {row['starts']}"))
        header = self.limits.horizontalHeader()
        self.limits.resizeColumnsToContents()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, _CURRENT_COLUMN_WIDTH)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        _fit_height(self.limits, len(self.rows))
        self._saved_amounts = self.amounts() if self.limits_error.isHidden() else {}

    def load_days(self) -> None:
        ws = self.ctx.workspace
        self.days = self.ctx.call_db(self, lambda: due_list.list_holiday_overrides(ws))
        self.holidays.setRowCount(len(self.days))
        for i, d in enumerate(self.days):
            first = _item(day_text(d["day"]))
            first.setData(Qt.ItemDataRole.UserRole, d["day"].isoformat())
            self.holidays.setItem(i, 0, first)
            self.holidays.setItem(i, 1, _item(kind_text(d["is_workday"]), align_center=True))
            self.holidays.setItem(i, 2, _item(d["note"]))
        header = self.holidays.horizontalHeader()
        self.holidays.resizeColumnsToContents()
        header.setMinimumSectionSize(110)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.holidays.setVisible(bool(self.days))
        self.holidays_empty.setVisible(not self.days)
        self._update_buttons()

    # ------------------------------------------------------------------ limits
    def amounts(self) -> dict[str, int]:
        return {code: cell.spin.value() for code, cell in self.cells.items()}

    def has_unsaved_changes(self) -> bool:
        return self.can_edit and self.amounts() != self._saved_amounts

    def _edited(self, code: str) -> None:
        self.cells[code].set_error("")
        self.limits_message.clear()

    def restore_defaults(self) -> None:
        for row in self.rows:
            self.cells[row["code"]].spin.setValue(row["default"])
        self.limits_message.setText(self.tr("已恢复为默认值，点击“保存”后生效。") if self.has_unsaved_changes()
                                    else self.tr("当前已是默认值。"))

    def save_limits(self) -> bool:
        for cell in self.cells.values():
            cell.set_error("")
        self.limits_message.clear()
        ws, amounts = self.ctx.workspace, self.amounts()
        try:
            self.ctx.call_db(self, lambda: due_list.set_limits(ws, amounts))
        except ValidationError as exc:
            problems = exc.problems or [exc]
            for p in problems:
                cell = self.cells.get(p.field)
                if cell is not None:
                    cell.set_error(p.message)
            first = next((self.cells[p.field] for p in problems if p.field in self.cells), None)
            if first is not None:
                first.spin.setFocus()
                first.spin.selectAll()
            else:
                show_error(self, exc)
            return False
        except DomainError as exc:
            show_error(self, exc)
            return False
        changed = amounts != self._saved_amounts
        self.load_limits()
        self.limits_message.setText(self.tr("办理时限已保存，未办结事项的到期日已按新期限计算。") if changed
                                    else self.tr("办理时限没有变化。"))
        if changed:
            self.sig_saved.emit()
        return True

    def can_leave(self) -> bool:
        """保存 / 放弃 / 取消 when the limits were edited but not saved."""
        if not self.has_unsaved_changes():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("未保存的修改"))
        box.setText(self.tr("办理时限有未保存的修改，是否保存？"))
        save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            return self.save_limits()
        if box.clickedButton() is discard:
            self.load_limits()
            return True
        return False

    # ------------------------------------------------------------------ days
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
        self._days_changed()
        self.select_day(day)
        self.holidays_message.setText(self.tr("已录入 {day}：{kind}").format(
            day=day_text(day), kind=kind_text(bool(dialog.kind.currentData()))))

    def remove_selected_day(self) -> bool:
        day = self.selected_day()
        if day is None or not self.can_edit:
            return False
        if not confirm(self, self.tr("删除 {day} 的节假日调整？删除后该日按系统内置安排计算。").format(day=day_text(day)),
                       self.tr("删除节假日调整")):
            return False
        ws = self.ctx.workspace
        try:
            self.ctx.call_db(self, lambda: due_list.remove_holiday_override(ws, day))
        except DomainError as exc:
            self.holidays_error.setText(exc.message)
            self.holidays_error.show()
            self.load_days()
            return False
        self._days_changed()
        self.holidays_message.setText(self.tr("已删除 {day}").format(day=day_text(day)))
        return True

    def _days_changed(self) -> None:
        self.holidays_error.hide()
        self.load_days()
        self.load_warnings()
        self.sig_saved.emit()

