"""Sign-in: user name and password; the service's Chinese message (attempts left, locked) is shown."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from services.errors import DomainError
from services.security import users

from .context import AppContext, org_summary
from .geometry import remember_geometry
from .operations import QueryOp
from .widgets import form_error_label, primary, show_error

LAST_USER_KEY = "login/last_username"
DEMO_USERS = ("demo-secretary", "demo-clerk", "demo-officer", "demo-admin")


class LoginDialog(QDialog):
    """Accepted once ``services.security.users.login`` succeeded; ``ctx.workspace.current_user`` is then set."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, username: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("纪检桌面 — 登录"))
        org = ctx.call_db(self, lambda: org_summary(ctx.workspace))  # blocking: the dialog is built from it
        title = QLabel(org.name if org else self.tr("纪检桌面"))
        title.setObjectName("DialogTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("信访举报与案件管理系统"))
        subtitle.setObjectName("DialogSubtitle")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("用户名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.error = form_error_label()
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)

        self.buttons = QDialogButtonBox()
        self.login_button = primary(self.buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole))
        self.login_button.setDefault(True)
        self.quit_button = self.buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 20)
        lay.setSpacing(10)
        lay.addWidget(title)
        lay.addWidget(subtitle)
        lay.addSpacing(12)
        lay.addLayout(form)
        if ctx.demo:
            hint = QLabel(self.tr("演示数据：用户 {users}，密码均为 demo1234").format(users="、".join(DEMO_USERS)))
            hint.setObjectName("Hint")
            hint.setWordWrap(True)
            lay.addWidget(hint)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.resize(440, 330)
        remember_geometry(self, ctx.settings)

        name = username or str(ctx.settings.value(LAST_USER_KEY, "") or "") or (DEMO_USERS[0] if ctx.demo else "")
        self.username.setText(name)
        (self.password if name else self.username).setFocus()

    def try_login(self) -> None:
        """One attempt, verified on the database worker (a QueryOp; the dialog stays modal and ignores input
        meanwhile): accepted on success, else the refusal at the password field, cleared for the next try."""
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self._fail(self.tr("请输入用户名"), self.username)
            return
        ws = self.ctx.workspace
        # a QueryOp: no page exists behind the sign-in yet, so the login's audit row needs no refresh
        QueryOp(self, lambda: users.login(ws, username, password)).progress(self.tr("正在登录……")) \
            .success(lambda _user: self._signed_in(username)).failure(self._refused).run()

    def _signed_in(self, username: str) -> None:
        self.ctx.settings.setValue(LAST_USER_KEY, username)
        self.error.hide()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            self._fail(exc.message, self.password)
        else:
            show_error(self, exc)

    def _fail(self, message: str, focus: QLineEdit) -> None:
        self.error.setText(message)
        self.error.show()
        self.password.clear()
        focus.setFocus()
