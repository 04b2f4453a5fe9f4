"""案件 form: 立案 (from a lead's 初核 or directly), the stages in date order, 被调查人, 处分处理, 时间线.

The 被调查人 table is person_table.PersonTable (its names are importable from here too)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import CaseStage
from services.casework import cases
from services.errors import ValidationError
from services.reporting import item_print
from services.security.permissions import allowed

from ..eight_rules_field import EightRulesField
from ..form_widgets import DateEdit
from ..geometry import remember_geometry
from ..operations import DbOp, QueryOp
from ..pdf_preview import PdfPreviewDialog
from ..widgets import FieldError, FormErrors, form_error_label, primary, show_error
from .case_stage_dialog import CaseStageDialog, UndoStageDialog
from .measure_form import ItemDialog, MeasureForm
from .sanction_execution import open_execution
from .person_table import LEAD_PERSON_KEYS, PERSON_COLUMNS, PersonTable, person_label
from .talk_form import talk_button

__all__ = ["LEAD_PERSON_KEYS", "PERSON_COLUMNS", "CaseForm", "PersonTable", "person_label"]


class CaseForm(ItemDialog):
    """One case: new (``lead`` = a LeadView to 立案 from, or nothing for a direct case) or ``case_id``."""

    def __init__(self, ctx, case_id: int | None = None, *, lead=None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.case_id = case_id
        self.lead = lead
        self.view = None
        self.children_forms: list[QWidget] = []
        self._build()
        if case_id is not None:
            self.load(case_id)
        else:
            self._start_new()
        self.resize(1240, 760)
        remember_geometry(self, ctx.settings)

    # ---- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        today = self.ctx.workspace.today()
        self.heading = QLabel(self)
        self.heading.setObjectName("DialogTitle")
        self.status = QLabel(self)
        self.status.setObjectName("DialogSubtitle")

        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("如 张某某违规收受礼金案"))
        self.lead_link = QLabel(self)
        self.filing_date = DateEdit(self)
        self.filing_date.setMaximumWidth(180)
        self.filing_date.set_value(today)
        self.filing_approver = QLineEdit(self)
        self.eight_rules_field = EightRulesField(self)   # from the lead, as the lead form's
        self.eight_rules, self.eight_rules_type = self.eight_rules_field.flag, self.eight_rules_field.sub_type
        self.summary = QPlainTextEdit(self)
        self.summary.setFixedHeight(64)
        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        info = QFormLayout()
        info.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("title", self.tr("案件名称"), self.title),
                                   ("lead", self.tr("来源线索"), self.lead_link),
                                   ("filing_date", self.tr("立案日期"), self.filing_date),
                                   ("filing_approver", self.tr("立案审批人"), self.filing_approver),
                                   ("eight_rules_type", self.tr("八项规定"), self.eight_rules_field),
                                   ("summary", self.tr("简要案情"), self.summary)):
            info.addRow(text, editor)
            if code not in ("lead",):
                info.addRow("", self.errors.add(code, self.eight_rules_type if code == "eight_rules_type" else editor,
                                                FieldError(self)))
        self.errors.fields["eight_rules"] = self.errors.fields["eight_rules_type"]

        # stages: one column per stage with its date; the next one gets a date editor and the action
        self.stage_box = QGroupBox(self.tr("办理阶段"), self)
        grid = QGridLayout(self.stage_box)
        self.stage_names: dict[str, QLabel] = {}
        self.stage_dates: dict[str, QLabel] = {}
        for col, stage in enumerate(CaseStage):
            name = QLabel(stage.label)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            date = QLabel("—")
            date.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(name, 0, col)
            grid.addWidget(date, 1, col)
            self.stage_names[stage.value] = name
            self.stage_dates[stage.value] = date
        self.next_label = QLabel(self)
        # each change in its own dialog (date and the stage's fields); the last one undone by the secretary
        self.stage_dialog: QDialog | None = None
        self.advance_button = primary(QPushButton(self.tr("推进到下一阶段…"), self))
        self.advance_button.clicked.connect(self.advance)
        self.undo_stage_button = QPushButton(self.tr("撤销上一阶段…"), self)
        self.undo_stage_button.clicked.connect(self.undo_stage)
        self.advance_error = FieldError(self)
        self.stage_errors = FormErrors(self.advance_error)
        self.approve_filing_button = QPushButton(self.tr("审批立案"), self)   # the secretary, for an officer's 立案
        self.approve_filing_button.clicked.connect(self.approve_filing)
        row = QHBoxLayout()
        row.addWidget(self.next_label)
        row.addWidget(self.advance_button)
        row.addWidget(self.undo_stage_button)
        row.addWidget(self.approve_filing_button)
        row.addStretch(1)
        grid.addLayout(row, 2, 0, 1, len(CaseStage))
        grid.addWidget(self.advance_error, 3, 0, 1, len(CaseStage))
        self.stage_notes = QLabel(self)   # the 审理意见 (and a 免予/不予处分 reason) entered with their stage
        self.stage_notes.setWordWrap(True)
        self.stage_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.stage_notes, 4, 0, 1, len(CaseStage))

        basic = QWidget(self)
        basic_lay = QVBoxLayout(basic)
        basic_lay.addLayout(info)
        basic_lay.addWidget(self.stage_box)
        basic_lay.addStretch(1)

        self.persons = PersonTable(parent=self)
        self.persons.sig_edited.connect(self.set_dirty)
        self.persons_error = form_error_label(self)
        self.add_person_button = QPushButton(self.tr("增加被调查人"), self)
        self.remove_person_button = QPushButton(self.tr("删除未保存的行"), self)
        self.add_person_button.clicked.connect(lambda: self.persons.add_person())
        self.remove_person_button.clicked.connect(self.persons.remove_current_new)
        persons_tab = QWidget(self)
        pl = QVBoxLayout(persons_tab)
        hint = QLabel(self.tr("金额单位为万元；出生年月、入党时间可不填。党纪处分只能给予中共党员，政务处分只能给予监察对象。"))
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        pl.addWidget(hint)
        pl.addWidget(self.persons, 1)
        pl.addWidget(self.persons_error)
        pb = QHBoxLayout()
        pb.addWidget(self.add_person_button)
        pb.addWidget(self.remove_person_button)
        pb.addStretch(1)
        pl.addLayout(pb)

        self.measures = QTableWidget(0, 7, self)
        self.measures.setHorizontalHeaderLabels([self.tr("对象"), self.tr("类别"), self.tr("处分/处理"),
                                                 self.tr("决定日期"), self.tr("文号"), self.tr("影响期至"),
                                                 self.tr("四种形态")])
        self.measures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures.cellDoubleClicked.connect(self.open_measure)   # a 处分: its 执行 and 回访
        self.measures.verticalHeader().hide()
        self.measures.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.measures.horizontalHeader().setStretchLastSection(True)
        self.measures_empty = QLabel(self.tr("尚未录入处分或处理。"), self)
        self.measures_empty.setObjectName("Hint")
        self.add_measure_button = QPushButton(self.tr("新增处分/处理…"), self)
        self.add_measure_button.clicked.connect(self.new_measure)
        measures_tab = QWidget(self)
        ml = QVBoxLayout(measures_tab)
        ml.addWidget(self.measures_empty)
        ml.addWidget(self.measures, 1)
        mb = QHBoxLayout()
        mb.addWidget(self.add_measure_button)
        self.talk_button = talk_button(self, "case")   # 谈话记录…
        mb.addWidget(self.talk_button)
        self.ledger_button = QPushButton(self.tr("新建一案双查台账…"), self)   # its 线索来源 from the case
        self.ledger_button.clicked.connect(lambda: self.new_ledger_entry())
        user = self.ctx.workspace.current_user
        self.ledger_button.setVisible(user is not None and allowed(user.roles, "ledger.manage"))
        mb.addWidget(self.ledger_button)
        mb.addStretch(1)
        ml.addLayout(mb)

        self.frame_with_tabs([(basic, self.tr("案件信息")), (persons_tab, self.tr("被调查人")),
                              (measures_tab, self.tr("处分处理"))], self.tr("打印立案审批表…"))
        self.watch(self.title, self.filing_date, self.filing_approver, self.eight_rules, self.eight_rules_type,
                   self.summary)

    # ---- modes -------------------------------------------------------------------------------------------
    def _start_new(self) -> None:
        self._loading = True
        self.persons.today = self.ctx.workspace.today()
        if self.lead is not None:
            self.setWindowTitle(self.tr("立案 — 线索 {n}").format(n=self.lead.number))
            self.heading.setText(self.tr("立案（来自线索 {n}）").format(n=self.lead.number))
            self.lead_link.setText(self.lead.number)
            self.summary.setPlainText(self.lead.summary)
            names = "、".join(p.name for p in self.lead.persons)
            self.title.setText(self.tr("{names}问题案").format(names=names) if names else "")
            self.persons.set_persons(self.lead.persons)
            self.eight_rules.setChecked(self.lead.eight_rules)   # carried from the lead, still editable
            self.eight_rules_type.set_value(self.lead.eight_rules_type)
        else:
            self.setWindowTitle(self.tr("直接立案"))
            self.heading.setText(self.tr("立案（直接立案）"))
            self.lead_link.setText(self.tr("（无，直接立案）"))
            self.persons.add_person()
            self.persons.clear_changed()
        self.status.setText(self.tr("填写立案信息和被调查人后点击“保存”（Ctrl+S）。"))
        self.stage_box.setVisible(False)
        self.add_measure_button.setEnabled(False)
        self.ledger_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.tabs.setTabEnabled(3, False)
        self._show_measures([])
        self._loading = False
        self._dirty = self.lead is not None  # a prefilled 立案 not yet saved is unsaved work
        if self._dirty:
            self.set_dirty(True)

    def load(self, case_id: int) -> None:
        ws = self.ctx.workspace
        # blocking: the form shows the case as it opens
        self._show(self.ctx.call_db(self, lambda: cases.get_case(ws, case_id)))

    def _reload(self, then=None) -> None:
        """Show the case as stored now (after a save), then ``then()``."""
        ws, case_id = self.ctx.workspace, self.case_id
        self.show_stored(lambda: cases.get_case(ws, case_id), then)

    def _show(self, v) -> None:
        ws = self.ctx.workspace
        self.case_id, self.view = v.id, v
        self._loading = True
        self.setWindowTitle(self.tr("案件 {n}").format(n=v.number))
        self.heading.setText(self.tr("案件 {n}  {title}").format(n=v.number, title=v.title))
        self.status.setText(self.tr("当前阶段：{stage}").format(stage=v.stage_label))
        self.title.setText(v.title)
        self.lead_link.setText(v.lead_number or self.tr("（无，直接立案）"))
        self.filing_date.set_value(v.filing_date)
        self.filing_approver.setText(v.filing_approver)
        self.eight_rules.setChecked(v.eight_rules)
        self.eight_rules_type.set_value(v.eight_rules_type)
        self.summary.setPlainText(v.summary)
        for w in (self.title, self.filing_date, self.filing_approver, self.eight_rules, self.eight_rules_type,
                  self.summary):
            w.setEnabled(False)
        self.persons.today = ws.today()
        self.persons.set_persons(v.persons)
        self._show_stages(v)
        self._show_measures(v.measures)
        self.stage_box.setVisible(True)
        self.add_measure_button.setEnabled(bool(v.persons))
        self.ledger_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.tabs.setTabEnabled(3, True)
        self.timeline.load(self.ctx, "case", v.id)
        self._loading = False
        self.set_dirty(False)

    def _show_stages(self, v) -> None:
        dates = {"filed": v.filing_date, "investigating": v.investigation_date,
                 "referred_for_trial": v.trial_referral_date, "trial_concluded": v.trial_concluded_date,
                 "closed": v.closing_date}
        current = list(dates).index(v.stage)
        for i, (code, when) in enumerate(dates.items()):
            reached = i <= current
            self.stage_dates[code].setText(when.isoformat() if when else "—")
            name = self.stage_names[code]
            name.setText(("✔ " if reached else "") + CaseStage(code).label)
            name.setStyleSheet("font-weight: bold; color: #9b1c1c;" if i == current else
                               "color: #1f2328;" if reached else "color: #9ca3af;")
        nxt = v.next_stages[0] if v.next_stages else None
        self.advance_button.setVisible(nxt is not None)
        user = self.ctx.workspace.current_user
        pending = not v.filing_approved and not v.imported
        self.approve_filing_button.setVisible(pending and user is not None and allowed(user.roles, "case.approve"))
        self.advance_button.setEnabled(not pending)
        self.advance_button.setToolTip(self.tr("立案经纪委书记审批后才能推进") if pending else "")
        self.undo_stage_button.setVisible(user is not None and allowed(user.roles, "case.stage_undo")
                                          and v.stage not in (CaseStage.filed.value, CaseStage.closed.value))
        self.next_label.setText(self.tr("下一阶段：{stage}").format(stage=CaseStage(nxt).label) if nxt
                                else self.tr("案件已结案。"))
        self.advance_error.clear_message()
        notes = [self.tr("审理意见：{t}").format(t=v.trial_opinion)] if v.trial_opinion else []
        if v.no_sanction_reason:
            notes.append(self.tr("免予处分或不予处分的理由：{t}").format(t=v.no_sanction_reason))
        self.stage_notes.setText("\n".join(notes))
        self.stage_notes.setVisible(bool(notes))

    def _show_measures(self, rows: list[dict]) -> None:
        self.measures.setRowCount(len(rows))
        for r, m in enumerate(rows):
            values = [m["person_name"], m["category_label"], m["kind_label"], m["decision_date"].isoformat(),
                      m["document_number"], m["effect_end"].isoformat() if m["effect_end"] else self.tr("无"),
                      m["form_label"] or self.tr("不计入")]
            for c, text in enumerate(values):
                self.measures.setItem(r, c, QTableWidgetItem(text))
        self.measures_empty.setVisible(not rows)

    # ---- actions -----------------------------------------------------------------------------------------
    def save(self, then=None) -> None:
        """立案 (a new case), or save the edited 被调查人 rows; ``then()`` once all is saved."""
        ws = self.ctx.workspace
        if self.case_id is None:
            prefilled = self.lead is not None
            kwargs = dict(lead_id=self.lead.id if prefilled else None, filing_date=self.filing_date.value(),
                          title=self.title.text().strip(), eight_rules=self.eight_rules.isChecked(),
                          eight_rules_type=self.eight_rules_type.value() if self.eight_rules.isChecked() else None,
                          filing_approver=self.filing_approver.text().strip(),
                          summary=self.summary.toPlainText().strip())
            # from a lead the same person rows move into the case; edits to them are saved right after
            persons = None if prefilled else self.persons.persons()
            self.persons_error.hide()
            self.errors.clear()
            DbOp(self, lambda: cases.open_case(ws, persons=persons, **kwargs)) \
                .success(lambda view: self._opened(view, prefilled, then)).failure(self._open_failed).run()
            return
        if not self.persons.changed_rows():
            self.set_dirty(False)
            if then:
                then()
            return
        self._save_person_edits(self.case_id, lambda: self._reload(lambda: self._saved(then)))

    def _opened(self, view, prefilled: bool, then) -> None:
        self.case_id = view.id

        def finish() -> None:
            self.lead = None
            self._reload(lambda: self._saved(then))

        if prefilled:
            # 立案 moved the lead's person rows into the case, one change each: the edits follow it (a
            # version further on was another desk's save, and stays refused)
            for p in view.persons:
                if self.persons.version_of(p.id) == p.version - 1:
                    self.persons.keep_version(p.id, p.version)
            self._save_person_edits(view.id, finish)
        else:
            finish()

    def _saved(self, then) -> None:
        self.sig_saved.emit("case", self.case_id)
        if then:
            then()

    def _open_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        in_table, elsewhere = self.persons.show_split(exc, self.persons_error, self.errors)
        if in_table and not elsewhere:
            self.tabs.setCurrentIndex(1)

    def _save_person_edits(self, case_id: int, done) -> None:
        ws = self.ctx.workspace

        def write(row):
            pid, data = self.persons.person_id(row), self.persons.person_input(row)
            if pid is not None:   # the version shown: a newer save from another desk is refused
                seen = self.persons.person_version(row)
                return lambda: self.persons.remember(cases.update_person(ws, pid, data, expected_version=seen))
            return lambda: cases.add_person(ws, case_id, data)

        def failed(row: int, exc: BaseException) -> None:
            if self.persons.show_row_problems(row, exc, self.persons_error):
                self.tabs.setCurrentIndex(1)
            else:
                show_error(self, exc)

        self.persons.save_rows(self, self.persons.changed_rows(), write, done=done, failed=failed,
                               id_of=lambda person: person.id)

    def advance(self) -> QDialog | None:
        """推进到下一阶段…: the stage dialog with its date and the stage's fields (it hands back the stage and
        version shown); a second click while it is open (a double click) brings the same one forward."""
        if self.view is None or not self.view.next_stages:
            return None
        return self._open_stage_dialog(CaseStageDialog)

    def undo_stage(self) -> QDialog | None:
        """撤销上一阶段… (the secretary): the reason, a confirmation, then the case is back one stage."""
        if self.view is None:
            return None
        return self._open_stage_dialog(UndoStageDialog)

    def _open_stage_dialog(self, cls) -> QDialog:
        if self.stage_dialog is not None:
            self.stage_dialog.raise_()
            self.stage_dialog.activateWindow()
            return self.stage_dialog
        dialog = self.stage_dialog = cls(self.ctx, self.view, self)
        dialog.sig_done.connect(self._advanced)
        dialog.finished.connect(lambda *_: self._stage_dialog_closed(dialog))
        dialog.open()
        return dialog

    def _stage_dialog_closed(self, dialog: QDialog) -> None:
        if self.stage_dialog is dialog:
            self.stage_dialog = None
        dialog.deleteLater()

    def approve_filing(self) -> None:
        """审批立案 (the secretary): the case may then move on."""
        if self.view is None:
            return
        ws = self.ctx.workspace
        seen = self.view.version
        self.run(lambda: cases.approve_filing(ws, self.case_id, expected_version=seen), self.stage_errors,
                 self._advanced)

    def _advanced(self, view) -> None:
        dirty = self.is_dirty()
        self.view = view
        self._show_stages(view)
        self.status.setText(self.tr("当前阶段：{stage}").format(stage=view.stage_label))
        self.timeline.load(self.ctx, "case", view.id)
        self._dirty = dirty
        self.sig_saved.emit("case", view.id)

    def new_measure(self) -> MeasureForm | None:
        if self.view is None:
            return None
        persons = [(p.id, person_label(p), p.party_member) for p in self.view.persons]
        form = MeasureForm(self.ctx, persons=persons, case_id=self.case_id, parent=self)
        form.sig_saved.connect(lambda *_: self._measures_changed())
        self.children_forms.append(form)
        form.show()
        return form

    def new_ledger_entry(self):
        """A new 一案双查 entry for this case (its form starts with the case's 线索来源); returns the form."""
        if self.case_id is None:
            return None
        from .ledger_form import LedgerForm
        form = LedgerForm(self.ctx, case_id=self.case_id, parent=self)
        self.children_forms.append(form)
        form.show()
        return form

    def open_measure(self, row: int, _column: int = 0):
        """The 处分执行与回访 dialog of the sanction in ``row`` (a handling measure has none)."""
        m = self.view.measures[row] if self.view is not None and row < len(self.view.measures) else None
        if m is None or m["category"] == "handling":
            return None
        dialog = open_execution(self, m["id"])
        dialog.sig_saved.connect(lambda *_: self.timeline.load(self.ctx, "case", self.view.id))
        return dialog

    def _measures_changed(self) -> None:
        ws, case_id = self.ctx.workspace, self.case_id
        QueryOp(self, lambda: cases.get_case(ws, case_id)).success(self._show_new_measures).run()

    def _show_new_measures(self, v) -> None:
        self.view = v
        self._show_measures(v.measures)
        self.timeline.load(self.ctx, "case", v.id)
        self.sig_saved.emit("case", v.id)

    def print_sheet(self) -> None:
        """立案审批表 in a preview (rendered on the database worker: item_print reads and renders in one call)."""
        if self.case_id is None:
            return
        ws, case_id = self.ctx.workspace, self.case_id
        QueryOp(self, lambda: item_print.case_sheet_pdf(ws, case_id)).success(self._preview).run()

    def _preview(self, pdf: bytes) -> None:
        dialog = PdfPreviewDialog(pdf, self.tr("立案审批表 {n}").format(n=self.view.number), self,
                                  settings=self.ctx.settings)
        self.children_forms.append(dialog)
        dialog.show()

    def stage_date_error(self) -> str:
        return self.advance_error.text() if self.advance_error.isVisible() or self.advance_error.text() else ""
