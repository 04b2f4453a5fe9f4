"""The follow-up of a complaint (DOMAIN §9): 转办 (受理单位, date, 文号, 回复期限), its 催办 and reply, and the
受理告知 / 反馈 to a 实名 complainant (how, when, by whom; for 反馈 the complainant's response).

``followup_dialog(form, code)`` is the dialog of the complaint form's action ``code`` ("transfer",
"referral", "acceptance_notice", "feedback"), or None for another action. Each dialog writes through a
DbOp and reads through a QueryOp (gui.operations); ``result_value`` is the service's answer (a
ComplaintView, or the last ReferralView) and the dialog is accepted once something was recorded. A
ValidationError is shown at its field and the dialog stays open with what was typed.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLineEdit,
                               QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import ContactMethod, FeedbackResponse
from services.casework import intake, referrals
from services.errors import ValidationError
from services.reporting import notice_print

from ..form_widgets import DateEdit, EnumCombo, to_qdate
from ..interaction import error_text
from ..letter_preview import print_letter
from ..operations import DbOp, QueryOp
from ..widgets import FieldError, FormErrors, form_error_label, ok_cancel_row, primary


def _date_edit(parent: QWidget, today: dt.date) -> DateEdit:
    edit = DateEdit(parent)
    edit.set_value(today)
    edit.setMaximumDate(to_qdate(today))
    return edit


def _note_edit(parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setFixedHeight(70)
    return edit


class _FollowupDialog(QDialog):
    """A small form of fields, each with its error line; 确定 runs ``write()`` as a DbOp."""

    def __init__(self, form, title: str):
        super().__init__(form)
        self.setWindowTitle(title)
        self.ws = form.ws
        self.complaint_id = form.complaint_id
        # the complaint's version the form shows: a newer save from another desk is refused, the input kept
        self.seen = getattr(getattr(form, "view", None), "version", None)
        self.result_value = None
        self.errors = FormErrors(form_error_label(self))
        self.layout_form = QFormLayout()
        self.ok_button, buttons = ok_cancel_row(self, self.tr("确定"), self._ok, self.reject, default=False)
        buttons.insertWidget(1, self.errors.summary_label(self))   # after the stretch: 有 N 处需要修改
        self.buttons_row = buttons
        lay = QVBoxLayout(self)
        lay.addLayout(self.layout_form)
        lay.addWidget(self.errors.general)
        lay.addLayout(buttons)
        self.setMinimumWidth(460)

    def add_field(self, label: str, code: str, editor: QWidget) -> QWidget:
        error = FieldError(self)
        self.layout_form.addRow(label, editor)
        self.layout_form.addRow("", error)
        self.errors.add(code, editor, error)
        return editor

    def write(self):  # the service call, on the database worker
        raise NotImplementedError

    def _ok(self) -> None:
        self.errors.clear()
        DbOp(self, self.write()).success(self._done).failure(self._refused).run()

    def _done(self, result) -> None:
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc)
        else:
            self.errors.set(None, error_text(exc))


class TransferDialog(_FollowupDialog):
    """转办: the 受理单位 (required), the date, the 文号 and the date the reply is due."""

    def __init__(self, form):
        super().__init__(form, form.tr("转办"))
        today = self.ws.today()
        self.to_body = self.add_field(self.tr("受理单位"), "to_body", QLineEdit(self))
        self.date_edit = self.add_field(self.tr("转办日期"), "date", _date_edit(self, today))
        self.document_number = self.add_field(self.tr("转办文号"), "document_number", QLineEdit(self))
        self.due_date = self.add_field(self.tr("回复期限"), "due_date",
                                       DateEdit(self, allow_empty=True, empty_text=self.tr("（未定）")))
        self.due_date.setMinimumDate(to_qdate(dt.date(1999, 12, 31)))

    def write(self):
        cid, body, when = self.complaint_id, self.to_body.text().strip(), self.date_edit.value()
        number, due = self.document_number.text().strip(), self.due_date.value()
        seen = self.seen
        return lambda: intake.transfer(self.ws, cid, when, body, number, due, expected_version=seen)


class ContactDialog(_FollowupDialog):
    """受理告知 or 反馈: the date, how (当面/电话/书面), by whom, for 反馈 the response, and a note."""

    def __init__(self, form, feedback: bool):
        super().__init__(form, form.tr("记录反馈") if feedback else form.tr("记录受理告知"))
        self.feedback = feedback
        label = self.tr("反馈") if feedback else self.tr("告知")
        self.date_edit = self.add_field(self.tr("{what}日期").format(what=label), "date",
                                        _date_edit(self, self.ws.today()))
        self.method = self.add_field(self.tr("{what}方式").format(what=label), "method",
                                     EnumCombo(ContactMethod, allow_empty=True, parent=self))
        self.by_whom = self.add_field(self.tr("{what}人").format(what=label), "by_whom", QLineEdit(self))
        if self.ws.current_user is not None:
            self.by_whom.setText(self.ws.current_user.display_name)
        self.response = None
        if feedback:
            self.response = self.add_field(self.tr("反映人意见"), "response",
                                           EnumCombo(FeedbackResponse, allow_empty=True, parent=self))
        self.note = self.add_field(self.tr("情况说明"), "note", _note_edit(self))
        self.number = getattr(getattr(form, "view", None), "number", "")
        self.print_button = QPushButton(self.tr("打印反馈告知书…") if feedback else self.tr("打印受理告知书…"), self)
        self.print_button.setToolTip(self.tr("按上面的日期打印告知书（书面告知时交给反映人）；打印记入该件的办理记录"))
        self.print_button.clicked.connect(self.print_letter)
        self.buttons_row.insertWidget(0, self.print_button)

    def print_letter(self) -> None:
        """受理告知书 / 反馈告知书 dated as in the dialog (the recorded contact's date once there is one)."""
        cid, when, ws = self.complaint_id, self.date_edit.value(), self.ws
        if self.feedback:
            make, title = (lambda: notice_print.feedback_notice_doc(ws, cid, when)), self.tr("反馈告知书")
        else:
            make, title = (lambda: notice_print.acceptance_notice_doc(ws, cid, when)), self.tr("受理告知书")
        print_letter(self, make, f"{title} {self.number}".strip())

    def write(self):
        cid, when, how = self.complaint_id, self.date_edit.value(), self.method.value() or ""
        who, note, seen = self.by_whom.text().strip(), self.note.toPlainText().strip(), self.seen
        if self.feedback:
            answer = self.response.value() or ""
            return lambda: intake.record_feedback(self.ws, cid, when, how, answer, who, note, expected_version=seen)
        return lambda: intake.record_acceptance_notice(self.ws, cid, when, how, who, note, expected_version=seen)


REFERRAL_COLUMNS = (
    QT_TRANSLATE_NOOP("ReferralDialog", "受理单位"),
    QT_TRANSLATE_NOOP("ReferralDialog", "转办日期"),
    QT_TRANSLATE_NOOP("ReferralDialog", "文号"),
    QT_TRANSLATE_NOOP("ReferralDialog", "回复期限"),
    QT_TRANSLATE_NOOP("ReferralDialog", "催办"),
    QT_TRANSLATE_NOOP("ReferralDialog", "回复"),
)


class ReferralDialog(QDialog):
    """The complaint's 转办 records; 催办 and the reply are recorded on the chosen one (the newest at first).

    Stays open for several entries; closing accepts it when anything was recorded.
    """

    def __init__(self, form):
        super().__init__(form)
        self.setWindowTitle(self.tr("转办催办与回复"))
        self.ws = form.ws
        self.complaint_id = form.complaint_id
        self.result_value = None
        self.rows: list[referrals.ReferralView] = []
        self.table = QTableWidget(0, len(REFERRAL_COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in REFERRAL_COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        today = self.ws.today()

        remind_box = QGroupBox(self.tr("催办"), self)
        remind_form = QFormLayout(remind_box)
        self.reminder_date = _date_edit(self, today)
        self.reminder_error = FieldError(self)
        self.remind_button = QPushButton(self.tr("登记催办"), self)
        self.remind_button.clicked.connect(self.record_reminder)
        remind_form.addRow(self.tr("催办日期"), self.reminder_date)
        remind_form.addRow("", self.reminder_error)
        remind_form.addRow("", self.remind_button)

        reply_box = QGroupBox(self.tr("回复"), self)
        reply_form = QFormLayout(reply_box)
        self.reply_date = _date_edit(self, today)
        self.reply_date_error = FieldError(self)
        self.reply_result = _note_edit(self)
        self.reply_result_error = FieldError(self)
        self.reply_button = primary(QPushButton(self.tr("登记回复"), self))
        self.reply_button.clicked.connect(self.record_reply)
        reply_form.addRow(self.tr("回复日期"), self.reply_date)
        reply_form.addRow("", self.reply_date_error)
        reply_form.addRow(self.tr("回复结果"), self.reply_result)
        reply_form.addRow("", self.reply_result_error)
        reply_form.addRow("", self.reply_button)

        self.general = form_error_label(self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.clicked.connect(self.finish)
        self.print_button = QPushButton(self.tr("打印转办函…"), self)
        self.print_button.clicked.connect(self.print_letter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(remind_box)
        lay.addWidget(reply_box)
        lay.addWidget(self.general)
        lay.addLayout(bottom)
        self.resize(720, 560)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()   # nothing to act on until the records are read
        self.refresh()

    # ------------------------------------------------------------------ reading
    def refresh(self, select_id: int | None = None) -> None:
        cid = self.complaint_id
        QueryOp(self, lambda: referrals.list_referrals(self.ws, cid)).success(
            lambda rows: self._show(rows, select_id)).run()

    def _show(self, rows: list[referrals.ReferralView], select_id: int | None) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            reply = (f"{r.reply_date.isoformat()} {r.reply_result}" if r.replied else self.tr("未回复"))
            cells = (r.to_body, r.sent_date.isoformat(), r.document_number,
                     r.due_date.isoformat() if r.due_date else "", "、".join(d.isoformat() for d in r.reminders),
                     reply)
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        if not rows:
            self.general.setText(self.tr("该件没有转办记录（转办时未登记受理单位等信息）。"))
            self.general.show()
        ids = [r.id for r in rows]
        if rows:
            self.table.selectRow(ids.index(select_id) if select_id in ids else len(rows) - 1)
        self._selection_changed()

    def current(self) -> referrals.ReferralView | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _selection_changed(self) -> None:
        r = self.current()
        open_ = r is not None and not r.replied
        self.print_button.setEnabled(r is not None)
        for w in (self.reminder_date, self.remind_button, self.reply_date, self.reply_result, self.reply_button):
            w.setEnabled(open_)

    def texts(self) -> list[list[str]]:
        """The table as shown (a test's view of it)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]

    # ------------------------------------------------------------------ writing
    def _clear_errors(self) -> None:
        for label in (self.reminder_error, self.reply_date_error, self.reply_result_error):
            label.clear_message()
        self.general.hide()

    def _run(self, fn, errors: dict[str, FieldError]) -> None:
        self._clear_errors()

        def refused(exc: BaseException) -> None:
            problems = (exc.problems or [exc]) if isinstance(exc, ValidationError) else []
            if not problems:
                self.general.setText(error_text(exc))
                self.general.show()
            for p in problems:
                target = errors.get(p.field or "")
                if target is not None:
                    target.show_message(p.message)
                else:
                    self.general.setText(p.message)
                    self.general.show()

        def done(view: referrals.ReferralView) -> None:
            self.result_value = view
            self.refresh(view.id)

        DbOp(self, fn).success(done).failure(refused).run()

    def record_reminder(self) -> None:
        r = self.current()
        if r is None:
            return
        when = self.reminder_date.value()
        # the version shown: a newer save from another desk is refused (ConcurrentEditError), the input kept
        self._run(lambda: referrals.record_reminder(self.ws, r.id, when, expected_version=r.version),
                  {"date": self.reminder_error})

    def record_reply(self) -> None:
        r = self.current()
        if r is None:
            return
        when, text = self.reply_date.value(), self.reply_result.toPlainText().strip()
        self._run(lambda: referrals.record_reply(self.ws, r.id, when, text, expected_version=r.version),
                  {"date": self.reply_date_error, "result": self.reply_result_error})

    def print_letter(self) -> None:
        """转办函 of the chosen referral (to its 受理单位, with its 文号 and 回复期限)."""
        r = self.current()
        if r is None:
            return
        ws = self.ws
        print_letter(self, lambda: notice_print.referral_letter_doc(ws, r.id),
                     self.tr("转办函 {body} {d}").format(body=r.to_body, d=r.sent_date.isoformat()))

    def finish(self) -> None:
        if self.result_value is not None:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:  # Esc and the close box: what was recorded still counts
        if self.result_value is not None:
            self.accept()
        else:
            super().reject()


def followup_dialog(form, code: str) -> QDialog | None:
    """The dialog of the complaint form's action ``code``, or None when it is not a follow-up action."""
    if code == "transfer":
        return TransferDialog(form)
    if code == "referral":
        return ReferralDialog(form)
    if code in ("acceptance_notice", "feedback"):
        return ContactDialog(form, feedback=code == "feedback")
    return None


__all__ = ["ContactDialog", "ReferralDialog", "TransferDialog", "followup_dialog"]
