"""设置 → 身份信息授权: the secretary grants a clerk made by a plain admin, who then sees identities."""
from __future__ import annotations

from gui.pages.settings_page import SettingsPage
from services.casework import intake
from services.security import users
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.gui_hands import click
from tests.helpers.gui_records import register


def _grants_tab(ctx, qtbot):
    """wang made a plain admin, who made the clerk zhao (holding no key to give); wang opens the tab."""
    ws = ctx.workspace
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.create_user(ws, "sysadmin", "管理员", "admin-pass-1", ["admin"])
    users.login(ws, "sysadmin", "admin-pass-1")
    users.create_user(ws, "zhao", "赵六", "clerk-pass-1", ["clerk"])
    users.login(ws, "wang", ADMIN_PASSWORD)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    tab = page.identity_grants_tab
    page.tabs.setCurrentWidget(tab)
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "身份信息授权"
    qtbot.waitUntil(lambda: tab.usernames() == ["wang", "zhao"])
    return page, tab


def test_the_secretary_grants_a_clerk_from_the_tab(ctx, qtbot):
    ws = ctx.workspace
    users.login(ws, "wang", ADMIN_PASSWORD)
    c = register(ctx)
    page, tab = _grants_tab(ctx, qtbot)
    assert [tab.state_of(n) for n in ("wang", "zhao")] == ["已授权", "待授权"]
    tab.select("wang")
    assert not tab.grant_button.isEnabled()
    tab.select("zhao")
    click(qtbot, tab.grant_button)
    qtbot.waitUntil(lambda: tab.state_of("zhao") == "已授权")
    assert tab.message.text() == "已授权 zhao 查看反映人身份信息，其下次登录时生效"

    users.login(ws, "zhao", "clerk-pass-1")
    assert intake.reveal_identity(ws, c.id)["name"] == "赵铁柱"


def test_a_refused_grant_is_said_on_the_tab(ctx, qtbot):
    page, tab = _grants_tab(ctx, qtbot)
    users.set_active(ctx.workspace, "zhao", False)  # meanwhile, at the admin's desk, the account is disabled
    tab.select("zhao")
    click(qtbot, tab.grant_button)
    qtbot.waitUntil(lambda: tab.error.isVisible())
    assert tab.error.text() == "用户“赵六”已停用，不能授权"
