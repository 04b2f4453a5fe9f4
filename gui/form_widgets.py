"""Small form widgets for the registration pages: coded-enum combos, an attachment list (the date field is
``gui.date_field.DateEdit``, re-exported here).

Field error labels are ``gui.widgets.FieldError`` / ``FormErrors`` (the shell engineer's); this module only
adds what those don't cover.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from services.errors import DomainError, ValidationError

from .date_field import DateEdit, from_qdate, to_qdate  # noqa: F401 - re-exported: the forms import them here
from .operations import DbOp
from .vocabulary import term
from .widgets import FieldError, FormErrors, ok_cancel_row, show_error


class EnumCombo(QComboBox):
    """A combo of a CodedEnum's labels; ``value()`` is the code (None for the empty entry)."""

    def __init__(self, enum_cls, allow_empty: bool = False, parent: QWidget | None = None, *,
                 empty_text: str | None = None):
        super().__init__(parent)
        self.enum_cls = enum_cls
        if allow_empty:
            self.addItem(empty_text if empty_text is not None else self.tr("（未选择）"), None)
        for m in enum_cls:
            self.addItem(term(m.label), m.value)
        self.setMaxVisibleItems(max(self.count(), 1))   # the popup shows every item, no scrolling

    def value(self) -> str | None:
        return self.currentData()

    def set_value(self, code: str | None) -> None:
        index = self.findData(code.value if hasattr(code, "value") else code)
        if index < 0 and code is None:
            index = 0
        if index >= 0:
            self.setCurrentIndex(index)


class _KeepOpen(QObject):
    """Clicking an item of a CheckCombo's popup toggles it instead of closing the popup."""

    def __init__(self, combo: "CheckCombo"):
        super().__init__(combo)
        self.combo = combo

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.MouseButtonRelease:
            index = self.combo.view().indexAt(event.position().toPoint())
            if index.isValid():
                self.combo.toggle_row(index.row())
                return True
        return False


class CheckCombo(QComboBox):
    """Multi-select over a CodedEnum: checkable items; the box shows 全部 or the chosen labels."""

    sig_changed = Signal()
    """The set of checked codes changed."""

    def __init__(self, enum_cls, all_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.all_text = all_text
        self._model = QStandardItemModel(self)
        for m in enum_cls:
            item = QStandardItem(term(m.label))
            item.setData(m.value, Qt.ItemDataRole.UserRole)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
            self._model.appendRow(item)
        self.setModel(self._model)
        self.setMaxVisibleItems(max(self._model.rowCount(), 1))
        self.setEditable(True)
        self.lineEdit().setReadOnly(True)
        self.lineEdit().installEventFilter(self)
        self.view().viewport().installEventFilter(_KeepOpen(self))
        self.setMinimumContentsLength(6)
        self._refresh_text()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - clicking the text opens the popup
        if obj is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            self.showPopup()
            return True
        return super().eventFilter(obj, event)

    def toggle_row(self, row: int) -> None:
        item = self._model.item(row)
        checked = item.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        item.setData(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        self._refresh_text()
        self.sig_changed.emit()

    def values(self) -> list[str]:
        return [self._model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self._model.rowCount())
                if self._model.item(r).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked]

    def set_values(self, codes: Sequence[str]) -> None:
        wanted = {getattr(c, "value", c) for c in codes}
        for r in range(self._model.rowCount()):
            item = self._model.item(r)
            item.setData(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                         else Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
        self._refresh_text()
        self.sig_changed.emit()

    def _refresh_text(self) -> None:
        labels = [self._model.item(r).text() for r in range(self._model.rowCount())
                  if self._model.item(r).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked]
        text = "、".join(labels) if labels else self.all_text
        self.lineEdit().setText(text)
        self.setToolTip(text)

    def hidePopup(self) -> None:  # noqa: N802 - keep our text, not the current item's
        super().hidePopup()
        self._refresh_text()


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class AttachmentList(QWidget):
    """Attachments of one item: name, size, added; 添加… / 打开; accepts files dropped on it."""

    sig_add_requested = Signal()
    """The user pressed 添加…; the owner shows the file dialog."""

    sig_files_dropped = Signal(list)
    """Local files were dropped here: list[Path]."""

    sig_open_requested = Signal(object)
    """Open an attachment: its key (an attachment id, or a Path not saved yet)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("文件名"), self.tr("大小"), self.tr("状态")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(90)
        self.table.setAcceptDrops(False)
        self.table.doubleClicked.connect(lambda *_: self._open())
        self.add_button = QPushButton(self.tr("添加附件…"), self)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.add_button.clicked.connect(lambda: self.sig_add_requested.emit())
        self.open_button.clicked.connect(self._open)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.table.setToolTip(self.tr("可将来信扫描件等文件直接拖到此处"))

    def add_row(self, key, name: str, size: int, status: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        first = QTableWidgetItem(name)
        first.setData(Qt.ItemDataRole.UserRole, key)
        self.table.setItem(row, 0, first)
        size_item = QTableWidgetItem(human_size(size))
        size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 1, size_item)
        self.table.setItem(row, 2, QTableWidgetItem(status))

    def clear_rows(self) -> None:
        self.table.setRowCount(0)

    def row_count(self) -> int:
        return self.table.rowCount()

    def names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def _open(self) -> None:
        row = self.table.currentRow()
        if row < 0 and self.table.rowCount() == 1:
            row = 0
        if row >= 0:
            self.sig_open_requested.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    # drag and drop of local files
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.sig_files_dropped.emit(files)


def dropped_files(mime) -> list[Path]:
    """The local regular files in a drop's mime data."""
    if mime is None or not mime.hasUrls():
        return []
    out = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_file():
                out.append(path)
    return out


class ActionDialog(QDialog):
    """Asks what a state action needs: its date (default today) and, when ``text_label`` is given, a text.

    ``run(date, text)`` is the write done on 确定 (a DbOp on the database worker; its result becomes
    ``result_value``). A ValidationError is shown at the date (field ``date``) or the text field, another
    refusal under the fields, and the dialog stays open with what was typed.
    """

    def __init__(self, title: str, today: dt.date, parent: QWidget | None = None, *, text_label: str = "",
                 text_required: bool = False, multiline: bool = True, hint: str = "", text_field: str = "text",
                 run=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.run = run
        self.result_value = None
        self.text_field = text_field
        self.text_required = text_required
        self.text_label = text_label
        self.date_edit = DateEdit(self)
        self.date_edit.set_value(today)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_error = FieldError(self)
        form = QFormLayout()
        if hint:
            note = QLabel(hint, self)
            note.setWordWrap(True)
            form.addRow(note)
        form.addRow(self.tr("日期"), self.date_edit)
        form.addRow("", self.date_error)
        self.text_edit: QPlainTextEdit | QLineEdit | None = None
        self.text_error = FieldError(self)
        if text_label:
            self.text_edit = QPlainTextEdit(self) if multiline else QLineEdit(self)
            if multiline:
                self.text_edit.setFixedHeight(90)
            form.addRow(text_label, self.text_edit)
            form.addRow("", self.text_error)
        self.general = QLabel(self)
        self.general.setObjectName("FormError")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.general)
        self.errors.add("date", self.date_edit, self.date_error)
        if self.text_edit is not None:
            self.errors.add(text_field, self.text_edit, self.text_error)
        self.ok_button, buttons = ok_cancel_row(self, self.tr("确定"), self._accept, self.reject, default=False)
        buttons.insertWidget(1, self.errors.summary_label(self))   # after the stretch: 有 N 处需要修改
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        lay.addLayout(buttons)
        self.setMinimumWidth(420)

    def text(self) -> str:
        if self.text_edit is None:
            return ""
        return (self.text_edit.toPlainText() if isinstance(self.text_edit, QPlainTextEdit)
                else self.text_edit.text()).strip()

    def set_text(self, text: str) -> None:
        if isinstance(self.text_edit, QPlainTextEdit):
            self.text_edit.setPlainText(text)
        elif self.text_edit is not None:
            self.text_edit.setText(text)

    def _accept(self) -> None:
        self.errors.clear()
        if self.text_required and not self.text():
            self.errors.show(ValidationError(self.tr("请填写{label}").format(label=self.text_label),
                                             field=self.text_field))
            return
        if self.run is None:
            self.result_value = (self.date_edit.value(), self.text())
            self.accept()
            return
        when, text = self.date_edit.value(), self.text()
        DbOp(self, lambda: self.run(when, text)).success(self._done).failure(self._refused).run()

    def _done(self, result) -> None:
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc)   # at the date, the text or under the fields; counted beside 确定
        elif isinstance(exc, DomainError):
            self.errors.set(None, exc.message)
        else:
            show_error(self, exc)


class YesNoCombo(QComboBox):
    """是 / 否 / （未填）: ``value()`` is True, False or None."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem(self.tr("（未填）"), None)
        self.addItem(self.tr("是"), True)
        self.addItem(self.tr("否"), False)

    def value(self) -> bool | None:
        return self.currentData()

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value if value is None else bool(value)])
