"""A case's stage change as a user makes it: 推进到下一阶段… opens the stage dialog, the date (and the stage's
fields) typed in, 确定 (gui.dialogs.case_stage_dialog)."""
from __future__ import annotations

import datetime as dt

from gui.dialogs.case_stage_dialog import CaseStageDialog
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import click


def open_stage_dialog(qtbot, form) -> CaseStageDialog:
    """Click 推进到下一阶段… on the case form; the dialog it opened, on screen."""
    click(qtbot, form.advance_button)
    dialog = form.stage_dialog
    assert isinstance(dialog, CaseStageDialog)
    qtbot.waitExposed(dialog)
    return dialog


def enter_stage(qtbot, form, day: dt.date, *, trial_opinion: str = "", no_sanction_reason: str = "") -> CaseStageDialog:
    """Move the case on to its next stage on ``day``; the dialog (closed when the change went through, else
    open with the refusal at its field)."""
    dialog = open_stage_dialog(qtbot, form)
    dialog.date.set_value(day)
    if trial_opinion:
        type_text(qtbot, dialog.trial_opinion, trial_opinion)
    if no_sanction_reason:
        type_text(qtbot, dialog.no_sanction_reason, no_sanction_reason)
    click(qtbot, dialog.ok_button)
    return dialog
