"""设置 → 修改我的密码 (everyone): the signed-in user changes their own password."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.security import users

from ..widgets import FormErrors, form_error_label, primary
from .form_rows import form_row, password_edit, password_rule_row, run_service


class PasswordTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.old = password_edit()
        self.new = password_edit()
        self.new2 = password_edit()
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        self.message = QLabel()
        self.message.setObjectName("Hint")
        form = QFormLayout()
        form_row(form, self.errors, "old_password", self.tr("当前密码"), self.old)
        self.rule = password_rule_row(self, form, self.errors, self.tr("新密码"), self.new)
        form_row(form, self.errors, "password2", self.tr("再次输入新密码"), self.new2)
        self.save_button = primary(QPushButton(self.tr("修改密码")))
        self.save_button.clicked.connect(self.submit)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addStretch(1)

    def submit(self) -> bool:
        self.errors.clear()
        self.message.clear()
        if self.new.text() != self.new2.text():
            self.errors.set("password2", self.tr("两次输入的新密码不一致"))
            return False
        ws, old, new = self.ctx.workspace, self.old.text(), self.new.text()
        # any other refusal is a wrong current password: shown at that field
        run_service(self, self.errors, lambda: users.change_password(ws, old, new), self._changed, "old_password")
        return True

    def _changed(self, _result) -> None:
        for edit in (self.old, self.new, self.new2):
            edit.clear()
        self.message.setText(self.tr("密码已修改，下次登录请使用新密码。"))
