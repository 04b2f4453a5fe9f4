"""Sign-in: a wrong password (message shown, audited), a right one, and the lockout after five failures."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from gui.login_dialog import LoginDialog
from models import AuditEvent
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import type_text

FAILED = "用户名或密码错误（连续输错 5 次账号将锁定 15 分钟，已锁定的请稍后再试）"


def _attempt(qtbot, dialog, username, password):
    type_text(qtbot, dialog.username, username)
    type_text(qtbot, dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def _events(ws, action):
    with ws.reading() as s:
        return [(e.username, e.detail_json) for e in
                s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars()]


def test_wrong_then_right_login(ctx, qtbot):
    ws = ctx.workspace
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "纪检桌面 — 登录"

    _attempt(qtbot, dialog, "wang", "not-the-password")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible()
    assert dialog.error.text() == FAILED
    assert dialog.password.text() == ""  # cleared for the next try
    assert ws.current_user is None
    failed = _events(ws, "login.failed")
    assert len(failed) == 1 and failed[0][0] == "wang" and '"reason": "password"' in failed[0][1]

    _attempt(qtbot, dialog, "nobody", "whatever-1")
    assert dialog.error.text() == FAILED  # an unknown name reads the same

    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _attempt(qtbot, dialog, "wang", ADMIN_PASSWORD)
    assert ws.current_user.username == "wang"
    assert ws.current_user.roles == {"admin", "secretary"}
    assert len(_events(ws, "login")) == 1


def test_enter_in_password_field_signs_in_and_name_is_remembered(make_ctx, ctx, qtbot):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.username, "wang")
    type_text(qtbot, dialog.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    again = LoginDialog(ctx)
    qtbot.addWidget(again)
    assert again.username.text() == "wang"


def test_empty_user_name_is_refused_without_touching_the_database(ctx, qtbot):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.clear()
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "请输入用户名"
    assert _events(ctx.workspace, "login.failed") == []


def test_five_wrong_passwords_lock_the_account(ctx, qtbot):
    ws = ctx.workspace
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    messages = []
    for i in range(5):
        _attempt(qtbot, dialog, "wang", f"wrong-{i}")
        messages.append(dialog.error.text())
    assert messages == [FAILED] * 5

    _attempt(qtbot, dialog, "wang", ADMIN_PASSWORD)  # the right password is refused while locked
    assert dialog.error.text() == FAILED
    assert dialog.result() != QDialog.DialogCode.Accepted and ws.current_user is None
    assert len(_events(ws, "login.locked")) == 1
    reasons = [d for _, d in _events(ws, "login.failed")]
    assert sum('"reason": "password"' in d for d in reasons) == 5
    assert sum('"reason": "locked"' in d for d in reasons) == 1


def test_login_dialog_geometry_is_restored(make_ctx, ctx, qtbot):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(520, 380)
    dialog.close()
    again = LoginDialog(make_ctx())
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (520, 380)


def test_english_catalogue_translates_the_shell(make_ctx, ctx, qtbot):
    en = make_ctx(lang="en")
    try:
        dialog = LoginDialog(en)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Jijian Desk — sign in"
        assert dialog.login_button.text() == "Sign in"
    finally:
        en.close()  # removes the translator again for the other tests
    assert LoginDialog(ctx).windowTitle() == "纪检桌面 — 登录"
