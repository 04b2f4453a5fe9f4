"""First-run setup: the organization, then the first user (admin + secretary) — or, on a new PC, a restore
of the office's backup (gui.restore_new_pc)."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget, QWizard, QWizardPage)

from models.enums import OrgMode
from services.errors import DomainError, ValidationError
from services.security import setup, users

from .context import AppContext
from .geometry import remember_geometry
from .widgets import FieldError, FormErrors, form_error_label, show_error


def _field(form: QFormLayout, errors: FormErrors, code: str, label: str, editor: QWidget, hint: str = "") -> None:
    """A form row: the editor, an optional grey hint, and its error line below."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(editor)
    if hint:
        h = QLabel(hint)
        h.setObjectName("Hint")
        h.setWordWrap(True)
        lay.addWidget(h)
    err = FieldError()
    lay.addWidget(err)
    form.addRow(label, box)
    errors.add(code, editor, err)


class OrganizationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第一步：本单位信息"))
        self.setSubTitle(self.tr("首次使用，请填写本单位的基本信息。这些信息将出现在月报和报送包中。"))
        self.org_name = QLineEdit()
        self.org_name.setPlaceholderText(self.tr("例如：青山镇纪委"))
        self.org_code = QLineEdit()
        self.org_code.setPlaceholderText(self.tr("例如：QS001"))
        self.county_name = QLineEdit()
        self.county_name.setPlaceholderText(self.tr("例如：云岭县纪委"))
        self.mode = QComboBox()
        for m in OrgMode:
            self.mode.addItem(self.tr("乡镇纪委（填报并报送月报）") if m is OrgMode.township
                              else self.tr("县级纪委（接收并汇总乡镇报送）"), m.value)
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        _field(form, self.errors, "org_name", self.tr("单位名称"), self.org_name)
        _field(form, self.errors, "org_code", self.tr("单位代码"), self.org_code,
               self.tr("由县纪委统一分配的2到40位字母或数字，用于报送包和证书"))
        _field(form, self.errors, "county_name", self.tr("所属县级纪委"), self.county_name)
        _field(form, self.errors, "mode", self.tr("工作模式"), self.mode)
        self.restore_button = QPushButton(self.tr("从备份恢复（更换电脑）…"))
        self.restore_button.setToolTip(self.tr("本单位已在另一台电脑上使用过本系统：用那里的备份恢复，不必重新设置"))
        restore_row = QHBoxLayout()
        restore_row.addStretch(1)
        restore_row.addWidget(self.restore_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.general)
        lay.addLayout(restore_row)

    def values(self) -> dict:
        return {"org_name": self.org_name.text(), "org_code": self.org_code.text(),
                "county_name": self.county_name.text(), "mode": self.mode.currentData()}

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        try:
            setup.validate_org(**self.values())
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        return True


class FirstUserPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第二步：第一个用户"))
        self.setSubTitle(self.tr("这个用户同时是系统管理员和纪委书记，之后可在“设置”中添加其他用户。"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("登录用，例如：wang"))
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("例如：王书记"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        _field(form, self.errors, "username", self.tr("用户名"), self.username,
               self.tr("2到40位字母、数字或 _ . -"))
        _field(form, self.errors, "display_name", self.tr("姓名"), self.display_name)
        _field(form, self.errors, "password", self.tr("密码"), self.password, users.password_rule())
        _field(form, self.errors, "password2", self.tr("再次输入密码"), self.password2)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.general)

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.create()


class SetupWizard(QWizard):
    """Calls ``services.security.setup.initialize``; on success the first user is signed in (``created_user``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx  # replaced by the re-opened context after a restore (the caller adopts it)
        self.created_user = None
        self.restored = False
        self.setWindowTitle(self.tr("纪检桌面 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.org_page = OrganizationPage()
        self.user_page = FirstUserPage()
        self.addPage(self.org_page)
        self.org_page.restore_button.clicked.connect(lambda: self.restore_from_backup())
        self.addPage(self.user_page)
        self.resize(640, 520)
        remember_geometry(self, ctx.settings)

    def restore_from_backup(self, file=None) -> bool:
        """从备份恢复: on success the wizard closes as accepted with ``restored`` set (nobody signed in)."""
        from .pages.backup_tab import RestoreFailed
        from .restore_new_pc import restore_into_new_pc
        try:
            new_ctx = restore_into_new_pc(self, self.ctx, file)
        except RestoreFailed as exc:
            self.ctx = exc.new_ctx
            return False
        if new_ctx is None:
            return False
        self.ctx, self.restored = new_ctx, True
        # QWizard.done() would validate the (empty) organization page first; nothing is left to set up.
        QDialog.done(self, QDialog.DialogCode.Accepted)
        return True

    def create(self) -> bool:
        """Validate the user page, then initialize in one transaction; errors go to their fields."""
        page = self.user_page
        page.errors.clear()
        if page.password.text() != page.password2.text():
            page.errors.set("password2", self.tr("两次输入的密码不一致"))
            page.password2.setFocus()
            return False
        values = dict(self.org_page.values(), username=page.username.text(),
                      display_name=page.display_name.text(), password=page.password.text())
        ws = self.ctx.workspace

        def work():
            current = setup.initialize(ws, **values)
            users.login(ws, values["username"], values["password"])
            return current

        try:  # blocking: the wizard's 完成 must know whether the office exists before it closes
            self.created_user = self.ctx.call_db(self, work, self.tr("正在创建单位和用户……"))
        except ValidationError as exc:
            if exc.problems or exc.field in self.org_page.errors.fields:  # org problems: back to page 1
                self.back()
                self.org_page.errors.show(exc)
            else:
                page.errors.show(exc)
            return False
        except DomainError as exc:  # on the wizard page, which stays open
            page.errors.set(None, exc.message)
            return False
        except Exception as exc:  # noqa: BLE001 - unexpected: show it, keep the wizard open
            show_error(self, exc)
            return False
        self.ctx.settings.setValue("login/last_username", values["username"].strip())
        return True
