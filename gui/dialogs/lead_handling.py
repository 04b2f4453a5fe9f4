"""问题线索 form, the 处置与办结 tab: the one disposition with its approval, the result, 立案 from an 初核 lead
and opening the case. A mixin of ``LeadForm`` (translations stay in its context)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from models.enums import Disposition, LeadResult
from services.casework import leads
from services.security.permissions import allowed

from ..form_widgets import DateEdit
from ..widgets import FieldError, FormErrors, form_error_label, primary
from .case_form import CaseForm
from .lead_inquiry import LeadFollowups
from .lead_work_plan import LeadWorkPlan


class LeadHandling:
    """The 处置与办结 tab of ``LeadForm``."""

    # ---- layout ------------------------------------------------------------------------------------------
    def _build_handling(self, today: dt.date) -> QWidget:
        """The 处置 and 办理结果 boxes in one tab."""
        # 处置
        self.dispose_box = QGroupBox(self.tr("处置（每条线索只能选择一种处置方式，经集体研究，报纪委书记审批）"), self)
        self.disposition_group = QButtonGroup(self)
        self.disposition_group.setExclusive(True)
        radios = QHBoxLayout()
        self.disposition_radios: dict[str, QRadioButton] = {}
        for d in Disposition:
            radio = QRadioButton(d.label, self.dispose_box)
            self.disposition_group.addButton(radio)
            self.disposition_radios[d.value] = radio
            radios.addWidget(radio)
            radio.toggled.connect(self._disposition_toggled)
        radios.addStretch(1)
        radio_box = QWidget(self)
        radio_box.setLayout(radios)
        radios.setContentsMargins(0, 0, 0, 0)
        self.disposition_date = DateEdit(self)
        self.disposition_date.setMaximumWidth(180)
        self.disposition_date.set_value(today)
        self.collective_note = QPlainTextEdit(self)
        self.collective_note.setFixedHeight(64)
        self.collective_note.setPlaceholderText(self.tr("如：2026年11月18日纪委会议集体研究，同意初步核实"))
        self.verifiers = QLineEdit(self)
        self.verifiers.setPlaceholderText(self.tr("初步核实须至少2人，用顿号分隔，如：李四、赵六"))
        self.approval = QLabel(self)
        self.approve_button = QPushButton(self.tr("审批同意"), self)
        self.approve_button.clicked.connect(lambda: self.approve())
        self.dispose_button = primary(QPushButton(self.tr("确定处置"), self))
        self.dispose_button.clicked.connect(lambda: self.dispose())
        self.dispose_general = form_error_label(self)
        self.dispose_errors = FormErrors(self.dispose_general)
        dform = QFormLayout(self.dispose_box)
        dform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("disposition", self.tr("处置方式"), radio_box),
                                   ("date", self.tr("处置日期"), self.disposition_date),
                                   ("collective_note", self.tr("集体研究意见"), self.collective_note),
                                   ("verifiers", self.tr("核查人员"), self.verifiers)):
            dform.addRow(text, editor)
            dform.addRow("", self.dispose_errors.add(code, editor, FieldError(self)))
        approval_row = QHBoxLayout()
        approval_row.addWidget(self.approval)
        approval_row.addWidget(self.approve_button)
        approval_row.addStretch(1)
        approval_row.addWidget(self.dispose_errors.summary_label(self))   # 有 N 处需要修改
        approval_row.addWidget(self.dispose_button)
        dform.addRow(self.tr("审批"), approval_row)
        dform.addRow(self.dispose_general)

        # 办结
        self.result_box = QGroupBox(self.tr("办理结果"), self)
        self.result = QComboBox(self)
        self.result_date = DateEdit(self)
        self.result_date.setMaximumWidth(180)
        self.result_date.set_value(today)
        self.result_note = QPlainTextEdit(self)
        self.result_note.setFixedHeight(64)
        self.conclude_button = primary(QPushButton(self.tr("登记办理结果"), self))
        self.conclude_button.clicked.connect(lambda: self.conclude())
        self.case_button = QPushButton(self.tr("立案…"), self)
        self.case_button.clicked.connect(self.open_case_form)
        self.result_general = form_error_label(self)
        self.result_errors = FormErrors(self.result_general)
        rform = QFormLayout(self.result_box)
        rform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("result", self.tr("办理结果"), self.result),
                                   ("date", self.tr("结果日期"), self.result_date),
                                   ("note", self.tr("办理情况"), self.result_note)):
            rform.addRow(text, editor)
            rform.addRow("", self.result_errors.add(code, editor, FieldError(self)))
        rrow = QHBoxLayout()
        self.result_hint = QLabel(self)
        self.result_hint.setObjectName("Hint")
        self.result_hint.setWordWrap(True)
        self.result_hint.linkActivated.connect(lambda _=None: self._open_case())
        rrow.addWidget(self.result_hint, 1)
        rrow.addWidget(self.case_button)
        rrow.addWidget(self.result_errors.summary_label(self))   # 有 N 处需要修改
        rrow.addWidget(self.conclude_button)
        rform.addRow(rrow)
        rform.addRow(self.result_general)

        handle_tab = QWidget(self)
        hl = QVBoxLayout(handle_tab)
        hl.addWidget(self.dispose_box)
        self.work_plan_box = LeadWorkPlan(self)   # 初核工作方案 and its approval
        hl.addWidget(self.work_plan_box)
        hl.addWidget(self.result_box)
        self.followups = LeadFollowups(self)   # 函询… and 谈话记录…
        hl.addWidget(self.followups)
        hl.addStretch(1)
        return handle_tab

    def _watch_handling(self) -> None:
        """Mark the form (and the section) dirty when the disposition or the result is edited."""
        for w in (self.disposition_date, self.collective_note, self.verifiers):
            self.watch(w)
        self.collective_note.textChanged.connect(self._mark_dispose)
        self.verifiers.textEdited.connect(self._mark_dispose)
        self.disposition_date.dateChanged.connect(self._mark_dispose)
        self.watch(self.result, self.result_date, self.result_note)
        self.result.activated.connect(self._mark_result)
        self.result_note.textChanged.connect(self._mark_result)
        self.result_date.dateChanged.connect(self._mark_result)

    def _mark_dispose(self, *_args) -> None:
        if not self._loading:
            self._dispose_dirty = True

    def _mark_result(self, *_args) -> None:
        if not self._loading:
            self._result_dirty = True

    def _disposition_toggled(self, *_args) -> None:
        code = self.disposition()
        open_ = self.view is None or self.view.disposition is None
        self.verifiers.setEnabled(open_ and code == Disposition.preliminary_verification.value)
        if not self._loading:
            self._dispose_dirty = True
            self.set_dirty()
            self.dispose_errors.clear("disposition")

    def disposition(self) -> str | None:
        for code, radio in self.disposition_radios.items():
            if radio.isChecked():
                return code
        return None

    def set_disposition(self, code: str) -> None:
        self.disposition_radios[code].setChecked(True)

    # ---- display -----------------------------------------------------------------------------------------
    def _show_disposition(self, v) -> None:
        disposed = v.disposition is not None
        self.disposition_group.setExclusive(False)
        for code, radio in self.disposition_radios.items():
            radio.setChecked(code == v.disposition)
            radio.setEnabled(not disposed)
        self.disposition_group.setExclusive(True)
        if disposed:
            self.disposition_date.set_value(v.disposition_date)
            self.collective_note.setPlainText(v.collective_note)
            self.verifiers.setText(v.verifiers)
        for w in (self.disposition_date, self.collective_note):
            w.setEnabled(not disposed)
        self.verifiers.setEnabled(not disposed and v.disposition == Disposition.preliminary_verification.value)
        self.dispose_button.setVisible(not disposed)
        if not disposed:
            self.approval.setText(self.tr("纪委书记确定处置即视为审批；办案人员确定后须报纪委书记审批。"))
        elif v.approved:
            self.approval.setText(self.tr("已审批（{who}）").format(who=v.approver_name))
        else:
            self.approval.setText(self.tr("待纪委书记审批"))
        user = self.ctx.workspace.current_user
        self.approve_button.setVisible(disposed and not v.approved and user is not None
                                       and allowed(user.roles, "lead.approve"))

    def _show_result(self, v) -> None:
        self.result.clear()
        choices = [r for r in v.allowed_results if r != LeadResult.case_filed.value]
        for code in choices:
            self.result.addItem(LeadResult(code).label, code)
        verifying = v.disposition == Disposition.preliminary_verification.value
        plan_ready = not verifying or v.imported or bool((v.work_plan or {}).get("approved"))
        open_for_result = v.approved and v.result is None and plan_ready
        can_file = open_for_result and verifying
        self.work_plan_box.show_lead(v)
        self.case_button.setVisible(can_file)
        self.result_box.setEnabled(v.disposition is not None)
        if v.result is not None:
            self.result.addItem(v.result_label, v.result)
            self.result_date.set_value(v.result_date)
            self.result_note.setPlainText(v.result_note)
            if v.case_id:
                self.result_hint.setText(f'<a href="case:{v.case_id}">' + self.tr("已立案：案件 {n}（点击查看）")
                                         .format(n=v.case_number) + "</a>")
            else:
                self.result_hint.setText(self.tr("已办结。"))
        elif v.disposition is None:
            self.result_hint.setText(self.tr("确定处置方式后登记办理结果。"))
        elif not v.approved:
            self.result_hint.setText(self.tr("处置经纪委书记审批后才能登记办理结果。"))
        elif not plan_ready:
            self.result_hint.setText(self.tr("初核工作方案经纪委书记审批后才能登记初核结果或立案。"))
        elif not choices and not can_file:
            self.result_hint.setText(self.tr("暂存待查的线索暂无办理结果，有新情况时再处置。"))
        else:
            self.result_hint.setText(self.tr("初步核实后需要立案的，请点击“立案…”。") if can_file else "")
        editable = open_for_result and bool(choices)
        for w in (self.result, self.result_date, self.result_note):
            w.setEnabled(editable)
        self.conclude_button.setVisible(editable)
        self.followups.show_lead(v)

    # ---- actions -----------------------------------------------------------------------------------------
    def dispose(self, then=None) -> None:
        if self.lead_id is None:
            return
        ws, code = self.ctx.workspace, self.disposition()
        when, note = self.disposition_date.value(), self.collective_note.toPlainText().strip()
        verifiers = self.verifiers.text().strip() if code == Disposition.preliminary_verification.value else ""
        self.tabs.setCurrentIndex(1)   # where its answer is shown, a refusal or the new state
        seen = self.view.version if self.view else None   # a newer save by another desk is refused
        self.run(lambda: leads.dispose(ws, self.lead_id, code or "", when, note, verifiers, expected_version=seen),
                 self.dispose_errors, lambda _view: self._after_action(then=then))

    def approve(self) -> None:
        ws = self.ctx.workspace
        seen = self.view.version if self.view else None
        self.run(lambda: leads.approve_disposition(ws, self.lead_id, expected_version=seen), self.dispose_errors,
                 lambda _view: self._after_action())

    def conclude(self, then=None) -> None:
        ws = self.ctx.workspace
        code, when, note = self.result.currentData(), self.result_date.value(), self.result_note.toPlainText().strip()
        self.tabs.setCurrentIndex(1)
        seen = self.view.version if self.view else None
        self.run(lambda: leads.conclude_lead(ws, self.lead_id, code or "", when, note, expected_version=seen),
                 self.result_errors,
                 lambda _view: self._after_action(then=then))

    def open_case_form(self) -> CaseForm | None:
        """立案 from this 初核 lead: a CaseForm prefilled with the lead's summary and persons."""
        if self.view is None:
            return None
        form = CaseForm(self.ctx, lead=self.view, parent=self)
        form.sig_saved.connect(lambda entity, _id: self._case_saved())
        self.children_forms.append(form)
        form.show()
        return form

    def _case_saved(self) -> None:
        self.reload(lambda: self.sig_saved.emit("lead", self.lead_id))

    def _open_case(self) -> None:
        if self.view and self.view.case_id:
            form = CaseForm(self.ctx, self.view.case_id, parent=self)
            self.children_forms.append(form)
            form.show()
