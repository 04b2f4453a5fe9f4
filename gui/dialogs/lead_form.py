"""问题线索 form: registration, the one disposition (with approval), the result, 立案, timeline, 审批表."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from models.enums import Disposition, LeadResult, LeadSource
from services.casework import leads
from services.casework.leads import LeadInput
from services.reporting import item_print
from services.security.permissions import allowed

from ..form_widgets import DateEdit, EnumCombo
from ..geometry import remember_geometry
from ..pdf_preview import PdfPreviewDialog
from ..widgets import FieldError, FormErrors, form_error_label, primary, show_error
from .case_form import LEAD_PERSON_KEYS, CaseForm, PersonTable
from .measure_form import ItemDialog


class LeadForm(ItemDialog):
    """A new lead (``lead_id`` None) or an existing one; its sections are saved by the action they stand for."""

    sig_open_item = Signal(str, int)
    """The user asked to open a linked item: (entity "complaint"|"case", id)."""

    def __init__(self, ctx, lead_id: int | None = None, parent: QWidget | None = None, *,
                 complaint_id: int | None = None):
        super().__init__(ctx, parent)
        self.lead_id = lead_id
        self.complaint_id = complaint_id
        self.view = None
        self.children_forms: list[QWidget] = []
        self._dispose_dirty = False
        self._result_dirty = False
        self._build()
        if lead_id is not None:
            self.load(lead_id)
        else:
            self._start_new()
        self.resize(1000, 720)
        remember_geometry(self, ctx.settings)

    # ---- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        today = self.ctx.workspace.today()
        self.heading = QLabel(self)
        self.heading.setObjectName("DialogTitle")
        self.status = QLabel(self)
        self.status.setObjectName("DialogSubtitle")

        # 线索信息
        self.source = EnumCombo(LeadSource, parent=self)
        self.received_date = DateEdit(self)
        self.received_date.setMaximumWidth(180)
        self.received_date.set_value(today)
        self.summary = QPlainTextEdit(self)
        self.summary.setFixedHeight(90)
        self.complaint_link = QLabel(self)
        self.complaint_link.setTextFormat(Qt.TextFormat.RichText)
        self.complaint_link.linkActivated.connect(lambda _: self._open_complaint())
        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        info = QFormLayout()
        info.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("source", self.tr("线索来源"), self.source),
                                   ("received_date", self.tr("收到日期"), self.received_date),
                                   ("complaint_id", self.tr("关联信访件"), self.complaint_link),
                                   ("summary", self.tr("线索摘要"), self.summary)):
            info.addRow(text, editor)
            info.addRow("", self.errors.add(code, editor, FieldError(self)))
        self.persons = PersonTable(LEAD_PERSON_KEYS, self)
        self.persons.sig_edited.connect(self.set_dirty)
        self.persons_error = form_error_label(self)
        self.add_person_button = QPushButton(self.tr("增加人员"), self)
        self.remove_person_button = QPushButton(self.tr("删除未保存的行"), self)
        self.add_person_button.clicked.connect(lambda: self.persons.add_person())
        self.remove_person_button.clicked.connect(self.persons.remove_current_new)
        info_tab = QWidget(self)
        il = QVBoxLayout(info_tab)
        il.addLayout(info)
        il.addWidget(QLabel(self.tr("涉及人员")))
        il.addWidget(self.persons, 1)
        il.addWidget(self.persons_error)
        pb = QHBoxLayout()
        pb.addWidget(self.add_person_button)
        pb.addWidget(self.remove_person_button)
        pb.addStretch(1)
        il.addLayout(pb)

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
        self.approve_button.clicked.connect(self.approve)
        self.dispose_button = primary(QPushButton(self.tr("确定处置"), self))
        self.dispose_button.clicked.connect(self.dispose)
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
        self.conclude_button.clicked.connect(self.conclude)
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
        rrow.addWidget(self.conclude_button)
        rform.addRow(rrow)
        rform.addRow(self.result_general)

        handle_tab = QWidget(self)
        hl = QVBoxLayout(handle_tab)
        hl.addWidget(self.dispose_box)
        hl.addWidget(self.result_box)
        hl.addStretch(1)

        self.frame_with_tabs([(info_tab, self.tr("线索信息")), (handle_tab, self.tr("处置与办结"))],
                             self.tr("打印审批表…"))

        self.watch(self.source, self.received_date, self.summary)
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

    # ---- modes -------------------------------------------------------------------------------------------
    def _start_new(self) -> None:
        self._loading = True
        self.setWindowTitle(self.tr("新建问题线索"))
        self.heading.setText(self.tr("新建问题线索"))
        self.status.setText(self.tr("填写线索来源、摘要和涉及人员后点击“保存”（Ctrl+S）；保存后可处置。"))
        self.complaint_link.setText(self.tr("（直接录入，无关联信访件）"))
        self.persons.add_person()
        self.persons.clear_changed()
        self.tabs.setTabEnabled(1, False)
        self.tabs.setTabEnabled(2, False)
        self.print_button.setEnabled(False)
        self._loading = False

    def load(self, lead_id: int) -> None:
        ws = self.ctx.workspace
        v = self.ctx.call_db(self, lambda: leads.get_lead(ws, lead_id))
        self.lead_id, self.view = v.id, v
        self._loading = True
        self.setWindowTitle(self.tr("问题线索 {n}").format(n=v.number))
        self.heading.setText(self.tr("问题线索 {n}").format(n=v.number))
        self.source.set_value(v.source)
        self.received_date.set_value(v.received_date)
        self.summary.setPlainText(v.summary)
        for w in (self.source, self.received_date, self.summary):
            w.setEnabled(False)
        if v.complaint_id:
            self.complaint_link.setText(f'<a href="complaint:{v.complaint_id}">{v.complaint_number}</a>'
                                        + self.tr("（由信访件受理转入，点击查看）"))
        else:
            self.complaint_link.setText(self.tr("（直接录入，无关联信访件）"))
        self.persons.set_persons(v.persons)
        self.add_person_button.setEnabled(False)
        self.remove_person_button.setEnabled(False)
        self.tabs.setTabEnabled(1, True)
        self.tabs.setTabEnabled(2, True)
        self.print_button.setEnabled(True)
        self._show_disposition(v)
        self._show_result(v)
        self.status.setText(self._status_text(v))
        self.timeline.load(self.ctx, "lead", v.id)
        self._loading = False
        self._dispose_dirty = self._result_dirty = False
        self.set_dirty(False)

    def _status_text(self, v) -> str:
        if v.disposition is None:
            return self.tr("状态：未处置")
        if not v.approved:
            return self.tr("状态：{d}，待纪委书记审批").format(d=v.disposition_label)
        if v.result is None:
            return self.tr("状态：{d}，办理中").format(d=v.disposition_label)
        text = self.tr("状态：{d}，已办结（{r}）").format(d=v.disposition_label, r=v.result_label)
        if v.case_number:
            text += self.tr("，案件 {n}").format(n=v.case_number)
        return text

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
        open_for_result = v.approved and v.result is None
        can_file = open_for_result and v.disposition == Disposition.preliminary_verification.value
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
        elif not choices and not can_file:
            self.result_hint.setText(self.tr("暂存待查的线索暂无办理结果，有新情况时再处置。"))
        else:
            self.result_hint.setText(self.tr("初步核实后需要立案的，请点击“立案…”。") if can_file else "")
        editable = open_for_result and bool(choices)
        for w in (self.result, self.result_date, self.result_note):
            w.setEnabled(editable)
        self.conclude_button.setVisible(editable)

    # ---- actions -----------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Ctrl+S: create the lead, or save what was edited (persons, the disposition, the result)."""
        ws = self.ctx.workspace
        if self.lead_id is None:
            data = LeadInput(source=self.source.value(), received_date=self.received_date.value(),
                             summary=self.summary.toPlainText().strip(), complaint_id=self.complaint_id,
                             persons=[p for p in self.persons.persons() if p.name])
            self.persons_error.hide()
            view = self._run_with_persons(lambda: leads.create_lead(ws, data))
            if view is None:
                return False
            self.load(view.id)
            self.tabs.setCurrentIndex(1)
            self.sig_saved.emit("lead", view.id)
            return True
        ok = True
        if self.persons.changed_rows():
            ok = self._save_person_edits() and ok
        if ok and self._dispose_dirty and self.view.disposition is None:
            ok = self.dispose()
        if ok and self._result_dirty and self.conclude_button.isVisible():
            ok = self.conclude()
        if ok:
            self.set_dirty(False)
        return ok

    def _run_with_persons(self, fn):
        from services.errors import DomainError, ValidationError
        self.errors.clear()
        try:
            return self.ctx.call_db(self, fn)
        except ValidationError as exc:
            problems = exc.problems or [exc]
            in_table = [p for p in problems if (p.field or "").startswith("persons")]
            others = [p for p in problems if p not in in_table]
            if in_table:
                self.persons.show_problems(in_table, self.persons_error)
            if others:
                self.errors.show(ValidationError(others[0].message, field=others[0].field, problems=others))
        except DomainError as exc:
            show_error(self, exc)
        return None

    def _save_person_edits(self) -> bool:
        from services.casework import cases
        from services.errors import ValidationError
        ws = self.ctx.workspace
        for row in self.persons.changed_rows():
            pid = self.persons.person_id(row)
            if pid is None:
                continue
            data = self.persons.person_input(row)
            try:
                self.ctx.call_db(self, lambda p=pid, d=data: cases.update_person(ws, p, d))
            except ValidationError as exc:
                problems = [ValidationError(p.message, field=f"persons[{row}].{p.field}")
                            for p in (exc.problems or [exc])]
                self.persons.show_problems(problems, self.persons_error)
                self.tabs.setCurrentIndex(0)
                return False
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
                return False
        self.persons.clear_changed()
        self.sig_saved.emit("lead", self.lead_id)
        return True

    def _after_action(self, view, tab: int = 1) -> None:
        pending_persons = bool(self.persons.changed_rows())
        self.load(view.id)
        self.tabs.setCurrentIndex(tab)
        if pending_persons:
            self.set_dirty(True)
        self.sig_saved.emit("lead", view.id)

    def dispose(self) -> bool:
        if self.lead_id is None:
            return False
        ws, code = self.ctx.workspace, self.disposition()
        when, note = self.disposition_date.value(), self.collective_note.toPlainText().strip()
        verifiers = self.verifiers.text().strip() if code == Disposition.preliminary_verification.value else ""
        view = self.run(lambda: leads.dispose(ws, self.lead_id, code or "", when, note, verifiers),
                        self.dispose_errors)
        if view is None:
            self.tabs.setCurrentIndex(1)
            return False
        self._after_action(view)
        return True

    def approve(self) -> bool:
        ws = self.ctx.workspace
        view = self.run(lambda: leads.approve_disposition(ws, self.lead_id), self.dispose_errors)
        if view is None:
            return False
        self._after_action(view)
        return True

    def conclude(self) -> bool:
        ws = self.ctx.workspace
        code, when, note = self.result.currentData(), self.result_date.value(), self.result_note.toPlainText().strip()
        view = self.run(lambda: leads.conclude_lead(ws, self.lead_id, code or "", when, note), self.result_errors)
        if view is None:
            self.tabs.setCurrentIndex(1)
            return False
        self._after_action(view)
        return True

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
        self.load(self.lead_id)
        self.sig_saved.emit("lead", self.lead_id)

    def _open_case(self) -> None:
        if self.view and self.view.case_id:
            form = CaseForm(self.ctx, self.view.case_id, parent=self)
            self.children_forms.append(form)
            form.show()

    def _open_complaint(self) -> None:
        cid = self.view.complaint_id if self.view else self.complaint_id
        if not cid:
            return
        self.sig_open_item.emit("complaint", cid)
        try:
            from .complaint_form import ComplaintForm
            form = ComplaintForm(self.ctx, cid, parent=self)
        except Exception as exc:  # noqa: BLE001 - the link must not break the lead form
            show_error(self, exc)
            return
        self.children_forms.append(form)
        form.show()

    def print_sheet(self) -> PdfPreviewDialog | None:
        if self.lead_id is None:
            return None
        ws = self.ctx.workspace
        try:
            pdf = self.ctx.call_db(self, lambda: item_print.lead_sheet_pdf(ws, self.lead_id))
            dialog = PdfPreviewDialog(pdf, self.tr("问题线索处置审批表 {n}").format(n=self.view.number), self,
                                      settings=self.ctx.settings)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        self.children_forms.append(dialog)
        dialog.show()
        return dialog
