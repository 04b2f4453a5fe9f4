"""Issue 14 item 14: county mode's navigation names its 报送 entry for what it holds: 报送接收与汇总."""
from __future__ import annotations

from gui.main_window import MainWindow
from gui.pages.submission_county import CountySubmissionPage
from services.security import setup, users
from tests.conftest import ADMIN_PASSWORD


def test_county_sidebar_says_receive_and_consolidate(blank_ctx, qtbot):
    setup.initialize(blank_ctx.workspace, org_name="云岭县纪委", org_code="YL000", county_name="云岭县纪委",
                     mode="county", username="zhao", display_name="赵书记", password=ADMIN_PASSWORD)
    users.login(blank_ctx.workspace, "zhao", ADMIN_PASSWORD)
    window = MainWindow(blank_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.nav_titles() == ["工作台", "信访登记", "问题线索", "案件", "一案双查", "月报", "报送接收与汇总", "设置"]
    row = window.nav_titles().index("报送接收与汇总")
    assert window.nav.item(row).toolTip() == "报送接收与汇总"
    window.nav.setCurrentRow(row)
    assert isinstance(window.stack.currentWidget(), CountySubmissionPage)
