"""The main window: header (office, user, 锁定, 注销), navigation list, page stack, status bar."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QMessageBox, QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from services.deadlines import due_list
from services.errors import AccountRevoked
from services.security.permissions import allowed

from .context import AppContext, org_summary
from .due_reminder import DueReminder
from .geometry import ScreenFit, remember_geometry
from .idle_lock import IdleLock
from .operations import QueryOp
from .pages.base import Page
from .widgets import confirm, roles_text, show_error

if TYPE_CHECKING:
    from .pages.registry import PageSpec

LAST_PAGE_KEY = "mainwindow/last_page"
PAGE_AREA_MIN = QSize(400, 300)


class MainWindow(QMainWindow):
    """Built for the signed-in user; pages the user's roles do not allow are not listed."""

    logout_requested = Signal()
    closed = Signal(bool)  # True when closed to sign out, False when the user closed the app
    restored = Signal(object)
    """A backup was restored; carries the new AppContext (the window's own one is closed)."""

    def __init__(self, ctx: AppContext, specs: list[PageSpec] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        user = ctx.workspace.current_user
        if user is None:
            raise RuntimeError("MainWindow needs a signed-in user")
        self.user = user
        if specs is None:
            # Imported here, after sign-in: the page modules (pyhanko, openpyxl, QtCharts…) would
            # otherwise delay the sign-in dialog by about 1.5 s.
            from .pages.registry import PAGE_SPECS
            specs = PAGE_SPECS
        self.specs = [s for s in specs if s.visible_to(user.roles)]
        self.pages: dict[str, QWidget] = {}
        self._closing_for_logout = False
        self._revoked: str | None = None  # why the account was locked out, until the lock shows it
        org = ctx.call_db(self, lambda: org_summary(ctx.workspace))  # blocking: the window is built for the mode
        self.org_name = org.name if org else ""
        self.org_mode = org.mode if org else None  # chooses the mode's page class (报送)
        title = self.tr("{org} — 纪检桌面").format(org=self.org_name) if self.org_name else self.tr("纪检桌面")
        if ctx.demo:
            title += self.tr("（演示数据）")
        self.setWindowTitle(title)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("NavList")
        self.nav.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget()
        self.stack.setObjectName("PageArea")
        # the pages' own minimum sizes never grow the window past the screen (1366×768): they share this one
        self.stack.setMinimumSize(PAGE_AREA_MIN)
        for spec in self.specs:
            item = QListWidgetItem(spec.display_title(self.org_mode))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.display_title(self.org_mode))
            self.nav.addItem(item)
        # 168 px holds the Chinese titles; a translation's longer ones ("Double investigation") widen it
        widest = max((self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text())
                      for i in range(self.nav.count())), default=0)
        self.nav.setFixedWidth(max(168, widest + 56))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.data_label = QLabel(self.tr("数据目录：{path}").format(path=ctx.workspace.data_dir))
        self.statusBar().addPermanentWidget(self.data_label)
        self.reminder = DueReminder(self)   # at sign-in: 您有 N 项已超期、M 项即将到期, a click to the due list
        self.reminder.clicked.connect(self.show_due_list)
        self.statusBar().insertPermanentWidget(0, self.reminder)
        self.statusBar().showMessage(self.tr("{name}，欢迎使用").format(name=user.display_name), 8000)

        self.idle_lock = IdleLock(ctx, self)
        self.idle_lock.logout_requested.connect(self._logout_from_lock)
        self.idle_lock.locked.connect(lambda: self.statusBar().showMessage(self.tr("已锁定")))
        self.idle_lock.unlocked.connect(lambda: self.statusBar().showMessage(self.tr("已解锁"), 5000))
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.idle_lock.lock)
        ctx.db.failed.connect(self._background_error)
        ctx.db.error_seen.connect(self._watch_errors)
        self._failed_connected = True

        self.nav.currentRowChanged.connect(self._show_row)
        self.resize(1180, 760)
        remember_geometry(self, ctx.settings)   # fitted to the screen's available area, position included
        ScreenFit(self)                          # and kept there on show and on every resize
        last = str(ctx.settings.value(LAST_PAGE_KEY, "") or "")
        keys = [s.key for s in self.specs]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)
        self.nav.setFocus()
        if "workbench" in keys and (allowed(user.roles, "complaint.view") or allowed(user.roles, "lead.view")):
            ws = ctx.workspace
            QueryOp(self, lambda: due_list.due_items(ws)).success(self._remind).run()

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setObjectName("AppHeader")
        lay = QHBoxLayout(header)
        lay.setContentsMargins(18, 10, 14, 10)
        lay.setSpacing(14)
        app_title = QLabel(self.tr("纪检桌面"))
        app_title.setObjectName("AppHeaderTitle")
        self.org_label = QLabel(self.org_name)
        self.org_label.setObjectName("AppHeaderOrg")
        self.user_label = QLabel(self.tr("{name}（{roles}）").format(name=self.user.display_name,
                                                                   roles=roles_text(self.user.roles)))
        self.user_label.setObjectName("AppHeaderUser")
        self.lock_button = QToolButton()
        self.lock_button.setText(self.tr("锁定"))
        self.lock_button.setToolTip(self.tr("暂时离开时锁定屏幕（Ctrl+L），输入密码后继续，未保存的内容不会丢失"))
        self.logout_button = QToolButton()
        self.logout_button.setText(self.tr("注销"))
        self.logout_button.setToolTip(self.tr("退出当前用户，回到登录界面"))
        self.lock_button.clicked.connect(lambda: self.idle_lock.lock())
        self.logout_button.clicked.connect(self.request_logout)
        lay.addWidget(app_title)
        lay.addWidget(self.org_label)
        lay.addStretch(1)
        lay.addWidget(self.user_label)
        lay.addWidget(self.lock_button)
        lay.addWidget(self.logout_button)
        return header

    # ----- pages -----
    def nav_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            from .pages.registry import build_page
            widget = build_page(spec, self.ctx, self.org_mode)
            self.pages[key] = widget
            self.stack.addWidget(widget)
            saved = getattr(widget, "settings_saved", None)
            if saved is not None:
                saved.connect(self.idle_lock.reload)
            restored = getattr(widget, "sig_restore_done", None)
            if restored is not None:
                restored.connect(self._on_restored)
        return self.pages[key]

    def _remind(self, rows) -> None:
        """The sign-in reminder in the status bar (``_place_reminder``)."""
        self.reminder.set_rows(rows)
        self._place_reminder(self.current_key())

    def _place_reminder(self, key: str | None) -> None:
        """The status bar's reminder on the other pages; the 工作台 shows its own, live one (once, not twice)."""
        self.reminder.setVisible(key != "workbench" and any(self.reminder.counts))

    def show_due_list(self) -> QWidget:
        """The sign-in reminder's click: the 工作台 with its due list focused (its own reminder stays live)."""
        page = self.show_page("workbench")
        self.reminder.hide()
        if hasattr(page, "focus_due"):
            page.focus_due()
        return page

    def show_page(self, key: str) -> QWidget:
        keys = [s.key for s in self.specs]
        self.nav.setCurrentRow(keys.index(key))
        return self.pages[key]

    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.specs[row].key
        widget = self.page(key)
        if isinstance(widget, Page):  # refreshed before it shows, so its first show does not refresh again
            try:
                widget.bring_up()
            except Exception as exc:  # noqa: BLE001 - a page's refresh error is shown, not fatal
                show_error(self, exc)
        self.stack.setCurrentWidget(widget)
        self._place_reminder(key)
        self.ctx.settings.setValue(LAST_PAGE_KEY, key)

    # ----- session -----
    def pages_can_leave(self) -> bool:
        """Ask each page with unsaved edits (``can_leave()``) whether it may be left."""
        for widget in self.pages.values():
            can_leave = getattr(widget, "can_leave", None)
            if callable(can_leave) and not can_leave():
                return False
        return True

    def _on_restored(self, new_ctx) -> None:
        self._closing_for_logout = True
        self._restored_ctx = new_ctx
        self.close()

    def request_logout(self) -> None:
        if not self.pages_can_leave():
            return
        if confirm(self, self.tr("确定要注销吗？未保存的内容将会丢失。"), self.tr("注销")):
            self._logout()

    def _logout_from_lock(self) -> None:
        self._logout()

    def _logout(self) -> None:
        self._closing_for_logout = True
        self.logout_requested.emit()
        self.close()

    def _background_error(self, exc: BaseException) -> None:
        if self.isVisible():
            show_error(self, exc)

    def _watch_errors(self, exc: BaseException) -> None:
        """The account was disabled at another desk: lock with the reason (once the refusal is read).

        Unlocking works again only if an admin enables the account; otherwise the user signs out.
        """
        if isinstance(exc, AccountRevoked):
            self._revoked = exc.message
            QTimer.singleShot(0, self, self._lock_revoked)

    def _lock_revoked(self) -> None:
        if self._revoked is None or self.idle_lock.is_locked:
            return
        if isinstance(QApplication.activeModalWidget(), QMessageBox):  # the refusal is still on screen
            QTimer.singleShot(200, self, self._lock_revoked)
            return
        reason, self._revoked = self._revoked, None
        self.idle_lock.lock(reason=reason)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._closing_for_logout and not self.pages_can_leave():
            event.ignore()
            return
        self.idle_lock.stop()
        if self._failed_connected:
            self.ctx.db.failed.disconnect(self._background_error)
            self.ctx.db.error_seen.disconnect(self._watch_errors)
            self._failed_connected = False
        super().closeEvent(event)
        restored = getattr(self, "_restored_ctx", None)
        if restored is not None:
            self.restored.emit(restored)
            return
        self.closed.emit(self._closing_for_logout)
