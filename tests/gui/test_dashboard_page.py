"""工作台: counters against last year, the due list (double-click opens the item), the 12-month trend."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_form import LeadForm
from gui.pages.dashboard_page import DashboardPage
from services.casework import intake, leads
from services.deadlines.workdays import unknown_year_warning
from tests.helpers.gui_hands import show
from tests.helpers.gui_records import complaint, make_lead


def double_click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())   # select, then open
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_counters_compare_with_the_same_month_last_year_and_the_trend_has_12_months(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    for day in (dt.date(2026, 11, 2), dt.date(2026, 11, 5)):
        complaint(ws, day)
    complaint(ws, dt.date(2025, 11, 10))
    complaint(ws, dt.date(2026, 6, 3))
    lead = make_lead(ws, received=dt.date(2026, 11, 2))
    leads.dispose(ws, lead.id, "closed", dt.date(2026, 11, 4), "集体研究，予以了结")

    page = show(qtbot, DashboardPage(wang_ctx), (1280, 800))
    values = page.counter_values()
    assert values["complaints_received"] == (2, 1) and values["leads_disposed"] == (1, 0)
    assert values["cases_filed"] == (0, 0)
    card = page.cards["complaints_received"]
    assert card.title.text() == "本月收到信访举报（件）" and card.value.text() == "2"
    assert "去年同期 1" in card.compare.text() and "↑" in card.compare.text() and "+100.0%" in card.compare.text()
    assert "＝" in page.cards["cases_filed"].compare.text()

    labels = page.trend_labels()
    assert labels == ["12月"] + [f"{m}月" for m in range(1, 12)]
    series = page.trend_series()
    assert list(series) == ["收到信访举报", "处置问题线索", "立案"]
    assert all(len(points) == 12 for points in series.values())
    assert series["收到信访举报"][labels.index("6月")] == 1 and series["收到信访举报"][-1] == 2
    assert series["处置问题线索"][-1] == 1
    axis = page.chart.axes(Qt.Orientation.Horizontal)[0]
    assert axis.titleText() == "月份（2025年12月—2026年11月）"
    # the fixture assumes 2027's official holiday schedule is not published yet: the banner says so
    assert page.banner.isVisible() and page.banner.text() == unknown_year_warning(2027)


def test_due_list_shows_overdue_and_due_soon_and_double_click_opens_the_form(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    c = complaint(ws, dt.date(2026, 11, 2), signature="real_name")           # notice due 15 workdays later
    lead = make_lead(ws, received=dt.date(2026, 10, 8))
    leads.dispose(ws, lead.id, "talk_inquiry", dt.date(2026, 10, 9), "集体研究")  # 30 days: overdue

    page = show(qtbot, DashboardPage(wang_ctx), (1280, 800))
    rows = page.due_rows()
    assert rows[0][:3] == ("已超期", lead.number, "问题线索：谈话函询办理")
    assert rows[0][4].startswith("超期 ") and rows[0][4].endswith(" 个工作日")
    soon = [r for r in rows if r[1] == c.number]
    assert soon and soon[0][0] == "即将到期" and soon[0][2] == "信访件：实名举报受理告知"
    assert soon[0][3] == "2026-11-23" and soon[0][4] == "剩余 1 个工作日"
    assert "已超期 1 项，即将到期 1 项" in page.due_title.text()

    double_click_row(qtbot, page.due, 0)
    form = page.forms[-1]
    assert isinstance(form, LeadForm) and form.lead_id == lead.id and form.isVisible()
    form.close()
    double_click_row(qtbot, page.due, [r[1] for r in rows].index(c.number))
    form = page.forms[-1]
    assert isinstance(form, ComplaintForm) and form.complaint_id == c.id

    # done in the form → the dashboard refreshes (on show) and the item leaves the list
    intake.accept(ws, c.id, dt.date(2026, 11, 20))   # 告知 follows the decision to accept
    intake.record_acceptance_notice(ws, c.id, dt.date(2026, 11, 20), "phone", "李登记")
    form.close()
    page.page_shown()
    assert [r[1] for r in page.due_rows()] == [lead.number]


def test_a_user_without_report_rights_sees_a_plain_message(wang_ctx, qtbot):
    from services.security import users
    from tests.conftest import ADMIN_PASSWORD
    from tests.gui.conftest import add_user
    add_user(wang_ctx, "admin2", ["admin"])
    users.login(wang_ctx.workspace, "admin2", "user-pass-1")
    page = show(qtbot, DashboardPage(wang_ctx), (1280, 800))
    assert page.message.isVisible() and "权限" in page.message.text()
    assert page.due_rows() == [] and page.trend_labels() == []
    users.login(wang_ctx.workspace, "wang", ADMIN_PASSWORD)
