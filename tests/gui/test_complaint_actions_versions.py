"""A complaint action from a form loaded before another desk's change (issue 13, several writers): the
信访件登记表's 不予受理 hands back the version the form loaded; refused, its dialog shows the Chinese message
naming the other desk's user and when, stays open with the reason typed, and nothing is written.

Desk B is a second workspace on the same database (another PC on the office's database), signed in as
李副书记; desk A is the app with 王书记 signed in."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.dialogs.complaint_form import ComplaintForm
from models import Complaint
from services.casework import intake
from services.security import audit
from services.storage.record_versions import KEEP
from tests.gui.conftest import type_text, when_modal
from tests.helpers.gui_hands import show
from tests.helpers.gui_records import register
from tests.helpers.second_desk import second_desk

D = dt.date


@pytest.fixture
def desk_b(wang_ctx, today):
    with second_desk(wang_ctx.workspace, today, "li", "李副书记", ["secretary"]) as other:
        yield other


def test_not_accepting_after_another_desk_accepted_is_refused_and_the_dialog_keeps_the_reason(
        wang_ctx, desk_b, qtbot, prompts):
    ws = wang_ctx.workspace
    c = register(wang_ctx)
    form = show(qtbot, ComplaintForm(wang_ctx, c.id))
    assert form.action_buttons["not_accept"].isVisible()

    intake.accept(desk_b, c.id, D(2026, 11, 3))   # meanwhile desk B accepts it
    with ws.reading() as s:
        when = f"{s.get(Complaint, c.id).updated_at.astimezone():%Y-%m-%d %H:%M}"
        before = [e.action for e in audit.events_for(s, "complaint", c.id)]
    seen = {}

    def answer(dialog):
        type_text(qtbot, dialog.text_edit, "不属于受理范围，已告知")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen.update(message=dialog.errors.general.text(), visible=dialog.isVisible(), text=dialog.text())
        dialog.reject()

    when_modal(answer)
    qtbot.mouseClick(form.action_buttons["not_accept"], Qt.MouseButton.LeftButton)

    assert seen == {"message": f"信访件 {c.number} 已于 {when} 由 李副书记 修改，{KEEP}", "visible": True,
                    "text": "不属于受理范围，已告知"}
    assert prompts.texts("error") == []
    now = intake.get_complaint(ws, c.id)
    assert (now.state, now.state_reason, now.accepted_date) == ("accepted", "", D(2026, 11, 3))
    with ws.reading() as s:
        assert [e.action for e in audit.events_for(s, "complaint", c.id)] == before
