"""The 初核工作方案 box of the lead form (services.casework.work_plan): the plan's text or a chosen file (stored
as the lead's attachment), saved by the officer or the secretary, then the secretary's approval; shown for a
lead disposed as 初步核实."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from models.enums import Disposition
from services.casework import work_plan
from services.security.permissions import allowed
from services.storage import attachments

from ..form_widgets import DateEdit
from ..interaction import Interaction
from ..operations import QueryOp
from ..widgets import FieldError, FormErrors, form_error_label, primary

__all__ = ["LeadWorkPlan"]


class LeadWorkPlan(QGroupBox):
    """``form``: the LeadForm; ``show_lead(view)`` fills it from a LeadView."""

    def __init__(self, form) -> None:
        super().__init__(form.tr("初核工作方案（须经纪委书记审批后才能登记初核结果或立案）"), form)
        self.form = form
        self.view = None
        self.text = QPlainTextEdit(self)
        self.text.setFixedHeight(64)
        self.text.setPlaceholderText(self.tr("核查组成员、核查事项、方法步骤和时间安排"))
        self.attachment_name = QLabel(self)
        self.choose_button = QPushButton(self.tr("选择文件…"), self)
        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.open_button = QPushButton(self.tr("打开"), self)
        self.open_button.clicked.connect(lambda: self.open_attachment())
        attach_row = QHBoxLayout()
        attach_row.setContentsMargins(0, 0, 0, 0)
        attach_row.addWidget(self.attachment_name, 1)
        attach_row.addWidget(self.choose_button)
        attach_row.addWidget(self.open_button)
        attach_box = QWidget(self)
        attach_box.setLayout(attach_row)
        self.approval_date = DateEdit(self)
        self.approval_date.setMaximumWidth(180)
        self.approval_date.set_value(form.ctx.workspace.today())
        self.state = QLabel(self)
        self.save_button = QPushButton(self.tr("保存方案"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.approve_button = primary(QPushButton(self.tr("审批方案"), self))
        self.approve_button.clicked.connect(lambda: self.approve())
        self.errors = FormErrors(form_error_label(self))
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addRow(self.tr("工作方案"), self.text)
        layout.addRow("", self.errors.add("work_plan", self.text, FieldError(self)))
        layout.addRow(self.tr("方案附件"), attach_box)
        layout.addRow("", self.errors.add("path", attach_box, FieldError(self)))
        layout.addRow(self.tr("审批日期"), self.approval_date)
        layout.addRow("", self.errors.add("date", self.approval_date, FieldError(self)))
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.approve_button)
        layout.addRow(row)
        layout.addRow(self.errors.general)
        self.setVisible(False)

    def show_lead(self, view) -> None:
        self.view = view
        plan = view.work_plan or {}
        verifying = view.disposition == Disposition.preliminary_verification.value
        self.setVisible(verifying)
        if not verifying:
            return
        approved, open_ = bool(plan.get("approved")), view.result is None
        self.text.setPlainText(plan.get("text", ""))
        self.attachment_name.setText(plan.get("attachment_name") or self.tr("未选择（可用已签批的方案扫描件代替文字）"))
        self.open_button.setVisible(bool(plan.get("attachment_id")))
        if approved:
            self.state.setText(self.tr("已审批（{who}，{day}）").format(
                who=plan.get("approver_name", ""), day=plan["approved_date"].isoformat()))
            self.approval_date.set_value(plan["approved_date"])
        elif plan.get("text") or plan.get("attachment_id"):
            self.state.setText(self.tr("待纪委书记审批"))
        else:
            self.state.setText(self.tr("尚未填写工作方案"))
        user = self.form.ctx.workspace.current_user
        secretary = user is not None and allowed(user.roles, "lead.approve")
        self.text.setReadOnly(approved or not open_)
        self.save_button.setVisible(open_ and not approved)
        self.choose_button.setVisible(open_ and not approved)
        self.approve_button.setVisible(open_ and not approved and secretary)
        self.approval_date.setEnabled(open_ and not approved and secretary)

    def save(self, then=None) -> None:
        ws, lead_id, text = self.form.ctx.workspace, self.view.id, self.text.toPlainText().strip()
        attachment = (self.view.work_plan or {}).get("attachment_id")
        self.form.run(lambda: work_plan.record_plan(ws, lead_id, text, attachment), self.errors,
                      lambda _plan: self.form._after_action(then=then))

    def choose_file(self) -> None:
        """选择文件…: the chosen file becomes the plan's attachment at once (with the text as typed)."""
        path = Interaction.open_path(self, self.tr("选择初核工作方案文件"), "",
                                     self.tr("所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.jpeg *.png *.tif *.tiff);;"
                                             "Word 文档 (*.doc *.docx)"))
        if not path:
            return
        ws, lead_id, text = self.form.ctx.workspace, self.view.id, self.text.toPlainText().strip()
        self.form.run(lambda: work_plan.record_plan(ws, lead_id, text, file=path), self.errors,
                      lambda _plan: self.form._after_action())

    def open_attachment(self) -> None:
        attachment = (self.view.work_plan or {}).get("attachment_id")
        if attachment is None:
            return
        ws = self.form.ctx.workspace
        QueryOp(self, lambda: attachments.open_attachment_path(ws, attachment)) \
            .success(lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))).run()

    def approve(self) -> None:
        """审批方案: the text as typed is saved first when it changed (one click for the secretary)."""
        ws, lead_id, text = self.form.ctx.workspace, self.view.id, self.text.toPlainText().strip()
        plan = self.view.work_plan or {}
        when, stored = self.approval_date.value(), plan.get("text", "")

        def write():
            if text != stored:
                work_plan.record_plan(ws, lead_id, text, plan.get("attachment_id"))
            return work_plan.approve_plan(ws, lead_id, when)
        self.form.run(write, self.errors, lambda _plan: self.form._after_action())
