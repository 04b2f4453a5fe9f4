"""Where the office's data lives: the SQLite file on this PC (the default) or a PostgreSQL server.

``DatabaseChoice`` is the one form for it: two choices, the server's address, port, database and user,
the password in a password field (kept in memory only: handed to the engine, never written anywhere;
libpq's ``PGPASSFILE`` answers for it when set) and 测试连接. The setup wizard shows it as its first page
(``DatabasePage`` in gui.setup_wizard); at start-up, when the remembered server cannot be used or wants
its password, ``ServerStartDialog`` shows it again with the reason, so the user may fix it, try again or
go back to this PC's database. The choice is remembered in the data dir's ``desktop-state.ini`` (the
URL without the password, and the office's code, so a database of another office is noticed).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from services.errors import DomainError, ValidationError
from services.storage import db_url, server_check

from .context import STATE_FILE
from .settings.form_rows import form_row
from .widgets import FormErrors, form_error_label, primary, show_error

SERVER_KEY = "database/server_url"
ORG_KEY = "database/org_code"
DEFAULT_PORT = "5432"

Runner = Callable[[QWidget, Callable[[], object], Callable[[object], None], Callable[[BaseException], None]], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseChoice", text)


# ---------------------------------------------------------------------------------------------- remembering
def state_settings(data_dir: Path | str) -> QSettings:
    return QSettings(str(Path(data_dir) / STATE_FILE), QSettings.Format.IniFormat)


def saved_server(settings: QSettings) -> str | None:
    """The server URL (without password) this data dir used last; None: this PC's database."""
    value = str(settings.value(SERVER_KEY, "") or "").strip()
    return value or None


def remember(settings: QSettings, url_text: str | None, org_code: str | None = None) -> None:
    """Remember the choice for the next start (never the password)."""
    if url_text:
        settings.setValue(SERVER_KEY, server_check.without_password(url_text))
        if org_code:
            settings.setValue(ORG_KEY, org_code)
    else:
        settings.remove(SERVER_KEY)
        settings.remove(ORG_KEY)
    settings.sync()


def success_text(state: server_check.ServerState) -> str:
    if state.empty:
        return _tr("连接成功：数据库 {db} 是空的，下一步将在其中设置本单位信息。").format(db=state.shown)
    return _tr("连接成功：该数据库已由 {org}（{code}）使用。完成后请用您在本单位的账户登录。").format(
        org=state.org_name, code=state.org_code)


# ---------------------------------------------------------------------------------------------- the form
class DatabaseChoice(QWidget):
    """本机数据库 / 服务器数据库 with the server's fields and 测试连接.

    ``runner(parent, fn, on_ok, on_fail)`` runs the connection test off the GUI thread (the wizard: a
    ``QueryOp`` on the database worker; the start-up dialog: a private thread)."""

    sig_tested = Signal(object)
    """A connection test succeeded: the ``ServerState``."""

    def __init__(self, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.state: server_check.ServerState | None = None   # the last successful test, for ``tested_url``
        self.tested_url: str | None = None
        self.local = QRadioButton(self.tr("本机数据库（单机，默认）"))
        self.server = QRadioButton(self.tr("服务器数据库（PostgreSQL，多人共用）"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.local.setChecked(True)
        local_hint = QLabel(self.tr("数据保存在这台电脑的数据目录中，适合一人使用。"))
        server_hint = QLabel(self.tr("本单位几台电脑共用局域网服务器上的一个数据库。数据库和数据库用户由服务器管理员"
                                     "事先建好（见使用说明“服务器数据库”）。"))
        for hint in (local_hint, server_hint):
            hint.setObjectName("Hint")
            hint.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("例如：192.168.1.10 或 jjserver"))
        self.port = QLineEdit(DEFAULT_PORT)
        self.port.setMaximumWidth(100)
        self.database = QLineEdit()
        self.database.setPlaceholderText(self.tr("例如：jijian"))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("例如：jijian_app"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.clicked.connect(lambda: self.test_connection())
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("Hint")
        self.general = form_error_label()
        self.errors = FormErrors(self.general)
        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.setContentsMargins(24, 0, 0, 0)
        form.setVerticalSpacing(6)
        form_row(form, self.errors, "host", self.tr("服务器地址"), self.host)
        form_row(form, self.errors, "port", self.tr("端口"), self.port)
        form_row(form, self.errors, "database", self.tr("数据库名"), self.database)
        form_row(form, self.errors, "user", self.tr("数据库用户"), self.user)
        hint = (self.tr("口令不会保存，每次启动时输入；已设置口令文件（PGPASSFILE）时可不填")
                if db_url.password_file() is not None else self.tr("口令不会保存，每次启动时输入"))
        form_row(form, self.errors, "password", self.tr("口令"), self.password, hint)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        form.addRow("", test_row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.local)
        lay.addWidget(local_hint)
        lay.addSpacing(8)
        lay.addWidget(self.server)
        lay.addWidget(server_hint)
        lay.addWidget(self.fields)
        lay.addWidget(self.general)
        self.server.toggled.connect(self._sync)
        for edit in (self.host, self.port, self.database, self.user, self.password):
            edit.textEdited.connect(self._forget_test)
        self._sync()

    def is_server(self) -> bool:
        return self.server.isChecked()

    def load(self, url_text: str | None) -> None:
        """Fill the fields from a remembered URL (server chosen), or choose this PC's database."""
        if not url_text:
            self.local.setChecked(True)
            return
        f = server_check.split_url(url_text)
        self.host.setText(f.host)
        self.port.setText(str(f.port))
        self.database.setText(f.database)
        self.user.setText(f.user)
        self.server.setChecked(True)
        self.password.setFocus()

    def url_text(self) -> str:
        """The server's URL from the fields, without the password (bad fields raise ``ValidationError``)."""
        return server_check.compose_url(self.host.text(), self.port.text(), self.database.text(), self.user.text())

    def engine_url(self) -> str:
        """The URL with the password, for the engine only."""
        return server_check.connect_url(self.url_text(), self.password.text())

    def show_problem(self, message: str) -> None:
        self.result.setText(message)
        self.result.setObjectName("FieldError")
        self._repolish()

    def test_connection(self, then: Callable[[server_check.ServerState], None] | None = None) -> None:
        """测试连接: connect once off the GUI thread; the outcome in the line beside the button."""
        self.errors.clear()
        self._forget_test()
        try:
            text, url = self.url_text(), self.engine_url()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        self.result.setText(self.tr("正在连接……"))
        self.test_button.setEnabled(False)

        def ok(state) -> None:
            self.test_button.setEnabled(True)
            self.state, self.tested_url = state, text
            self.result.setText(success_text(state))
            self.result.setObjectName("Hint")
            self._repolish()
            self.sig_tested.emit(state)
            if then is not None:
                then(state)

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            if isinstance(exc, DomainError):
                self.show_problem(exc.message)
            else:
                self.result.clear()
                show_error(self, exc)

        self.runner(self, lambda: server_check.probe(url, text), ok, failed)

    def _forget_test(self, *_args) -> None:
        self.state, self.tested_url = None, None
        self.result.clear()

    def _sync(self, *_args) -> None:
        self.fields.setEnabled(self.is_server())
        self._forget_test()

    def _repolish(self) -> None:
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)


# ---------------------------------------------------------------------------------------------- at start-up
def thread_runner(parent: QWidget, fn, on_ok, on_fail) -> None:
    """Run ``fn`` on a private thread, the event loop turning meanwhile (no context exists yet)."""
    from .executor import run_with_progress
    try:
        result = run_with_progress(parent, lambda _token: fn(), _tr("正在连接数据库服务器……"), cancellable=False)
    except Exception as exc:  # noqa: BLE001 - handed to the form, which shows it
        on_fail(exc)
        return
    on_ok(result)


class ServerStartDialog(QDialog):
    """At start-up: the remembered server, why it cannot be used yet (no password, unreachable), the
    form to fix it, and 改用本机数据库 through the same choice. Accepted: ``choice`` is the engine URL
    (None: this PC's database) and ``url_text``/``org_code`` what to remember."""

    def __init__(self, url_text: str, message: str = "", remembered_org: str | None = None,
                 parent: QWidget | None = None, runner: Runner = thread_runner):
        super().__init__(parent)
        self.setWindowTitle(self.tr("纪检桌面 — 服务器数据库"))
        self.remembered_org = remembered_org
        self.choice: str | None = None
        self.url_text: str | None = None
        self.org_code: str | None = None
        self.reason = QLabel(message or self.tr("请输入服务器数据库的口令。"))
        self.reason.setWordWrap(True)
        self.reason.setObjectName("FieldError" if message else "PageLead")
        self.form = DatabaseChoice(runner, self)
        self.form.load(url_text)
        self.connect_button = primary(QPushButton(self.tr("连接")))
        self.quit_button = QPushButton(self.tr("退出"))
        self.connect_button.clicked.connect(self.go)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.quit_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.reason)
        lay.addWidget(self.form)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.resize(600, 480)

    def go(self) -> None:
        """连接: this PC's database at once; a server after a successful test (of another office: refused)."""
        if not self.form.is_server():
            self.choice = self.url_text = None
            self.accept()
            return
        self.form.test_connection(then=self._tested)

    def _tested(self, state: server_check.ServerState) -> None:
        if self.remembered_org and state.org_code and state.org_code != self.remembered_org:
            self.form.show_problem(self.tr("该数据库属于 {org}（{code}），不是这台电脑上次使用的单位（{mine}）的数据库："
                                           "请检查数据库名").format(org=state.org_name, code=state.org_code,
                                                                  mine=self.remembered_org))
            return
        self.url_text, self.org_code = self.form.tested_url, state.org_code
        self.choice = self.form.engine_url()
        self.accept()


def open_start_context(data_dir: Path, url_text: str | None, make_ctx: Callable[[str | None], object],
                       *, remember_choice: bool = True, parent: QWidget | None = None):
    """The start-up's context: this PC's database, or the server (asking for its password unless a
    password file answers; an unreachable server said in Chinese with the form to choose again).
    None when the user chose 退出."""
    if url_text is None:
        return make_ctx(None)
    remembered_org = str(state_settings(data_dir).value(ORG_KEY, "") or "") or None
    message = ""
    if db_url.password_file() is not None:  # libpq has the password: try the server at once
        first = url_text
        ctx, message = _try_open(make_ctx, lambda: server_check.connect_url(first, ""), url_text, None,
                                 remember_choice)
        if ctx is not None:
            return ctx
    while True:
        dialog = ServerStartDialog(url_text, message, remembered_org, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        url_text = dialog.url_text or url_text
        choice = dialog.choice
        ctx, message = _try_open(make_ctx, lambda c=choice: c, dialog.url_text, dialog.org_code, remember_choice)
        if ctx is not None:   # else the server went away between the test and the open: ask again
            return ctx


def _try_open(make_ctx, engine_url: Callable[[], str | None], url_text: str | None, org_code: str | None,
              remember_choice: bool) -> tuple[object | None, str]:
    """The opened context and ""; or None and the reason, for the start dialog to say."""
    try:
        engine = engine_url()
        ctx = make_ctx(engine)
    except DomainError as exc:  # the start-up's own context is being opened: no op can run yet, the dialog says it
        return None, exc.message
    if remember_choice:
        remember(ctx.settings, url_text if engine else None, org_code)
    return ctx, ""
