"""Tables that fit a 1366×768 window (issue 14, item 10): names not cut in the county 汇总, 办理状态 reachable
without scrolling on 信访登记, round chart ticks and month labels that fit, and every cut cell's full text as
its tooltip (gui.table_tips, one helper for all tables)."""
from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from gui.form_widgets import CheckCombo
from gui.pages.cases_page import CasesPage
from gui.pages.complaints_page import ComplaintsPage
from gui.pages.dashboard_page import DashboardPage, nice_axis
from gui.pages.leads_page import LeadsPage
from gui.pages.submission import SubmissionPage
from gui.table_tips import cell_tooltip, cut_text
from services.casework import leads
from services.security import setup, users
from services.submission import county
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.gui_hands import show
from tests.helpers.gui_records import make_lead, register
from tests.helpers.gui_users import sign_in

PAGE_AREA_1366 = (1366 - 16 - 168, 768 - 40 - 110)   # the window at 1366×768 less frame, navigation, header/status
SHOTS = os.environ.get("JIJIAN_SHOTS")


def _hover_tip(view, index) -> str:
    """What the user reads when hovering the cell: the tooltip Qt shows for a help event there."""
    QToolTip.hideText()
    pos = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_complaints_show_the_state_and_due_columns_without_scrolling_and_cut_cells_tell_their_text(ctx, qtbot):
    sign_in(ctx, "clerk1", ["clerk"])
    clerk_ctx = ctx
    long_unit = "青山镇农业农村综合服务中心农村经营管理站"
    register(clerk_ctx, subjects=[("张三", long_unit)], received=dt.date(2026, 11, 18))
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    page.resize(*PAGE_AREA_1366)
    qtbot.wait(20)
    view, model = page.view, page.model
    width = view.viewport().width()
    for key in ("state", "due"):
        rect = view.visualRect(model.index(0, model.column_of(key)))
        assert 0 <= rect.left() and rect.right() <= width, key
    assert view.horizontalScrollBar().value() == 0
    unit = model.index(0, model.column_of("units"))
    assert cut_text(view, unit) == long_unit and _hover_tip(view, unit) == long_unit
    number = model.index(0, model.column_of("number"))
    assert cut_text(view, number) is None and cell_tooltip(view, number) is None   # it fits: no tooltip
    if SHOTS:
        page.grab().save(os.path.join(SHOTS, "complaints_1366.png"))


def test_the_complaint_filters_keep_their_texts_at_the_default_window_width(ctx, qtbot):
    """The window opens 1180 px wide on a 1366 screen: no filter is squeezed below its own text ("≧部状态")."""
    sign_in(ctx, "officer1", ["clerk", "officer"])
    page = show(qtbot, ComplaintsPage(ctx))
    page.resize(1180 - 168 - 16, 600)
    qtbot.wait(20)
    combos = (page.states, page.channels, page.kinds, page.ranks, page.disciplines, page.followups)
    assert [c.width() >= c.sizeHint().width() for c in combos] == [True] * len(combos)
    assert page.search.width() >= page.search.minimumWidth()
    for other in (LeadsPage(ctx), CasesPage(ctx)):
        other = show(qtbot, other)
        other.resize(1180 - 168 - 16, 600)
        qtbot.wait(20)
        combos = other.findChildren(CheckCombo)
        assert len(combos) >= 2 and [c.width() >= c.sizeHint().width() for c in combos] == [True] * len(combos)


def test_the_county_summary_cuts_neither_item_names_nor_township_names(blank_ctx, qtbot):
    ws = blank_ctx.workspace
    setup.initialize(ws, org_name="云岭县纪委", org_code="YL000", county_name="云岭县纪委", mode="county",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    page = SubmissionPage(blank_ctx)
    qtbot.addWidget(page)
    page.resize(*PAGE_AREA_1366)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentIndex(1)
    doc = county.consolidated_document(ws, "2026-10")
    names = ["青山镇纪委", "白云街道纪律检查工作委员会", "红石乡纪委"]
    doc["townships"] = [{"code": f"T{i}", "name": n, "submitted": True, "revision": 1, "figures": doc["figures"]}
                        for i, n in enumerate(names)]
    page._show_consolidated("2026-10", doc)
    qtbot.wait(20)
    figures, towns = page.figures_table, page.towns_table
    cut_items = [figures.item(r, 0).text() for r in range(figures.rowCount())
                 if figures.columnSpan(r, 0) == 1 and cut_text(figures, figures.model().index(r, 0))]
    assert cut_items == []
    assert [cut_text(towns, towns.model().index(r, 0)) for r in range(towns.rowCount())] == [None] * 3
    assert [towns.item(r, 0).text() for r in range(3)] == names
    if SHOTS:
        page.grab().save(os.path.join(SHOTS, "county_summary_1366.png"))


def test_round_chart_ticks_month_labels_that_fit_and_a_due_list_that_wraps(wang_ctx, qtbot):
    assert nice_axis(147) == (150, 50) and nice_axis(46) == (50, 10) and nice_axis(4) == (4, 1)
    ws = wang_ctx.workspace
    lead = make_lead(ws, received=dt.date(2026, 10, 8))
    leads.dispose(ws, lead.id, "talk_inquiry", dt.date(2026, 10, 9), "集体研究")
    page = show(qtbot, DashboardPage(wang_ctx))
    page.resize(*PAGE_AREA_1366)
    qtbot.wait(20)
    axis_y = page.chart.axes(Qt.Orientation.Vertical)[0]
    assert axis_y.tickType() == axis_y.TickType.TicksDynamic and axis_y.tickAnchor() == 0
    assert (axis_y.min(), axis_y.max()) == (0, axis_y.tickInterval() * round(axis_y.max() / axis_y.tickInterval()))
    axis_x = page.chart.axes(Qt.Orientation.Horizontal)[0]

    def every_label_whole() -> bool:   # Qt elides a label wider than its share of the plot ("1…")
        share = page.chart.plotArea().width() / len(axis_x.categories())
        return all(QFontMetrics(axis_x.labelsFont()).horizontalAdvance(t) < share for t in axis_x.categories())

    assert axis_x.categories()[-3:] == ["9月", "10月", "11月"] and every_label_whole()   # at 1366 they fit
    page.resize(640, 600)
    qtbot.wait(20)
    assert axis_x.categories()[-3:] == ["9", "10", "11"] and every_label_whole()   # narrower: the numbers
    assert axis_x.titleText() == "月份（2025年12月—2026年11月）"
    page.resize(*PAGE_AREA_1366)
    qtbot.wait(20)
    what = page.due.model().index(0, 2)
    assert page.due.item(0, 2).text() == "问题线索：谈话函询办理" and cut_text(page.due, what) is None
    assert cell_tooltip(page.due, what).startswith(lead.number)   # the row's own summary tooltip
    if SHOTS:
        page.grab().save(os.path.join(SHOTS, "workbench_1366.png"))
