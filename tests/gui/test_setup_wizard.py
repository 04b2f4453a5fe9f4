"""The first-run wizard: bad input is refused at the field and nothing is created; good input sets up."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import select

from gui.context import org_summary
from gui.setup_wizard import SetupWizard
from models import AuditEvent, User
from tests.gui.conftest import type_text


def _type(qtbot, edit, text):
    type_text(qtbot, edit, text)


def _users(ws):
    with ws.reading() as s:
        return [(u.username, u.display_name, sorted(u.role_codes)) for u in s.execute(select(User)).scalars()]


def test_wizard_refuses_bad_input_then_creates_org_and_first_user(blank_ctx, qtbot):
    ws = blank_ctx.workspace
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage() is wizard.db_page and wizard.db_page.choice.local.isChecked()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    org, user = wizard.org_page, wizard.user_page

    # Page 1, bad: a one-character name, a code with punctuation, no county.
    _type(qtbot, org.org_name, "镇")
    _type(qtbot, org.org_code, "QS-01!")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is org
    assert org.errors.message("org_name") == "单位名称应为2到100个字"
    assert org.errors.message("org_code") == "单位代码应为2到40位字母或数字"
    assert org.errors.message("county_name") == "所属县级纪委名称应为2到100个字"
    assert org.errors.fields["org_name"][1].isVisible()

    # Editing a field clears its message.
    _type(qtbot, org.org_name, "青山镇纪委")
    assert org.errors.message("org_name") == ""
    _type(qtbot, org.org_code, "qs001")
    _type(qtbot, org.county_name, "云岭县纪委")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is user

    # Page 2, bad: a short password (the service's policy), then two passwords that differ.
    _type(qtbot, user.username, "wang")
    _type(qtbot, user.display_name, "王书记")
    _type(qtbot, user.password, "short")
    _type(qtbot, user.password2, "short")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and wizard.currentPage() is user
    assert user.errors.message("password") == "密码至少需要 8 个字符"
    assert org_summary(ws) is None and _users(ws) == []

    _type(qtbot, user.password, "secret-pass-1")
    _type(qtbot, user.password2, "secret-pass-2")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert user.errors.message("password2") == "两次输入的密码不一致"
    assert org_summary(ws) is None

    _type(qtbot, user.username, "wang wei")
    _type(qtbot, user.password2, "secret-pass-1")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert "用户名应为2到40位" in user.errors.message("username")
    assert org_summary(ws) is None and _users(ws) == []

    # Good.
    _type(qtbot, user.username, "wang")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    summary = org_summary(ws)
    assert (summary.name, summary.code, summary.county_name, summary.mode) == \
        ("青山镇纪委", "QS001", "云岭县纪委", "township")
    assert _users(ws) == [("wang", "王书记", ["admin", "secretary"])]
    assert ws.current_user is not None and ws.current_user.username == "wang"
    with ws.reading() as s:
        actions = [e.action for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()]
    assert actions[:3] == ["user.create", "org.init", "login"]


def test_wizard_offers_county_mode(blank_ctx, qtbot):
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    modes = [wizard.org_page.mode.itemData(i) for i in range(wizard.org_page.mode.count())]
    assert modes == ["township", "county"]
    assert "县级纪委" in wizard.org_page.mode.itemText(1)
