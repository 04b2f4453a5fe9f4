"""Lock the session after idle time (setting auth.idle_lock_minutes) without losing any input.

An event filter on the QApplication restarts a timer on every keyboard or mouse input. When it
fires, every open window (the main window and any dialogs, which stay open with their contents)
is covered by an opaque panel, the user is signed out of the workspace (logout hooks forget
unlocked keys), and an application-modal dialog asks for the same user's password. Unlocking
signs in again through ``services.security.users.resume`` (a ``login``), so wrong passwords are
audited and the lockout applies; a failure says 密码错误, the user being fixed.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QMainWindow,
                               QVBoxLayout, QWidget)

from services.errors import DomainError
from services.security import users
from services.storage import settings as app_settings

from .context import AppContext
from .operations import QueryOp
from .widgets import form_error_label, primary, show_error

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                QEvent.Type.TouchBegin, QEvent.Type.InputMethod}


class _Cover(QWidget):
    """An opaque panel over one window's contents; follows the window's size."""

    def __init__(self, window: QWidget, text: str = ""):
        super().__init__(window)
        self.setObjectName("LockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        lay = QVBoxLayout(self)
        if text:
            label = QLabel(text)
            label.setObjectName("LockBanner")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False


class LockDialog(QDialog):
    """Asks the locked user's password; cannot be dismissed except by unlocking or signing out."""

    def __init__(self, ctx: AppContext, username: str, display_name: str, minutes: float,
                 parent: QWidget | None = None, reason: str | None = None):
        super().__init__(parent)
        self.ctx, self.username = ctx, username
        self.unlocked_ok = False
        self.logout_chosen = False
        self.setWindowTitle(self.tr("纪检桌面 — 已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        banner = QLabel(self.tr("系统已锁定"))
        banner.setObjectName("DialogTitle")
        if reason:  # locked by the app, e.g. the account was disabled at another desk
            text = QLabel(self.tr("{name}（{user}）：{reason}。已打开的窗口和未保存的内容保留在锁定画面下；"
                                  "账号恢复启用后可输入密码继续，否则请注销。")
                          .format(name=display_name, user=username, reason=reason.rstrip("。")))
        else:
            text = QLabel(self.tr("{name}（{user}），为保护信访举报人信息，系统在无操作 {minutes} 分钟后自动锁定，"
                                  "或由您手动锁定。请输入密码继续工作，已打开的窗口和未保存的内容都会保留。")
                          .format(name=display_name, user=username, minutes=f"{minutes:g}"))
        text.setWordWrap(True)
        text.setFixedWidth(472)  # a fixed width lets the wrapped text get its full height
        self.message = text
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.error = form_error_label()
        buttons = QDialogButtonBox()
        self.unlock_button = primary(buttons.addButton(self.tr("解锁"), QDialogButtonBox.ButtonRole.AcceptRole))
        self.unlock_button.setDefault(True)
        self.logout_button = buttons.addButton(self.tr("注销（未保存的内容将丢失）"),
                                               QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.logout_button.clicked.connect(self._choose_logout)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 18)
        lay.setSpacing(10)
        lay.addWidget(banner)
        lay.addWidget(text)
        lay.addWidget(self.password)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        lay.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)

    def try_unlock(self) -> None:
        """解锁: verified on the database worker (a QueryOp; the lock screen stays modal and ignores input
        meanwhile); a refusal is said on the lock screen itself, which stays."""
        ws, username, password = self.ctx.workspace, self.username, self.password.text()
        # a QueryOp: the resume's audit row changes nothing a page shows, so no page refreshes behind the lock
        QueryOp(self, lambda: users.resume(ws, username, password)).progress(self.tr("正在验证……")) \
            .success(self._unlocked).failure(self._refused).run()

    def _unlocked(self, _result) -> None:
        self.unlocked_ok = True
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            show_error(self, exc)
            return
        self.error.setText(exc.message)
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def _choose_logout(self) -> None:
        self.logout_chosen = True
        self.accept()

    def reject(self) -> None:  # Esc does nothing: the dialog stays until unlock or sign-out
        pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not (self.unlocked_ok or self.logout_chosen):
            event.ignore()
        else:
            super().closeEvent(event)


class IdleLock(QObject):
    """Counts user input for ``window``; locks after the idle interval. ``lock()`` locks at once."""

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, ctx: AppContext, window: QMainWindow, minutes: float | None = None):
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.dialog: LockDialog | None = None
        self._covers: list[_Cover] = []
        self._focus: QWidget | None = None
        self._username = ""
        self._display_name = ""
        self._override_ms: int | None = None
        self._minutes = float(minutes) if minutes is not None else self._read_minutes()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        self._active = True
        QCoreApplication.instance().installEventFilter(self)
        self._timer.start(self.interval_ms)

    # ----- configuration -----
    def _read_minutes(self) -> float:
        ws = self.ctx.workspace

        def read():
            with ws.reading() as s:
                return app_settings.get(s, app_settings.IDLE_LOCK_MINUTES)

        try:
            return float(self.ctx.call_db(None, read))  # blocking: the idle timer is armed from it
        except Exception:  # noqa: BLE001 - a broken setting must not disable the lock
            return float(app_settings.IDLE_LOCK_MINUTES.default)

    @property
    def interval_ms(self) -> int:
        return self._override_ms if self._override_ms is not None else int(self._minutes * 60_000)

    def set_interval_ms(self, ms: int | None) -> None:
        """Test hook (and for a kiosk): idle time in milliseconds instead of the setting."""
        self._override_ms = ms
        if self._active and not self.is_locked:
            self._timer.start(self.interval_ms)

    def reload(self) -> None:
        """Re-read auth.idle_lock_minutes (after the settings page saved)."""
        self._minutes = self._read_minutes()
        if self._active and not self.is_locked:
            self._timer.start(self.interval_ms)

    # ----- activity -----
    @property
    def is_locked(self) -> bool:
        return getattr(self, "dialog", None) is not None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        # getattr: the application-wide filter may be called while Python frees this object
        if getattr(self, "_active", False) and not self.is_locked and event.type() in INPUT_EVENTS:
            self._timer.start(self.interval_ms)
        return False

    def stop(self) -> None:
        """The window is going away: no more locking."""
        self._active = False
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # ----- lock / unlock -----
    def lock(self, reason: str | None = None) -> None:
        """Cover every window and sign out; ``reason`` replaces the idle text (e.g. account disabled)."""
        if self.is_locked or not self._active:
            return
        user = self.ctx.workspace.current_user
        if user is None:
            return
        self._timer.stop()
        self._username, self._display_name = user.username, user.display_name
        self._focus = QApplication.focusWidget()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        cover_text = self.tr("已锁定")
        self._covers = [_Cover(self.window, cover_text)]
        for w in QApplication.topLevelWidgets():
            if w is not self.window and w.isVisible() and w.isWindow() and isinstance(w, (QDialog, QMainWindow)):
                self._covers.append(_Cover(w))
        users.logout(self.ctx.workspace)
        self.dialog = LockDialog(self.ctx, self._username, self._display_name, self.interval_ms / 60_000,
                                 self.window, reason=reason)
        self.dialog.accepted.connect(self._dialog_done)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.password.setFocus()
        self.locked.emit()

    def _dialog_done(self) -> None:
        dialog, self.dialog = self.dialog, None
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers = []
        if dialog is not None:
            dialog.deleteLater()
        if dialog is not None and dialog.logout_chosen:
            self.logout_requested.emit()
            return
        if self._focus is not None:
            try:
                self._focus.setFocus()
            except RuntimeError:  # the widget went away meanwhile
                pass
        self._focus = None
        if self._active:
            self._timer.start(self.interval_ms)
        self.unlocked.emit()
