"""设置 → 身份信息授权 (identity.grant, the secretary): who may see complainants' identities by role, whether
they hold the key yet, and 授权 for one who does not (a clerk made by a plain admin, one whose password was
reset). The key is sealed to the user's key pair, so the user need not be present."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.security import users

from ..interaction import error_text
from ..operations import DbOp, QueryOp
from ..widgets import form_error_label, primary
from .user_table import UserRows, UserTable

STATES = {
    "granted": QT_TRANSLATE_NOOP("IdentityGrantsTab", "已授权"),
    "pending": QT_TRANSLATE_NOOP("IdentityGrantsTab", "待授权"),
    "sign_in_first": QT_TRANSLATE_NOOP("IdentityGrantsTab", "需先登录一次"),
}


class IdentityGrantsTab(UserRows, QWidget):
    """The users whose roles may see identities, with where their grant stands; 授权 the selected one."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.table = UserTable([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("身份信息")])
        self.grant_button = primary(QPushButton(self.tr("授权")))
        self.grant_button.clicked.connect(self.grant)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        hint = QLabel(self.tr("角色为纪委书记或信访登记员的用户，还需授权才能查看反映人身份信息和信访件附件。"
                              "由未持有密钥的系统管理员新建的用户、被重置密码的用户显示为“待授权”；授权时该用户不必在场。"))
        hint.setWordWrap(True)
        hint.setObjectName("Hint")
        self.message = QLabel()
        self.message.setObjectName("Hint")
        self.error = form_error_label()
        bar = QHBoxLayout()
        bar.addWidget(self.grant_button)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        ws = self.ctx.workspace
        QueryOp(self, lambda: users.identity_grants(ws)).success(self._fill).run()

    def _fill(self, rows: list[dict]) -> None:
        self.table.show_users(rows, lambda u: QCoreApplication.translate("IdentityGrantsTab", STATES[u["state"]]))
        self._selection_changed()

    def state_of(self, username: str) -> str:
        return self.table.item(self.usernames().index(username), 3).text()

    def _selection_changed(self) -> None:
        u = self.selected()
        self.grant_button.setEnabled(u is not None and u["state"] != "granted")

    def grant(self) -> None:
        u = self.selected()
        if u is None:
            return
        ws, name = self.ctx.workspace, u["username"]

        def done(_result) -> None:
            self.error.hide()
            self.message.setText(self.tr("已授权 {user} 查看反映人身份信息，其下次登录时生效").format(user=name))
            self.refresh()

        def refused(exc: BaseException) -> None:
            self.error.setText(error_text(exc))
            self.error.show()

        DbOp(self, lambda: users.grant_identity(ws, name)).success(done).failure(refused).run()
