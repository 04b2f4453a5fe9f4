"""Issue 14 item 13: an admin lands on a page it may use, is never sent to "the admin", and unlocks accounts."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from sqlalchemy import select

from gui.main_window import MainWindow
from models import AuditEvent
from services.errors import AccountRevoked, AuthenticationError, PermissionDenied
from services.reporting import monthly_report
from services.security import session_guard, users
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import add_user

LI_LOCKED = "用户名或密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）"


def _visible_texts(window) -> list[str]:
    texts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton) if w.isVisible()]
    return texts + window.nav_titles()


def _lock_out(ws, username: str) -> None:
    for i in range(5):
        with pytest.raises(AuthenticationError):
            users.login(ws, username, f"wrong-{i}")


def test_an_admin_only_user_lands_on_settings_and_is_never_sent_to_the_admin(ctx, qtbot):
    add_user(ctx, "sysadmin", ["admin"])
    users.login(ctx.workspace, "sysadmin", "user-pass-1")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.nav_titles() == ["设置"]  # 报送 needs 生成报送包 or 接收; keys are in 设置 → 证书
    assert window.current_key() == "settings"
    page = window.stack.currentWidget()
    assert page.tab_titles() == ["用户管理", "修改我的密码", "系统设置", "办理时限与节假日", "证书", "备份与恢复"]
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        qtbot.wait(10)
        shown = _visible_texts(window)
        assert [t for t in shown if "联系" in t and "管理员" in t] == [], page.tabs.tabText(i)


def test_an_admin_refused_is_told_whose_work_it_is(ctx):
    add_user(ctx, "sysadmin", ["admin"])
    users.login(ctx.workspace, "sysadmin", "user-pass-1")
    with pytest.raises(PermissionDenied) as refused:
        monthly_report.revisions(ctx.workspace, "2026-11")
    assert refused.value.message == "您没有“查看月报”的权限：此项由纪委书记、办案人员、信访登记员办理"
    add_user(ctx, "shuji", ["secretary"])
    users.login(ctx.workspace, "shuji", "user-pass-1")
    with pytest.raises(PermissionDenied) as refused:
        users.list_users(ctx.workspace)
    assert refused.value.message == "您没有“管理用户”的权限，请联系系统管理员"  # not 纪委书记: that is the reader


def test_a_disabled_admin_is_not_told_to_contact_the_admin(ctx):
    add_user(ctx, "admin2", ["admin"])
    users.set_active(ctx.workspace, "admin2", False)
    with pytest.raises(AuthenticationError) as refused:
        users.login(ctx.workspace, "admin2", "user-pass-1")
    assert refused.value.message == "该账号已停用，需由另一名系统管理员在“设置 → 用户管理”中启用"
    admin2 = next(u["id"] for u in users.list_users(ctx.workspace) if u["username"] == "admin2")
    with ctx.workspace.reading() as s, pytest.raises(AccountRevoked) as revoked:  # signed in at another desk
        session_guard.current_roles(s, admin2)
    assert revoked.value.message == "您的账号已被另一名系统管理员停用，本次操作未执行。需由其他系统管理员重新启用"


def test_admin_unlocks_a_locked_account_in_the_users_tab(ctx, qtbot):
    ws = ctx.workspace
    add_user(ctx, "li", ["clerk"])
    add_user(ctx, "zhao", ["officer"])
    _lock_out(ws, "li")
    with pytest.raises(AuthenticationError) as refused:
        users.login(ws, "li", "user-pass-1")  # the right password during the lockout
    assert refused.value.message == LI_LOCKED
    window = MainWindow(ctx)  # wang (admin + secretary) is still signed in
    qtbot.addWidget(window)
    window.show()
    tab = window.show_page("settings").users_tab
    states = {tab.table.item(r, 0).text(): tab.table.item(r, 3).text() for r in range(tab.table.rowCount())}
    assert states == {"wang": "启用", "li": "已锁定", "zhao": "启用"}
    tab.select("zhao")
    assert tab.unlock_button.text() == "解锁" and not tab.unlock_button.isEnabled()
    tab.select("li")
    assert tab.unlock_button.isEnabled()
    qtbot.mouseClick(tab.unlock_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "已解锁 li，可以重新登录"
    assert tab.table.item(tab.usernames().index("li"), 3).text() == "启用"
    assert not tab.unlock_button.isEnabled()
    with ws.reading() as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "user.unlock")).scalar_one()
        assert json.loads(event.detail_json)["username"] == "li"
    assert users.login(ws, "li", "user-pass-1").username == "li"


def test_unlocking_an_account_that_is_not_locked_is_refused_and_not_audited(ctx):
    from services.errors import StateError
    ws = ctx.workspace
    add_user(ctx, "li", ["clerk"])
    with pytest.raises(StateError) as refused:
        users.unlock(ws, "li")
    assert refused.value.message == "用户“li”没有被锁定，无需解锁"
    with ws.reading() as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "user.unlock")).first() is None


def test_the_lock_screen_says_password_wrong(admin_ctx, qtbot):
    from tests.gui.conftest import type_text
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.idle_lock.locked, timeout=2000):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    dialog = window.idle_lock.dialog
    type_text(qtbot, dialog.password, "not-" + ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）"
