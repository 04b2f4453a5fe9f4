"""处分执行 and 回访教育 of one sanction: 宣布 / 送达 / 归档 dates, the execution items (职务调整, 工资待遇调整 …) and
the 回访 visits during the effect period, with a form for each (services.casework.execution, follow_ups).

Opened from the measure form once a 党纪/政务处分 is saved, or by double-clicking a sanction in the case's
处分处理 list (:func:`open_execution`).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import ExecutionItem, FollowUpForm
from services.casework import execution, follow_ups
from services.errors import DomainError, ValidationError

from ..form_widgets import DateEdit, EnumCombo
from ..geometry import remember_geometry
from ..operations import DbOp, QueryOp
from ..widgets import FieldError, FormErrors, form_error_label, primary

__all__ = ["SanctionExecutionDialog", "open_execution"]


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(90)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


class _Section:
    """A group box of one form: rows of (field code, label, editor), the error labels, a save button."""

    def __init__(self, dialog: QDialog, title: str, rows, button_text: str, on_save) -> None:
        self.box = QGroupBox(title, dialog)
        self.general = form_error_label(dialog)
        self.errors = FormErrors(self.general)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in rows:
            self.form.addRow(text, editor)
            self.form.addRow("", self.errors.add(code, editor, FieldError(dialog)))
        self.button = primary(QPushButton(button_text, dialog))
        self.button.clicked.connect(on_save)
        self.layout = QVBoxLayout(self.box)

    def finish(self, *above: QWidget) -> None:
        for w in above:
            self.layout.addWidget(w)
        self.layout.addLayout(self.form)
        row = QHBoxLayout()
        row.addWidget(self.general, 1)
        row.addWidget(self.errors.summary_label(self.box))   # 有 N 处需要修改
        row.addWidget(self.button)
        self.layout.addLayout(row)


class SanctionExecutionDialog(QDialog):
    """The 处分执行 and 回访教育 of the sanction ``measure_id``."""

    sig_saved = Signal(str, int)
    """Something was recorded on the sanction's case: ("case", case id)."""

    def __init__(self, ctx, measure_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.measure_id = measure_id
        self.view = None
        self.plan = None
        self.setWindowTitle(self.tr("处分执行与回访教育"))
        today = ctx.workspace.today()
        self.heading = QLabel(self)
        self.heading.setObjectName("DialogTitle")
        self.state = QLabel(self)
        self.state.setWordWrap(True)

        # 宣布, 送达, 归档
        self.announced = DateEdit(self, allow_empty=True, empty_text=self.tr("尚未宣布"))
        self.delivered = DateEdit(self, allow_empty=True, empty_text=self.tr("尚未送达"))
        self.filed = DateEdit(self, allow_empty=True, empty_text=self.tr("尚未归档"))
        for w in (self.announced, self.delivered, self.filed):
            w.setMaximumWidth(180)
        self.announced.dateChanged.connect(lambda *_: self._anchor_dates())
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("如：在镇机关干部大会上宣布，当面送达本人"))
        self.dates = _Section(self, self.tr("宣布、送达与归档"), (
            ("announced_date", self.tr("宣布日期"), self.announced),
            ("delivered_date", self.tr("送达本人日期"), self.delivered),
            ("filed_date", self.tr("归入档案日期"), self.filed),
            ("note", self.tr("备注"), self.note)), self.tr("保存执行情况"), self.save_dates)
        self.dates.finish()

        # execution items
        self.steps = _table(self, [self.tr("执行事项"), self.tr("执行日期"), self.tr("说明")])
        self.step_item = EnumCombo(ExecutionItem, parent=self)
        self.step_date = DateEdit(self)
        self.step_date.setMaximumWidth(180)
        self.step_date.set_value(today)
        self.step_note = QLineEdit(self)
        self.step_note.setPlaceholderText(self.tr("如：免去财政所会计职务；自12月起调整工资档次"))
        self.step_section = _Section(self, self.tr("执行事项"), (
            ("item", self.tr("事项"), self.step_item), ("done_date", self.tr("执行日期"), self.step_date),
            ("note", self.tr("说明"), self.step_note)), self.tr("添加执行事项"), self.add_step)
        self.step_section.finish(self.steps)

        # 回访教育
        self.visit_hint = QLabel(self)
        self.visit_hint.setWordWrap(True)
        self.visits = _table(self, [self.tr("回访日期"), self.tr("回访形式"), self.tr("回访人"), self.tr("回访情况")])
        self.visit_date = DateEdit(self)
        self.visit_date.setMaximumWidth(180)
        self.visit_date.set_value(today)
        self.visit_form = EnumCombo(FollowUpForm, parent=self)
        self.visit_by = QLineEdit(self)
        self.visit_by.setPlaceholderText(self.tr("如：李明、张华"))
        self.visit_note = QLineEdit(self)
        self.visit_note.setPlaceholderText(self.tr("被处分人思想、工作情况"))
        self.visit_section = _Section(self, self.tr("回访教育"), (
            ("visit_date", self.tr("回访日期"), self.visit_date), ("form", self.tr("回访形式"), self.visit_form),
            ("by_whom", self.tr("回访人"), self.visit_by), ("note", self.tr("回访情况"), self.visit_note)),
            self.tr("登记回访"), self.add_visit)
        self.visit_section.finish(self.visit_hint, self.visits)

        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.state)
        lay.addWidget(self.dates.box)
        lay.addWidget(self.step_section.box, 1)
        lay.addWidget(self.visit_section.box, 1)
        lay.addLayout(buttons)
        self.resize(760, 860)
        remember_geometry(self, ctx.settings)
        self.load()

    # ---- reading -----------------------------------------------------------------------------------------
    def load(self) -> None:
        ws, mid = self.ctx.workspace, self.measure_id
        QueryOp(self, lambda: (execution.execution_of(ws, mid), follow_ups.follow_up_plan(ws, mid))) \
            .success(lambda both: self._show(*both)).run()

    def _show(self, view, plan) -> None:
        self.view, self.plan = view, plan
        self.heading.setText(self.tr("{person}：{kind}（{case}，{date}决定）").format(
            person=view.person_name, kind=view.kind_label, case=view.case_number, date=view.decision_date.isoformat()))
        self.setWindowTitle(self.tr("处分执行 — {person}：{kind}").format(person=view.person_name, kind=view.kind_label))
        due = view.announce_due.isoformat()
        if view.announced_date is None:
            self.state.setText(self.tr("尚未宣布：应于{due}前宣布（自处分决定作出之日起一个月）。").format(due=due))
        elif view.announced_date > view.announce_due:
            self.state.setText(self.tr("已于{date}宣布（超过宣布期限{due}）。").format(
                date=view.announced_date.isoformat(), due=due))
        else:
            self.state.setText(self.tr("已于{date}宣布。").format(date=view.announced_date.isoformat()))
        self.announced.set_value(view.announced_date)
        self.delivered.set_value(view.delivered_date)
        self.filed.set_value(view.filed_date)
        self._anchor_dates()
        self.note.setText(view.note)
        _fill(self.steps, [(s.item_label, s.done_date.isoformat(), s.note) for s in view.steps])
        _fill(self.visits, [(v.visit_date.isoformat(), v.form_label, v.by_whom, v.note) for v in plan.visits])
        if plan.effect_end is None:
            self.visit_hint.setText(self.tr("该处分没有影响期，无需回访教育。"))
        else:
            self.visit_hint.setText(self.tr("影响期至{end}；回访应在{due}前进行（系统设置“回访提前天数”）。").format(
                end=plan.effect_end.isoformat(), due=plan.due.isoformat()))
        for w in (self.visit_date, self.visit_form, self.visit_by, self.visit_note, self.visit_section.button):
            w.setEnabled(plan.effect_end is not None)

    def _anchor_dates(self) -> None:
        """An empty date's calendar opens at the decision date (宣布), 送达 and 归档 at the 宣布 date once given."""
        if self.view is None:
            return
        self.announced.set_anchor(self.view.decision_date)
        for w in (self.delivered, self.filed):
            w.set_anchor(self.announced.value() or self.view.decision_date)

    # ---- writing -----------------------------------------------------------------------------------------
    def _write(self, section: _Section, fn, done) -> None:
        section.errors.clear()
        DbOp(self, fn).success(done).failure(lambda exc: self._failed(section, exc)).run()

    def _failed(self, section: _Section, exc: BaseException) -> None:
        """A refusal at its field (or the section's line): the input stays for correcting."""
        if isinstance(exc, ValidationError):
            section.errors.show(exc)
        elif isinstance(exc, DomainError):
            section.errors.set(None, exc.message)
        else:
            raise exc

    def _saved(self, _result=None) -> None:
        self.sig_saved.emit("case", self.view.case_id)
        self.load()

    def save_dates(self) -> None:
        ws, mid = self.ctx.workspace, self.measure_id
        values = dict(announced_date=self.announced.value(), delivered_date=self.delivered.value(),
                      filed_date=self.filed.value(), note=self.note.text().strip(),
                      expected_version=self.view.version if self.view is not None else None)
        # a newer save from another desk is refused (ConcurrentEditError) and told on the section's line
        self._write(self.dates, lambda: execution.record_execution(ws, mid, **values), self._saved)

    def add_step(self) -> None:
        ws, mid = self.ctx.workspace, self.measure_id
        item, day, note = self.step_item.value(), self.step_date.value(), self.step_note.text().strip()

        def done(_view) -> None:
            self.step_note.clear()
            self._saved()
        self._write(self.step_section, lambda: execution.add_step(ws, mid, item=item, done_date=day, note=note), done)

    def add_visit(self) -> None:
        ws, mid = self.ctx.workspace, self.measure_id
        values = dict(visit_date=self.visit_date.value(), form=self.visit_form.value(),
                      by_whom=self.visit_by.text().strip(), note=self.visit_note.text().strip())

        def done(_view) -> None:
            self.visit_note.clear()
            self._saved()
        self._write(self.visit_section, lambda: follow_ups.record_visit(ws, mid, **values), done)


def open_execution(form, measure_id: int) -> SanctionExecutionDialog:
    """Open the 处分执行 dialog of a sanction from ``form`` (kept in its ``children_forms`` when it has one)."""
    dialog = SanctionExecutionDialog(form.ctx, measure_id, parent=form)
    kept = getattr(form, "children_forms", None)
    if kept is not None:
        kept.append(dialog)
    dialog.show()
    return dialog
