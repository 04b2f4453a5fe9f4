"""The issue's headline walk through the real widgets: a complaint becomes a lead, a case, a sanction and a
一案双查 entry, and the 工作台 counters and due list change accordingly.

Who does what, as in a township office: the clerk registers and accepts the complaint, the case officer
disposes the lead, the secretary approves, the officer files the case, records the sanction and the ledger.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.case_form import CaseForm
from gui.dialogs.complaint_followup import ContactDialog
from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_form import LeadForm
from gui.form_widgets import ActionDialog
from gui.pages.dashboard_page import DashboardPage
from gui.pages.leads_page import LeadsPage
from gui.pages.ledger_page import LedgerPage
from services.casework import cases, intake, leads, ledger_entries, listing, measures
from services.storage import attachments
from tests.gui.conftest import add_user, type_text, when_modal
from tests.helpers.gui_hands import activate, choose, click, ctrl_s, show
from tests.helpers.gui_stages import enter_stage
from tests.helpers.gui_users import sign_in


def run_action(qtbot, form, code: str, when: dt.date) -> None:
    """Press one of the complaint form's action buttons and confirm its dialog with ``when``."""
    def confirm(dialog):
        assert isinstance(dialog, ActionDialog)
        dialog.date_edit.set_value(when)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(confirm)
    click(qtbot, form.action_buttons[code])


def dashboard_numbers(qtbot, ctx) -> tuple[dict, list]:
    page = show(qtbot, DashboardPage(ctx), (1280, 800))
    numbers = {k: v[0] for k, v in page.counter_values().items()}, page.due_rows()
    page.close()
    return numbers


def test_complaint_to_lead_to_case_to_sanction_to_ledger_and_the_dashboard(wang_ctx, qtbot, tmp_path):
    ws = wang_ctx.workspace
    add_user(wang_ctx, "xu", ["clerk"])
    add_user(wang_ctx, "li", ["officer"])
    before, due_before = dashboard_numbers(qtbot, wang_ctx)                      # as wang, the secretary
    assert due_before == []

    # 1. the clerk registers a 实名 accusation with a scanned letter, and accepts it
    sign_in(wang_ctx, "xu")
    scan = tmp_path / "来信扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scanned letter\n")
    cf = show(qtbot, ComplaintForm(wang_ctx), (1100, 800))
    cf.received_date.set_value(dt.date(2026, 11, 2))
    choose(cf.channel, "letter")
    choose(cf.kind, "accusation")
    choose(cf.signature, "real_name")
    type_text(qtbot, cf.c_name, "赵铁柱")
    type_text(qtbot, cf.c_phone, "13912345678")
    type_text(qtbot, cf.receiver, "徐登记")
    type_text(qtbot, cf.main_problem, "反映张三、王五在危房改造补助发放中收受礼金")
    for row, (name, member) in enumerate((("张三", True), ("王五", False))):
        while cf.subjects.rowCount() <= row:
            click(qtbot, cf.add_subject_button)
        type_text(qtbot, cf.subjects.editor(row, "name"), name)
        type_text(qtbot, cf.subjects.editor(row, "unit"), "青山镇农业办")
        type_text(qtbot, cf.subjects.editor(row, "post"), "主任" if member else "工作人员")
        choose(cf.subjects.editor(row, "rank"), "township_level" if member else "general_cadre")
        choose(cf.subjects.editor(row, "is_party_member"), member)
        choose(cf.subjects.editor(row, "is_supervised_object"), True)
    cf.add_files([scan])
    ctrl_s(qtbot, cf.main_problem)
    assert cf.view is not None and cf.view.number == "XF2026-0001"
    complaint_id = cf.view.id
    assert [a.filename for a in attachments.list_attachments(ws, ("complaint", complaint_id))] == ["来信扫描件.pdf"]
    run_action(qtbot, cf, "accept", dt.date(2026, 11, 3))
    assert cf.view.state == "accepted" and cf.view.lead_id
    lead_id = cf.view.lead_id
    cf.close()

    # 2. the officer finds the lead in the list and disposes it: 初步核实 with two verifiers
    sign_in(wang_ctx, "li")
    page = show(qtbot, LeadsPage(wang_ctx), (1280, 800))
    assert page.row_texts("source") == ["信访举报"] and page.row_texts("persons") == ["张三、王五"]
    index = page.model.index(0, 0)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    lf = page.forms[lead_id]
    assert isinstance(lf, LeadForm) and "XF2026-0001" in lf.complaint_link.text()
    lf.tabs.setCurrentIndex(1)
    click(qtbot, lf.disposition_radios["preliminary_verification"])
    lf.disposition_date.set_value(dt.date(2026, 11, 4))
    type_text(qtbot, lf.collective_note, "11月4日纪委会议集体研究，同意初步核实")
    type_text(qtbot, lf.verifiers, "李四、赵六")
    ctrl_s(qtbot, lf.verifiers)
    assert lf.approval.text() == "待纪委书记审批" and not lf.case_button.isVisible()
    plan = lf.work_plan_box                                  # the 初核工作方案, then its approval
    assert plan.isVisible() and plan.state.text() == "尚未填写工作方案" and not plan.approve_button.isVisible()
    type_text(qtbot, plan.text, "核查组李四、赵六：调取村务账目，约谈知情人，一个月内完成")
    click(qtbot, plan.save_button)
    qtbot.waitUntil(lambda: plan.state.text() == "待纪委书记审批")
    assert page.row_texts("approved") == ["待审批"]
    lf.close()

    # 3. the secretary approves
    sign_in(wang_ctx, "wang")
    lf = show(qtbot, LeadForm(wang_ctx, lead_id))
    lf.tabs.setCurrentIndex(1)
    click(qtbot, lf.approve_button)
    assert lf.approval.text() == "已审批（王书记）"
    assert lf.result_hint.text() == "初核工作方案经纪委书记审批后才能登记初核结果或立案。"
    lf.work_plan_box.approval_date.set_value(dt.date(2026, 11, 5))
    click(qtbot, lf.work_plan_box.approve_button)
    qtbot.waitUntil(lambda: lf.work_plan_box.state.text() == "已审批（王书记，2026-11-05）")
    assert lf.case_button.isVisible()
    lf.close()

    # 4. the officer files the case from the lead and moves it through the stages
    sign_in(wang_ctx, "li")
    lf = show(qtbot, LeadForm(wang_ctx, lead_id))
    lf.tabs.setCurrentIndex(1)
    click(qtbot, lf.case_button)
    case_form = lf.children_forms[-1]
    assert isinstance(case_form, CaseForm)
    qtbot.waitExposed(case_form)
    assert [case_form.persons.editor(r, "name").text() for r in range(2)] == ["张三", "王五"]
    case_form.filing_date.set_value(dt.date(2026, 11, 10))
    type_text(qtbot, case_form.filing_approver, "王书记")
    case_form.eight_rules.setChecked(True)
    choose(case_form.eight_rules_type, "gifts")
    ctrl_s(qtbot, case_form.title)
    case_id = case_form.case_id
    assert case_id is not None and "已办结（立案）" in lf.status.text()
    assert not case_form.advance_button.isEnabled()          # the officer's 立案 waits for the secretary
    assert not case_form.approve_filing_button.isVisible()
    sign_in(wang_ctx, "wang")
    case_form.load(case_id)
    qtbot.waitUntil(lambda: case_form.approve_filing_button.isVisible())
    click(qtbot, case_form.approve_filing_button)
    qtbot.waitUntil(lambda: case_form.advance_button.isEnabled())
    assert not case_form.approve_filing_button.isVisible()
    enter_stage(qtbot, case_form, dt.date(2026, 11, 12))                       # each change in its dialog
    stage_dialog = enter_stage(qtbot, case_form, dt.date(2026, 11, 11))        # before 审查调查: refused
    assert stage_dialog.errors.message("date") == "移送审理日期（2026-11-11）不能早于审查调查日期（2026-11-12）"
    stage_dialog.date.set_value(dt.date(2026, 11, 16))
    click(qtbot, stage_dialog.ok_button)
    assert cases.get_case(ws, case_id).stage == "referred_for_trial"

    # 5. sanctions: refused for the non-member, recorded for the member with its effect period and form
    case_form.tabs.setCurrentIndex(2)
    click(qtbot, case_form.add_measure_button)
    mf = case_form.children_forms[-1]
    qtbot.waitExposed(mf)
    persons = {p.name: p.id for p in case_form.view.persons}
    choose(mf.person, persons["王五"])
    choose(mf.category, "party_sanction")
    choose(mf.kind, "party_warning")
    mf.decision_date.set_value(dt.date(2026, 11, 18))
    click(qtbot, mf.save_button)
    assert "非中共党员不能给予党纪处分" in mf.errors.message("kind")
    choose(mf.person, persons["张三"])
    type_text(qtbot, mf.document_number, "QJF-2026-5")
    click(qtbot, mf.save_button)
    assert (mf.effect_end.text(), mf.form_label.text()) == ("2027-11-18", "第二种形态")
    assert [m.kind for m in measures.measures_of(ws, case_id=case_id)] == ["party_warning"]
    assert case_form.measures.rowCount() == 1
    mf.close()
    case_form.close()
    lf.close()

    # 6. the 一案双查 entry with one leader held accountable
    ledger_page = show(qtbot, LedgerPage(wang_ctx), (1280, 800))
    activate(qtbot, ledger_page)
    ledger_page.view.setFocus()
    qtbot.keyClick(ledger_page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = ledger_page.forms[None]
    qtbot.waitExposed(form)
    choose(form.case, case_id)
    type_text(qtbot, form.unit, "青山镇农业办")
    form.entry_date.set_value(dt.date(2026, 11, 19))
    leader = form.leaders
    type_text(qtbot, leader.editor(0, "name"), "刘主任")
    choose(leader.editor(0, "position_type"), "principal_leader")
    choose(leader.editor(0, "responsibility"), "principal")
    choose(leader.editor(0, "outcome"), "held_accountable")
    leader.editor(0, "outcome_date").set_value(dt.date(2026, 11, 19))
    choose(leader.editor(0, "accountability_method"), "admonishment")
    type_text(qtbot, leader.editor(0, "basis"), "《中国共产党问责条例》第七条")
    ctrl_s(qtbot, form.unit)
    assert form.entry_id is not None and ledger_page.row_texts("unit") == ["青山镇农业办"]
    entry = ledger_entries.get_ledger_entry(ws, form.entry_id)
    assert entry.case_id == case_id and entry.leaders[0]["method_label"] == "诫勉"
    form.close()
    ledger_page.close()

    # 7. the 工作台: this month's counters grew by one each; the notice to the 实名 complainant is due
    sign_in(wang_ctx, "wang")
    after, due_after = dashboard_numbers(qtbot, wang_ctx)
    for key in ("complaints_received", "leads_disposed", "cases_filed", "persons_sanctioned"):
        assert after[key] == before[key] + 1, key
    assert after["cases_closed"] == before["cases_closed"]
    assert [(r[0], r[1], r[2], r[4]) for r in due_after] == [
        ("即将到期", "XF2026-0001", "信访件：实名举报受理告知", "剩余 1 个工作日")]

    # the clerk sends the acceptance notice: the item leaves the due list
    sign_in(wang_ctx, "xu")
    cf = show(qtbot, ComplaintForm(wang_ctx, complaint_id), (1100, 800))
    def notify(dialog):   # 受理告知: how (电话) and by whom (the clerk, prefilled)
        assert isinstance(dialog, ContactDialog)
        choose(dialog.method, "phone")
        dialog.date_edit.set_value(dt.date(2026, 11, 20))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(notify)
    click(qtbot, cf.action_buttons["acceptance_notice"])
    cf.close()
    sign_in(wang_ctx, "wang")
    _, due_final = dashboard_numbers(qtbot, wang_ctx)
    assert due_final == []

    # every step left its trace in the items' timelines
    assert listing.query_ids(ws, listing.ListQuery(entity="case")) == [case_id]
    lead = leads.get_lead(ws, lead_id)
    assert lead.result == "case_filed" and lead.approver_name == "王书记"
    assert intake.get_complaint(ws, complaint_id).acceptance_notice_date == dt.date(2026, 11, 20)
