"""A saved 一案双查 entry gets another leader later, through the form, audited (issue 14, item 9)."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import select

from gui.dialogs.ledger_form import LedgerForm
from models import AuditEvent
from services.casework import ledger_entries
from services.casework.ledger_entries import LedgerLeaderInput
from services.errors import ValidationError
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import choose, click, ctrl_s, show
from tests.helpers.gui_records import ledger_entry, verified_case


def test_a_leader_is_added_to_a_saved_entry_and_the_addition_is_audited(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    e = ledger_entry(ws, case.id, "青山镇财政所", dt.date(2026, 11, 15))
    form = show(qtbot, LedgerForm(wang_ctx, e.id), (1080, 700))
    assert form.add_leader_button.isEnabled()
    click(qtbot, form.add_leader_button)
    leaders = form.leaders
    assert leaders.rowCount() == 2 and leaders.editor(1, "name").isEnabled()
    type_text(qtbot, leaders.editor(1, "name"), "陈副所长")
    type_text(qtbot, leaders.editor(1, "post"), "副所长")
    ctrl_s(qtbot, leaders.editor(1, "post"))                      # no responsibility: refused at the new row
    assert "请选择第2名领导干部的责任类型" in form.leaders_error.text()
    assert [x["name"] for x in ledger_entries.get_ledger_entry(ws, e.id).leaders] == ["刘主任"]
    choose(leaders.editor(1, "position_type"), "leader_in_charge")
    choose(leaders.editor(1, "responsibility"), "leadership")
    ctrl_s(qtbot, leaders.editor(1, "post"))
    saved = ledger_entries.get_ledger_entry(ws, e.id).leaders
    assert [(x["name"], x["post"], x["responsibility"]) for x in saved] == [
        ("刘主任", "主任", "principal"), ("陈副所长", "副所长", "leadership")]
    assert not leaders.editor(1, "name").isEnabled() and leaders.editor(1, "outcome").isEnabled()
    assert "补充检查领导干部 陈副所长（副所长），责任类型：领导责任" in form.timeline.texts()
    with ws.reading() as s:
        actions = [a.action for a in s.execute(select(AuditEvent).where(AuditEvent.entity == "ledger")).scalars()]
    assert actions == ["ledger.create", "ledger.leader_add"]
    if os.environ.get("JIJIAN_SHOTS"):
        form.grab().save(os.path.join(os.environ["JIJIAN_SHOTS"], "ledger_leader_added.png"))


def test_the_same_leader_is_not_added_twice(wang_ctx):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    e = ledger_entry(ws, case.id, "青山镇财政所", dt.date(2026, 11, 15))
    with pytest.raises(ValidationError) as refused:
        ledger_entries.add_leader(ws, e.id, LedgerLeaderInput(name="刘主任", post="主任", responsibility="principal"))
    assert refused.value.message == "刘主任已在本台账中，请在原行中修改处理结果"
    assert refused.value.field == "name"
    assert len(ledger_entries.get_ledger_entry(ws, e.id).leaders) == 1
