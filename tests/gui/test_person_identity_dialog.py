"""身份证号与廉政档案 through the real widgets: from the case form's person table, a bad number refused at the
field, a good one saved masked, the same person's other case listed; hidden for an officer."""
from __future__ import annotations

import datetime as dt

from gui.dialogs.case_form import CaseForm
from gui.dialogs.person_identity import PersonIdentityDialog, identity_actions
from services.casework import cases, measures, person_identity
from services.casework.persons import PersonInput
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import click, show
from tests.helpers.gui_records import verified_case
from tests.services.daily.conftest import VALID_ID

D = dt.date


def _earlier_case(ws):
    """张三 in a case of last year, with a 党纪警告 and his number entered."""
    c = cases.open_case(ws, filing_date=D(2025, 4, 1), title="张三旧案", filing_approver="王书记",
                        persons=[PersonInput(name="张三", unit="青山镇农业办", is_party_member=True)])
    pid = c.persons[0].id
    measures.add_measure(ws, person_id=pid, category="party_sanction", kind="party_warning",
                         decision_date=D(2025, 6, 1))
    person_identity.set_id_number(ws, pid, VALID_ID)
    return c


def test_the_number_and_the_integrity_file_from_the_person_table(admin_ctx, qtbot, prompts):
    ws = admin_ctx.workspace
    old = _earlier_case(ws)
    case = verified_case(ws)
    form = show(qtbot, CaseForm(admin_ctx, case.id), (1240, 760))
    table = form.persons
    assert [a.text() for a in identity_actions(table)] == ["身份证号与廉政档案…"]   # the context menu's entries
    table.setCurrentCell(0, 0)
    table.identity_action.trigger()
    dialog = table.identity_dialog
    assert isinstance(dialog, PersonIdentityDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "身份证号与廉政档案 — 张三"
    assert dialog.number_label.text() == "身份证号：未录入"
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == case.number

    type_text(qtbot, dialog.number, VALID_ID[:17] + "1")
    click(qtbot, dialog.save_button)
    assert dialog.error.isVisible() and dialog.error.text() == "身份证号校验位（第18位）不正确，可能有数字输错，请核对"
    assert dialog.number_label.text() == "身份证号：未录入"

    dialog.number.clear()
    type_text(qtbot, dialog.number, VALID_ID)
    click(qtbot, dialog.save_button)
    assert dialog.error.isHidden() and dialog.number.text() == ""
    assert dialog.message.text() == "已保存身份证号：11****************"
    assert dialog.number_label.text() == "身份证号：11****************"
    rows = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    assert rows == [["案件", old.number, "2025-04-01", "", "青山镇农业办", "2025-06-01 党纪警告"],
                    ["案件", case.number, "2026-11-10", "", "青山镇农业办 主任", "（无）"]]
    assert VALID_ID not in "".join("".join(r) for r in rows)
