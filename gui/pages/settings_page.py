"""设置: 用户管理 (admin), 修改我的密码 (everyone), 系统设置 (declared settings; editable with settings.manage),
办理时限与节假日 (gui.pages.deadlines_tab)."""
from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from models.enums import Role
from services import settings, users
from services.errors import DomainError, ValidationError
from services.permissions import allowed

from ..context import org_summary
from ..geometry import remember_geometry
from .backup_tab import BackupTab
from .certificates_tab import CertificatesTab
from .deadlines_tab import DeadlinesTab
from ..widgets import FieldError, FormErrors, form_error_label, primary, role_label, roles_text


save_settings = settings.update
# Settings with their own editor tab (not a raw box in 系统设置).
OWN_TAB_KEYS = frozenset({settings.DEADLINE_OVERRIDES.key})


def _row(form: QFormLayout, errors: FormErrors, code: str, label: str, editor: QWidget) -> None:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(editor)
    err = FieldError()
    lay.addWidget(err)
    form.addRow(label, box)
    errors.add(code, editor, err)


_FAILED = object()


def _run_service(widget: QWidget, errors: FormErrors, fn, other_error_field: str | None = None):
    """Run ``fn`` on the DB worker; show a ValidationError at its fields and any other DomainError on
    ``other_error_field`` (or the form's general line). Returns fn's result, or ``_FAILED``."""
    try:
        return widget.ctx.call_db(widget, fn)
    except ValidationError as exc:
        errors.show(exc)
    except DomainError as exc:
        errors.set(other_error_field, exc.message)
    return _FAILED


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = primary(box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole))
    ok.setDefault(True)
    box.addButton(QCoreApplication.translate("SettingsPage", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    dialog.ok_button = ok
    return box


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
        self.password = _password_edit()
        self.password2 = _password_edit()
        self.roles = _RoleBoxes()
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        _row(form, self.errors, "username", self.tr("用户名"), self.username)
        _row(form, self.errors, "display_name", self.tr("姓名"), self.display_name)
        _row(form, self.errors, "password", self.tr("初始密码"), self.password)
        _row(form, self.errors, "password2", self.tr("再次输入"), self.password2)
        _row(form, self.errors, "roles", self.tr("角色"), self.roles)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        buttons = _buttons(self, self.tr("添加"))
        buttons.accepted.connect(self.submit)
        lay.addWidget(buttons)
        self.resize(560, 360)
        remember_geometry(self, ctx.settings)

    def submit(self) -> bool:
        self.errors.clear()
        if self.password.text() != self.password2.text():
            self.errors.set("password2", self.tr("两次输入的密码不一致"))
            return False
        ws = self.ctx.workspace
        values = (self.username.text(), self.display_name.text(), self.password.text(), self.roles.codes())
        if _run_service(self, self.errors, lambda: users.create_user(ws, *values)) is _FAILED:
            return False
        self.accept()
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
        buttons = _buttons(self, self.tr("保存"))
        buttons.accepted.connect(self.submit)
        lay.addWidget(buttons)
        remember_geometry(self, ctx.settings)

    def submit(self) -> bool:
        ws, codes = self.ctx.workspace, self.roles.codes()
        try:
            self.ctx.call_db(self, lambda: users.set_roles(ws, self.username, codes))
        except DomainError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return False
        self.accept()
        return True


class ResetPasswordDialog(QDialog):
    def __init__(self, ctx, username: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.username = ctx, username
        self.setWindowTitle(self.tr("重置密码：{user}").format(user=username))
        self.password = _password_edit()
        self.password2 = _password_edit()
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        note = QLabel(self.tr("重置后，该用户需要重新获得查看反映人身份信息的授权。"))
        note.setObjectName("Hint")
        note.setWordWrap(True)
        form = QFormLayout()
        _row(form, self.errors, "password", self.tr("新密码"), self.password)
        _row(form, self.errors, "password2", self.tr("再次输入"), self.password2)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.general)
        buttons = _buttons(self, self.tr("重置"))
        buttons.accepted.connect(self.submit)
        lay.addWidget(buttons)
        remember_geometry(self, ctx.settings)

    def submit(self) -> bool:
        self.errors.clear()
        if self.password.text() != self.password2.text():
            self.errors.set("password2", self.tr("两次输入的密码不一致"))
            return False
        ws, pw = self.ctx.workspace, self.password.text()
        if _run_service(self, self.errors, lambda: users.reset_password(ws, self.username, pw)) is _FAILED:
            return False
        self.accept()
        return True


class UsersTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        headers = [self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.add_button = primary(QPushButton(self.tr("新增用户…")))
        self.roles_button = QPushButton(self.tr("修改角色…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.add_button.clicked.connect(self.open_add_user)
        self.roles_button.clicked.connect(self.open_roles)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.open_reset)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.message = QLabel()
        self.message.setObjectName("Hint")
        self.error = form_error_label()
        bar = QHBoxLayout()
        for b in (self.add_button, self.roles_button, self.active_button, self.reset_button):
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.message)
        self.rows: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        ws = self.ctx.workspace
        self.rows = self.ctx.call_db(self, lambda: users.list_users(ws))
        now = ws.now()
        self.table.setRowCount(len(self.rows))
        for i, u in enumerate(self.rows):
            locked = u["locked_until"] and dt.datetime.fromisoformat(u["locked_until"]) > now
            state = self.tr("已停用") if not u["active"] else self.tr("已锁定") if locked else self.tr("启用")
            for j, text in enumerate((u["username"], u["display_name"], roles_text(u["roles"]), state)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u["username"])
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._selection_changed()

    def usernames(self) -> list[str]:
        return [u["username"] for u in self.rows]

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        self.table.selectRow(self.usernames().index(username))

    def _selection_changed(self) -> None:
        u = self.selected()
        for b in (self.roles_button, self.active_button, self.reset_button):
            b.setEnabled(u is not None)
        self.active_button.setText(self.tr("启用") if u and not u["active"] else self.tr("停用"))

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
        try:
            self.ctx.call_db(self, lambda: users.set_active(ws, name, active))
        except DomainError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.error.hide()
        self.refresh()
        self.select(name)
        self._say((self.tr("已启用 {user}") if active else self.tr("已停用 {user}")).format(user=name))

    def _say(self, text: str) -> None:
        if text:
            self.message.setText(text)
            self.error.hide()


class PasswordTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.old = _password_edit()
        self.new = _password_edit()
        self.new2 = _password_edit()
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        self.message = QLabel()
        self.message.setObjectName("Hint")
        form = QFormLayout()
        _row(form, self.errors, "old_password", self.tr("当前密码"), self.old)
        _row(form, self.errors, "password", self.tr("新密码"), self.new)
        _row(form, self.errors, "password2", self.tr("再次输入新密码"), self.new2)
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
        if _run_service(self, self.errors, lambda: users.change_password(ws, old, new), "old_password") is _FAILED:
            return False
        for edit in (self.old, self.new, self.new2):
            edit.clear()
        self.message.setText(self.tr("密码已修改，下次登录请使用新密码。"))
        return True


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
            _row(form, self.errors, spec.key, spec.label, editor)
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

        self.values = self.ctx.call_db(self, read)
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
        changed = _run_service(self, self.errors, lambda: save_settings(ws, values))
        if changed is _FAILED:
            return False
        self.load()
        self.message.setText(self.tr("已保存 {n} 项设置").format(n=len(changed)) if changed
                             else self.tr("设置没有变化"))
        self.saved.emit()
        return True


class SettingsPage(QWidget):
    """The 设置 page; ``settings_saved`` tells the main window to re-read the idle time."""

    settings_saved = Signal()
    sig_restore_done = Signal(object)
    """A backup was restored: the old context is closed; carries the new AppContext."""

    def __init__(self, ctx, spec=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.workspace.current_user.roles
        title = QLabel(self.tr("设置"))
        title.setObjectName("PageTitle")
        self.tabs = QTabWidget()
        self.users_tab: UsersTab | None = None
        if allowed(roles, "users.manage"):
            self.users_tab = UsersTab(ctx)
            self.tabs.addTab(self.users_tab, self.tr("用户管理"))
        self.password_tab = PasswordTab(ctx)
        self.tabs.addTab(self.password_tab, self.tr("修改我的密码"))
        self.system_tab = SystemSettingsTab(ctx)
        self.system_tab.saved.connect(self.settings_saved)
        self.tabs.addTab(self.system_tab, self.tr("系统设置"))
        self.deadlines_tab = DeadlinesTab(ctx)
        self.tabs.addTab(self.deadlines_tab, self.tr("办理时限与节假日"))
        org = ctx.call_db(self, lambda: org_summary(ctx.workspace))
        county = org is not None and org.mode == "county"
        self.certificates_tab = None
        if allowed(roles, "ca.manage" if county else "keys.manage"):
            self.certificates_tab = CertificatesTab(ctx)
            self.tabs.addTab(self.certificates_tab, self.tr("证书"))
        self.backup_tab = None
        if allowed(roles, "backup.run"):
            self.backup_tab = BackupTab(ctx)
            self.backup_tab.sig_restore_done.connect(self.sig_restore_done)
            self.tabs.addTab(self.backup_tab, self.tr("备份与恢复"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(14)
        lay.addWidget(title)
        lay.addWidget(self.tabs, 1)

    def can_leave(self) -> bool:
        """Unsaved deadline limits are saved, discarded or kept (the user is asked)."""
        return self.deadlines_tab.can_leave()

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]
