"""Filling the 信访登记 form (ComplaintForm) the way a clerk does: the basic fields, a 被反映人 row."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import type_text
from tests.helpers.gui_hands import choose


def fill_basic(form, qtbot, *, kind="accusation", signature="real_name", date=None):
    if date is not None:
        form.received_date.set_value(date)
    choose(form.channel, "visit")
    choose(form.kind, kind)
    choose(form.signature, signature)
    type_text(qtbot, form.main_problem, "反映其在危房改造补助发放中虚报冒领")


def fill_subject(form, qtbot, row: int, name: str, unit: str, post: str = "村会计") -> None:
    while form.subjects.rowCount() <= row:
        qtbot.mouseClick(form.add_subject_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, form.subjects.editor(row, "name"), name)
    type_text(qtbot, form.subjects.editor(row, "unit"), unit)
    type_text(qtbot, form.subjects.editor(row, "post"), post)
    choose(form.subjects.editor(row, "rank"), "village_cadre")
    choose(form.subjects.editor(row, "is_party_member"), True)
