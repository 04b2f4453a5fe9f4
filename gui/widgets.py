"""Small shared widgets: field error labels, a form error map, Chinese message boxes."""
from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QPoint, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QHBoxLayout, QPushButton,
                               QScrollArea, QStackedWidget, QTabWidget, QWidget)

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


def _mark(editor: QWidget, invalid: bool, name: str = "invalid") -> None:
    editor.setProperty(name, "true" if invalid else "false")
    editor.style().unpolish(editor)
    editor.style().polish(editor)


class FormErrors:
    """Maps a service's field codes to (editor, FieldError); shows a ValidationError where it belongs.

    Messages for unknown or missing fields go to ``general`` (a label above the buttons). ``show`` also
    brings the first problem in reading order (tab, then top to bottom) into view: its tab, the
    QScrollArea it sits in scrolled to it, the focus; and says "有 N 处需要修改" in ``summary`` (the label
    beside 保存, see ``summary_label``). Editing a field clears its message and takes it off the count.
    ``route`` (optional) maps a service's field code to (code, widget to focus) — e.g. ``subjects[2].name``
    to the ``subjects`` message and that cell's editor.
    """

    def __init__(self, general: QLabel | None = None, summary: QLabel | None = None):
        self.fields: dict[str, tuple[QWidget, FieldError]] = {}
        self.general = general
        self.summary = summary
        self.route: Callable[[str | None], tuple[str | None, QWidget | None]] | None = None
        self._counts: dict[int, int] = {}   # id of the label showing them (0: general) -> problems shown
        self._first: QWidget | None = None   # the problem brought into view by the last show

    def summary_label(self, parent: QWidget | None = None) -> QLabel:
        """The "有 N 处需要修改" label to lay out beside 保存 (made once); its line and width are reserved."""
        if self.summary is None:
            self.summary = error_count_label(parent)
        return self.summary

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
        elif hasattr(editor, "dateChanged"):
            signal = editor.dateChanged
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
                self._counts.pop(id(label), None)
        if code is None:
            self._counts.clear()
            self._first = None
            if self.general is not None:
                self.general.clear()
                self.general.hide()
        self._tell_count()

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

    def count(self) -> int:
        """How many problems of the last ``show`` are still shown."""
        return sum(self._counts.values())

    def _tell_count(self) -> None:
        if self.summary is not None:
            n = self.count()
            self.summary.setText(_count_text(n) if n else "")
            _mark(self.summary, bool(n), "shown")   # the box is drawn only around a count

    def show(self, error: ValidationError) -> None:
        """Show every problem at its field (several at one field joined), bring the first into view and
        focus it, and count them beside 保存."""
        self.clear()
        shown: dict[int, tuple[str | None, list[str]]] = {}
        targets: list[tuple[QWidget, FieldError]] = []
        for p in error.problems or [error]:
            code, target = self.route(p.field) if self.route else (p.field, None)
            if code not in self.fields:
                code, target = None, None
            key = id(self.fields[code][1]) if code is not None else 0
            shown.setdefault(key, (code, []))[1].append(p.message)
            if code is not None:
                targets.append((target or self.fields[code][0], self.fields[code][1]))
        for key, (code, messages) in shown.items():
            self.set(code, "\n".join(messages))
            self._counts[key] = len(messages)
        self._tell_count()
        if targets:
            self._first, below = min(targets, key=lambda t: reading_order(t[0]))
            bring_into_view(self._first, below)

    def count_also(self, label: QWidget, n: int, first: QWidget | None = None) -> None:
        """``n`` problems shown outside the fields (a table's cells, listed in ``label``) count too, until the
        next ``clear()``; ``first`` (their first cell) comes into view when it is read before the fields'."""
        self._counts[id(label)] = n
        self._tell_count()
        if first is not None and (self._first is None or reading_order(first) < reading_order(self._first)):
            self._first = first
            bring_into_view(first, label)


def reading_order(widget: QWidget) -> tuple:
    """Where ``widget`` comes when the user reads its window: by tab, then top to bottom, left to right."""
    tabs: list[int] = []
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs.append(parent.indexOf(child))
        child, parent = parent, parent.parentWidget()
    pos = widget.mapTo(widget.window(), QPoint(0, 0))
    return tuple(reversed(tabs)), pos.y(), pos.x()


def bring_into_view(widget: QWidget, below: QWidget | None = None) -> None:
    """Show ``widget``'s tabs, scroll each QScrollArea around it to it (and to ``below``, its message, when
    both fit; else to the widget's top), and focus it."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            parent.parentWidget().setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            if parent.widget().layout() is not None:
                parent.widget().layout().activate()   # a page just made current: its geometry is current
            content = parent.widget()
            top = widget.mapTo(content, QPoint(0, 0))
            bottom = top.y() + widget.height()
            if below is not None and below.isVisibleTo(content):
                bottom = max(bottom, below.mapTo(content, QPoint(0, below.height())).y())
            parent.ensureVisible(top.x(), bottom, 0, 8)   # then the top, which wins when both do not fit
            parent.ensureVisible(top.x(), top.y(), 0, 8)
        parent = parent.parentWidget()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


def error_count_label(parent: QWidget | None = None) -> QLabel:
    """The label beside 保存 that says how many problems are left; its line and width are kept while empty."""
    label = QLabel(parent)
    label.setObjectName("ErrorCount")   # resources/style.qss: the FormError look while it shows a count
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    reserve_line(label)   # polished: the style's padding is in its size hint
    label.setText(_count_text(99))
    label.setMinimumWidth(label.sizeHint().width())
    label.setText("")
    return label


def _count_text(n: int) -> str:
    return QCoreApplication.translate("widgets", "有 {n} 处需要修改").format(n=n)


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


def ok_cancel_row(parent: QWidget, ok_text: str, on_ok, on_cancel, *, default: bool = True,
                  errors: FormErrors | None = None) -> tuple[QPushButton, QHBoxLayout]:
    """The right-aligned 确定/取消 row of a small dialog: the primary button and the row (with ``errors``,
    its "有 N 处需要修改" label before the buttons)."""
    ok = primary(QPushButton(ok_text, parent))
    ok.setDefault(default)
    cancel = QPushButton(QCoreApplication.translate("widgets", "取消"), parent)
    ok.clicked.connect(on_ok)
    cancel.clicked.connect(on_cancel)
    row = QHBoxLayout()
    row.addStretch(1)
    if errors is not None:
        row.addWidget(errors.summary_label(parent))
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
