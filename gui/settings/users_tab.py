"""设置 → 用户管理 (users.manage): the list of accounts; add a user, change roles, disable, unlock, reset a password."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from models.enums import Role
from services.security import users

from ..geometry import remember_geometry
from ..interaction import error_text
from ..operations import DbOp, QueryOp
from ..widgets import FormErrors, form_error_label, primary, role_label
from .user_table import UserRows, UserTable
from .form_rows import counted_buttons, dialog_buttons, form_row, password_edit, password_rule_row, run_service


class _RoleBoxes(QWidget):
    def __init__(self, checked=()):
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for r in Role:
            box = QCheckBox(role_label(r.value))
            box.setChecked(r.value in checked)
            self.boxes[r.value] = box
            lay.addWidget(box)
        lay.addStretch(1)

    def codes(self) -> list[str]:
        return [c for c, b in self.boxes.items() if b.isChecked()]


class UserDialog(QDialog):
    """Add a user: name, display name, password twice, roles."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新增用户"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = password_edit()
        self.password2 = password_edit()
        self.roles = _RoleBoxes()
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        form_row(form, self.errors, "username", self.tr("用户名"), self.username)
        form_row(form, self.errors, "display_name", self.tr("姓名"), self.display_name)
        self.rule = password_rule_row(self, form, self.errors, self.tr("初始密码"), self.password)
        form_row(form, self.errors, "password2", self.tr("再次输入"), self.password2)
        form_row(form, self.errors, "roles", self.tr("角色"), self.roles)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        buttons = dialog_buttons(self, self.tr("添加"))
        buttons.accepted.connect(self.submit)
        lay.addLayout(counted_buttons(self, buttons, self.errors))   # 有 N 处需要修改
        self.resize(560, 360)
        remember_geometry(self, ctx.settings)

    def submit(self) -> bool:
        self.errors.clear()
        if self.password.text() != self.password2.text():
            self.errors.set("password2", self.tr("两次输入的密码不一致"))
            return False
        ws = self.ctx.workspace
        values = (self.username.text(), self.display_name.text(), self.password.text(), self.roles.codes())
        run_service(self, self.errors, lambda: users.create_user(ws, *values), lambda _r: self.accept())
        return True


class RolesDialog(QDialog):
    def __init__(self, ctx, username: str, roles, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.username = ctx, username
        self.setWindowTitle(self.tr("修改角色：{user}").format(user=username))
        self.roles = _RoleBoxes(roles)
        self.error = form_error_label()
        lay = QVBoxLayout(self)
        lay.addWidget(self.roles)
        lay.addWidget(self.error)
        buttons = dialog_buttons(self, self.tr("保存"))
        buttons.accepted.connect(self.submit)
        lay.addWidget(buttons)
        remember_geometry(self, ctx.settings)

    def submit(self) -> bool:
        ws, codes = self.ctx.workspace, self.roles.codes()
        DbOp(self, lambda: users.set_roles(ws, self.username, codes)).success(lambda _r: self.accept()) \
            .failure(self._refused).run()
        return True

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()


class ResetPasswordDialog(QDialog):
    def __init__(self, ctx, username: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.username = ctx, username
        self.setWindowTitle(self.tr("重置密码：{user}").format(user=username))
        self.password = password_edit()
        self.password2 = password_edit()
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        note = QLabel(self.tr("重置后，该用户需要由纪委书记在“身份信息授权”中重新授权，才能查看反映人身份信息。"))
        note.setObjectName("Hint")
        note.setWordWrap(True)
        form = QFormLayout()
        self.rule = password_rule_row(self, form, self.errors, self.tr("新密码"), self.password)
        form_row(form, self.errors, "password2", self.tr("再次输入"), self.password2)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.general)
        buttons = dialog_buttons(self, self.tr("重置"))
        buttons.accepted.connect(self.submit)
        lay.addLayout(counted_buttons(self, buttons, self.errors))   # 有 N 处需要修改
        remember_geometry(self, ctx.settings)

    def submit(self) -> bool:
        self.errors.clear()
        if self.password.text() != self.password2.text():
            self.errors.set("password2", self.tr("两次输入的密码不一致"))
            return False
        ws, pw = self.ctx.workspace, self.password.text()
        run_service(self, self.errors, lambda: users.reset_password(ws, self.username, pw), lambda _r: self.accept())
        return True


class UsersTab(UserRows, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.table = UserTable([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态")])
        self.add_button = primary(QPushButton(self.tr("新增用户…")))
        self.roles_button = QPushButton(self.tr("修改角色…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setToolTip(self.tr("解除因连续输错密码而锁定的账号，不必等到锁定时间结束"))
        self.add_button.clicked.connect(self.open_add_user)
        self.roles_button.clicked.connect(self.open_roles)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.open_reset)
        self.unlock_button.clicked.connect(self.unlock)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.message = QLabel()
        self.message.setObjectName("Hint")
        self.error = form_error_label()
        bar = QHBoxLayout()
        for b in (self.add_button, self.roles_button, self.active_button, self.unlock_button, self.reset_button):
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        ws = self.ctx.workspace
        QueryOp(self, lambda: users.list_users(ws)).success(self._fill).run()

    def _fill(self, rows: list[dict]) -> None:
        now = self.ctx.workspace.now()

        def state(u: dict) -> str:
            return self.tr("已停用") if not u["active"] else self.tr("已锁定") if self._locked(u, now) else self.tr("启用")
        self.table.show_users(rows, state)
        self._selection_changed()

    @staticmethod
    def _locked(u: dict, now: dt.datetime) -> bool:
        return bool(u["active"] and u["locked_until"] and dt.datetime.fromisoformat(u["locked_until"]) > now)

    def _selection_changed(self) -> None:
        u = self.selected()
        for b in (self.roles_button, self.active_button, self.reset_button):
            b.setEnabled(u is not None)
        self.active_button.setText(self.tr("启用") if u and not u["active"] else self.tr("停用"))
        self.unlock_button.setEnabled(u is not None and self._locked(u, self.ctx.workspace.now()))

    def _open(self, dialog: QDialog, done_message: str) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: (self.refresh(), self._say(done_message)))
        dialog.open()
        return dialog

    def open_add_user(self) -> QDialog:
        dialog = UserDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._say(self.tr("已添加用户 {user}").format(user=dialog.username.text())))
        return self._open(dialog, "")

    def open_roles(self) -> QDialog | None:
        u = self.selected()
        if u is None:
            return None
        return self._open(RolesDialog(self.ctx, u["username"], u["roles"], self),
                          self.tr("已修改 {user} 的角色").format(user=u["username"]))

    def open_reset(self) -> QDialog | None:
        u = self.selected()
        if u is None:
            return None
        return self._open(ResetPasswordDialog(self.ctx, u["username"], self),
                          self.tr("已重置 {user} 的密码").format(user=u["username"]))

    def toggle_active(self) -> None:
        u = self.selected()
        if u is None:
            return
        ws, name, active = self.ctx.workspace, u["username"], not u["active"]
        done = (self.tr("已启用 {user}") if active else self.tr("已停用 {user}")).format(user=name)
        self._change(name, lambda: users.set_active(ws, name, active), done)

    def unlock(self) -> None:
        u = self.selected()
        if u is None:
            return
        ws, name = self.ctx.workspace, u["username"]
        self._change(name, lambda: users.unlock(ws, name), self.tr("已解锁 {user}，可以重新登录").format(user=name))

    def _change(self, name: str, work, done_message: str) -> None:
        """Run ``work`` on the selected user's row; then show the list again with that row selected."""

        def done(_result) -> None:
            self.error.hide()
            self.refresh()
            self.select(name)
            self._say(done_message)

        DbOp(self, work).success(done).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

    def _say(self, text: str) -> None:
        if text:
            self.message.setText(text)
            self.error.hide()
