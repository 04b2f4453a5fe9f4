"""A case's stage change in a small dialog (issue 14 item 5): the next stage's date and what it asks for, or the
secretary's undo of the last change with its reason.

What a stage asks for is the services' rule (``CaseView.next_requirements``: 审结 the 审理意见, 结案 the
decisions or a 免予/不予处分 reason); the dialog shows it and the refusal, naming what is missing, at its
field. Each dialog hands back the stage and version it was opened on (``expected_stage``,
``expected_version``), so a second click or another desk cannot move the case twice; and it sends once.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from models.enums import CaseStage
from services.casework import cases

from ..form_widgets import DateEdit
from ..interaction import Interaction
from ..operations import DbOp
from ..widgets import FieldError, FormErrors, form_error_label, ok_cancel_row, show_refusal

__all__ = ["CaseStageDialog", "UndoStageDialog"]

_DATE_FIELDS = {"filed": "filing_date", "investigating": "investigation_date",
                "referred_for_trial": "trial_referral_date", "trial_concluded": "trial_concluded_date",
                "closed": "closing_date"}


def stage_date(view, code: str):
    """The date the case entered stage ``code`` (None if not yet)."""
    return getattr(view, _DATE_FIELDS[code])


class _StageDialog(QDialog):
    """The frame both dialogs share: a heading, a form, the general error line, 确定/取消; one write at a time."""

    sig_done = Signal(object)
    """The write succeeded: the case's new CaseView."""

    def __init__(self, ctx, view, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.view = ctx, view
        self.sent = 0          # writes sent (a double click on 确定 sends one)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        self.ok_button, buttons = ok_cancel_row(self, self.tr("确定"), self.submit, self.reject,
                                                errors=self.errors)   # 有 N 处需要修改
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(self.form)
        lay.addWidget(self.general)
        lay.addLayout(buttons)
        self.setMinimumWidth(460)

    def field(self, code: str, label: str, editor: QWidget) -> FieldError:
        """A row with its error line under it (``code``: the services' field code)."""
        self.form.addRow(label, editor)
        error = FieldError(self)
        self.form.addRow("", error)
        return self.errors.add(code, editor, error)

    def text_editor(self, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(90)
        edit.setTabChangesFocus(True)
        return edit

    def submit(self) -> None:
        if self.sent:          # the write is on its way (or done): a second click sends nothing
            return
        call = self.prepare()
        if call is None:
            return
        self.sent += 1
        self.ok_button.setEnabled(False)
        self.errors.clear()
        DbOp(self, call).success(self._succeeded).failure(self._failed).run()

    def prepare(self):  # pragma: no cover - each dialog has one
        """The write to send (a no-argument callable), or None to send nothing."""
        raise NotImplementedError

    def _succeeded(self, view) -> None:
        self.sig_done.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        """Stay open with the input, the refusal at its field (or in the general line); another try is possible."""
        self.sent = 0
        self.ok_button.setEnabled(True)
        show_refusal(self, self.errors, exc)


class CaseStageDialog(_StageDialog):
    """进入下一阶段: the date (today by default; not before the current stage's date) and the stage's fields."""

    def __init__(self, ctx, view, parent: QWidget | None = None):
        super().__init__(ctx, view, parent)
        self.target = CaseStage(view.next_stages[0])
        self.setWindowTitle(self.tr("进入“{stage}”阶段 — 案件 {n}").format(stage=self.target.label, n=view.number))
        self.ok_button.setText(self.tr("确定进入“{stage}”阶段").format(stage=self.target.label))
        current = CaseStage(view.stage)
        since = stage_date(view, view.stage)
        self.heading.setText(self.tr("案件 {n} 当前处于“{cur}”阶段，将进入“{next}”阶段。").format(
            n=view.number, cur=current.label, next=self.target.label))
        self.date = DateEdit(self)
        self.date.setMaximumWidth(180)
        self.date.set_value(ctx.workspace.today())
        self.date_error = self.field("date", self.tr("{stage}日期").format(stage=self.target.label), self.date)
        self.date_hint = QLabel(self.tr("不早于{cur}日期 {d}").format(cur=current.label, d=since.isoformat())
                                if since else "", self)
        self.date_hint.setObjectName("Hint")
        self.form.insertRow(1, "", self.date_hint)
        self.trial_opinion: QPlainTextEdit | None = None
        self.no_sanction_reason: QPlainTextEdit | None = None
        self.measures_label: QLabel | None = None
        for code, label in view.next_requirements:
            if code == "trial_opinion":
                self.trial_opinion = self.text_editor(self.tr("审理形成的意见：认定的事实、性质和处理建议"))
                self.field("trial_opinion", label, self.trial_opinion)
            elif code == "measures":
                self._measures_rows()

    def _measures_rows(self) -> None:
        """结案: the decisions recorded on the case's persons, or (with none) the 免予/不予处分 reason."""
        rows = self.view.measures
        if rows:
            lines = [self.tr("{person}：{kind}（{date}{doc}）").format(
                person=m["person_name"], kind=m["kind_label"], date=m["decision_date"].isoformat(),
                doc=self.tr("，{d}").format(d=m["document_number"]) if m["document_number"] else "") for m in rows]
            text = self.tr("已录入的处分或处理决定：") + "\n" + "\n".join(lines)
        else:
            text = self.tr("本案尚未录入处分或处理决定。结案须先在“处分处理”中录入；"
                           "决定免予处分或不予处分的，请在下面写明理由。")
        self.measures_label = QLabel(text, self)
        self.measures_label.setWordWrap(True)
        self.field("measures", self.tr("处分处理"), self.measures_label)
        if not rows:
            self.no_sanction_reason = self.text_editor(self.tr("如：情节轻微，主动退还全部款项，经集体研究免予处分"))
            self.field("no_sanction_reason", self.tr("免予处分或\n不予处分的理由"), self.no_sanction_reason)

    def prepare(self):
        ws, v, when = self.ctx.workspace, self.view, self.date.value()
        opinion = self.trial_opinion.toPlainText() if self.trial_opinion is not None else ""
        reason = self.no_sanction_reason.toPlainText() if self.no_sanction_reason is not None else ""
        stage, seen, version = self.target.value, v.stage, v.version
        return lambda: cases.advance_case(ws, v.id, stage, when, expected_stage=seen, expected_version=version,
                                          trial_opinion=opinion, no_sanction_reason=reason)


class UndoStageDialog(_StageDialog):
    """撤销上一阶段 (the secretary): the reason, then a confirmation; the case goes back one stage."""

    def __init__(self, ctx, view, parent: QWidget | None = None):
        super().__init__(ctx, view, parent)
        self.stage = CaseStage(view.stage)
        self.back_to = list(CaseStage)[list(CaseStage).index(self.stage) - 1]
        self.setWindowTitle(self.tr("撤销“{stage}”阶段 — 案件 {n}").format(stage=self.stage.label, n=view.number))
        self.ok_button.setText(self.tr("撤销"))
        when = stage_date(view, view.stage)
        self.heading.setText(self.tr("撤销案件 {n} 的“{stage}”阶段（{d}），案件退回“{back}”阶段。撤销记入审计日志和时间线。")
                             .format(n=view.number, stage=self.stage.label, d=when.isoformat() if when else "—",
                                     back=self.back_to.label))
        self.reason = self.text_editor(self.tr("如：审结日期填错，审理尚未结束"))
        self.field("reason", self.tr("撤销理由"), self.reason)

    def question(self) -> str:
        extra = self.tr("已填写的审理意见将一并清除。") if self.stage is CaseStage.trial_concluded else ""
        return self.tr("确定撤销案件 {n} 的“{stage}”阶段，退回“{back}”阶段吗？{extra}").format(
            n=self.view.number, stage=self.stage.label, back=self.back_to.label, extra=extra)

    def prepare(self):
        # without a reason the services refuse it at the field; with one, ask first
        if self.reason.toPlainText().strip() and not Interaction.confirm(self, self.question(), self.tr("撤销上一阶段")):
            return None
        ws, v, reason = self.ctx.workspace, self.view, self.reason.toPlainText()
        seen, version = v.stage, v.version
        return lambda: cases.undo_last_stage(ws, v.id, seen, reason, expected_version=version)
