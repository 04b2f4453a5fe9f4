"""The main window: eight navigation entries, honest placeholders, roles, broken pages, geometry."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.main_window import MainWindow
from gui.pages import PAGE_SPECS, PageSpec
from gui.pages.placeholder import ErrorPage, PlaceholderPage
from gui.pages.settings_page import SettingsPage
from services.security import users
from tests.gui.conftest import add_user

NAV = ["工作台", "信访登记", "问题线索", "案件", "一案双查", "月报", "报送", "设置"]


def _click_nav(qtbot, window, title):
    row = window.nav_titles().index(title)
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return window.stack.currentWidget()


def test_secretary_admin_sees_all_pages_each_a_real_page(admin_ctx, qtbot):
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.nav_titles() == NAV
    assert window.windowTitle() == "青山镇纪委 — 纪检桌面"
    assert window.org_label.text() == "青山镇纪委"
    assert window.user_label.text() == "王书记（系统管理员、纪委书记）"
    assert window.lock_button.text() == "锁定" and window.logout_button.text() == "注销"
    assert str(admin_ctx.workspace.data_dir) in window.data_label.text()

    expected = {"工作台": "DashboardPage", "信访登记": "ComplaintsPage", "问题线索": "LeadsPage", "案件": "CasesPage",
                "一案双查": "LedgerPage", "月报": "ReportPage", "报送": "TownshipSubmissionPage", "设置": "SettingsPage"}
    for title, class_name in expected.items():
        page = _click_nav(qtbot, window, title)
        assert type(page).__name__ == class_name, (title, page)
        assert not isinstance(page, (PlaceholderPage, ErrorPage))
    texts = {s.key: s.summary for s in PAGE_SPECS}
    assert len(set(texts.values())) == len(texts)  # each page is described in its own words


def test_clerk_sees_only_what_the_role_allows(ctx, qtbot):
    add_user(ctx, "li", ["clerk"])
    users.login(ctx.workspace, "li", "user-pass-1")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.nav_titles() == ["工作台", "信访登记", "月报", "设置"]
    assert window.user_label.text() == "li（信访登记员）"
    settings_page = window.show_page("settings")
    assert "用户管理" not in settings_page.tab_titles()


def test_admin_only_user_sees_no_case_content(ctx, qtbot):
    add_user(ctx, "sysadmin", ["admin"])
    users.login(ctx.workspace, "sysadmin", "user-pass-1")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.nav_titles() == ["报送", "设置"]


def test_broken_page_module_shows_the_error_and_a_missing_one_the_placeholder(admin_ctx, qtbot, tmp_path,
                                                                             monkeypatch):
    (tmp_path / "broken_page_mod.py").write_text("import module_that_is_not_installed_xyz\n", encoding="utf-8")
    (tmp_path / "raising_page_mod.py").write_text(
        "def Page(ctx, spec):\n    raise ValueError('页面构造失败')\n", encoding="utf-8")
    (tmp_path / "plain_page_mod.py").write_text(
        "from PySide6.QtWidgets import QLabel\n"
        "class Page(QLabel):\n"
        "    def __init__(self, ctx, parent=None):\n"
        "        super().__init__(ctx.workspace.current_user.username, parent)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    specs = [PageSpec("a", "甲", "broken_page_mod:Page", summary="甲：说明"),
             PageSpec("b", "乙", "raising_page_mod:Page", summary="乙：说明"),
             PageSpec("c", "丙", "gui.pages.not_written_yet:Page", summary="丙：将来的页面"),
             PageSpec("d", "丁", "plain_page_mod:Page")]
    window = MainWindow(admin_ctx, specs=specs)
    qtbot.addWidget(window)
    a, b, c = window.page("a"), window.page("b"), window.page("c")
    assert isinstance(a, ErrorPage) and "module_that_is_not_installed_xyz" in a.details.toPlainText()
    assert "“甲”页面加载失败" in a.message.text()
    assert isinstance(b, ErrorPage) and "页面构造失败" in b.details.toPlainText()
    assert isinstance(c, PlaceholderPage) and c.text().startswith("丙：将来的页面")
    assert window.page("d").text() == "wang"  # a page taking (ctx, parent=None)
    assert window.nav_titles() == ["甲", "乙", "丙", "丁"]


def test_geometry_and_last_page_are_restored(make_ctx, admin_ctx, qtbot):
    # Light pages only, so the size fits the offscreen screen (800 px) whatever the real pages' minimums.
    specs = [PageSpec("a", "甲", "gui.pages.no_such_module:Nothing", summary="甲：将来的页面"),
             PageSpec("b", "乙", "gui.pages.no_such_module:Nothing", summary="乙：将来的页面")]
    window = MainWindow(admin_ctx, specs=specs)
    qtbot.addWidget(window)
    window.show()
    window.resize(720, 530)
    window.show_page("b")
    window.close()

    ctx2 = make_ctx()
    ctx2.workspace.current_user = admin_ctx.workspace.current_user
    again = MainWindow(ctx2, specs=specs)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (720, 530)
    assert again.current_key() == "b"


def test_logout_asks_first_and_then_signs_out(admin_ctx, qtbot, monkeypatch):
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    answers = iter([False, True])
    monkeypatch.setattr("gui.main_window.confirm", lambda *a, **k: next(answers))
    qtbot.mouseClick(window.logout_button, Qt.MouseButton.LeftButton)
    assert window.isVisible()
    with qtbot.waitSignal(window.logout_requested, timeout=2000):
        qtbot.mouseClick(window.logout_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_restore_from_settings_hands_the_new_context_to_the_controller(admin_ctx, qtbot):
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    settings_page = _click_nav(qtbot, window, "设置")
    assert isinstance(settings_page, SettingsPage) and settings_page.backup_tab is not None
    new_ctx = object()
    with qtbot.waitSignal(window.restored, timeout=2000) as blocker:
        settings_page.sig_restore_done.emit(new_ctx)
    assert blocker.args == [new_ctx]
    assert not window.isVisible()


def test_ctrl_n_works_while_focus_is_on_the_navigation(admin_ctx, qtbot):
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = _click_nav(qtbot, window, "信访登记")
    with qtbot.waitActive(window):
        window.activateWindow()
    window.nav.setFocus()
    assert window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.forms and page.forms[-1].windowTitle().endswith("新登记")
    page.forms[-1].close()
