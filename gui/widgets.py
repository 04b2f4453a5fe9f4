"""Small shared widgets: field error labels, a form error map, Chinese message boxes."""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit,
                               QHBoxLayout, QPushButton, QWidget)

from models.enums import Role
from services.errors import DomainError, ValidationError

from .interaction import Interaction

# The role labels of models.enums.Role, marked for translation (the enum itself stays Qt-free).
ROLE_LABELS = {
    Role.admin.value: QT_TRANSLATE_NOOP("roles", "系统管理员"),
    Role.secretary.value: QT_TRANSLATE_NOOP("roles", "纪委书记"),
    Role.officer.value: QT_TRANSLATE_NOOP("roles", "办案人员"),
    Role.clerk.value: QT_TRANSLATE_NOOP("roles", "信访登记员"),
}


def role_label(code: str) -> str:
    return QCoreApplication.translate("roles", ROLE_LABELS.get(code, code))


def roles_text(codes: Iterable[str]) -> str:
    order = [r.value for r in Role]
    return "、".join(role_label(c) for c in sorted(codes, key=lambda c: order.index(c) if c in order else 99))


def reserve_line(label: QLabel) -> QLabel:
    """Keep one line of ``label``'s height while it is hidden, so showing it does not move what is below."""
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.ensurePolished()   # the style sheet's font
    text = label.text()
    label.setText("国")
    label.setMinimumHeight(label.sizeHint().height())
    label.setText(text)
    return label


class FieldError(QLabel):
    """A red line under a field. Its line's height is always kept (the form does not jump under the
    pointer when a message appears): Qt keeps the label shown (QFormLayout would drop a hidden row), and
    while empty it paints nothing; ``isVisible``/``isHidden`` answer whether a message is shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FieldError")
        self.setWordWrap(True)
        reserve_line(self)

    def show_message(self, message: str) -> None:
        self.setText(message)

    def isVisible(self) -> bool:  # noqa: N802 - as the user sees it: a message is shown
        return bool(self.text()) and super().isVisible()

    def isHidden(self) -> bool:  # noqa: N802
        return not self.text() or super().isHidden()

    def clear_message(self) -> None:
        self.show_message("")


def _mark(editor: QWidget, invalid: bool) -> None:
    editor.setProperty("invalid", "true" if invalid else "false")
    editor.style().unpolish(editor)
    editor.style().polish(editor)


class FormErrors:
    """Maps a service's field codes to (editor, FieldError); shows a ValidationError where it belongs.

    Messages for unknown or missing fields go to ``general`` (a label above the buttons).
    Editing a field clears its message.
    """

    def __init__(self, general: QLabel | None = None):
        self.fields: dict[str, tuple[QWidget, FieldError]] = {}
        self.general = general

    def add(self, code: str, editor: QWidget, label: FieldError) -> FieldError:
        self.fields[code] = (editor, label)
        signal = None
        if isinstance(editor, QLineEdit):
            signal = editor.textEdited
        elif isinstance(editor, QComboBox):
            signal = editor.currentIndexChanged
        elif isinstance(editor, QPlainTextEdit):
            signal = editor.textChanged
        elif isinstance(editor, QCheckBox):
            signal = editor.toggled
        if signal is not None:
            signal.connect(lambda *_: self.clear(code))
        return label

    def clear(self, code: str | None = None) -> None:
        codes = [code] if code else list(self.fields)
        for c in codes:
            if c in self.fields:
                editor, label = self.fields[c]
                label.clear_message()
                _mark(editor, False)
        if code is None and self.general is not None:
            self.general.clear()
            self.general.hide()

    def set(self, code: str | None, message: str) -> None:
        if code in self.fields:
            editor, label = self.fields[code]
            label.show_message(message)
            _mark(editor, True)
        elif self.general is not None:
            text = self.general.text()
            self.general.setText(f"{text}\n{message}" if text else message)
            self.general.show()

    def message(self, code: str) -> str:
        return self.fields[code][1].text()

    def show(self, error: ValidationError) -> None:
        """Show every problem at its field and focus the first one."""
        self.clear()
        problems = error.problems or [error]
        for p in problems:
            self.set(p.field, p.message)
        first = next((p.field for p in problems if p.field in self.fields), None)
        if first:
            self.fields[first][0].setFocus()


def form_error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("FormError")
    label.setWordWrap(True)
    reserve_line(label)
    label.hide()
    return label


def primary(button: QPushButton) -> QPushButton:
    button.setProperty("primary", "true")
    return button


def ok_cancel_row(parent: QWidget, ok_text: str, on_ok, on_cancel, *,
                  default: bool = True) -> tuple[QPushButton, QHBoxLayout]:
    """The right-aligned 确定/取消 row of a small dialog: the primary button and the row."""
    ok = primary(QPushButton(ok_text, parent))
    ok.setDefault(default)
    cancel = QPushButton(QCoreApplication.translate("widgets", "取消"), parent)
    ok.clicked.connect(on_ok)
    cancel.clicked.connect(on_cancel)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(ok)
    row.addWidget(cancel)
    return ok, row


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """A DomainError's Chinese message as a warning; anything else as an unexpected error with details."""
    Interaction.error(parent, error, title)


def show_info(parent: QWidget | None, message: str, title: str | None = None, details: str | None = None) -> None:
    Interaction.info(parent, message, title, details)


def sha_details(sha: str) -> str:
    """A full hash as the user reads it (in 详细信息 or a tooltip): 校验码, its algorithm in brackets."""
    return QCoreApplication.translate("widgets", "校验码（SHA-256）：{sha}").format(sha=sha)


def confirm(parent: QWidget | None, message: str, title: str | None = None) -> bool:
    return Interaction.confirm(parent, message, title)


def show_refusal(parent: QWidget | None, errors: FormErrors | None, error: BaseException) -> None:
    """Tell a refused write where it belongs: a ValidationError at the fields of ``errors``, another DomainError
    in their general line (in a box without one), anything else in a box."""
    if errors is not None and isinstance(error, ValidationError):
        errors.show(error)
    elif errors is not None and errors.general is not None and isinstance(error, DomainError):
        errors.set(None, error.message)
    else:
        show_error(parent, error)
