"""A clerk disabled at another desk while registering: the save is refused, the app locks with the reason.

Two real AppContexts on one data dir: the clerk's window at one desk, the admin at the other.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from gui.main_window import MainWindow
from models import Complaint
from services.security import users
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import type_text, when_modal
from tests.helpers.gui_complaint_form import fill_basic, fill_subject
from tests.helpers.gui_hands import choose, show
from tests.helpers.gui_users import sign_in, USER_PASSWORD

DISABLED = "您的账号已被停用，本次操作未执行。请联系系统管理员"


def _complaints(ws) -> int:
    with ws.reading() as s:
        return s.execute(select(func.count()).select_from(Complaint)).scalar_one()


def test_disabled_clerk_is_refused_and_locked_with_the_reason(ctx, make_ctx, qtbot):
    sign_in(ctx, "li", ["clerk"])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("complaints")
    form = show(qtbot, page.new_complaint())
    fill_basic(form, qtbot, signature="anonymous")
    fill_subject(form, qtbot, 0, "李四", "青山村委会", "村主任")
    choose(form.discipline, "mass")

    admin_desk = make_ctx()
    users.login(admin_desk.workspace, "wang", ADMIN_PASSWORD)
    users.set_active(admin_desk.workspace, "li", False)

    refusals = []

    def read_and_close(box):
        refusals.append(box.text() if isinstance(box, QMessageBox) else type(box).__name__)
        box.accept()

    when_modal(read_and_close)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    lock = window.idle_lock
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)

    assert refusals == [DISABLED]
    assert _complaints(admin_desk.workspace) == 0
    assert ctx.workspace.current_user is None  # signed out under the lock
    assert lock.dialog.message.text() == (
        "li（li）：您的账号已被停用，本次操作未执行。请联系系统管理员。已打开的窗口和未保存的内容保留在锁定画面下；"
        "账号恢复启用后可输入密码继续，否则请注销。")
    assert form.isVisible() and form.main_problem.toPlainText() == "反映其在危房改造补助发放中虚报冒领"

    type_text(qtbot, lock.dialog.password, USER_PASSWORD)
    qtbot.mouseClick(lock.dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and lock.dialog.error.text() == "该账号已停用，请联系系统管理员"

    users.set_active(admin_desk.workspace, "li", True)  # a mistake, undone: the clerk carries on
    with qtbot.waitSignal(lock.unlocked, timeout=2000):
        type_text(qtbot, lock.dialog.password, USER_PASSWORD)
        qtbot.mouseClick(lock.dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert ctx.workspace.current_user.username == "li"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert _complaints(admin_desk.workspace) == 1 and form.view.number == "XF2026-0001"
