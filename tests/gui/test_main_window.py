"""The main window: eight navigation entries, roles, a page that fails to build, geometry, refresh on show."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from gui.main_window import MainWindow
from gui.pages.base import Page
from gui.pages.error_page import ErrorPage
from gui.pages.registry import PAGE_SPECS, PageSpec
from gui.pages.settings_page import SettingsPage
from gui.pages.submission_county import CountySubmissionPage
from gui.pages.submission_township import TownshipSubmissionPage
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
        assert isinstance(page, Page) and page.spec.display_title() == title
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
    assert window.nav_titles() == ["设置"]  # nothing on 报送 is theirs: keys and certificates are in 设置


class CountingPage(Page):
    """A light page that counts its refreshes and shows the signed-in user."""

    def __init__(self, ctx, spec=None, parent=None):
        super().__init__(ctx, spec, parent)
        self.refreshes = 0
        self.label = QLabel(ctx.workspace.current_user.username)
        QVBoxLayout(self).addWidget(self.label)

    def refresh(self) -> None:
        self.refreshes += 1


class RaisingPage(Page):
    def __init__(self, ctx, spec=None, parent=None):
        raise ValueError("页面构造失败")


def test_a_page_that_fails_to_build_shows_the_error_and_the_others_work(admin_ctx, qtbot):
    specs = [PageSpec("a", "甲", RaisingPage, summary="甲：说明"), PageSpec("b", "乙", CountingPage, summary="乙：说明")]
    window = MainWindow(admin_ctx, specs=specs)
    qtbot.addWidget(window)
    a = window.page("a")
    assert isinstance(a, ErrorPage) and "ValueError: 页面构造失败" in a.details.toPlainText()
    assert a.message.text() == "“甲”页面加载失败，其他功能不受影响。请将下面的错误信息告知系统管理员。"
    assert window.show_page("b").label.text() == "wang"
    assert window.nav_titles() == ["甲", "乙"]


def test_the_mode_chooses_the_submission_page_class():
    spec = next(s for s in PAGE_SPECS if s.key == "submission")
    assert spec.page_class("township") is TownshipSubmissionPage
    assert spec.page_class(None) is TownshipSubmissionPage  # before setup
    assert spec.page_class("county") is CountySubmissionPage
    assert all(s.page_class("county") is s.page for s in PAGE_SPECS if s.key != "submission")


def test_a_page_refreshes_once_when_shown_and_when_the_data_changes_while_visible(admin_ctx, qtbot):
    specs = [PageSpec("a", "甲", CountingPage, summary="甲"), PageSpec("b", "乙", CountingPage, summary="乙")]
    window = MainWindow(admin_ctx, specs=specs)
    qtbot.addWidget(window)
    window.show()
    a = window.pages["a"]
    assert a.refreshes == 1  # brought up, then shown: once
    b = window.show_page("b")
    assert (a.refreshes, b.refreshes) == (1, 1)
    admin_ctx.sig_data_changed.emit()  # a write succeeded: the visible page refreshes at once
    assert (a.refreshes, b.refreshes) == (1, 2)
    assert a.is_stale() and not b.is_stale()
    window.show_page("a")  # the hidden one when it is next shown, once
    assert (a.refreshes, b.refreshes) == (2, 2)


def test_geometry_and_last_page_are_restored(make_ctx, admin_ctx, qtbot):
    # Light pages only, so the size fits the offscreen screen (800 px) whatever the real pages' minimums.
    specs = [PageSpec("a", "甲", CountingPage, summary="甲"), PageSpec("b", "乙", CountingPage, summary="乙")]
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
