"""The 处分执行 dialog's empty date fields open their calendars where the dates belong: 宣布 at the decision
date, 送达 and 归档 at the decision date until a 宣布 date is given, then at that date (not at today)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.sanction_execution import SanctionExecutionDialog
from services.casework import execution, measures
from tests.helpers.gui_hands import click, show
from tests.helpers.sanction_case import open_case

D = dt.date


def _opens_at(qtbot, field) -> str:
    popup = field.show_calendar()
    shown = popup.calendar.selectedDate().toString("yyyy-MM-dd")
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert field.value() is None or field.value().isoformat() == shown   # opening chose nothing
    return shown


def test_the_calendars_open_at_the_decision_then_at_the_announcement(wang_ctx, qtbot, prompts):
    ws = wang_ctx.workspace                                   # today: 2026-11-20
    case = open_case(ws, filing_date=D(2026, 3, 2))
    sanction = measures.add_measure(ws, person_id=case.persons[0].id, category="government_sanction",
                                    kind="gov_demerit", decision_date=D(2026, 6, 8))
    dialog = show(qtbot, SanctionExecutionDialog(wang_ctx, sanction.id))
    assert [_opens_at(qtbot, f) for f in (dialog.announced, dialog.delivered, dialog.filed)] == [
        "2026-06-08", "2026-06-08", "2026-06-08"]
    assert (dialog.announced.value(), dialog.delivered.value(), dialog.filed.value()) == (None, None, None)

    dialog.announced.set_value(D(2026, 6, 15))               # typed, not yet saved: 送达/归档 follow it
    assert [_opens_at(qtbot, f) for f in (dialog.delivered, dialog.filed)] == ["2026-06-15", "2026-06-15"]
    click(qtbot, dialog.dates.button)
    assert execution.execution_of(ws, sanction.id).announced_date == D(2026, 6, 15)

    reopened = show(qtbot, SanctionExecutionDialog(wang_ctx, sanction.id))   # the stored 宣布 anchors them
    assert [_opens_at(qtbot, f) for f in (reopened.delivered, reopened.filed)] == ["2026-06-15", "2026-06-15"]
    assert _opens_at(qtbot, reopened.announced) == "2026-06-15"               # a field with a date opens at it
    assert prompts.texts("error") == []
