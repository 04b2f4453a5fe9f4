"""Data entry that tells before it refuses: no preselected sanction kind, error lines that keep their space,
popups with every item, the password rule shown before the first attempt (issue 14, items 7 and 8)."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt

from gui.dialogs.measure_form import MeasureForm
from gui.form_widgets import CheckCombo, EnumCombo
from gui.pages.registry import PAGE_SPECS
from gui.pages.settings_page import SettingsPage
from gui.setup_wizard import SetupWizard
from models.enums import Handling, MeasureCategory
from services.casework import measures
from tests.helpers.gui_measure_form import lead_and_person, shown_measure_form

SHOTS = os.environ.get("JIJIAN_SHOTS")   # a folder: the tests also save what they show as PNG


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def test_a_new_sanction_has_no_kind_until_chosen_and_saving_without_one_is_refused_at_the_field(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    lead, form = shown_measure_form(admin_ctx, qtbot)
    assert form.kind.currentIndex() == -1 and form.kind.currentData() is None
    assert form.kind.placeholderText() == "请选择处分/处理方式"
    form.category.setCurrentIndex(form.category.findData("government_sanction"))
    assert form.kind.currentIndex() == -1          # a new category: still nothing chosen for the user
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.message("kind") == "请选择处分/处理方式" and form.saved is None
    assert measures.measures_of(ws, lead_id=lead.id) == []
    _shot(form, "measure_form_no_kind")
    form.category.setCurrentIndex(form.category.findData("handling"))
    form.kind.setCurrentIndex(form.kind.findData("criticism"))
    assert form.errors.message("kind") == ""       # choosing clears the refusal
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.saved is not None)
    assert [m.kind for m in measures.measures_of(ws, lead_id=lead.id)] == ["criticism"]


def test_an_error_line_keeps_its_space_so_the_form_does_not_jump(admin_ctx, qtbot):
    lead, form = shown_measure_form(admin_ctx, qtbot)
    below = [form.decision_date, form.document_number, form.note, form.save_button]
    before = [w.mapTo(form, w.rect().topLeft()).y() for w in below]
    kind_error = form.errors.fields["kind"][1]
    assert not kind_error.isVisible() and kind_error.height() >= kind_error.fontMetrics().lineSpacing()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)   # 请选择处分/处理方式 appears under the kind
    qtbot.wait(10)
    assert kind_error.isVisible() and kind_error.text() == "请选择处分/处理方式"
    assert [w.mapTo(form, w.rect().topLeft()).y() for w in below] == before
    form.errors.set(None, "保存失败")                # the general line above the buttons too
    qtbot.wait(10)
    assert form.save_button.mapTo(form, form.save_button.rect().topLeft()).y() == before[-1]


def test_coded_drop_downs_show_every_item_without_scrolling(qtbot):
    status = EnumCombo(Handling, allow_empty=True)
    statuses = CheckCombo(Handling, "全部")
    qtbot.addWidget(status)
    qtbot.addWidget(statuses)
    assert len(Handling) + 1 > 10   # more than Qt's default of 10 visible rows
    assert status.maxVisibleItems() == status.count() == len(Handling) + 1
    assert statuses.maxVisibleItems() == len(Handling)


def test_the_sanction_kind_popup_shows_every_kind_and_heading(admin_ctx, qtbot):
    lead, person = lead_and_person(admin_ctx.workspace)
    form = MeasureForm(admin_ctx, persons=[(person.id, "张三（青山镇农业办 主任）", True)], lead_id=lead.id)
    qtbot.addWidget(form)
    form.category.set_value(MeasureCategory.handling.value)
    assert form.kind.count() == 14 and form.kind.maxVisibleItems() == 14


def test_the_password_rule_is_shown_before_the_first_attempt(blank_ctx, qtbot):
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # 第一步 as it comes: this PC's database
    for edit, text in ((wizard.org_page.org_name, "青山镇纪委"), (wizard.org_page.org_code, "QS001"),
                       (wizard.org_page.county_name, "云岭县纪委")):
        edit.setText(text)
    wizard.next()
    assert wizard.currentPage() is wizard.user_page
    hints = [label.text() for label in wizard.user_page.findChildren(type(wizard.user_page.general))
             if label.objectName() == "Hint" and label.isVisible()]
    assert "至少 8 个字符，首尾不能是空格" in hints
    _shot(wizard, "setup_wizard_password_rule")


def test_add_user_reset_and_change_password_show_the_configured_rule(admin_ctx, qtbot):
    from services.storage import settings as stored
    from tests.gui.conftest import add_user

    with admin_ctx.workspace.transaction() as s:
        stored.put(s, stored.PASSWORD_MIN_LENGTH, 10)
    add_user(admin_ctx, "li", ["clerk"], password="clerk-pass-10")
    page = SettingsPage(admin_ctx, next(s for s in PAGE_SPECS if s.key == "settings"))
    qtbot.addWidget(page)
    page.show()
    tab = page.users_tab
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.dialog.rule.text() == "至少 10 个字符，首尾不能是空格" and tab.dialog.rule.isVisible()
    _shot(tab.dialog, "add_user_password_rule")
    tab.dialog.reject()
    tab.select("li")
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    assert tab.dialog.rule.text() == "至少 10 个字符，首尾不能是空格" and tab.dialog.rule.isVisible()
    tab.dialog.reject()
    from gui.settings.password_tab import PasswordTab
    password_tab = page.findChildren(PasswordTab)[0]
    assert password_tab.rule.text() == "至少 10 个字符，首尾不能是空格"
