"""On a 1366×768 office laptop nothing is cut off: pages don't widen the window, dialogs fit the screen."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from gui.geometry import FRAME_ALLOWANCE_H, FRAME_ALLOWANCE_W, remember_geometry
from gui.main_window import MainWindow
from gui.pages.cases_page import CasesPage
from gui.pages.complaints_page import ComplaintsPage
from gui.pages.leads_page import LeadsPage
from gui.pages.report_page import ReportPage
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import show
from tests.helpers.gui_users import sign_in

LAPTOP_WIDTH = 1366
NAV_WIDTH = 168  # MainWindow's navigation list


def test_search_hint_wraps_instead_of_widening_the_window(ctx, qtbot):
    sign_in(ctx, "clerk1", ["clerk"])
    page = show(qtbot, ComplaintsPage(ctx))
    page.resize(1012, 600)
    before = page.minimumSizeHint().width()
    type_text(qtbot, page.search, "村")  # one character: the long "一两个字只查找…" hint appears
    page.search.returnPressed.emit()
    assert page.hint.isVisible() and "三个字以上" in page.hint.text()
    assert page.minimumSizeHint().width() == before
    assert page.search.width() > 300  # the search box keeps most of the row


def test_report_state_line_does_not_widen_the_window(admin_ctx, qtbot):
    page = show(qtbot, ReportPage(admin_ctx))
    before = page.minimumSizeHint().width()
    page.state_label.setText("已导出：" + "/很长的目录名" * 30 + "/青山镇纪委2026年11月月报.pdf")
    assert page.minimumSizeHint().width() == before
    assert before + NAV_WIDTH < LAPTOP_WIDTH - FRAME_ALLOWANCE_W


def test_list_pages_fit_beside_the_navigation_on_a_laptop(admin_ctx, qtbot):
    for cls in (LeadsPage, CasesPage, ComplaintsPage):
        page = show(qtbot, cls(admin_ctx))
        assert page.minimumSizeHint().width() + NAV_WIDTH < LAPTOP_WIDTH - FRAME_ALLOWANCE_W, cls.__name__


def test_a_tall_dialog_is_shrunk_to_the_screen(ctx, qtbot):
    avail = QGuiApplication.primaryScreen().availableGeometry()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(avail.width() + 300, avail.height() + 300)  # e.g. a form designed 820 px tall
    remember_geometry(dialog, ctx.settings)
    assert dialog.width() <= avail.width() - FRAME_ALLOWANCE_W
    assert dialog.height() <= avail.height() - FRAME_ALLOWANCE_H


def test_main_window_fits_the_screen(admin_ctx, qtbot):
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= avail.width() - FRAME_ALLOWANCE_W  # the test screen is narrower than 1180 px
    assert window.height() <= avail.height() - FRAME_ALLOWANCE_H
