"""Small pieces the settings forms share: a labelled row with its error line, running a service with
its refusal shown at the fields, password boxes and the OK/取消 bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
                               QVBoxLayout, QWidget)

from services.errors import ValidationError
from services.security import users

from ..interaction import error_text
from ..operations import DbOp, QueryOp
from ..vocabulary import password_rule_text
from ..widgets import FieldError, FormErrors, primary


def form_row(form: QFormLayout, errors: FormErrors, code: str, label: str, editor: QWidget,
             hint: str | None = None) -> QLabel | None:
    """A labelled row: the editor, a grey hint line when ``hint`` is given (returned), its error line."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(editor)
    hint_label = None
    if hint is not None:
        hint_label = QLabel(hint)
        hint_label.setObjectName("Hint")
        hint_label.setWordWrap(True)
        lay.addWidget(hint_label)
    err = FieldError()
    lay.addWidget(err)
    form.addRow(label, box)
    errors.add(code, editor, err)
    return hint_label


def password_rule_row(widget: QWidget, form: QFormLayout, errors: FormErrors, label: str, editor: QLineEdit) -> QLabel:
    """The new-password row with the rule (至少 N 个字符…) shown before the first attempt."""
    hint = form_row(form, errors, "password", label, editor, password_rule_text(users.password_min_length()))
    ws = widget.ctx.workspace
    QueryOp(widget, lambda: users.password_min_length(ws)).success(   # the configured minimum
        lambda n: hint.setText(password_rule_text(n))).run()
    return hint


def run_service(widget: QWidget, errors: FormErrors, fn, then, other_error_field: str | None = None) -> None:
    """Run ``fn`` on the DB worker, then ``then(result)``; a ValidationError is shown at its fields and
    any other error on ``other_error_field`` (or the form's general line)."""
    def failed(exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            errors.show(exc)
        else:
            errors.set(other_error_field, error_text(exc))

    DbOp(widget, fn).success(then).failure(failed).run()


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def counted_buttons(dialog: QDialog, box: QDialogButtonBox, errors: FormErrors) -> QHBoxLayout:
    """The OK/取消 bar with the form's "有 N 处需要修改" just before its buttons."""
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(errors.summary_label(dialog))
    row.addWidget(box)
    return row


def dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = primary(box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole))
    ok.setDefault(True)
    box.addButton(QCoreApplication.translate("SettingsPage", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    dialog.ok_button = ok
    return box
