"""设置 — 办理时限与节假日, the 办理时限 part: the limits table (默认, 当前 with the row's error, 适用), 保存 /
恢复默认 and the question before leaving unsaved limits. A mixin of ``DeadlinesTab`` (translations stay in
its context)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QSpinBox, QWidget

from services.deadlines import due_list
from services.errors import DomainError, ValidationError

from ..interaction import Interaction
from ..operations import DbOp, QueryOp
from ..widgets import FieldError, show_error
from .deadlines_common import fit_height, tab_tr, table_item

__all__ = ["DeadlineLimits", "LimitCell"]

_APPLIES_TO = {"complaint": "信访举报", "lead": "问题线索", "case": "案件"}
# Wide on purpose: zero, negative and too-large amounts reach the service, whose message is shown at the row.
_SPIN_RANGE = (-999, 9999)
_CURRENT_COLUMN_WIDTH = 500  # the spin box and the longest message of resolve_limits beside it


class LimitCell(QWidget):
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


class DeadlineLimits:
    """The 办理时限 part of ``DeadlinesTab``: ``self.limits``, ``self.cells`` and the buttons are built there."""

    def load_limits(self) -> None:
        ws = self.ctx.workspace

        def read() -> tuple[list[dict], str]:
            try:
                return due_list.limits_table(ws), ""
            except ValidationError as exc:  # a stored value the old raw editor allowed: the defaults, and why
                return due_list.limits_table(ws, defaults_only=True), exc.message

        QueryOp(self, read).success(lambda got: self._show_limits(*got)).run()

    def _show_limits(self, rows: list[dict], stored_error: str) -> None:
        self.rows = rows
        self.limits_error.hide()
        if stored_error:
            self.limits_error.setText(self.tr("已保存的办理时限设置有误（{msg}），下表按默认值显示；保存后即可更正。")
                                      .format(msg=stored_error))
            self.limits_error.show()
        self.limits.setRowCount(len(self.rows))
        self.cells = {}
        for i, row in enumerate(self.rows):
            name = table_item(row["label"])
            name.setToolTip(row["description"])
            self.limits.setItem(i, 0, name)
            self.limits.setItem(i, 1, table_item(f"{row['default']} {row['unit_label']}", align_center=True))
            cell = LimitCell(row["unit_label"])
            cell.spin.setValue(row["amount"])
            cell.spin.setEnabled(self.can_edit)
            cell.spin.valueChanged.connect(lambda _v, c=row["code"]: self._edited(c))
            self.cells[row["code"]] = cell
            self.limits.setCellWidget(i, 2, cell)
            self.limits.setItem(i, 3, table_item(f"{tab_tr(_APPLIES_TO.get(row['applies_to'], row['applies_to']))}"
                                            f" · {row['starts']}"))
        header = self.limits.horizontalHeader()
        self.limits.resizeColumnsToContents()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, _CURRENT_COLUMN_WIDTH)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        fit_height(self.limits, len(self.rows))
        self._saved_amounts = self.amounts() if self.limits_error.isHidden() else {}

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

    def save_limits(self) -> None:
        """保存: the amounts on screen; a refused amount is shown at its row."""
        ws, amounts, before = self._start_saving()
        (DbOp(self, lambda: due_list.set_limits(ws, amounts))
         .success(lambda _r: self._limits_saved(amounts, before)).failure(self._limits_refused).run())

    def _start_saving(self) -> tuple:
        for cell in self.cells.values():
            cell.set_error("")
        self.limits_message.clear()
        return self.ctx.workspace, self.amounts(), dict(self._saved_amounts)

    def _save_before_leaving(self) -> bool:
        """保存 in the question before leaving: the answer decides whether the page may be left."""
        ws, amounts, before = self._start_saving()
        try:
            # blocking: leaving (navigation, sign-out, closing) must know whether the limits were saved
            self.ctx.call_db(self, lambda: due_list.set_limits(ws, amounts))
        except DomainError as exc:  # shown as 保存 shows it (at the row); the page is not left
            self._limits_refused(exc)
            return False
        self.ctx.sig_data_changed.emit()
        self._limits_saved(amounts, before)
        return True

    def _limits_saved(self, amounts: dict[str, int], before: dict[str, int]) -> None:
        changed = amounts != before
        self.load_limits()
        self.limits_message.setText(self.tr("办理时限已保存，未办结事项的到期日已按新期限计算。") if changed
                                    else self.tr("办理时限没有变化。"))
        if changed:
            self.sig_saved.emit()

    def _limits_refused(self, exc: BaseException) -> None:
        problems = (exc.problems or [exc]) if isinstance(exc, ValidationError) else []
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

    def can_leave(self) -> bool:
        """保存 / 放弃 / 取消 when the limits were edited but not saved."""
        if not self.has_unsaved_changes():
            return True
        choice = Interaction.choose(self, self.tr("办理时限有未保存的修改，是否保存？"),
                                    [self.tr("保存"), self.tr("放弃修改"), self.tr("取消")],
                                    title=self.tr("未保存的修改"))
        if choice == 0:
            return self._save_before_leaving()
        if choice == 1:
            self.load_limits()
            return True
        return False
