"""设置 → 系统设置: one editor per declared setting (services.storage.settings), editable with settings.manage;
settings that have a tab of their own (办理时限) are left out."""
from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from services.security.permissions import allowed
from services.storage import settings

from ..operations import QueryOp
from ..widgets import FormErrors, form_error_label, primary
from ..vocabulary import term
from .form_rows import form_row, run_service

save_settings = settings.update
# Settings with their own editor tab (not a raw box in 系统设置).
# edited on their own tab (办理时限与节假日): the limits, the years whose holiday schedule is complete
OWN_TAB_KEYS = frozenset({settings.DEADLINE_OVERRIDES.key, settings.HOLIDAY_YEARS_COMPLETE.key})


class SystemSettingsTab(QWidget):
    saved = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = allowed(ctx.workspace.current_user.roles, "settings.manage")
        self.specs = [s for s in settings.all_specs() if s.key not in OWN_TAB_KEYS]
        self.editors: dict[str, QWidget] = {}
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        self.message = QLabel()
        self.message.setObjectName("Hint")
        form = QFormLayout()
        form.setVerticalSpacing(6)
        for spec in self.specs:
            editor = self._editor(spec)
            editor.setEnabled(self.can_edit)
            self.editors[spec.key] = editor
            form_row(form, self.errors, spec.key, term(spec.label), editor)
        body = QWidget()
        body.setObjectName("FormScrollBody")
        body.setMaximumWidth(760)
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setObjectName("FormScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.save_button = primary(QPushButton(self.tr("保存设置")))
        self.save_button.setEnabled(self.can_edit)
        self.save_button.clicked.connect(self.submit)
        lay = QVBoxLayout(self)
        if not self.can_edit:
            note = QLabel(self.tr("只有系统管理员和纪委书记可以修改系统设置。"))
            note.setObjectName("Hint")
            lay.addWidget(note)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.general)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.message, 1)
        lay.addLayout(bar)
        self.load()

    @staticmethod
    def _editor(spec) -> QWidget:
        if spec.type is bool:
            return QCheckBox()
        if spec.type is int:
            box = QSpinBox()
            box.setMaximumWidth(140)
            box.setRange(int(spec.minimum if spec.minimum is not None else -10**9),
                         int(spec.maximum if spec.maximum is not None else 10**9))
            return box
        if spec.type is float:
            box = QDoubleSpinBox()
            box.setMaximumWidth(140)
            box.setRange(spec.minimum if spec.minimum is not None else -1e9,
                         spec.maximum if spec.maximum is not None else 1e9)
            return box
        if spec.type is dict:
            edit = QPlainTextEdit()
            edit.setFixedHeight(72)
            edit.setPlaceholderText("{}")
            return edit
        return QLineEdit()

    def load(self) -> None:
        ws = self.ctx.workspace

        def read():
            with ws.reading() as s:
                return {spec.key: settings.get(s, spec) for spec in self.specs}

        QueryOp(self, read).success(self._fill).run()

    def _fill(self, values: dict) -> None:
        self.values = values
        for key, value in self.values.items():
            editor = self.editors[key]
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(json.dumps(value, ensure_ascii=False, indent=1) if value else "")
            else:
                editor.setText(str(value))

    def edited_values(self) -> dict:
        out = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                out[key] = editor.value()
            elif isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText().strip() or "{}"
            else:
                out[key] = editor.text()
        return out

    def submit(self) -> bool:
        self.errors.clear()
        self.message.clear()
        ws, values = self.ctx.workspace, self.edited_values()
        run_service(self, self.errors, lambda: save_settings(ws, values), self._saved)
        return True

    def _saved(self, changed) -> None:
        self.load()
        self.message.setText(self.tr("已保存 {n} 项设置").format(n=len(changed)) if changed
                             else self.tr("设置没有变化"))
        self.saved.emit()
