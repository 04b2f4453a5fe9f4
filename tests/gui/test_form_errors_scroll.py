"""Saving a form with problems out of sight (issue 14, item 3): the form scrolls to the first problem in
reading order, focuses it and says "有 N 处需要修改" beside 保存; editing takes a problem off the count."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_form import LeadForm
from gui.form_widgets import ActionDialog
from services.casework import listing
from tests.gui.conftest import type_text
from tests.helpers.gui_measure_form import shown_measure_form
from tests.helpers.gui_complaint_form import fill_subject
from tests.helpers.gui_hands import choose, show
from tests.helpers.gui_records import make_lead


def scroll_of(form) -> QScrollArea:
    return form.findChild(QScrollArea)


def in_view(scroll: QScrollArea, widget) -> bool:
    """The whole of ``widget`` lies inside the scroll area's viewport."""
    top = widget.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= scroll.viewport().height()


def small_form(ctx, qtbot) -> ComplaintForm:
    """A new complaint in a window too low for the whole form (the 1366×768 screen, less the taskbar)."""
    form = show(qtbot, ComplaintForm(ctx))
    form.resize(1100, 560)
    QApplication.processEvents()
    scroll = scroll_of(form)
    assert scroll.verticalScrollBar().maximum() > 0   # the form does not fit: it scrolls
    return form


def fill_valid_except(form, qtbot, *, channel=True, problem=True) -> None:
    form.received_date.set_value(dt.date(2026, 11, 2))
    if channel:
        choose(form.channel, "visit")
    choose(form.kind, "accusation")
    choose(form.signature, "anonymous")
    fill_subject(form, qtbot, 0, "王五", "青山村委会")
    if problem:
        type_text(qtbot, form.main_problem, "反映其在危房改造补助发放中虚报冒领")


def test_problems_above_the_visible_part_are_scrolled_to_focused_and_counted(clerk_ctx, qtbot):
    form = small_form(clerk_ctx, qtbot)
    fill_valid_except(form, qtbot, channel=False, problem=False)
    scroll = scroll_of(form)
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum())                       # the clerk is at the bottom (the attachments)
    assert not in_view(scroll, form.channel)
    assert form.errors.summary.text() == ""

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.view is None                          # nothing saved
    assert form.field_error("channel") == "请选择来源渠道" and form.field_error("main_problem") == "请填写反映的主要问题"
    assert bar.value() < bar.maximum() and in_view(scroll, form.channel)   # scrolled up to the first one
    assert QApplication.focusWidget() is form.channel
    assert form.errors.summary.text() == "有 2 处需要修改"
    assert form.errors.summary.isVisible()

    choose(form.channel, "visit")                     # one fixed: one left
    assert form.errors.summary.text() == "有 1 处需要修改"
    type_text(qtbot, form.main_problem, "反映其在危房改造补助发放中虚报冒领")
    assert form.errors.summary.text() == ""           # all fixed: the count is gone
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.view is not None and form.view.number == "XF2026-0001"


def test_a_problem_below_the_visible_part_is_scrolled_to(clerk_ctx, qtbot):
    form = small_form(clerk_ctx, qtbot)
    fill_valid_except(form, qtbot, problem=False)
    scroll = scroll_of(form)
    bar = scroll.verticalScrollBar()
    bar.setValue(0)                                   # at the top: the 主要问题 is below the visible part
    assert not in_view(scroll, form.main_problem)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert bar.value() > 0 and in_view(scroll, form.main_problem)
    assert form.main_problem.hasFocus()
    assert form.errors.summary.text() == "有 1 处需要修改"
    assert len(listing.query_ids(clerk_ctx.workspace, listing.ListQuery())) == 0


def test_the_count_line_keeps_its_place(clerk_ctx, qtbot):
    """The count beside 保存 reserves its width and line: 保存 does not move when it appears or goes."""
    form = small_form(clerk_ctx, qtbot)
    fill_valid_except(form, qtbot, channel=False)
    before = form.save_button.mapTo(form, QPoint(0, 0))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert form.errors.summary.text() == "有 1 处需要修改"
    assert form.save_button.mapTo(form, QPoint(0, 0)) == before
    summary = form.errors.summary
    summary_at = summary.mapTo(form, QPoint(0, 0))
    assert abs((summary_at.y() + summary.height() // 2) - (before.y() + form.save_button.height() // 2)) <= 1
    assert summary_at.x() + summary.width() <= before.x()   # beside 保存, on its left
    choose(form.channel, "visit")
    assert summary.text() == "" and form.save_button.mapTo(form, QPoint(0, 0)) == before


def test_a_subject_cell_problem_focuses_that_cell(clerk_ctx, qtbot):
    form = small_form(clerk_ctx, qtbot)
    fill_valid_except(form, qtbot, channel=False)
    fill_subject(form, qtbot, 1, "", "青山村委会")    # a second row with a unit but no name
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.field_error("subjects") == "请填写第2个被反映人的姓名（或删除该行）" and form.field_error("channel") == "请选择来源渠道"
    assert form.errors.summary.text() == "有 2 处需要修改"
    assert form.channel.hasFocus()   # the channel comes first when reading
    choose(form.channel, "visit")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.summary.text() == "有 1 处需要修改"
    assert form.subjects.editor(1, "name").hasFocus()


def test_every_form_counts_beside_its_save_button(clerk_ctx, qtbot, today):
    """The same FormErrors in a small dialog: the 确定 of a state action."""
    dialog = ActionDialog("不予受理", today, None, text_label="不予受理理由", text_required=True)
    show(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.text_error.text() == "请填写不予受理理由"
    assert dialog.errors.summary.text() == "有 1 处需要修改"
    assert dialog.text_edit.hasFocus()
    type_text(qtbot, dialog.text_edit, "不属于受理范围")
    assert dialog.errors.summary.text() == ""
    summary = dialog.errors.summary
    assert summary.parentWidget() is dialog and summary.x() + summary.width() <= dialog.ok_button.x()


def test_measure_form_without_a_kind_is_counted(admin_ctx, qtbot):
    _lead, form = shown_measure_form(admin_ctx, qtbot)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.message("kind") == "请选择处分/处理方式"
    assert form.errors.summary.text() == "有 1 处需要修改"
    assert form.focusWidget() is form.kind   # the form's focus (the test window need not be active)


def test_a_problem_on_another_tab_brings_its_tab_forward(admin_ctx, qtbot):
    """The lead form saved from its 处置与办结 tab: the problem is on 线索信息, which comes forward."""
    form = show(qtbot, LeadForm(admin_ctx))
    form.tabs.setCurrentIndex(1)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.tabs.currentIndex() == 0
    assert form.errors.message("summary") == "请填写线索摘要"
    assert form.errors.summary.text() == "有 1 处需要修改"
    assert form.summary.hasFocus()
    type_text(qtbot, form.summary, "反映其违规发放补贴")
    assert form.errors.summary.text() == ""


def test_problems_in_a_table_of_persons_are_counted_and_their_cell_focused(admin_ctx, qtbot):
    """The lead form: a field problem and a person row's problem are both counted; the row comes later."""
    form = show(qtbot, LeadForm(admin_ctx))
    qtbot.mouseClick(form.add_person_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, form.persons.editor(0, "name"), "张3")           # a digit in the name
    type_text(qtbot, form.persons.editor(0, "unit"), "青山村委会")
    form.tabs.setCurrentIndex(1)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.message("summary") == "请填写线索摘要"
    assert form.persons_error.text() == "第1行：姓名只能包含汉字、字母和间隔号“·”，不能有数字或其他符号"
    assert form.errors.summary.text() == "有 2 处需要修改"
    assert form.tabs.currentIndex() == 0 and form.summary.hasFocus()   # the field comes first when reading
    type_text(qtbot, form.summary, "反映其违规发放补贴")
    assert form.errors.summary.text() == "有 1 处需要修改"             # the row's problem is still shown
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.summary.text() == "有 1 处需要修改"
    assert form.persons.editor(0, "name").hasFocus()


def test_the_count_keeps_its_width(clerk_ctx, qtbot):
    form = small_form(clerk_ctx, qtbot)
    summary = form.errors.summary
    empty = summary.geometry()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)   # a blank form: several problems
    QApplication.processEvents()
    assert summary.text() == "有 3 处需要修改"
    assert summary.geometry() == empty


def test_the_lead_forms_handling_sections_count_beside_their_buttons(admin_ctx, qtbot):
    """确定处置 and 登记办理结果 each say how many problems their own section has, just left of the button."""
    form = show(qtbot, LeadForm(admin_ctx, make_lead(admin_ctx.workspace).id), (1100, 720))
    form.tabs.setCurrentIndex(1)
    qtbot.mouseClick(form.dispose_button, Qt.MouseButton.LeftButton)
    count = form.dispose_errors.summary
    assert count.text() == "有 2 处需要修改"
    assert (form.dispose_errors.message("disposition"), form.dispose_errors.message("collective_note")) == (
        "请选择处置方式（谈话函询、初步核实、暂存待查、予以了结之一）", "请填写集体研究情况")
    assert _left_of(count, form.dispose_button)
    form.set_disposition("talk_inquiry")
    assert count.text() == "有 1 处需要修改"
    type_text(qtbot, form.collective_note, "纪委会议集体研究，同意谈话函询")
    qtbot.mouseClick(form.dispose_button, Qt.MouseButton.LeftButton)
    assert count.text() == "" and form.view.disposition == "talk_inquiry"

    form.result_date.set_value(dt.date(2026, 10, 1))                  # before the disposition
    qtbot.mouseClick(form.conclude_button, Qt.MouseButton.LeftButton)
    assert form.result_errors.summary.text() == "有 1 处需要修改"
    assert _left_of(form.result_errors.summary, form.conclude_button)


def _left_of(label, button) -> bool:
    """``label`` is shown on ``button``'s row, ending before it."""
    here, there = label.mapToGlobal(QPoint(0, 0)), button.mapToGlobal(QPoint(0, 0))
    return (label.isVisible() and here.x() + label.width() <= there.x()
            and abs((here.y() + label.height() / 2) - (there.y() + button.height() / 2)) <= 2)
