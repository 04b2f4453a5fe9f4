"""The main window never grows past the screen's available area: on show, after each page switch and when a
saved geometry is restored (issue 14, item 11). The offscreen screen is 800×800, smaller than the 1180×760
default, like a 1366×768 laptop is smaller than some pages want."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from gui.main_window import MainWindow
from gui.geometry import save_geometry


def _inside(window) -> bool:
    avail = QGuiApplication.primaryScreen().availableGeometry()
    return avail.contains(window.frameGeometry())


def test_every_page_switch_keeps_the_window_within_the_screen(admin_ctx, qtbot):
    avail = QGuiApplication.primaryScreen().availableGeometry()
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert _inside(window) and window.height() <= avail.height()
    for spec in window.specs:
        window.show_page(spec.key)
        qtbot.wait(5)
        assert _inside(window), (spec.key, window.frameGeometry(), avail)
    # a page that wants more than the whole screen (the 报送 page after 生成报送包 grew the window to 756 px)
    page = window.pages[window.current_key()]
    page.setMinimumHeight(avail.height() + 200)
    window.show_page(window.specs[0].key)
    window.show_page(window.current_key())
    qtbot.wait(5)
    assert _inside(window) and window.height() <= avail.height()


def test_a_saved_geometry_below_the_screen_reopens_inside_it(make_ctx, admin_ctx, qtbot):
    avail = QGuiApplication.primaryScreen().availableGeometry()
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    window.setGeometry(QRect(avail.left() + 40, avail.bottom() - 200, 700, 600))   # 25 px lower each sign-in…
    save_geometry(window, admin_ctx.settings)
    window.close()

    ctx2 = make_ctx()
    ctx2.workspace.current_user = admin_ctx.workspace.current_user
    again = MainWindow(ctx2)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert _inside(again)
    assert again.frameGeometry().bottom() <= avail.bottom() and again.x() == avail.left() + 40
