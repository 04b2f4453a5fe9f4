""""您有 N 项已超期、M 项即将到期" at sign-in and on the 工作台, a click to the due list; the counters compare this
month so far with the same days of last year's month and say so (issue 14, item 12)."""
from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import Qt

from gui.due_reminder import DueReminder
from gui.main_window import MainWindow
from gui.pages.dashboard_page import DashboardPage
from services.casework import leads
from tests.helpers.gui_hands import show
from tests.helpers.gui_records import complaint, make_lead


def _one_overdue_one_due_soon(ws):
    complaint(ws, dt.date(2026, 11, 2), signature="real_name")               # 受理告知 due 11-23: due soon
    lead = make_lead(ws, received=dt.date(2026, 10, 8))
    leads.dispose(ws, lead.id, "talk_inquiry", dt.date(2026, 10, 9), "集体研究")  # 30 days: overdue
    return lead


def test_sign_in_reminds_of_the_due_items_and_a_click_opens_the_due_list(wang_ctx, qtbot):
    lead = _one_overdue_one_due_soon(wang_ctx.workspace)
    window = MainWindow(wang_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("settings")                        # the user is elsewhere when they click
    assert window.reminder.isVisible() and window.reminder.text() == "您有 1 项已超期、1 项即将到期"
    if os.environ.get("JIJIAN_SHOTS"):
        window.grab().save(os.path.join(os.environ["JIJIAN_SHOTS"], "signin_reminder.png"))
    qtbot.mouseClick(window.reminder, Qt.MouseButton.LeftButton)
    assert window.current_key() == "workbench"
    page = window.pages["workbench"]
    assert page.due.currentRow() == 0 and page.due.item(0, 1).text() == lead.number
    assert page.due.hasFocus() or not window.isActiveWindow()
    assert not window.reminder.isVisible()              # the 工作台's own reminder is the live one now
    assert page.reminder.isVisible() and page.reminder.text() == "您有 1 项已超期、1 项即将到期"


def test_the_workbench_reminder_and_the_period_it_compares(wang_ctx, qtbot):
    _one_overdue_one_due_soon(wang_ctx.workspace)
    page = show(qtbot, DashboardPage(wang_ctx), (1280, 800))
    assert page.reminder.text() == "您有 1 项已超期、1 项即将到期" and page.reminder.isVisible()
    page.due.clearSelection()
    qtbot.mouseClick(page.reminder, Qt.MouseButton.LeftButton)
    assert page.due.currentRow() == 0
    # the fixtures' day is 2026-11-20: this month so far against 2025-11-01 … 2025-11-20, and it says so
    assert page.period.text() == "本月至今：2026年11月1日至20日　（与去年同期 2025年11月1日至20日比较）"
    assert page.cards["complaints_received"].compare.text().startswith("去年同期 0")


def test_no_reminder_when_nothing_is_due(wang_ctx, qtbot):
    page = show(qtbot, DashboardPage(wang_ctx), (1280, 800))
    assert not page.reminder.isVisible() and page.reminder.counts == (0, 0)


def test_the_workbench_shows_the_reminder_once(wang_ctx, qtbot):
    """On the 工作台 the reminder is its own, live one: the status bar's sign-in reminder is not shown too."""
    _one_overdue_one_due_soon(wang_ctx.workspace)
    window = MainWindow(wang_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("workbench")
    page = window.pages["workbench"]
    shown = [w for w in window.findChildren(DueReminder) if w.isVisible()]
    assert shown == [page.reminder] and page.reminder.text() == "您有 1 项已超期、1 项即将到期"
    window.show_page("settings")                        # elsewhere: the status bar's reminder, alone
    assert [w for w in window.findChildren(DueReminder) if w.isVisible()] == [window.reminder]
