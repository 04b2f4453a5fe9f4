"""``python main.py``: the desktop app. Setup wizard on first run, sign-in, the main window."""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog

from resources import SUPPORTED_LANGUAGES, style_sheet
from services.errors import DomainError
from services.security import users
from services.storage import db_url, instance_lock, maintenance
from services.storage.workspace import default_data_dir
from services.version import __version__

from .context import AppContext, create_app_context, load_translator
from .database_choice import open_start_context, saved_server, state_settings
from .executor import run_with_progress
from .interaction import Interaction
from .login_dialog import LoginDialog
from .main_window import MainWindow
from .setup_wizard import SetupWizard
from .startup_checks import check_before_open
from .wheel_guard import install_wheel_guard

UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimSun"]
DEMO_MODULE = "services.demo"
APP_PROGRAM = "纪检桌面（桌面程序）"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jijian", description="乡镇纪委信访举报与案件管理系统（桌面）")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据目录")
    parser.add_argument("--demo", action="store_true", help="打开演示数据（<数据目录>/demo）")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default="zh", help="界面语言：zh 中文（默认），en 英文")
    parser.add_argument("--user", default=None, help="登录框中预先填写的用户名")
    parser.add_argument("--db-url", default=None,
                        help="服务器数据库 postgresql+psycopg://用户名@服务器:端口/库名（或 JIJIAN_DB_URL）；口令在启动时输入")
    return parser.parse_args(argv)


def configure_application(app: QApplication) -> None:
    """Name, a CJK-capable UI font at 10.5 pt, and the style sheet (once per application)."""
    if app.property("jijian_configured"):
        return
    app.setProperty("jijian_configured", True)
    app.setApplicationName("jijian-desk")
    app.setApplicationDisplayName("纪检桌面")
    app.setOrganizationName("jijian")
    app.setApplicationVersion(__version__)
    font = QFont()
    font.setFamilies(UI_FONTS)
    font.setPointSizeF(10.5)
    app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    install_wheel_guard(app)


class ShellController(QObject):
    """Drives the session: wizard or login → main window; 注销 → login again; closing the window quits."""

    def __init__(self, ctx: AppContext, username: str | None = None):
        super().__init__()
        self.ctx = ctx
        self.username = username
        self.window: MainWindow | None = None

    def start(self) -> bool:
        """False when the user cancelled the wizard or the login."""
        if not self.ctx.call_db(None, self.ctx.workspace.is_initialized):  # blocking: chooses wizard or sign-in
            wizard = SetupWizard(self.ctx)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            self.ctx = wizard.ctx  # a restore in the wizard re-opened the context
            if not accepted or ((wizard.restored or wizard.joined) and not self._login()):
                return False
        elif not self._login():
            return False
        self._open_main()
        self._backup(maintenance.daily_backup_if_due, QApplication.translate("app", "今日自动备份"))
        return True

    def _backup(self, fn, what: str) -> None:
        """Automatic backups run on the database worker; a failure is reported, never fatal."""
        def failed(exc):
            message = exc.message if isinstance(exc, DomainError) else str(exc)
            if self.window is not None:
                self.window.statusBar().showMessage(QApplication.translate("app", "{0}未完成：{1}").format(what, message))
        self.ctx.db.submit(fn, self.ctx.workspace, on_error=failed)

    def _login(self) -> bool:
        dialog = LoginDialog(self.ctx, username=self.username)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _open_main(self) -> None:
        self.window = MainWindow(self.ctx)
        self.window.logout_requested.connect(self._on_logout)
        self.window.closed.connect(self._on_closed)
        self.window.restored.connect(self._on_restored)
        self.window.show()

    def _on_logout(self) -> None:
        users.logout(self.ctx.workspace)
        QTimer.singleShot(0, self._relogin)

    def _relogin(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        if self._login():
            self._open_main()
        else:
            QApplication.quit()

    def _on_restored(self, new_ctx: AppContext) -> None:
        """After a restore the old context is closed: carry on with the new one, signing in again."""
        self.ctx = new_ctx
        QTimer.singleShot(0, self._relogin)

    def _on_closed(self, for_logout: bool) -> None:
        if not for_logout:
            users.logout(self.ctx.workspace)
            QApplication.quit()


def _demo_dir(args: argparse.Namespace) -> Path | None:
    """Create (once) and return the demo workspace; None (after telling the user) when unavailable."""
    target = (args.data_dir or default_data_dir()) / "demo"
    if importlib.util.find_spec(DEMO_MODULE) is None:
        Interaction.info(None, QApplication.translate(
            "app", "本版本尚未包含演示数据（services/demo.py），请不带 --demo 启动。"), "纪检桌面")
        return None
    demo = importlib.import_module(DEMO_MODULE)
    # blocking: the demo data must exist before the first window opens on it
    run_with_progress(None, lambda _token: demo.ensure_demo(target),
                      QApplication.translate("app", "正在准备演示数据……"), cancellable=False)
    return target


def _open_context(args: argparse.Namespace, data_dir: Path, translator) -> AppContext | None:
    """The data dir's SQLite file, or the server database of ``--db-url``/``JIJIAN_DB_URL`` or the one
    chosen last time (its password asked for; an unreachable one said, with the choice offered again)."""
    explicit = None if args.demo else db_url.requested_url(args.db_url)
    if explicit is not None:
        db_url.parse_server_url(explicit)  # a password in it is refused before anything connects
    url_text = explicit or (None if args.demo else saved_server(state_settings(data_dir)))

    def make(url: str | None) -> AppContext:
        return create_app_context(data_dir, url=url, lang=args.lang, demo=args.demo, translator=translator, lock=True)

    return open_start_context(data_dir, url_text, make, remember_choice=explicit is None)


def run_gui(argv: list[str]) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # --help or bad usage
        return int(exc.code or 0)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "jijian"])
    configure_application(app)
    app.setQuitOnLastWindowClosed(False)  # the controller quits; 注销 closes the window but not the app
    translator = load_translator(args.lang)
    app_lock: instance_lock.InstanceLock | None = None  # one instance per data dir, held until exit
    try:
        data_dir = args.data_dir
        if args.demo:
            data_dir = _demo_dir(args)
            if data_dir is None:
                return 1
        data_dir = data_dir or default_data_dir()
        app_lock = instance_lock.acquire(data_dir, program=APP_PROGRAM)
        if not check_before_open(None, data_dir):
            app_lock.release()
            return 1
        ctx = _open_context(args, data_dir, translator)
        if ctx is None:  # 退出 at the server's password
            app_lock.release()
            return 0
    except DomainError as exc:  # before any window: the data dir cannot be used, said in a box, exit
        if app_lock is not None:
            app_lock.release()
        Interaction.error(None, exc, "纪检桌面")
        return 1
    controller = ShellController(ctx, username=args.user)
    try:
        if not controller.start():
            return 0
        code = app.exec()
        try:
            maintenance.backup_on_exit(controller.ctx.workspace)
        except DomainError as exc:  # the window is gone: say it on the console, keep the exit clean
            print(f"退出时备份未完成：{exc.message}", file=sys.stderr)
        return code
    finally:
        controller.ctx.close()
        app_lock.release()
