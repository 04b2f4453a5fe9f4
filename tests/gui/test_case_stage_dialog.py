"""A case's stage changes through their dialog (issue 14 item 5), driven through the real widgets: the officer moves
the case 立案 → 审查调查 → 移送审理 → 审结 (with the 审理意见), a double click opens one dialog and moves the case
once, 结案 is refused without any decision, and the secretary undoes the last change with a reason."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.case_form import CaseForm
from gui.dialogs.case_stage_dialog import CaseStageDialog, UndoStageDialog
from services.casework import cases, timeline
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import click, show
from tests.helpers.gui_records import verified_case
from tests.helpers.gui_stages import open_stage_dialog
from tests.helpers.gui_users import sign_in

D = dt.date
OPINION = "经审理，张三违规收受礼金事实清楚，建议给予党内警告处分"


def _double_click(qtbot, button) -> None:
    """What the window system delivers for a double click: press, release, a double-click press, release."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)


def _dialogs(form, cls) -> list:
    return [d for d in form.findChildren(cls) if d.isVisible()]


def _count_beside_ok(dialog) -> str:
    """The "有 N 处需要修改" text shown on the row of 确定, just left of it."""
    label, ok = dialog.errors.summary, dialog.ok_button
    assert label.isVisible() and label.window() is dialog
    left, right = label.mapTo(dialog, label.rect().topLeft()), ok.mapTo(dialog, ok.rect().topLeft())
    assert left.x() + label.width() <= right.x() and abs(label.geometry().center().y() - ok.geometry().center().y()) <= 2
    return label.text()


def _advance_texts(ws, case_id: int) -> list[str]:
    return [e.text_zh for e in timeline.timeline(ws, "case", case_id) if e.action == "case.advance"]


def test_stages_through_the_dialog_once_per_double_click_and_the_secretary_undoes_the_last(wang_ctx, qtbot, prompts):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    sign_in(wang_ctx, "li", ["officer"])
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    assert form.next_label.text() == "下一阶段：审查调查"
    assert not form.undo_stage_button.isVisible()                       # not the officer's

    # 审查调查: a double click on the button opens one dialog; a double click on 确定 moves the case once
    _double_click(qtbot, form.advance_button)
    dialog = form.stage_dialog
    assert isinstance(dialog, CaseStageDialog)
    qtbot.waitExposed(dialog)
    form.advance_button.click()                                         # a click that still reaches the button
    assert form.stage_dialog is dialog and _dialogs(form, CaseStageDialog) == [dialog]
    assert dialog.windowTitle() == f"进入“审查调查”阶段 — 案件 {case.number}"
    assert dialog.heading.text() == f"案件 {case.number} 当前处于“立案”阶段，将进入“审查调查”阶段。"
    assert (dialog.date.value(), dialog.date_hint.text()) == (D(2026, 11, 20), "不早于立案日期 2026-11-10")
    assert (dialog.trial_opinion, dialog.measures_label) == (None, None)   # 审查调查 asks only for its date
    dialog.date.set_value(D(2026, 11, 12))
    _double_click(qtbot, dialog.ok_button)
    dialog.submit()                                                     # and one more press of 确定
    assert cases.get_case(ws, case.id).stage == "investigating"
    assert _advance_texts(ws, case.id) == ["进入“审查调查”阶段（2026-11-12）"]
    assert form.stage_dialog is None and _dialogs(form, CaseStageDialog) == []
    assert (form.next_label.text(), form.stage_dates["investigating"].text()) == ("下一阶段：移送审理", "2026-11-12")

    # 移送审理: a date before 审查调查 is refused at the date, the dialog keeps it; then the right one
    dialog = open_stage_dialog(qtbot, form)
    assert dialog.date_hint.text() == "不早于审查调查日期 2026-11-12"
    dialog.date.set_value(D(2026, 11, 11))
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.errors.message("date") == "移送审理日期（2026-11-11）不能早于审查调查日期（2026-11-12）"
    assert cases.get_case(ws, case.id).stage == "investigating"
    dialog.date.set_value(D(2026, 11, 16))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and cases.get_case(ws, case.id).trial_referral_date == D(2026, 11, 16)

    # 审结: the 审理意见 is asked for and refused when empty
    dialog = open_stage_dialog(qtbot, form)
    assert dialog.trial_opinion is not None and dialog.trial_opinion.isVisible()
    dialog.date.set_value(D(2026, 11, 18))
    click(qtbot, dialog.ok_button)
    assert dialog.errors.message("trial_opinion") == f"案件 {case.number} 进入“审结”阶段须填写审理意见"
    assert dialog.ok_button.isEnabled()
    assert _count_beside_ok(dialog) == "有 1 处需要修改"
    type_text(qtbot, dialog.trial_opinion, OPINION)
    assert dialog.errors.message("trial_opinion") == ""                 # typing clears the message
    assert _count_beside_ok(dialog) == ""
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    stored = cases.get_case(ws, case.id)
    assert (stored.stage, stored.trial_concluded_date, stored.trial_opinion) == ("trial_concluded", D(2026, 11, 18),
                                                                              OPINION)
    assert form.timeline.texts()[-1] == f"进入“审结”阶段（2026-11-18），审理意见：{OPINION}"
    assert form.stage_notes.isVisible() and form.stage_notes.text() == f"审理意见：{OPINION}"

    # 结案 without any decision: the dialog says what is missing and the services refuse it
    dialog = open_stage_dialog(qtbot, form)
    assert dialog.measures_label.text() == ("本案尚未录入处分或处理决定。结案须先在“处分处理”中录入；"
                                            "决定免予处分或不予处分的，请在下面写明理由。")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.message("measures") == (f"案件 {case.number} 尚未录入任何处分或处理决定，不能结案："
                                                 "请先在“处分处理”中录入，或写明免予处分、不予处分的理由")
    dialog.reject()
    assert cases.get_case(ws, case.id).stage == "trial_concluded"

    # the secretary undoes 审结: reason required, a confirmation, then back at 移送审理 without the 审理意见
    sign_in(wang_ctx, "wang")
    form.load(case.id)
    assert form.undo_stage_button.isVisible()
    click(qtbot, form.undo_stage_button)
    undo = form.stage_dialog
    assert isinstance(undo, UndoStageDialog)
    qtbot.waitExposed(undo)
    assert undo.heading.text() == (f"撤销案件 {case.number} 的“审结”阶段（2026-11-18），案件退回“移送审理”阶段。"
                                   "撤销记入审计日志和时间线。")
    click(qtbot, undo.ok_button)
    assert undo.errors.message("reason") == "请填写撤销理由"
    assert _count_beside_ok(undo) == "有 1 处需要修改"
    type_text(qtbot, undo.reason, "审结日期填错，审理尚未结束")
    prompts.answer(False)
    click(qtbot, undo.ok_button)                                        # 取消 at the question: nothing written
    assert undo.isVisible() and cases.get_case(ws, case.id).stage == "trial_concluded"
    prompts.answer(True)
    click(qtbot, undo.ok_button)
    question = (f"确定撤销案件 {case.number} 的“审结”阶段，退回“移送审理”阶段吗？已填写的审理意见将一并清除。")
    assert prompts.texts("confirm") == [question, question]
    assert not undo.isVisible()
    back = cases.get_case(ws, case.id)
    assert (back.stage, back.trial_concluded_date, back.trial_opinion) == ("referred_for_trial", None, "")
    assert (form.next_label.text(), form.stage_dates["trial_concluded"].text()) == ("下一阶段：审结", "—")
    assert not form.stage_notes.isVisible()
    assert form.timeline.texts()[-1] == "撤销“审结”阶段（2026-11-18），退回“移送审理”阶段，理由：审结日期填错，审理尚未结束"
    assert prompts.texts("error") == []
