"""设置 — 办理时限与节假日: the deadline limits and the user's holiday / 调休 override table.

Editable with settings.manage; read-only for everyone else. The calendar warning of services.deadlines.workdays
(a year whose official schedule is not known) is shown at the top until that year's days are entered.

This module is the tab itself (its widgets, layout, refresh and the calendar warning); the 办理时限 part is the
mixin deadline_limits.DeadlineLimits, the 节假日与调休 part deadline_days.DeadlineDays (with HolidayDialog), the
shared small pieces are in deadlines_common.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTableWidget,
                               QVBoxLayout, QWidget)

from services.deadlines import due_list
from services.security.permissions import allowed

from ..operations import QueryOp
from ..vocabulary import unknown_year_text
from ..widgets import form_error_label, primary
from .deadline_days import DeadlineDays, HolidayDialog
from .deadline_limits import DeadlineLimits, LimitCell
from .deadlines_common import day_text, heading, hint, kind_text

__all__ = ["DeadlinesTab", "HolidayDialog", "day_text", "kind_text"]

_NOTICE_STYLE = ("QLabel { background: #fff6e0; border: 1px solid #e9cf8a; border-radius: 3px;"
                 " padding: 8px 12px; color: #6b4e00; }")


class DeadlinesTab(DeadlineLimits, DeadlineDays, QWidget):
    """办理时限 (limits table with 保存 / 恢复默认) and 节假日与调休 (the override table)."""

    sig_saved = Signal()
    """The limits or the holiday table changed (deadlines shown elsewhere should be recomputed)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = allowed(ctx.workspace.current_user.roles, "settings.manage")
        self.dialog: HolidayDialog | None = None
        self.rows: list[dict] = []
        self.cells: dict[str, LimitCell] = {}
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
        self.holidays_empty = hint(self.tr("尚未录入任何日期：工作日全部按系统内置的国务院放假安排计算。"))
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
            lay.addWidget(hint(self.tr("只有系统管理员和纪委书记可以修改办理时限和节假日安排，您可以查看。")))
        lay.addWidget(heading(self.tr("办理时限")))
        lay.addWidget(hint(self.tr("“工作日”跳过周末、法定节假日并计入调休上班日；按“日”“个月”计算的期限，"
                                    "期满日遇休息日顺延至下一个工作日。修改后，所有未办结事项的到期日按新期限重新计算。")))
        lay.addWidget(self.limits)
        lay.addWidget(self.limits_error)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.defaults_button)
        bar.addWidget(self.limits_message, 1)
        lay.addLayout(bar)
        lay.addSpacing(12)
        lay.addWidget(heading(self.tr("节假日与调休")))
        lay.addWidget(hint(self.tr("系统内置国务院办公厅公布的放假安排。在此录入的日期优先于内置安排：用于录入新一年的"
                                    "放假和调休安排，或本地的临时调整。")))
        lay.addWidget(self.holidays)
        lay.addWidget(self.holidays_empty)
        lay.addWidget(self.holidays_error)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        self.add_import_buttons(bar)
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
        QueryOp(self, lambda: due_list.years_to_confirm(ws)).success(
            lambda years: self._show_warnings([unknown_year_text(y) for y in years])).run()

    def _show_warnings(self, warnings: list[str]) -> None:
        self.notice.setText("\n".join(warnings))
        self.notice.setVisible(bool(warnings))
