"""设置: the admin manages users, everyone changes their own password, settings are edited with rights."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox
from sqlalchemy import select

from gui.pages.registry import PAGE_SPECS
from gui.pages.settings_page import SettingsPage
from models import AuditEvent
from services.security import users
from services.storage import settings
from tests.gui.conftest import add_user, type_text

SPEC = next(s for s in PAGE_SPECS if s.key == "settings")


def _page(ctx, qtbot) -> SettingsPage:
    page = SettingsPage(ctx, SPEC)
    qtbot.addWidget(page)
    page.show()
    return page


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _actions(ws):
    with ws.reading() as s:
        return [e.action for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()]


def _count_beside(label, button) -> str:
    """The "有 N 处需要修改" text, shown on the row of ``button`` and ending before it."""
    here, there = label.mapToGlobal(QPoint(0, 0)), button.mapToGlobal(QPoint(0, 0))
    assert label.isVisible() and here.x() + label.width() <= there.x()
    assert abs((here.y() + label.height() / 2) - (there.y() + button.height() / 2)) <= 2
    return label.text()


def test_admin_adds_a_user_after_a_refused_attempt(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    page = _page(admin_ctx, qtbot)
    # wang is admin + secretary: identity grants, keys and backups are theirs too
    assert page.tab_titles() == ["用户管理", "身份信息授权", "修改我的密码", "系统设置", "办理时限与节假日", "证书",
                                "备份与恢复"]
    tab = page.users_tab
    assert tab.usernames() == ["wang"]
    assert tab.table.item(0, 2).text() == "系统管理员、纪委书记"

    _click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "新增用户"
    type_text(qtbot, dialog.username, "li")
    type_text(qtbot, dialog.display_name, "李登记")
    type_text(qtbot, dialog.password, "short")
    type_text(qtbot, dialog.password2, "short")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.errors.message("roles") == "至少需要选择一个角色"
    assert _count_beside(dialog.errors.summary, dialog.ok_button) == "有 1 处需要修改"
    _click(qtbot, dialog.roles.boxes["clerk"])
    _click(qtbot, dialog.ok_button)
    assert dialog.errors.message("password") == "密码至少需要 8 个字符"
    assert _count_beside(dialog.errors.summary, dialog.ok_button) == "有 1 处需要修改"
    assert dialog.errors.message("roles") == ""
    assert [u["username"] for u in users.list_users(ws)] == ["wang"]  # nothing created yet

    type_text(qtbot, dialog.password, "clerk-pass-1")
    type_text(qtbot, dialog.password2, "clerk-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _click(qtbot, dialog.ok_button)
    listed = {u["username"]: u for u in users.list_users(ws)}
    assert listed["li"]["display_name"] == "李登记" and listed["li"]["roles"] == ["clerk"]
    assert tab.usernames() == ["wang", "li"]
    assert tab.table.item(1, 2).text() == "信访登记员" and tab.table.item(1, 3).text() == "启用"
    assert tab.message.text() == "已添加用户 li"


def test_admin_disables_enables_and_resets_a_user(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    add_user(admin_ctx, "li", ["clerk"])
    page = _page(admin_ctx, qtbot)
    tab = page.users_tab

    tab.select("wang")
    _click(qtbot, tab.active_button)
    assert tab.error.text() == "不能停用当前登录的账号"

    tab.select("li")
    assert tab.active_button.text() == "停用"
    _click(qtbot, tab.active_button)
    assert tab.table.item(1, 3).text() == "已停用" and tab.active_button.text() == "启用"
    assert {u["username"]: u["active"] for u in users.list_users(ws)}["li"] is False
    _click(qtbot, tab.active_button)
    assert tab.table.item(1, 3).text() == "启用"

    tab.select("li")
    _click(qtbot, tab.reset_button)
    dialog = tab.dialog
    type_text(qtbot, dialog.password, "short")
    type_text(qtbot, dialog.password2, "short")
    _click(qtbot, dialog.ok_button)
    assert dialog.errors.message("password") == "密码至少需要 8 个字符"
    assert _count_beside(dialog.errors.summary, dialog.ok_button) == "有 1 处需要修改"
    dialog.password.clear()
    dialog.password2.clear()
    type_text(qtbot, dialog.password, "new-clerk-pass")
    type_text(qtbot, dialog.password2, "new-clerk-pass")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _click(qtbot, dialog.ok_button)
    assert tab.message.text() == "已重置 li 的密码"
    assert users.login(ws, "li", "new-clerk-pass").username == "li"
    assert {"user.disable", "user.enable", "user.password_reset"} <= set(_actions(ws))


def test_clerk_has_no_user_management_and_cannot_edit_settings(ctx, qtbot):
    add_user(ctx, "li", ["clerk"])
    users.login(ctx.workspace, "li", "user-pass-1")
    page = _page(ctx, qtbot)
    assert page.tab_titles() == ["修改我的密码", "系统设置", "办理时限与节假日"]
    assert page.users_tab is None
    tab = page.system_tab
    assert not tab.save_button.isEnabled()
    assert all(not e.isEnabled() for e in tab.editors.values())


def test_everyone_changes_their_own_password(ctx, qtbot):
    add_user(ctx, "li", ["clerk"])
    users.login(ctx.workspace, "li", "user-pass-1")
    page = _page(ctx, qtbot)
    tab = page.password_tab
    type_text(qtbot, tab.old, "not-my-password")
    type_text(qtbot, tab.new, "brand-new-pass")
    type_text(qtbot, tab.new2, "brand-new-pass")
    _click(qtbot, tab.save_button)
    assert tab.errors.message("old_password") == "密码错误"

    type_text(qtbot, tab.old, "user-pass-1")
    type_text(qtbot, tab.new2, "brand-new-pasz")
    _click(qtbot, tab.save_button)
    assert tab.errors.message("password2") == "两次输入的新密码不一致"

    type_text(qtbot, tab.new2, "brand-new-pass")
    _click(qtbot, tab.save_button)
    assert tab.message.text() == "密码已修改，下次登录请使用新密码。"
    assert tab.old.text() == ""
    assert users.login(ctx.workspace, "li", "brand-new-pass").username == "li"


def test_system_settings_are_saved_with_audit(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    page = _page(admin_ctx, qtbot)
    tab = page.system_tab
    # the deadline limits and the confirmed holiday years have their own tab (办理时限与节假日), not raw boxes here
    assert set(tab.editors) == {s.key for s in settings.all_specs()} - {settings.DEADLINE_OVERRIDES.key,
                                                                         settings.HOLIDAY_YEARS_COMPLETE.key}
    idle = tab.editors[settings.IDLE_LOCK_MINUTES.key]
    prefix = tab.editors[settings.COMPLAINT_PREFIX.key]
    assert isinstance(idle, QSpinBox) and idle.value() == 10 and idle.maximum() == 240
    assert isinstance(prefix, QLineEdit) and prefix.text() == "XF"

    idle.setValue(5)
    type_text(qtbot, prefix, "QSXF")
    type_text(qtbot, tab.editors[settings.REPORT_LEADER.key], "李书记")
    with qtbot.waitSignal(page.settings_saved, timeout=2000):
        _click(qtbot, tab.save_button)
    assert tab.message.text() == "已保存 3 项设置"
    with ws.reading() as s:
        assert settings.get(s, settings.IDLE_LOCK_MINUTES) == 5
        assert settings.get(s, settings.COMPLAINT_PREFIX) == "QSXF"
        assert settings.get(s, settings.REPORT_LEADER) == "李书记"
        assert settings.get(s, settings.DEADLINE_OVERRIDES) == {}  # untouched by this tab
    assert _actions(ws).count("setting.change") == 3
    _click(qtbot, tab.save_button)
    assert tab.message.text() == "设置没有变化"
    assert _actions(ws).count("setting.change") == 3
