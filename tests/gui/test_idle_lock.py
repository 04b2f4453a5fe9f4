"""The idle lock: covers every window, asks the same user's password, keeps all input, applies lockout."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.main_window import MainWindow
from models import AuditEvent
from services.storage import settings
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import type_text


def _window(ctx, qtbot) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def _unlock(qtbot, lock, password):
    type_text(qtbot, lock.dialog.password, password)
    qtbot.mouseClick(lock.dialog.unlock_button, Qt.MouseButton.LeftButton)


def _actions(ws):
    with ws.reading() as s:
        return [e.action for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()]


def test_idle_time_comes_from_the_setting(admin_ctx, qtbot):
    window = _window(admin_ctx, qtbot)
    assert window.idle_lock.interval_ms == 10 * 60_000
    with admin_ctx.workspace.transaction() as s:
        settings.put(s, settings.IDLE_LOCK_MINUTES, 3)
    window.idle_lock.reload()
    assert window.idle_lock.interval_ms == 3 * 60_000


def test_idle_lock_keeps_half_typed_input_and_open_dialogs(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    window = _window(admin_ctx, qtbot)
    page = window.show_page("settings")
    type_text(qtbot, page.password_tab.old, "half-typed")
    qtbot.mouseClick(page.users_tab.add_button, Qt.MouseButton.LeftButton)
    add_dialog = page.users_tab.dialog
    type_text(qtbot, add_dialog.display_name, "张未保存")

    lock = window.idle_lock
    with qtbot.waitSignal(lock.locked, timeout=5000):
        lock.set_interval_ms(100)  # instead of minutes; the timer runs for real
    assert lock.is_locked and lock.dialog.isVisible()
    assert ws.current_user is None  # signed out while locked
    assert all(c.isVisible() for c in lock._covers) and len(lock._covers) == 2  # main window + the dialog
    assert lock.dialog.message.text().startswith("王书记（wang），为保护信访举报人信息")
    assert add_dialog.isVisible()

    _unlock(qtbot, lock, "wrong-password")
    assert lock.is_locked
    assert lock.dialog.error.text() == "密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）"
    assert "login.failed" in _actions(ws)

    with qtbot.waitSignal(lock.unlocked, timeout=2000):
        _unlock(qtbot, lock, ADMIN_PASSWORD)
    assert not lock.is_locked and lock._covers == []
    assert ws.current_user.username == "wang"
    assert page.password_tab.old.text() == "half-typed"
    assert add_dialog.isVisible() and add_dialog.display_name.text() == "张未保存"
    assert window.isVisible() and window.current_key() == "settings"


def test_lock_button_locks_at_once_and_lockout_applies(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    window = _window(admin_ctx, qtbot)
    lock = window.idle_lock
    with qtbot.waitSignal(lock.locked, timeout=2000):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    lock.dialog.reject()  # Esc does not dismiss it
    assert lock.is_locked and lock.dialog.isVisible()
    for i in range(5):
        _unlock(qtbot, lock, f"wrong-{i}")
    assert "锁定" in lock.dialog.error.text()
    _unlock(qtbot, lock, ADMIN_PASSWORD)
    assert lock.is_locked and "锁定" in lock.dialog.error.text()
    assert ws.current_user is None
    assert "login.locked" in _actions(ws)

    with qtbot.waitSignal(lock.logout_requested, timeout=2000):
        qtbot.mouseClick(lock.dialog.logout_button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked and not window.isVisible()
