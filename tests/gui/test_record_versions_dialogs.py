"""A save over another desk's newer save, through the real dialogs (issue 13, several writers): the
处分执行 dialog of a sanction (opened from its measure form) and the 一案双查 ledger form hand back the
version they loaded; the refused save shows the Chinese message naming the other desk's user and when,
the dialog stays open with the user's input, and after reopening the user's save goes through.

Desk B is a second workspace on the same database file (another PC on the office's database), signed in
as 李副书记; desk A is the app with 王书记 signed in.
"""
from __future__ import annotations

import datetime as dt

import pytest

from gui.dialogs.ledger_form import LedgerForm
from gui.dialogs.measure_form import MeasureForm
from gui.dialogs.sanction_execution import SanctionExecutionDialog
from models import LedgerLeader, SanctionExecution
from services.casework import cases, execution, ledger_entries
from services.casework.ledger_entries import LedgerLeaderInput
from services.casework.persons import PersonInput
from services.storage.record_versions import KEEP
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import choose, click, show
from tests.helpers.sanction_case import open_case
from tests.helpers.second_desk import second_desk

D = dt.date


@pytest.fixture
def desk_b(wang_ctx, today):
    with second_desk(wang_ctx.workspace, today, "li", "李副书记", ["secretary"]) as other:
        yield other


def _when(ws, model, row_id: int) -> str:
    with ws.reading() as s:
        return f"{s.get(model, row_id).updated_at.astimezone():%Y-%m-%d %H:%M}"


def test_the_execution_dates_saved_on_another_desk_refuse_this_dialogs_save_and_keep_its_input(
        wang_ctx, desk_b, qtbot, prompts):
    ws = wang_ctx.workspace
    case = open_case(ws)
    form = show(qtbot, MeasureForm(wang_ctx, persons=[(case.persons[0].id, "王五（青山镇财政所 会计）", True)],
                                   case_id=case.id), (560, 560))
    choose(form.category, "party_sanction")
    choose(form.kind, "party_serious_warning")
    form.decision_date.set_value(D(2026, 10, 12))
    click(qtbot, form.save_button)
    click(qtbot, form.execution_button)
    dialog = form.findChild(SanctionExecutionDialog)
    qtbot.waitExposed(dialog)
    assert dialog.state.text() == "尚未宣布：应于2026-11-12前宣布（自处分决定作出之日起一个月）。"

    # meanwhile desk B records the 宣布 of the same sanction
    execution.record_execution(desk_b, form.saved.id, announced_date=D(2026, 10, 13), note="李副书记登记")
    dialog.announced.set_value(D(2026, 10, 15))
    dialog.delivered.set_value(D(2026, 10, 16))
    type_text(qtbot, dialog.note, "在镇机关干部大会上宣布")
    click(qtbot, dialog.dates.button)

    with ws.reading() as s:
        row_id = s.query(SanctionExecution.id).filter_by(measure_id=form.saved.id).scalar()
    assert dialog.dates.general.text() == (f"王五的处分执行（党纪严重警告）已于 {_when(ws, SanctionExecution, row_id)} "
                                           f"由 李副书记 修改，{KEEP}")
    assert dialog.isVisible()   # the dialog stays open with what the user entered
    assert (dialog.announced.value(), dialog.delivered.value(), dialog.note.text()) == (
        D(2026, 10, 15), D(2026, 10, 16), "在镇机关干部大会上宣布")
    stored = execution.execution_of(ws, form.saved.id)
    assert (stored.announced_date, stored.delivered_date, stored.note) == (D(2026, 10, 13), None, "李副书记登记")
    assert prompts.texts("error") == []

    # reopened, the user's save goes through over desk B's
    dialog.close()
    again = SanctionExecutionDialog(wang_ctx, form.saved.id, parent=form)
    show(qtbot, again, (760, 860))
    assert again.announced.value() == D(2026, 10, 13)
    again.delivered.set_value(D(2026, 10, 16))
    click(qtbot, again.dates.button)
    assert again.dates.general.text() == ""
    assert execution.execution_of(ws, form.saved.id).delivered_date == D(2026, 10, 16)


def test_a_ledger_outcome_saved_on_another_desk_refuses_this_forms_row_and_two_added_leaders_save(
        wang_ctx, desk_b, qtbot, prompts):
    ws = wang_ctx.workspace
    case = open_case(ws)
    e = ledger_entries.create_ledger_entry(ws, case_id=case.id, unit="青山村", entry_date=D(2026, 9, 10), leaders=[
        LedgerLeaderInput(name="李支书", post="党支部书记", responsibility="principal")])
    form = show(qtbot, LedgerForm(wang_ctx, e.id), (1200, 700))
    leader_id = e.leaders[0]["id"]
    ledger_entries.set_leader_outcome(desk_b, leader_id, "integrity_talk", D(2026, 10, 9))   # desk B first

    choose(form.leaders.editor(0, "outcome"), "closed_no_fault")
    form.leaders.editor(0, "outcome_date").set_value(D(2026, 10, 10))
    click(qtbot, form.save_button)
    message = f"台账 {e.number} 中李支书的处理结果已于 {_when(ws, LedgerLeader, leader_id)} 由 李副书记 修改，{KEEP}"
    assert prompts.texts("error") == [message]
    assert form.isVisible() and form.is_dirty()
    assert (form.leaders.editor(0, "outcome").value(), form.leaders.editor(0, "outcome_date").value()) == (
        "closed_no_fault", D(2026, 10, 10))
    assert ledger_entries.get_ledger_entry(ws, e.id).leaders[0]["outcome"] == "integrity_talk"

    # reopened: two leaders added in one save (each add raises the entry's version; the form keeps up)
    prompts.answer(1)   # 放弃 the refused edit
    form.close()
    form = show(qtbot, LedgerForm(wang_ctx, e.id), (1200, 700))
    for name, post, resp in (("张村长", "村委会主任", "leadership"), ("赵委员", "纪检委员", "supervisory")):
        row = form.leaders.add_leader()
        type_text(qtbot, form.leaders.editor(row, "name"), name)
        type_text(qtbot, form.leaders.editor(row, "post"), post)
        choose(form.leaders.editor(row, "responsibility"), resp)
    click(qtbot, form.save_button)
    assert prompts.texts("error") == [message]   # nothing new refused
    assert [x["name"] for x in ledger_entries.get_ledger_entry(ws, e.id).leaders] == ["李支书", "张村长", "赵委员"]


def test_the_number_entered_in_the_identity_dialog_keeps_the_person_tables_next_save_in_step(
        wang_ctx, desk_b, qtbot, prompts):
    """The 身份证号 is a change of the person row; the table learns the version of this desk's own save, so
    its next row save goes through, while a save after another desk's change of the person is refused."""
    from gui.dialogs.case_form import CaseForm
    from models import Person
    from tests.services.daily.conftest import VALID_ID

    ws = wang_ctx.workspace
    case = open_case(ws)
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    table = form.persons
    table.setCurrentCell(0, 0)
    table.identity_action.trigger()
    dialog = table.identity_dialog
    type_text(qtbot, dialog.number, VALID_ID)
    click(qtbot, dialog.save_button)
    assert dialog.message.text() == "已保存身份证号：11****************"
    dialog.accept()

    post = table.editor(0, "post")
    post.clear()
    type_text(qtbot, post, "出纳")
    click(qtbot, form.save_button)
    assert prompts.texts("error") == []
    assert cases.get_case(ws, case.id).persons[0].post == "出纳"

    # another desk changes the person; this form's next save of the row is refused, the typed text kept
    pid = case.persons[0].id
    mine = cases.get_case(desk_b, case.id).persons[0]
    cases.update_person(desk_b, pid, PersonInput(name="王五", unit="青山镇农业办", post=mine.post,
                                                 is_party_member=True), expected_version=mine.version)
    post.clear()
    type_text(qtbot, post, "会计主管")
    click(qtbot, form.save_button)
    with ws.reading() as s:
        when = f"{s.get(Person, pid).updated_at.astimezone():%Y-%m-%d %H:%M}"
    assert prompts.texts("error") == [f"被调查人 王五 已于 {when} 由 李副书记 修改，{KEEP}"]
    assert post.text() == "会计主管" and form.is_dirty()
    assert cases.get_case(ws, case.id).persons[0].unit == "青山镇农业办"


def test_a_person_edited_in_the_case_form_opened_from_its_lead_is_saved_with_the_case(wang_ctx, qtbot, prompts):
    """立案 moves the lead's person rows into the case (a change of each: its version goes up); the edits
    typed into the prefilled rows are saved right after, from the version 立案 left, not refused."""
    from gui.dialogs.lead_form import LeadForm
    from services.casework import leads
    from tests.helpers.gui_hands import ctrl_s
    from tests.helpers.gui_records import make_lead
    from tests.helpers.verification import approve_plan

    ws = wang_ctx.workspace
    lead = make_lead(ws, received=D(2026, 11, 2))
    leads.dispose(ws, lead.id, "preliminary_verification", D(2026, 11, 3), "集体研究", "李四、赵六")
    approve_plan(ws, lead.id, D(2026, 11, 3))
    lf = show(qtbot, LeadForm(wang_ctx, lead.id))
    cf = lf.open_case_form()
    qtbot.waitExposed(cf)
    post = cf.persons.editor(0, "post")
    post.clear()
    type_text(qtbot, post, "副主任")
    cf.filing_date.set_value(D(2026, 11, 10))
    ctrl_s(qtbot, cf.title)
    assert prompts.texts("error") == []
    assert cf.case_id is not None and cases.get_case(ws, cf.case_id).persons[0].post == "副主任"
