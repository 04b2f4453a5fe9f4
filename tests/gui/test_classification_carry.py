"""Classifications carry forward through the real forms (issue 14 item 6): a complaint's 八项规定 sub-type
shows in the lead 受理 made (opened from the complaint form), the case form from that lead starts with
the lead's, and a 一案双查 entry made from the case form starts with the case's 线索来源."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.lead_form import LeadForm
from gui.dialogs.ledger_form import LedgerForm
from gui.form_widgets import ActionDialog
from gui.pages.complaints_page import ComplaintsPage
from services.casework import cases, intake, leads, ledger_entries, timeline
from services.casework.intake import ComplaintInput, SubjectInput
from tests.gui.conftest import type_text, when_modal
from tests.helpers.gui_hands import activate, choose, click, ctrl_s, show
from tests.helpers.verification import approve_plan

D = dt.date


def _complaint(ws, sub_type: str | None):
    return intake.register_complaint(ws, ComplaintInput(
        received_date=D(2026, 11, 2), channel="letter", kind="accusation", signature="anonymous",
        subjects=[SubjectInput(name="张三", unit="青山村村委会", post="村主任", is_party_member=True)],
        main_problem="反映张三用公款宴请", discipline="integrity", eight_rules_type=sub_type, receiver_name="李登记"))


def _click_link(qtbot, label) -> None:
    """A click on a label that holds only its link (the label is as wide as the link's text)."""
    assert label.isVisible()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=label.rect().center())


def _fill_and_save_entry(qtbot, entry_form, when: dt.date) -> None:
    """The unit, the date and one leader (主体责任), then Ctrl+S: the entry is saved."""
    type_text(qtbot, entry_form.unit, "青山村村委会")
    entry_form.entry_date.set_value(when)
    type_text(qtbot, entry_form.leaders.editor(0, "name"), "赵某")
    choose(entry_form.leaders.editor(0, "responsibility"), "principal")
    ctrl_s(qtbot, entry_form.unit)
    assert entry_form.entry_id is not None


def test_sub_type_goes_from_the_complaint_to_its_lead_case_and_ledger_entry(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    c = _complaint(ws, "dining")
    page = show(qtbot, ComplaintsPage(wang_ctx), (1280, 800))
    form = page.open_complaint(c.id)                                       # from the 信访登记 page
    qtbot.waitExposed(form)
    when_modal(lambda dialog: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
               if isinstance(dialog, ActionDialog) else None)
    click(qtbot, form.action_buttons["accept"])                            # 受理: the lead is made
    lead_id = intake.get_complaint(ws, c.id).lead_id
    assert lead_id is not None and form.lead_link.text().endswith("查看线索</a>")

    _click_link(qtbot, form.lead_link)
    lf = form.lead_form
    qtbot.waitExposed(lf)
    assert isinstance(lf, LeadForm) and lf.lead_id == lead_id
    assert lf.eight_rules.isChecked() and lf.eight_rules_type.currentText() == "违规吃喝"
    assert lf.eight_rules.isEnabled() and lf.eight_rules_type.isEnabled()   # still the user's to change
    choose(lf.eight_rules_type, "gifts")
    assert lf.is_dirty()
    ctrl_s(qtbot, lf.summary)
    assert not lf.is_dirty() and lf.view.eight_rules_type == "gifts"
    assert leads.get_lead(ws, lead_id).eight_rules_type == "gifts"
    assert "八项规定问题类别改为：违反中央八项规定精神（违规收送名贵特产和礼品礼金）" in [
        e.text_zh for e in timeline.timeline(ws, "lead", lead_id)]

    leads.dispose(ws, lead_id, "preliminary_verification", D(2026, 11, 20), "纪委会议集体研究", "王一、王二")
    approve_plan(ws, lead_id, D(2026, 11, 20))
    lf = show(qtbot, LeadForm(wang_ctx, lead_id))
    cf = lf.open_case_form()                                               # 立案 from the lead
    qtbot.waitExposed(cf)
    assert cf.eight_rules.isChecked() and cf.eight_rules_type.currentText() == "违规收送名贵特产和礼品礼金"
    assert cf.eight_rules_type.isEnabled()
    cf.filing_date.set_value(D(2026, 11, 20))
    ctrl_s(qtbot, cf.title)
    assert cf.case_id is not None
    case = cases.get_case(ws, cf.case_id)
    assert (case.eight_rules, case.eight_rules_type) == (True, "gifts")
    assert not lf.eight_rules.isEnabled()                                  # the case carries its own now

    activate(qtbot, cf)
    cf.tabs.setCurrentIndex(2)                                             # 处分处理
    click(qtbot, cf.ledger_button)
    entry_form = cf.children_forms[-1]
    qtbot.waitExposed(entry_form)
    assert isinstance(entry_form, LedgerForm) and entry_form.case.currentData() == cf.case_id
    assert entry_form.lead_source.currentText() == "信访举报"            # the case's 线索来源
    assert not entry_form.is_dirty()
    _fill_and_save_entry(qtbot, entry_form, D(2026, 11, 20))
    assert ledger_entries.get_ledger_entry(ws, entry_form.entry_id).lead_source == "complaint"


def test_a_new_lead_form_for_a_complaint_starts_with_its_sub_type_and_an_entry_keeps_a_cleared_source(
        wang_ctx, qtbot):
    ws = wang_ctx.workspace
    c = _complaint(ws, "allowances")
    lf = show(qtbot, LeadForm(wang_ctx, complaint_id=c.id))
    assert lf.eight_rules.isChecked() and lf.eight_rules_type.currentText() == "违规发放津补贴或福利"
    lf.eight_rules.setChecked(False)                                      # the user's choice is kept
    type_text(qtbot, lf.summary, "反映违规发放补贴")
    type_text(qtbot, lf.persons.editor(0, "name"), "李四")
    ctrl_s(qtbot, lf.summary)
    assert lf.lead_id is not None and (lf.view.eight_rules, lf.view.eight_rules_type) == (False, None)

    other = leads.get_lead(ws, intake.accept(ws, _complaint(ws, None).id, D(2026, 11, 3)).lead_id)
    leads.dispose(ws, other.id, "preliminary_verification", D(2026, 11, 4), "集体研究", "王一、王二")
    approve_plan(ws, other.id, D(2026, 11, 4))
    case = cases.open_case(ws, lead_id=other.id, filing_date=D(2026, 11, 10))
    entry_form = show(qtbot, LedgerForm(wang_ctx, case_id=case.id))
    assert entry_form.lead_source.currentText() == "信访举报"
    entry_form.lead_source.setCurrentIndex(0)                             # （未填）: stays empty
    entry_form.lead_source.activated.emit(0)
    assert entry_form.lead_source.currentText() == "（未填）"
    _fill_and_save_entry(qtbot, entry_form, D(2026, 11, 12))
    assert ledger_entries.get_ledger_entry(ws, entry_form.entry_id).lead_source is None
