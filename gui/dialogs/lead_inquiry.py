"""谈话函询 of a lead: its rounds (函询函, 书面说明, 评估) and the next step, one box each
(services.casework.inquiries); and ``LeadFollowups``, the 函询… / 谈话记录… row of the lead form."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import Disposition, InquiryAssessment, InquiryOutcome
from services.casework import inquiries
from services.reporting import notice_print

from ..form_widgets import DateEdit, EnumCombo
from ..geometry import remember_geometry
from ..interaction import Interaction
from ..letter_preview import print_letter
from ..operations import DbOp, QueryOp
from ..widgets import FieldError, FormErrors, form_error_label, primary
from .talk_form import TalkForm

__all__ = ["LeadFollowups", "LeadInquiryDialog"]


def _d(value) -> str:
    return value.isoformat() if value else ""


class LeadInquiryDialog(QDialog):
    """The 函询 of one lead (disposed 谈话函询): the rounds so far and the box of the step that is due."""

    sig_saved = Signal(str, int)
    """A step was written on ("lead", id)."""

    def __init__(self, ctx, lead_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.lead_id = lead_id
        self.overview = None
        today = ctx.workspace.today()
        self.setWindowTitle(self.tr("谈话函询"))
        self.heading = QLabel(self)
        self.heading.setObjectName("DialogTitle")
        self.state = QLabel(self)
        self.state.setObjectName("DialogSubtitle")
        self.state.setWordWrap(True)

        self.table = QTableWidget(0, 8, self)
        self.table.setHorizontalHeaderLabels([self.tr("轮次"), self.tr("函询对象"), self.tr("发函日期"),
                                              self.tr("回复期限"), self.tr("收到说明"), self.tr("评估意见"),
                                              self.tr("处理结果"), self.tr("了结函日期")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        # 发出函询函
        self.send_box = QGroupBox(self.tr("发出函询函"), self)
        self.recipient = QComboBox(self)
        self.recipient.setEditable(True)
        self.sent_date = DateEdit(self)
        self.sent_date.setMaximumWidth(180)
        self.sent_date.set_value(today)
        self.letter_note = QPlainTextEdit(self)
        self.letter_note.setFixedHeight(54)
        self.letter_note.setPlaceholderText(self.tr("函询事项，如：请就反映的收受礼金问题作出书面说明"))
        self.due_hint = QLabel(self)
        self.due_hint.setObjectName("Hint")
        self.send_button = primary(QPushButton(self.tr("发出函询函"), self))
        self.send_button.clicked.connect(self.send)
        self.send_errors = FormErrors(form_error_label(self))
        self._form(self.send_box, self.send_errors, (("recipient", self.tr("函询对象"), self.recipient),
                                                     ("sent_date", self.tr("发函日期"), self.sent_date),
                                                     ("note", self.tr("函询事项"), self.letter_note)),
                   self.due_hint, self.send_button)

        # 收到书面说明
        self.reply_box = QGroupBox(self.tr("收到书面说明"), self)
        self.reply_date = DateEdit(self)
        self.reply_date.setMaximumWidth(180)
        self.reply_date.set_value(today)
        self.reply_file = QLineEdit(self)
        self.reply_file.setPlaceholderText(self.tr("书面说明的扫描件（可不选）"))
        choose = QPushButton(self.tr("选择文件…"), self)
        choose.clicked.connect(self.choose_reply_file)
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.reply_file, 1)
        file_row.addWidget(choose)
        file_box = QWidget(self)
        file_box.setLayout(file_row)
        self.reply_note = QLineEdit(self)
        self.reply_button = primary(QPushButton(self.tr("登记书面说明"), self))
        self.reply_button.clicked.connect(self.record_reply)
        self.reply_errors = FormErrors(form_error_label(self))
        self._form(self.reply_box, self.reply_errors, (("reply_date", self.tr("收到日期"), self.reply_date),
                                                       ("path", self.tr("说明材料"), file_box),
                                                       ("note", self.tr("说明情况"), self.reply_note)),
                   None, self.reply_button)

        # 评估
        self.assess_box = QGroupBox(self.tr("评估（如实说明的采信了结；不如实说明或发现新线索的转初核或再次函询）"), self)
        self.assessment = EnumCombo(InquiryAssessment, allow_empty=True, parent=self)
        self.assessment.currentIndexChanged.connect(self._assessment_changed)
        self.outcome = QComboBox(self)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.assessment_date = DateEdit(self)
        self.assessment_date.setMaximumWidth(180)
        self.assessment_date.set_value(today)
        self.closing_date = DateEdit(self)
        self.closing_date.setMaximumWidth(180)
        self.closing_date.set_value(today)
        self.assess_note = QPlainTextEdit(self)
        self.assess_note.setFixedHeight(54)
        self.assess_button = primary(QPushButton(self.tr("登记评估"), self))
        self.assess_button.clicked.connect(self.assess)
        self.assess_errors = FormErrors(form_error_label(self))
        self._form(self.assess_box, self.assess_errors,
                   (("assessment", self.tr("评估意见"), self.assessment),
                    ("outcome", self.tr("处理结果"), self.outcome),
                    ("assessment_date", self.tr("评估日期"), self.assessment_date),
                    ("closing_letter_date", self.tr("了结函日期"), self.closing_date),
                    ("note", self.tr("评估情况"), self.assess_note)), None, self.assess_button)

        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)
        self.print_button = QPushButton(self.tr("打印函询通知书…"), self)
        self.print_button.setToolTip(self.tr("打印所选一轮（未选时为最近一轮）的函询通知书；打印记入线索的办理记录"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_notice)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.state)
        lay.addWidget(self.table, 1)
        for box in (self.send_box, self.reply_box, self.assess_box):
            lay.addWidget(box)
        lay.addLayout(bottom)
        self._assessment_changed()
        self.resize(860, 780)
        remember_geometry(self, ctx.settings)
        self.load()

    def _form(self, box: QGroupBox, errors: FormErrors, rows, hint: QLabel | None, button: QPushButton) -> None:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in rows:
            form.addRow(text, editor)
            form.addRow("", errors.add(code, editor, FieldError(self)))
        row = QHBoxLayout()
        if hint is not None:
            row.addWidget(hint, 1)
        row.addStretch(1)
        row.addWidget(errors.summary_label(self))   # 有 N 处需要修改
        row.addWidget(button)
        form.addRow(row)
        form.addRow(errors.general)

    # ---- loading -----------------------------------------------------------------------------------------
    def load(self) -> None:
        ws, lead_id = self.ctx.workspace, self.lead_id
        QueryOp(self, lambda: inquiries.overview(ws, lead_id)).success(self._show).run()

    def _show(self, o) -> None:
        self.overview = o
        self.setWindowTitle(self.tr("谈话函询 — 线索 {n}").format(n=o.lead_number))
        self.heading.setText(self.tr("问题线索 {n} 谈话函询").format(n=o.lead_number))
        self.table.setRowCount(len(o.letters))
        for r, v in enumerate(o.letters):
            for c, text in enumerate((self.tr("第{n}轮").format(n=v.round), v.recipient, _d(v.sent_date),
                                      _d(v.reply_due), _d(v.reply_date)
                                      + (f"（{v.reply_attachment_name}）" if v.reply_attachment_name else ""),
                                      v.assessment_label, v.outcome_label, _d(v.closing_letter_date))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.print_button.setEnabled(bool(o.letters))
        current = self.recipient.currentText()
        self.recipient.clear()
        self.recipient.addItems(o.person_names)
        if current:
            self.recipient.setCurrentText(current)
        self.due_hint.setText(self.tr("回复期限为发函之日起{n}日（系统设置“函询回复期限（天）”）").format(n=o.reply_days))
        open_letter = o.open_letter
        step = open_letter.step if open_letter else None
        self.send_box.setEnabled(o.can_send)
        self.reply_box.setEnabled(step == "awaiting_reply")
        self.assess_box.setEnabled(step == "awaiting_assessment")
        if step == "awaiting_reply":
            self.state.setText(self.tr("第{n}轮函询函已于 {sent} 发出，等待书面说明（回复期限 {due}）。").format(
                n=open_letter.round, sent=_d(open_letter.sent_date), due=_d(open_letter.reply_due)))
        elif step == "awaiting_assessment":
            self.state.setText(self.tr("已于 {d} 收到第{n}轮书面说明，请登记评估意见。").format(
                d=_d(open_letter.reply_date), n=open_letter.round))
        elif o.can_send:
            self.state.setText(self.tr("请发出函询函。") if not o.letters else self.tr("评估为再次函询，请发出下一轮函询函。"))
        else:
            self.state.setText(o.blocked)

    # ---- printing ----------------------------------------------------------------------------------------
    def print_notice(self) -> None:
        """函询通知书 of the chosen round (the latest when none is chosen)."""
        letters = self.overview.letters if self.overview else []
        if not letters:
            return
        row = self.table.currentRow()
        letter = letters[row] if 0 <= row < len(letters) else letters[-1]
        ws = self.ctx.workspace
        print_letter(self, lambda: notice_print.inquiry_notice_doc(ws, letter.id),
                     self.tr("函询通知书 {n} 第{r}轮").format(n=self.overview.lead_number, r=letter.round),
                     then=lambda: self.sig_saved.emit("lead", self.lead_id))

    # ---- the steps ---------------------------------------------------------------------------------------
    def _write(self, fn, errors: FormErrors) -> None:
        errors.clear()

        def refused(exc: BaseException) -> None:
            from services.errors import DomainError, ValidationError
            if isinstance(exc, ValidationError):
                errors.show(exc)
            elif isinstance(exc, DomainError):
                errors.set(None, exc.message)
            else:
                Interaction.error(self, exc)

        def done(_view) -> None:
            self.sig_saved.emit("lead", self.lead_id)
            self.load()

        DbOp(self, fn).success(done).failure(refused).run()

    def send(self) -> None:
        ws, lead_id = self.ctx.workspace, self.lead_id
        who, when, note = self.recipient.currentText(), self.sent_date.value(), self.letter_note.toPlainText()
        self._write(lambda: inquiries.send_letter(ws, lead_id, when, who, note), self.send_errors)

    def choose_reply_file(self) -> None:
        path = Interaction.open_path(self, self.tr("选择书面说明扫描件"), "",
                                     self.tr("所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.jpeg *.png *.tif *.tiff)"))
        if path:
            self.reply_file.setText(path)

    def _open_id(self) -> tuple[int | None, int | None]:
        """The open letter's id and the version shown (a newer save from another desk is refused)."""
        letter = self.overview.open_letter if self.overview else None
        return (letter.id, letter.version) if letter else (None, None)

    def record_reply(self) -> None:
        ws, (letter_id, seen) = self.ctx.workspace, self._open_id()
        when, path, note = self.reply_date.value(), self.reply_file.text().strip() or None, self.reply_note.text()
        self._write(lambda: inquiries.record_reply(ws, letter_id, when, path, note, expected_version=seen),
                    self.reply_errors)

    def _assessment_changed(self, *_args) -> None:
        self.outcome.clear()
        code = self.assessment.value()
        for o in inquiries.OUTCOMES_BY_ASSESSMENT.get(code or "", ()):
            self.outcome.addItem(InquiryOutcome(o).label, o)
        self._outcome_changed()

    def _outcome_changed(self, *_args) -> None:
        self.closing_date.setEnabled(self.outcome.currentData() == InquiryOutcome.accepted_closed.value)

    def assess(self) -> None:
        ws, (letter_id, seen) = self.ctx.workspace, self._open_id()
        code, outcome = self.assessment.value() or "", self.outcome.currentData()
        when, note = self.assessment_date.value(), self.assess_note.toPlainText()
        closing = self.closing_date.value() if outcome == InquiryOutcome.accepted_closed.value else None
        self._write(lambda: inquiries.assess(ws, letter_id, code, when, outcome, closing, note, expected_version=seen),
                    self.assess_errors)


class LeadFollowups(QWidget):
    """The 函询… and 谈话记录… buttons of the lead form (``form``: a LeadForm); shown by ``show_lead(view)``."""

    def __init__(self, form) -> None:
        super().__init__(form)
        self.form = form
        self.view = None
        self.inquiry_button = QPushButton(self.tr("函询…"), self)
        self.inquiry_button.clicked.connect(self.open_inquiry)
        self.talk_button = QPushButton(self.tr("谈话记录…"), self)
        self.talk_button.clicked.connect(self.open_talks)
        self.summary = QLabel(self)
        self.summary.setObjectName("Hint")
        self.summary.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.inquiry_button)
        row.addWidget(self.talk_button)

    def show_lead(self, view) -> None:
        self.view = view
        talk_inquiry = view.disposition == Disposition.talk_inquiry.value
        self.inquiry_button.setVisible(talk_inquiry)
        self.inquiry_button.setEnabled(talk_inquiry and view.approved)
        self.talk_button.setEnabled(view.disposition is not None)
        self.summary.clear()
        if talk_inquiry:
            ws = self.form.ctx.workspace
            QueryOp(self, lambda: inquiries.overview(ws, view.id)).success(self._summarize).run()

    def _summarize(self, o) -> None:
        """One line on the lead form: where its 函询 stands."""
        letter = o.open_letter
        if letter is not None and letter.step == "awaiting_reply":
            text = self.tr("函询：第{n}轮函询函已发出，回复期限 {due}").format(n=letter.round, due=_d(letter.reply_due))
        elif letter is not None:
            text = self.tr("函询：第{n}轮书面说明已收到，待评估").format(n=letter.round)
        elif o.letters:
            last = o.letters[-1]
            text = self.tr("函询：第{n}轮评估为“{a}，{o}”").format(n=last.round, a=last.assessment_label,
                                                                o=last.outcome_label)
        else:
            text = self.tr("函询：尚未发出函询函") if o.can_send else ""
        self.summary.setText(text)

    def _child(self, dialog) -> None:
        dialog.sig_saved.connect(lambda *_: self.refresh())
        self.form.children_forms.append(dialog)
        dialog.show()

    def refresh(self) -> None:
        """Show the lead as stored now (a 函询 assessment may have concluded it), then tell the form's listeners;
        the form reads it through a QueryOp and changes its widgets only once the lead has arrived."""
        if self.view is None:
            return
        form, lead_id = self.form, self.view.id
        form.reload(lambda: form.sig_saved.emit("lead", lead_id))

    def open_inquiry(self) -> LeadInquiryDialog | None:
        if self.view is None:
            return None
        dialog = LeadInquiryDialog(self.form.ctx, self.view.id, parent=self.form)
        self._child(dialog)
        return dialog

    def open_talks(self) -> TalkForm | None:
        if self.view is None:
            return None
        dialog = TalkForm(self.form.ctx, lead=self.view, parent=self.form)
        self._child(dialog)
        return dialog
