"""问题线索 form: registration, the one disposition (with approval), the result, 立案, timeline, 审批表.

This module is the dialog itself (the 线索信息 tab, loading, saving, the linked complaint, printing); the
处置与办结 tab (disposition, approval, result, 立案) is the mixin lead_handling.LeadHandling."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from models.enums import LeadSource
from services.casework import leads
from services.casework.leads import LeadInput
from services.reporting import item_print

from ..eight_rules_field import EightRulesField
from ..form_widgets import DateEdit, EnumCombo
from ..geometry import remember_geometry
from ..operations import DbOp, QueryOp
from ..pdf_preview import PdfPreviewDialog
from ..widgets import FieldError, FormErrors, form_error_label, show_error
from .lead_handling import LeadHandling
from .measure_form import ItemDialog
from .person_table import LEAD_PERSON_KEYS, PersonTable

__all__ = ["LeadForm"]


class LeadForm(LeadHandling, ItemDialog):
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
        self._class_dirty = False   # the 八项规定 field of a saved lead was edited
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
        self.eight_rules_field = EightRulesField(self)   # carried from the complaint, on into the case
        self.eight_rules, self.eight_rules_type = self.eight_rules_field.flag, self.eight_rules_field.sub_type
        self.eight_rules_field.sig_edited.connect(self._mark_classification)
        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        info = QFormLayout()
        info.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("source", self.tr("线索来源"), self.source),
                                   ("received_date", self.tr("收到日期"), self.received_date),
                                   ("complaint_id", self.tr("关联信访件"), self.complaint_link),
                                   ("eight_rules_type", self.tr("八项规定"), self.eight_rules_field),
                                   ("summary", self.tr("线索摘要"), self.summary)):
            info.addRow(text, editor)
            info.addRow("", self.errors.add(code, self.eight_rules_type if code == "eight_rules_type" else editor,
                                            FieldError(self)))
        self.errors.fields["eight_rules"] = self.errors.fields["eight_rules_type"]
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

        handle_tab = self._build_handling(today)

        self.frame_with_tabs([(info_tab, self.tr("线索信息")), (handle_tab, self.tr("处置与办结"))],
                             self.tr("打印审批表…"))

        self.watch(self.source, self.received_date, self.summary, self.eight_rules, self.eight_rules_type)
        self._watch_handling()

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
        if self.complaint_id is not None:   # the complaint's 八项规定 sub-type, shown before saving
            ws, cid = self.ctx.workspace, self.complaint_id
            QueryOp(self, lambda: leads.complaint_classification(ws, cid)) \
                .success(lambda pair: self.eight_rules_field.set_value(*pair)).run()

    def load(self, lead_id: int) -> None:
        """The lead as the form opens (its constructor); afterwards ``reload``."""
        ws = self.ctx.workspace
        # blocking: the form shows the lead as it opens
        self._show(self.ctx.call_db(self, lambda: leads.get_lead(ws, lead_id)))

    def reload(self, then=None) -> None:
        """Show the lead as stored now (after an action, a sub-dialog's save or a linked case), then ``then()``:
        a QueryOp; the widgets change in its success callback, all at once."""
        ws, lead_id = self.ctx.workspace, self.lead_id
        self.show_stored(lambda: leads.get_lead(ws, lead_id), then)

    def _show(self, v) -> None:
        self.lead_id, self.view = v.id, v
        self._loading = True
        self.setWindowTitle(self.tr("问题线索 {n}").format(n=v.number))
        self.heading.setText(self.tr("问题线索 {n}").format(n=v.number))
        self.source.set_value(v.source)
        self.received_date.set_value(v.received_date)
        self.summary.setPlainText(v.summary)
        for w in (self.source, self.received_date, self.summary):
            w.setEnabled(False)
        self.eight_rules_field.set_value(v.eight_rules, v.eight_rules_type)
        self.eight_rules_field.set_editable(v.case_id is None)   # then the case carries its own
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
        self._dispose_dirty = self._result_dirty = self._class_dirty = False
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

    # ---- actions -----------------------------------------------------------------------------------------
    def save(self, then=None) -> None:
        """Ctrl+S: create the lead, or save what was edited (persons, the disposition, the result), in turn;
        ``then()`` once all is saved (a failure stops there and is shown)."""
        ws = self.ctx.workspace
        if self.lead_id is None:
            flag, sub_type = self.eight_rules_field.value()
            data = LeadInput(source=self.source.value(), received_date=self.received_date.value(),
                             summary=self.summary.toPlainText().strip(), complaint_id=self.complaint_id,
                             persons=[p for p in self.persons.persons() if p.name], eight_rules=flag,
                             eight_rules_type=sub_type)
            self.persons_error.hide()
            self.errors.clear()
            DbOp(self, lambda: leads.create_lead(ws, data)).success(lambda view: self._created(view, then)) \
                .failure(self._create_failed).run()
            return

        def classification_step() -> None:
            if self._class_dirty:
                self._save_classification(dispose_step)
            else:
                dispose_step()

        def dispose_step() -> None:
            if self._dispose_dirty and self.view.disposition is None:
                self.dispose(then=result_step)
            else:
                result_step()

        def result_step() -> None:
            if self._result_dirty and self.conclude_button.isVisible():
                self.conclude(then=finished)
            else:
                finished()

        def finished() -> None:
            self.set_dirty(False)
            if then:
                then()

        if self.persons.changed_rows():
            self._save_person_edits(classification_step)
        else:
            classification_step()

    def _created(self, view, then) -> None:
        self._show(view)
        self.tabs.setCurrentIndex(1)
        self.sig_saved.emit("lead", view.id)
        if then:
            then()

    def _create_failed(self, exc: BaseException) -> None:
        from services.errors import ValidationError
        if isinstance(exc, ValidationError):
            self.persons.show_split(exc, self.persons_error, self.errors)
        else:
            show_error(self, exc)

    def _save_person_edits(self, done) -> None:
        from services.casework import cases
        ws = self.ctx.workspace

        def write(row):
            pid, data = self.persons.person_id(row), self.persons.person_input(row)
            seen = self.persons.person_version(row)   # a newer save from another desk is refused
            return lambda: self.persons.remember(cases.update_person(ws, pid, data, expected_version=seen))

        def saved() -> None:
            self.persons.clear_changed()
            self.sig_saved.emit("lead", self.lead_id)
            done()

        def failed(row: int, exc: BaseException) -> None:
            if self.persons.show_row_problems(row, exc, self.persons_error):
                self.tabs.setCurrentIndex(0)
            else:
                show_error(self, exc)

        rows = [r for r in self.persons.changed_rows() if self.persons.person_id(r) is not None]
        self.persons.save_rows(self, rows, write, done=saved, failed=failed)

    def _mark_classification(self) -> None:
        if not self._loading and self.lead_id is not None:
            self._class_dirty = True

    def _save_classification(self, done) -> None:
        """The corrected 八项规定 field of a saved lead (refused at the field, the input kept)."""
        ws, lead_id, seen = self.ctx.workspace, self.lead_id, self.view.version
        flag, sub_type = self.eight_rules_field.value()

        def saved(view) -> None:
            self.view, self._class_dirty = view, False
            self.timeline.load(self.ctx, "lead", view.id)
            self.sig_saved.emit("lead", view.id)
            done()

        def failed(exc: BaseException) -> None:
            from services.errors import ValidationError
            self.tabs.setCurrentIndex(0)
            if isinstance(exc, ValidationError):
                self.errors.show(exc)
            else:
                show_error(self, exc)

        self.errors.clear()
        DbOp(self, lambda: leads.set_classification(ws, lead_id, flag, sub_type, expected_version=seen)) \
            .success(saved).failure(failed).run()

    def _after_action(self, tab: int = 1, then=None) -> None:
        pending_persons = bool(self.persons.changed_rows())

        def shown() -> None:
            self.tabs.setCurrentIndex(tab)
            if pending_persons:
                self.set_dirty(True)
            self.sig_saved.emit("lead", self.lead_id)
            if then:
                then()

        self.reload(shown)

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
        form.sig_open_item.connect(lambda *_: self.activateWindow())   # its 查看线索: this very form
        self.children_forms.append(form)
        form.show()

    def print_sheet(self) -> None:
        """问题线索处置审批表 in a preview (rendered on the database worker: item_print reads and renders in one call)."""
        if self.lead_id is None:
            return
        ws, lead_id = self.ctx.workspace, self.lead_id
        QueryOp(self, lambda: item_print.lead_sheet_pdf(ws, lead_id)).success(self._preview).run()

    def _preview(self, pdf: bytes) -> None:
        dialog = PdfPreviewDialog(pdf, self.tr("问题线索处置审批表 {n}").format(n=self.view.number), self,
                                  settings=self.ctx.settings)
        self.children_forms.append(dialog)
        dialog.show()
