"""First-run setup: where the data lives (this PC or a server database, gui.database_choice), the
organization, then the first user (admin + secretary) — or, on a new PC, a restore of the office's backup
(gui.restore_new_pc); a server database another desk of the office already set up is joined (sign-in next)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget, QWizard, QWizardPage)

from models.enums import OrgMode
from services.errors import DomainError, ValidationError
from services.security import setup, users
from services.storage import server_check

from .context import AppContext, create_app_context
from .database_choice import DatabaseChoice, remember
from .geometry import remember_geometry
from .operations import QueryOp
from .settings.form_rows import form_row
from .vocabulary import password_rule_text
from .widgets import FormErrors, form_error_label, show_error


def _query_runner(parent: QWidget, fn, on_ok, on_fail) -> None:
    """测试连接 on the database worker, the wizard never waiting for it."""
    QueryOp(parent, fn).success(on_ok).failure(on_fail).run()


class DatabasePage(QWizardPage):
    """第一步: this PC's database (the default) or a server database, tested before the wizard moves on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第一步：数据保存在哪里"))
        self.setSubTitle(self.tr("只有这一台电脑使用本系统时，保持“本机数据库”即可；本单位几台电脑共用数据时，"
                                 "选择服务器数据库。"))
        self.choice = DatabaseChoice(_query_runner, self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.choice)
        lay.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.choose_database()


class OrganizationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第二步：本单位信息"))
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
        form_row(form, self.errors, "org_name", self.tr("单位名称"), self.org_name)
        form_row(form, self.errors, "org_code", self.tr("单位代码"), self.org_code,
               self.tr("由县纪委统一分配的2到40位字母或数字，用于报送包和证书"))
        form_row(form, self.errors, "county_name", self.tr("所属县级纪委"), self.county_name)
        form_row(form, self.errors, "mode", self.tr("工作模式"), self.mode)
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
        self.setTitle(self.tr("第三步：第一个用户"))
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
        form_row(form, self.errors, "username", self.tr("用户名"), self.username,
               self.tr("2到40位字母、数字或 _ . -"))
        form_row(form, self.errors, "display_name", self.tr("姓名"), self.display_name)
        form_row(form, self.errors, "password", self.tr("密码"), self.password,
                   password_rule_text(users.password_min_length()))
        form_row(form, self.errors, "password2", self.tr("再次输入密码"), self.password2)
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
        self.joined = False   # a server database another desk of the office set up: sign in next
        self.server_url: str | None = None   # the server chosen (without password), remembered when done
        self.server_org: str | None = None
        self.setWindowTitle(self.tr("纪检桌面 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.db_page = DatabasePage()
        self.org_page = OrganizationPage()
        self.user_page = FirstUserPage()
        self.addPage(self.db_page)
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

    def choose_database(self) -> bool:
        """第一步 done: this PC's database as it is; a server tested (again, if its fields changed since
        测试连接), then opened — an empty one goes on to 第二步, one the office already uses is joined."""
        form = self.db_page.choice
        if not form.is_server():
            if self.server_url is not None:  # back from a server: this PC's database again
                self._reopen(None)
            self.server_url = self.server_org = None
            self.org_page.restore_button.setVisible(True)
            return True
        try:
            text, url = form.url_text(), form.engine_url()
        except ValidationError as exc:
            form.errors.show(exc)
            return False
        state = form.state if form.tested_url == text else None
        try:
            if state is None:  # blocking: the wizard moves on only with a database it could reach
                state = self.ctx.call_db(self, lambda: server_check.probe(url, text),
                                         self.tr("正在连接数据库服务器……"))
            self._reopen(url)
        except DomainError as exc:  # said beside 测试连接; the page stays
            form.show_problem(exc.message)
            return False
        self.server_url, self.server_org = text, state.org_code
        if state.empty:
            self.org_page.restore_button.setVisible(False)  # a backup restores onto a server with the CLI
            return True
        self.joined = True
        remember(self.ctx.settings, text, state.org_code)
        QDialog.done(self, QDialog.DialogCode.Accepted)  # nothing to set up: sign-in comes next
        return False

    def _reopen(self, url: str | None) -> None:
        """Close the context and open one on ``url`` (None: the data dir's SQLite file); on failure the
        previous database is opened again and the error raised."""
        old, ws = self.ctx, self.ctx.workspace
        previous = (ws.engine.url.render_as_string(hide_password=False)
                    if ws.engine.dialect.name != "sqlite" else None)
        params = dict(synchronous=old.synchronous, lang=old.lang, demo=old.demo, today=ws.today,
                      translator=old.translator, lock=ws.instance_lock is not None, crypto=ws.crypto)
        known = ws.calendar_known_years
        old.close()
        app = QCoreApplication.instance()
        if old.translator is not None and app is not None:
            app.installTranslator(old.translator)  # close() took it off; the new context keeps using it
        try:  # blocking: the next pages work on this database (an empty server gets its tables here)
            self.ctx = create_app_context(ws.data_dir, url=url, **params)
        except DomainError:  # the old context is closed, so no op can run: the previous database again, then raise
            self.ctx = create_app_context(ws.data_dir, url=previous, **params)
            self.ctx.workspace.calendar_known_years = known
            raise
        self.ctx.workspace.calendar_known_years = known

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
            return current, ws.organization().code

        try:  # blocking: the wizard's 完成 must know whether the office exists before it closes
            self.created_user, code = self.ctx.call_db(self, work, self.tr("正在创建单位和用户……"))
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
        remember(self.ctx.settings, self.server_url, code)
        return True
