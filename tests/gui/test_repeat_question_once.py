"""The 重复件 question (issue 14, item 4): asked only once the form is valid, and once per set of candidates —
the same candidates keep the answer given; a new one appearing asks again."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer

from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.repeat_dialog import RepeatDialog
from services.casework import intake, listing
from services.security import users
from tests.helpers.gui_complaint_form import fill_basic, fill_subject
from tests.helpers.gui_hands import choose, click_button, show
from tests.helpers.gui_records import register
from tests.helpers.gui_users import sign_in


@pytest.fixture
def asked(monkeypatch):
    """Every 重复件 question shown (the numbers it listed); the real dialog, answered by a click on
    ``asked.answer`` (after ``asked.meanwhile()``, what happens while the question is open)."""
    shown: list[list[str]] = []
    real_exec = RepeatDialog.exec

    class Script:
        answer = "不是重复件"
        meanwhile = staticmethod(lambda: None)

    def exec_(dialog):
        shown.append([dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())])

        def hand() -> None:
            Script.meanwhile()
            click_button(dialog, Script.answer)

        QTimer.singleShot(0, hand)
        return real_exec(dialog)

    monkeypatch.setattr(RepeatDialog, "exec", exec_)
    Script.shown = shown
    return Script


def new_form_about_li_si(ctx, qtbot) -> ComplaintForm:
    form = show(qtbot, ComplaintForm(ctx))
    fill_basic(form, qtbot, signature="anonymous")
    fill_subject(form, qtbot, 0, "李四", "青山村委会")
    return form


def test_asked_only_when_valid_and_only_once(clerk_ctx, qtbot, asked, prompts):
    ws = clerk_ctx.workspace
    first = register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 10, 8))
    form = new_form_about_li_si(clerk_ctx, qtbot)
    form.channel.setCurrentIndex(0)                             # （请选择来源渠道）: a field left to fix

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked.shown == []                                    # the fields first: nothing asked yet
    assert form.field_error("channel") == "请选择来源渠道" and form.errors.summary.text() == "有 1 处需要修改"

    choose(form.channel, "visit")
    asked.meanwhile = lambda: users.logout(ws)                  # the sign-in ends while the question is open
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked.shown == [[first.number]]                      # valid now: asked, answered 不是重复件
    assert len(prompts.texts("error")) == 1 and form.view is None   # the write refused; the input stays

    sign_in(clerk_ctx, "clerk1")
    asked.meanwhile = lambda: None
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked.shown == [[first.number]]                      # the same candidates: the answer stands
    saved = intake.get_complaint(ws, form.complaint_id)
    assert not saved.is_repeat and saved.number == "XF2026-0002"
    assert len(listing.query_ids(ws, listing.ListQuery())) == 2


def test_a_new_candidate_asks_again(clerk_ctx, qtbot, asked, prompts):
    ws = clerk_ctx.workspace
    first = register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 10, 8))
    form = new_form_about_li_si(clerk_ctx, qtbot)
    asked.meanwhile = lambda: users.logout(ws)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked.shown == [[first.number]] and form.view is None

    sign_in(clerk_ctx, "clerk1")
    second = register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 11, 5),
                      signature="anonymous")                    # meanwhile another desk registers one more
    asked.meanwhile = lambda: None
    asked.answer = "选择关联为重复件"                            # the newest, selected first
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked.shown == [[first.number], [second.number, first.number]]
    saved = intake.get_complaint(ws, form.complaint_id)
    assert saved.is_repeat and saved.original_id == second.id


def test_cancelling_the_question_saves_nothing_and_asks_again(clerk_ctx, qtbot, asked, prompts):
    ws = clerk_ctx.workspace
    first = register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 10, 8))
    form = new_form_about_li_si(clerk_ctx, qtbot)
    asked.answer = "取消"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.view is None and len(listing.query_ids(ws, listing.ListQuery())) == 1
    asked.answer = "不是重复件"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked.shown == [[first.number], [first.number]]     # no answer was given the first time
    assert not intake.get_complaint(ws, form.complaint_id).is_repeat
