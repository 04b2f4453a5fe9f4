"""Small pieces the settings forms share: a labelled row with its error line, running a service with
its refusal shown at the fields, password boxes and the OK/取消 bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from services.errors import ValidationError

from ..interaction import error_text
from ..operations import DbOp
from ..widgets import FieldError, FormErrors, primary


def form_row(form: QFormLayout, errors: FormErrors, code: str, label: str, editor: QWidget) -> None:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(editor)
    err = FieldError()
    lay.addWidget(err)
    form.addRow(label, box)
    errors.add(code, editor, err)


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


def dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = primary(box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole))
    ok.setDefault(True)
    box.addButton(QCoreApplication.translate("SettingsPage", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    dialog.ok_button = ok
    return box
